// Package metrics holds freshdesk-mcp's Prometheus metrics. Each server
// builds its own Metrics with its own registry (never the global default
// one), so tests and several servers in one process never share counters.
// Labels carry only bounded, non-secret values: tool names, outcomes, HTTP
// methods and status codes, fixed reason words. Never a caller, a token, a
// ticket id or customer text.
package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
)

// namespace prefixes every metric name.
const namespace = "freshdesk_mcp"

// Metrics is one server's set of metrics. A nil *Metrics is valid and
// records nothing, so code paths without metrics (stdio, the CLI, tests)
// need no checks.
type Metrics struct {
	reg   *prometheus.Registry
	names *[]string // every metric name New registers, in order

	toolCalls        *prometheus.CounterVec
	toolDuration     *prometheus.HistogramVec
	creditsSpent     prometheus.Counter
	rateRemaining    prometheus.Gauge
	rateTotal        prometheus.Gauge
	upstreamRequests *prometheus.CounterVec
	upstreamErrors   *prometheus.CounterVec
	rateLimited      prometheus.Counter
	cooldowns        *prometheus.CounterVec
	cooldownSeconds  *prometheus.CounterVec
	refusals         *prometheus.CounterVec
	sessionsOpen     *prometheus.GaugeVec
	sessionsExpired  *prometheus.CounterVec
	connsRefused     prometheus.Counter
	redisErrors      *prometheus.CounterVec
}

// New builds the metrics on a fresh registry, with the Go runtime and
// process collectors (memory, goroutines, file descriptors) and a build
// info gauge labelled with version and replica.
func New(version, replica string) *Metrics {
	reg := prometheus.NewRegistry()
	f := factory{reg: reg, names: new([]string)}
	m := &Metrics{
		reg:   reg,
		names: f.names,
		toolCalls: f.counterVec("tool_calls_total",
			"MCP tool calls by tool and outcome (ok, tool_error, protocol_error).", "tool", "outcome"),
		toolDuration: f.histogramVec("tool_call_duration_seconds",
			"Duration of MCP tool calls, Freshdesk round trips included.", []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60}, "tool"),
		creditsSpent: f.counter("upstream_credits_spent_total",
			"Freshdesk API credits spent (X-RateLimit-Used-CurrentRequest, 1 when absent)."),
		rateRemaining: f.gauge("upstream_rate_limit_remaining",
			"Credits left in the account's current rate-limit minute, as Freshdesk last reported (X-RateLimit-Remaining)."),
		rateTotal: f.gauge("upstream_rate_limit_total",
			"The account's credits per minute, as Freshdesk last reported (X-RateLimit-Total)."),
		upstreamRequests: f.counterVec("upstream_requests_total",
			"Freshdesk HTTP responses by method and status code, retries included.", "method", "code"),
		upstreamErrors: f.counterVec("upstream_transport_errors_total",
			"Freshdesk attempts that got no HTTP response (connection refused, reset, timeout).", "method"),
		rateLimited: f.counter("upstream_rate_limited_total",
			"Freshdesk 429 Too Many Requests responses."),
		cooldowns: f.counterVec("upstream_cooldowns_total",
			"Pauses in sending to Freshdesk, by reason: 429 (Retry-After) or reserve (the rate-limit reserve held calls back).", "reason"),
		cooldownSeconds: f.counterVec("upstream_cooldown_seconds_total",
			"Total length of the pauses in upstream_cooldowns_total, in seconds.", "reason"),
		refusals: f.counterVec("refusals_total",
			"Tool calls refused by policy, by reason: budget (caller credit budget) or confirmation (token missing, invalid or declined).", "reason"),
		sessionsOpen: f.gaugeVec("sessions_open",
			"MCP sessions currently open.", "transport"),
		sessionsExpired: f.counterVec("sessions_expired_total",
			"MCP sessions ended by the idle expiry (--session-idle-ttl).", "transport"),
		connsRefused: f.counter("http_connections_refused_total",
			"HTTP connections closed at once because too many connections had not authenticated yet (--max-unauthenticated-conns)."),
		redisErrors: f.counterVec("redis_errors_total",
			"Errors talking to Redis (shared state), by operation.", "op"),
	}
	info := f.gaugeVec("build_info", "Always 1; labels say the version and replica.", "version", "replica")
	info.WithLabelValues(version, replica).Set(1)
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in the Prometheus exposition format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Gatherer is the registry, for tests and custom exporters.
func (m *Metrics) Gatherer() prometheus.Gatherer { return m.reg }

