package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/mark3labs/mcp-go/server"

	"github.com/freshdesk-mcp/freshdesk-mcp/metrics"
)

// Paths served by --http.
const (
	pathMCP     = "/mcp"     // streamable HTTP
	pathSSE     = "/sse"     // legacy SSE (2024-11-05) event stream
	pathMessage = "/message" // legacy SSE message endpoint
	pathHealth  = "/healthz"
	pathReady   = "/readyz"
	pathMetrics = "/metrics" // behind caller auth, unless --metrics-addr
	pathWebhook = "/webhooks/freshdesk"
)

// httpHandler is the --http mux: streamable HTTP, legacy SSE, /healthz,
// /readyz and /metrics. shutdown ends the long-lived MCP streams so the
// HTTP server can drain.
type httpHandler struct {
	mux        http.Handler // the endpoints behind the session guard
	streamable *server.StreamableHTTPServer
	sse        *server.SSEServer
	sessions   *sessionBinder
	events     *boundedEventStore
	// front, when set, serves every request first: caller auth, Host/Origin
	// checks, body limit and per-request tightening (app/auth.go).
	front http.Handler
	opts  httpOptions
	// ready lists the /readyz checks; set before serving.
	ready []ReadinessCheck
	// webhook serves pathWebhook (nil: not configured). It has its own
	// secret, so it is served before the caller auth of front.
	webhook http.Handler
}

// httpOptions are the settings of one httpHandler; the zero value is a
// handler without timeouts, expiry or metrics (tests).
type httpOptions struct {
	// ownHostCheck turns mcp-go's loopback-only Host check off because the
	// front (app/auth.go) checks Host and Origin itself, with
	// --allowed-hosts and --allowed-origins.
	ownHostCheck bool
	settings     HTTPSettings
	metrics      *metrics.Metrics
}

func (h *httpHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if _, inner := r.Context().Value(telemetryKey{}).(telemetry); !inner {
		// Outermost handler: before anything else, even auth.
		withBodyDeadline(w, r, h.opts.settings.RequestTimeout)
		id := requestID(r)
		w.Header().Set(headerRequestID, id)
		r = r.WithContext(withTelemetry(r.Context(), telemetry{metrics: h.opts.metrics, replica: h.opts.settings.ReplicaID, requestID: id}))
	}
	if h.webhook != nil && r.URL.Path == pathWebhook {
		h.webhook.ServeHTTP(w, r)
		return
	}
	if h.front != nil {
		h.front.ServeHTTP(w, r)
		return
	}
	h.mux.ServeHTTP(w, r)
}

// closeStreams terminates MCP sessions and their open event streams.
func (h *httpHandler) closeStreams(ctx context.Context) {
	h.sessions.sse.close()
	h.sse.CloseSessions()
	_ = h.streamable.Shutdown(ctx) // mounted as a handler: only closes sessions
}

// newHTTPHandler mounts both MCP transports of s and /healthz on one mux,
// without timeouts, expiry or metrics (see newHTTPHandlerWith).
// mcp-go's DNS-rebinding protection stays on unless ownHostCheck.
func newHTTPHandler(s *server.MCPServer, logger *slog.Logger, ownHostCheck ...bool) *httpHandler {
	return newHTTPHandlerWith(s, logger, httpOptions{ownHostCheck: len(ownHostCheck) > 0 && ownHostCheck[0]})
}

