package app

import (
	"context"
	"flag"
	"os"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/metrics"
)

// HTTPSettings are the --http hardening and observability settings.
type HTTPSettings struct {
	RequestTimeout  time.Duration // body of one request (headers: at most headerTimeout)
	IdleTimeout     time.Duration // idle keep-alive connection
	SessionIdleTTL  time.Duration // 0: sessions never expire
	MaxUnauthConns  int           // connections not yet authenticated, all remotes together
	MetricsAddr     string        // "": /metrics on --http behind caller auth
	ReplicaID       string        // "": the host name
	readinessChecks []ReadinessCheck
	metrics         *metrics.Metrics // built by serve for --http
}

// prepare fills the replica id (the host name by default) and builds the
// metrics of an --http server.
func (s *HTTPSettings) prepare() {
	if s.ReplicaID == "" {
		s.ReplicaID, _ = os.Hostname()
	}
	s.metrics = metrics.New(version(), s.ReplicaID)
}

// ReadinessCheck is one named check of /readyz; Check returns nil when the
// dependency is usable. Its error text is shown on /readyz (unauthenticated),
// so it must not carry secrets (a Redis URL's password, say).
type ReadinessCheck struct {
	Name  string
	Check func(ctx context.Context) error
}

// AddReadinessCheck adds a /readyz check (the shared-state store adds one).
func (c *Config) AddReadinessCheck(name string, check func(ctx context.Context) error) {
	c.HTTP.readinessChecks = append(c.HTTP.readinessChecks, ReadinessCheck{Name: name, Check: check})
}

// httpSettings are the configuration rows of HTTPSettings.
func httpSettings() []setting {
	return []setting{
		{name: "request-timeout", def: "30s", help: "longest time one HTTP request's body may take to arrive (headers get at most 10s), applied before authentication; a slower connection is closed", bind: func(c *Config) flag.Value {
			return durationValue{&c.HTTP.RequestTimeout, time.Second, 10 * time.Minute}
		}},
		{name: "idle-timeout", def: "2m", help: "how long an idle keep-alive HTTP connection stays open", bind: func(c *Config) flag.Value { return durationValue{&c.HTTP.IdleTimeout, time.Second, time.Hour} }},
		{name: "session-idle-ttl", def: "15m", help: "an MCP session (streamable HTTP or SSE) with no request for this long is ended and its memory freed; the client re-initializes (0: never)", bind: func(c *Config) flag.Value { return durationValue{&c.HTTP.SessionIdleTTL, 0, 24 * time.Hour} }},
		{name: "max-unauthenticated-conns", def: "1024", help: "HTTP connections that have not yet sent a valid request, all remote addresses together; more are closed at once", bind: func(c *Config) flag.Value { return intValue{&c.HTTP.MaxUnauthConns, 1, 1 << 20} }},
		{name: "metrics-addr", help: "serve Prometheus /metrics on this separate ADDR without auth (keep it private); unset: /metrics on --http behind caller auth", bind: func(c *Config) flag.Value { return addrValue{&c.HTTP.MetricsAddr} }},
		{name: "replica-id", help: "name of this replica in logs and metrics (default: the host name)", bind: func(c *Config) flag.Value { return stringValue{&c.HTTP.ReplicaID} }},
	}
}

// telemetry is what the HTTP layer puts in each request's context for the
// per-call log line and metrics (logging.go): the server's metrics, the
// replica and the request id.
type telemetry struct {
	metrics   *metrics.Metrics
	replica   string
	requestID string
}

type telemetryKey struct{}

func withTelemetry(ctx context.Context, t telemetry) context.Context {
	return context.WithValue(ctx, telemetryKey{}, t)
}

func telemetryFrom(ctx context.Context) telemetry {
	t, _ := ctx.Value(telemetryKey{}).(telemetry)
	return t
}
