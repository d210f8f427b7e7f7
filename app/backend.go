package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/live"
)

// errNoCredentials is returned when neither credentials nor --demo are given.
var errNoCredentials = errors.New("no Freshdesk credentials: set FRESHDESK_DOMAIN (e.g. acme.freshdesk.com) and FRESHDESK_API_KEY, " +
	"or run with --demo to try the embedded demo helpdesk")

// backend is the Freshdesk the server talks to: a real account, or the demo
// helpdesk served in-process.
type backend struct {
	client *fdapi.Client
	demo   bool
	close  func() error
	// live is the hub of this account's ticket events (main backend only).
	live *live.Hub
}

// clientConfig maps the app configuration onto fdapi's.
func clientConfig(c Config, logger *slog.Logger) fdapi.Config {
	fc := fdapi.Config{
		Domain:         c.Domain,
		APIKey:         c.APIKey,
		Timeout:        c.Timeout,
		UserAgent:      "freshdesk-mcp/" + version(),
		ReservePercent: c.ReservePercent,
		MaxRetryWait:   c.MaxRetryWait,
		CacheTTL:       c.CacheTTL,
		Logger:         logger,
		DomainSetting:  "FRESHDESK_DOMAIN",
		Observer:       c.HTTP.metrics.Upstream(true), // nil without --http
	}
	fc.SharedRates = c.shared.rates(fc)
	// fdapi treats zero as "default" and negative as "off"; our settings
	// document 0 as "off".
	if fc.ReservePercent == 0 {
		fc.ReservePercent = -1
	}
	if fc.CacheTTL == 0 {
		fc.CacheTTL = -1
	}
	if fc.MaxRetryWait == 0 {
		fc.MaxRetryWait = time.Nanosecond // never wait out a Retry-After
	}
	return fc
}

// newBackend connects to the configured Freshdesk. With --demo it starts the
// embedded demo helpdesk on a loopback listener that lives until close.
func newBackend(c Config, logger *slog.Logger) (*backend, error) {
	fc := clientConfig(c, logger)
	if !c.Demo {
		if c.Domain == "" || c.APIKey == "" {
			return nil, &usageError{missingCredentials(c)}
		}
		client, err := fdapi.New(fc)
		if err != nil {
			// Quote only the redacted form: the value may hold "KEY:X@" userinfo.
			return nil, fmt.Errorf("freshdesk client (FRESHDESK_DOMAIN %s): %w", fdapi.RedactDomain(c.Domain), err)
		}
		return &backend{client: client, close: func() error { return nil }}, nil
	}

	// Loading the demo data takes tens of milliseconds; do it while the MCP
	// server starts, since initialize and tools/list need no helpdesk data.
	// Requests wait for it (the close happens-before every read of demo).
	var demo *fdtest.Server
	loaded := make(chan struct{})
	go func() {
		defer close(loaded)
		demo = fdtest.NewDemo()
	}()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("demo helpdesk listener: %w", err)
	}
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-loaded:
				demo.ServeHTTP(w, r)
			case <-r.Context().Done():
			}
		}),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelDebug),
	}
	go func() { _ = srv.Serve(ln) }()
	fc.Domain = "http://" + ln.Addr().String()
	fc.APIKey = demoAPIKey
	client, err := fdapi.New(fc)
	if err != nil {
		_ = srv.Close()
		return nil, fmt.Errorf("demo freshdesk client: %w", err)
	}
	logger.Debug("demo helpdesk started", "url", fc.Domain)
	return &backend{client: client, demo: true, close: func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		return srv.Shutdown(ctx)
	}}, nil
}

// demoAPIKey is the key fdtest.NewDemo accepts; it guards nothing real.
const demoAPIKey = "demo"