// newHTTPHandlerWith mounts both MCP transports of s, /healthz, /readyz
// and (with metrics, unless on their own address) /metrics on one mux.
func newHTTPHandlerWith(s *server.MCPServer, logger *slog.Logger, o httpOptions) *httpHandler {
	own := o.ownHostCheck
	sessions := newSessionBinder(o.settings.SessionIdleTTL, o.metrics)
	events := newBoundedEventStore(maxSessionEventBytes)
	streamable := server.NewStreamableHTTPServer(s,
		server.WithDisableLocalhostProtection(own),
		// The caller and tightened filter the front put in the request context.
		server.WithHTTPContextFunc(requestPolicyContext),
		// Sessions are tracked, so a terminated session ID is refused, and
		// bound to the caller that opened them (app/sessions.go).
		server.WithSessionIdManagerResolver(sessions),
		// Without an event store mcp-go can drop the last notification sent
		// just before a tool returns (mcp-testing.md §1.7).
		// Bounded per session (event_store.go); mcp-go's keeps every event.
		server.WithEventStore(events),
		// With the event store a session outlives its connections; only
		// DELETE or this sweeper frees it (and its stored events).
		server.WithSessionIdleTTL(o.settings.SessionIdleTTL),
		server.WithStreamableHTTPLogger(logger),
	)
	// The message endpoint is advertised relative to the server root
	// ("/message?sessionId=..."), so it works behind a proxy that keeps paths.
	sse := server.NewSSEServer(s,
		server.WithSSEEndpoint(pathSSE),
		server.WithMessageEndpoint(pathMessage),
		server.WithKeepAlive(true),
		server.WithSSEDisableLocalhostProtection(own),
		server.WithSSEContextFunc(requestPolicyContext),
		server.WithSessionIDGenerator(sessions.sseSessionID),
	)
	h := &httpHandler{streamable: streamable, sse: sse, sessions: sessions, events: events, opts: o}
	mux := http.NewServeMux()
	mux.Handle(pathMCP, streamable)
	mux.Handle(pathSSE, sessions.sse.stream(sse))
	mux.Handle(pathMessage, sse)
	mux.HandleFunc(pathHealth, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		_ = json.NewEncoder(w).Encode(map[string]string{"status": "ok", "version": version()})
	})
	mux.Handle(pathReady, readyHandler(func() []ReadinessCheck { return h.ready }))
	if o.metrics != nil && o.settings.MetricsAddr == "" {
		mux.Handle(pathMetrics, o.metrics.Handler())
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "not found: MCP is served at "+pathMCP+" (streamable HTTP) and "+pathSSE+" (legacy SSE)", http.StatusNotFound)
	})
	h.mux = sessions.guard(jsonrpcGuard(mux))
	return h
}

// serveHTTP serves h on ln until ctx is cancelled, then shuts down
// gracefully: it stops accepting, ends the MCP event streams, and waits up to
// timeout for requests in flight. With --metrics-addr it also serves
// /metrics there.
func serveHTTP(ctx context.Context, ln net.Listener, h *httpHandler, timeout time.Duration, logger *slog.Logger) error {
	set := h.opts.settings
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: headerTimeout,
		IdleTimeout:       set.IdleTimeout,
		ConnContext:       connContext,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	if set.MaxUnauthConns > 0 {
		ln = newConnGate(set.MaxUnauthConns, h.opts.metrics.ConnectionRefused).listener(ln)
	}
	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(ln) }()
	var msrv *http.Server
	if set.MetricsAddr != "" && h.opts.metrics != nil {
		mln, err := net.Listen("tcp", set.MetricsAddr)
		if err != nil {
			_ = srv.Close()
			return fmt.Errorf("--metrics-addr %s: %w", set.MetricsAddr, err)
		}
		mux := http.NewServeMux()
		mux.Handle(pathMetrics, h.opts.metrics.Handler())
		msrv = &http.Server{Handler: mux, ReadHeaderTimeout: headerTimeout, IdleTimeout: set.IdleTimeout}
		go func() { errc <- msrv.Serve(mln) }()
		logger.Info("serving metrics", "metrics", "http://"+mln.Addr().String()+pathMetrics)
	}

	addr := ln.Addr().String()
	logger.Info("serving MCP over HTTP", "version", version(), "replica", set.ReplicaID,
		"streamable", "http://"+addr+pathMCP, "sse", "http://"+addr+pathSSE, "health", "http://"+addr+pathHealth, "ready", "http://"+addr+pathReady)

	select {
	case err := <-errc:
		return fmt.Errorf("http server: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down", "timeout", timeout)
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), timeout)
	defer cancel()
	if msrv != nil {
		_ = msrv.Close()
	}
	done := make(chan error, 1)
	go func() { done <- srv.Shutdown(sctx) }()
	// Shutdown closes the listener at once; the event streams never go idle
	// on their own, so end them for it.
	h.closeStreams(sctx)
	err := <-done
	if errors.Is(err, context.DeadlineExceeded) {
		_ = srv.Close()
		logger.Warn("shutdown timed out; closed remaining connections", "timeout", timeout)
		return nil
	}
	if err != nil {
		return fmt.Errorf("http shutdown: %w", err)
	}
	logger.Info("stopped")
	return nil
}