// ToolCall records one tool call.
func (m *Metrics) ToolCall(tool, outcome string, d time.Duration) {
	if m == nil {
		return
	}
	m.toolCalls.WithLabelValues(tool, outcome).Inc()
	m.toolDuration.WithLabelValues(tool).Observe(d.Seconds())
}

// Refusal counts a call refused by policy; reason is a fixed word:
// "budget", "confirmation", "duplicate" or "mode".
func (m *Metrics) Refusal(reason string) {
	if m != nil {
		m.refusals.WithLabelValues(reason).Inc()
	}
}

// SessionOpened and SessionClosed keep sessions_open; transport is
// "streamable" or "sse".
func (m *Metrics) SessionOpened(transport string) {
	if m != nil {
		m.sessionsOpen.WithLabelValues(transport).Inc()
	}
}

// SessionClosed is the counterpart of SessionOpened.
func (m *Metrics) SessionClosed(transport string) {
	if m != nil {
		m.sessionsOpen.WithLabelValues(transport).Dec()
	}
}

// SessionExpired counts a session ended by idle expiry.
func (m *Metrics) SessionExpired(transport string) {
	if m != nil {
		m.sessionsExpired.WithLabelValues(transport).Inc()
	}
}

// ConnectionRefused counts a connection closed by the unauthenticated bound.
func (m *Metrics) ConnectionRefused() {
	if m != nil {
		m.connsRefused.Inc()
	}
}

// RedisError counts one failed Redis operation; op is a fixed word such as
// "get", "set", "eval" or "connect" (never a key: keys hold caller names).
func (m *Metrics) RedisError(op string) {
	if m != nil {
		m.redisErrors.WithLabelValues(op).Inc()
	}
}

// Upstream returns the fdapi.Observer for one Freshdesk client. account
// says whether this client is the server's own account, whose rate-limit
// state the remaining/total gauges show (a caller-supplied account's
// requests are counted but do not move the gauges).
func (m *Metrics) Upstream(account bool) fdapi.Observer {
	if m == nil {
		return nil
	}
	return upstream{m: m, account: account}
}

type upstream struct {
	m       *Metrics
	account bool
}

func (u upstream) Response(method string, status, credits int, rate fdapi.RateState) {
	u.m.upstreamRequests.WithLabelValues(method, strconv.Itoa(status)).Inc()
	u.m.creditsSpent.Add(float64(credits))
	if status == http.StatusTooManyRequests {
		u.m.rateLimited.Inc()
	}
	if u.account && rate.Known {
		u.m.rateRemaining.Set(float64(rate.Remaining))
		u.m.rateTotal.Set(float64(rate.Total))
	}
}

func (u upstream) TransportError(method string) {
	u.m.upstreamErrors.WithLabelValues(method).Inc()
}

func (u upstream) Cooldown(reason string, wait time.Duration) {
	u.m.cooldowns.WithLabelValues(reason).Inc()
	u.m.cooldownSeconds.WithLabelValues(reason).Add(wait.Seconds())
}

// Names lists the full names of this package's own metrics (not the Go
// runtime and process collectors'), as documented in the README.
func (m *Metrics) Names() []string { return append([]string(nil), *m.names...) }

// factory registers each metric on reg as it is built and records its name.
type factory struct {
	reg   *prometheus.Registry
	names *[]string
}

func (f factory) add(c prometheus.Collector, name string) {
	f.reg.MustRegister(c)
	*f.names = append(*f.names, prometheus.BuildFQName(namespace, "", name))
}

func (f factory) counter(name, help string) prometheus.Counter {
	c := prometheus.NewCounter(prometheus.CounterOpts{Namespace: namespace, Name: name, Help: help})
	f.add(c, name)
	return c
}

func (f factory) counterVec(name, help string, labels ...string) *prometheus.CounterVec {
	c := prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: name, Help: help}, labels)
	f.add(c, name)
	return c
}

func (f factory) gauge(name, help string) prometheus.Gauge {
	g := prometheus.NewGauge(prometheus.GaugeOpts{Namespace: namespace, Name: name, Help: help})
	f.add(g, name)
	return g
}

func (f factory) gaugeVec(name, help string, labels ...string) *prometheus.GaugeVec {
	g := prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: namespace, Name: name, Help: help}, labels)
	f.add(g, name)
	return g
}

func (f factory) histogramVec(name, help string, buckets []float64, labels ...string) *prometheus.HistogramVec {
	h := prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: namespace, Name: name, Help: help, Buckets: buckets}, labels)
	f.add(h, name)
	return h
}
