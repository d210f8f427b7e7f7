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
)

// Paths served by --http.
const (
	pathMCP     = "/mcp"     // streamable HTTP
	pathSSE     = "/sse"     // legacy SSE (2024-11-05) event stream
	pathMessage = "/message" // legacy SSE message endpoint
	pathHealth  = "/healthz"
)

// httpHandler is the --http mux: streamable HTTP, legacy SSE and /healthz.
// shutdown ends the long-lived MCP streams so the HTTP server can drain.
type httpHandler struct {
	mux        http.Handler // the endpoints behind the session guard
	streamable *server.StreamableHTTPServer
	sse        *server.SSEServer
	// front, when set, serves every request first: caller auth, Host/Origin
	// checks, body limit and per-request tightening (app/auth.go).
	front http.Handler
}

func (h *httpHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.front != nil {
		h.front.ServeHTTP(w, r)
		return
	}
	h.mux.ServeHTTP(w, r)
}

// closeStreams terminates MCP sessions and their open event streams.
func (h *httpHandler) closeStreams(ctx context.Context) {
	h.sse.CloseSessions()
	_ = h.streamable.Shutdown(ctx) // mounted as a handler: only closes sessions
}

// newHTTPHandler mounts both MCP transports of s and /healthz on one mux.
// mcp-go's DNS-rebinding protection stays on: a request arriving on loopback
// with a non-localhost Host or Origin is refused.
// ownHostCheck (optional, default false) turns mcp-go's loopback-only check
// off because the front (app/auth.go) checks Host and Origin itself, with
// --allowed-hosts and --allowed-origins.
func newHTTPHandler(s *server.MCPServer, logger *slog.Logger, ownHostCheck ...bool) *httpHandler {
	own := len(ownHostCheck) > 0 && ownHostCheck[0]
	sessions := newSessionBinder()
	streamable := server.NewStreamableHTTPServer(s,
		server.WithDisableLocalhostProtection(own),
		// The caller and tightened filter the front put in the request context.
		server.WithHTTPContextFunc(requestPolicyContext),
		// Sessions are tracked, so a terminated session ID is refused, and
		// bound to the caller that opened them (app/sessions.go).
		server.WithSessionIdManagerResolver(sessions),
		// Without an event store mcp-go can drop the last notification sent
		// just before a tool returns (mcp-testing.md §1.7).
		server.WithEventStore(server.NewInMemoryEventStore()),
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
	mux := http.NewServeMux()
	mux.Handle(pathMCP, streamable)
	mux.Handle(pathSSE, sse)
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
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "not found: MCP is served at "+pathMCP+" (streamable HTTP) and "+pathSSE+" (legacy SSE)", http.StatusNotFound)
	})
	return &httpHandler{mux: sessions.guard(mux), streamable: streamable, sse: sse}
}

// serveHTTP serves h on ln until ctx is cancelled, then shuts down
// gracefully: it stops accepting, ends the MCP event streams, and waits up to
// timeout for requests in flight.
func serveHTTP(ctx context.Context, ln net.Listener, h *httpHandler, timeout time.Duration, logger *slog.Logger) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	addr := ln.Addr().String()
	logger.Info("serving MCP over HTTP", "version", version(),
		"streamable", "http://"+addr+pathMCP, "sse", "http://"+addr+pathSSE, "health", "http://"+addr+pathHealth)

	select {
	case err := <-errc:
		return fmt.Errorf("http server: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down", "timeout", timeout)
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), timeout)
	defer cancel()
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
