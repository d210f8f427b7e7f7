// Package app is the freshdesk-mcp program: configuration (environment, then
// flags), logging, the Freshdesk backend (or the embedded demo helpdesk), the
// MCP server, its transports (stdio, streamable HTTP, legacy SSE) and the CLI
// verbs. main.go only calls Main, so everything here is testable.
package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"

	"github.com/mark3labs/mcp-go/server"

	"github.com/freshdesk-mcp/freshdesk-mcp/live"
	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // runtime failure, or a tool returned an error
	exitUsage = 2 // bad configuration or command line
)

// Main runs freshdesk-mcp with the given arguments (without the program
// name) and returns the process exit code. Cancelling ctx (SIGINT/SIGTERM in
// main) stops a server gracefully. In stdio mode only protocol messages are
// written to stdout; logs and errors go to stderr.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, lookupEnv func(string) (string, bool)) int {
	r := &runner{stdin: stdin, stdout: stdout, stderr: stderr, lookupEnv: lookupEnv}
	return r.run(ctx, args)
}

// runner carries the process streams; onListen lets tests learn the port of
// --http 127.0.0.1:0.
type runner struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	lookupEnv      func(string) (string, bool)
	onListen       func(net.Addr)
	terminal       func() bool // tests: whether stdin is a terminal (default: asks the OS)
	// redisHooks observe the shared state of --redis (metrics); optional.
	redisHooks policy.RedisHooks
}

func (r *runner) run(ctx context.Context, args []string) int {
	if r.lookupEnv == nil {
		r.lookupEnv = func(string) (string, bool) { return "", false }
	}
	err := r.dispatch(ctx, args)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(r.stdout, usageText())
		return exitOK
	case errors.Is(err, errToolFailed):
		return exitError
	}
	fmt.Fprintf(r.stderr, "freshdesk-mcp: %v\n", err)
	var ue *usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	return exitError
}

func (r *runner) dispatch(ctx context.Context, args []string) error {
	c, err := newConfig(r.lookupEnv)
	if err != nil {
		return err
	}
	// Global flags up to the verb, then the verb's own flags (global flags
	// are accepted there too, before or after positional arguments).
	if _, err := parseFlags(&c, flagSet(&c, "freshdesk-mcp"), firstVerbSplit(args)); err != nil {
		return err
	}
	verb, rest := "", args[len(firstVerbSplit(args)):]
	if len(rest) > 0 {
		verb, rest = rest[0], rest[1:]
	}
	fs := flagSet(&c, "freshdesk-mcp "+verb)
	var asJSON, markdown bool
	switch verb {
	case "tools":
		fs.BoolVar(&asJSON, "json", false, "print the catalogue as JSON")
	case "config":
		fs.BoolVar(&markdown, "markdown", false, "print the README configuration table")
	}
	pos, err := parseFlags(&c, fs, rest)
	if err != nil {
		return err
	}
	if c.ShowVersion {
		fmt.Fprintln(r.stdout, versionLine())
		return nil
	}

	switch verb {
	case "":
		return r.serve(ctx, c)
	case "help":
		return flag.ErrHelp
	case "config":
		if markdown {
			fmt.Fprint(r.stdout, ConfigMarkdown())
			return nil
		}
		printConfig(r.stdout, c)
		return nil
	case "tools":
		if len(pos) > 0 {
			return usageErrorf("tools takes no arguments, got %q", pos)
		}
		// The catalogue is static: it never calls Freshdesk, so it needs no
		// credentials.
		logger := newLogger(r.stderr, c, r.lookupEnv)
		_, selected, err := buildServer(c, nil, logger)
		if err != nil {
			return err
		}
		return printCatalogue(r.stdout, selected, asJSON)
	case "call":
		if len(pos) < 1 || len(pos) > 2 {
			return usageErrorf("usage: freshdesk-mcp call TOOL '{\"arg\": value}'")
		}
		raw := ""
		if len(pos) == 2 {
			raw = pos[1]
		}
		tty := stdinIsTerminal(r.stdin)
		if r.terminal != nil {
			tty = r.terminal()
		}
		if !tty {
			// Nobody can confirm: the server answers confirmation_required
			// with a preview, which callTool prints as not_written. Its
			// token never leaves this process (callTool drops it, and a
			// later `call` refuses any token), so no model can redeem it.
			c.Policy.ConfirmFallback = "token"
		}
		return r.withServer(c, func(s *serverParts) error {
			return callTool(ctx, s.mcp, pos[0], raw, r.stdin, tty, r.stdout, r.stderr)
		})
	case "check":
		if len(pos) > 0 {
			return usageErrorf("check takes no arguments, got %q", pos)
		}
		logger := newLogger(r.stderr, c, r.lookupEnv)
		b, err := newBackend(c, logger)
		if err != nil {
			return err
		}
		defer func() { _ = b.close() }()
		return check(ctx, b, r.stdout)
	}
	return unknownVerb(verb)
}

// firstVerbSplit returns the leading part of args that holds global flags:
// everything before the first argument that is neither a flag nor a flag's
// value.
func firstVerbSplit(args []string) []string {
	c := Config{set: map[string]bool{}, source: map[string]string{}}
	fs := flagSet(&c, "")
	if err := fs.Parse(args); err != nil {
		return args // the real parse reports the error
	}
	return args[:len(args)-len(fs.Args())]
}

// serverParts is a built server with the backend it talks to.
type serverParts struct {
	mcp     *server.MCPServer
	logger  *slog.Logger
	backend *backend
	policy  *mcppolicy.Policy
	// shared is the --redis state (nil without it); shared.ready is its
	// readiness check.
	shared *sharedState
	// live delivers ticket events to subscribed sessions (live.go).
	live *live.Hub
	// config is the configuration the server was built from, with the
	// runtime parts withServer added (policy, drafter): servers built later
	// (per caller credentials) must use it, not the caller's copy.
	config Config
}

// withServer builds the backend and MCP server for c, runs fn, and closes
// the backend.
func (r *runner) withServer(c Config, fn func(*serverParts) error) error {
	logger := newLogger(r.stderr, c, r.lookupEnv)
	hooks := r.redisHooks
	if m := c.HTTP.metrics; m != nil && hooks.Error == nil {
		hooks.Error = func(op string, _ error) { m.RedisError(op) }
	}
	shared, err := newSharedState(context.Background(), c, logger, hooks)
	if err != nil {
		return err
	}
	defer func() { _ = shared.close() }()
	c.shared = shared
	// One policy per process: budgets, tokens, the duplicate memory and the
	// audit log are shared by every server built from c (and, with --redis,
	// by every replica).
	pol, err := newPolicy(c, r.lookupEnv, logger, policyOptions{shared: shared})
	if err != nil {
		return err
	}
	defer func() { _ = closePolicy(pol) }()
	c.Policy.runtime = pol
	if c.drafter, err = newDrafter(c, r.lookupEnv, logger); err != nil {
		return err
	}
	b, err := newBackend(c, logger)
	if err != nil {
		return err
	}
	defer func() { _ = b.close() }()
	hub := newLiveHub(c, b, pol, logger)
	b.live = hub
	if c.Redis != "" {
		bus, err := live.NewRedisBus(context.Background(), c.Redis, liveChannel(b), hub.Deliver, logger)
		if err != nil {
			return err
		}
		defer func() { _ = bus.Close() }()
		hub.SetBus(bus)
	}
	s, _, err := buildServer(c, b, logger)
	if err != nil {
		return err
	}
	hub.Attach(s)
	return fn(&serverParts{mcp: s, logger: logger, backend: b, policy: pol, shared: shared, live: hub, config: c})
}

// serve runs the MCP server on stdio, or on HTTP with --http.
func (r *runner) serve(ctx context.Context, c Config) error {
	if c.HTTPAddr != "" {
		c.HTTP.prepare()
	}
	return r.withServer(c, func(p *serverParts) error {
		if p.backend.demo {
			p.logger.Info("using the embedded demo helpdesk (--demo): writes stay in memory")
		}
		if c.HTTPAddr == "" {
			return serveStdio(ctx, p.mcp, r.stdin, r.stdout, p.logger)
		}
		ln, err := net.Listen("tcp", c.HTTPAddr)
		if err != nil {
			return fmt.Errorf("--http %s: %w", c.HTTPAddr, err)
		}
		h := newHTTPHandlerWith(p.mcp, p.logger, httpOptions{ownHostCheck: true, settings: p.config.HTTP, metrics: p.config.HTTP.metrics})
		h.ready = append([]ReadinessCheck{newUpstreamCheck(p.backend.client, upstreamFresh)}, p.config.HTTP.readinessChecks...)
		h.ready = append(h.ready, p.shared.readinessChecks()...)
		var creds *credentialServers
		if c.Policy.AllowCallerCredentials {
			creds = newCredentialServers(p.config, p.policy, p.logger)
		}
		front, err := newHTTPFront(p.config, p.policy, h.mux, ln.Addr(), creds, p.logger)
		if err != nil {
			_ = ln.Close()
			return err // beyond loopback without --auth-tokens, or bad tokens
		}
		if p.policy.Approvals, err = newApprovals(p.config, ln.Addr(), p.logger); err != nil {
			_ = ln.Close()
			return err
		}
		if p.policy.Approvals != nil {
			front.pages, front.pageHost = p.policy.Approvals.Handler(), publicHost(p.config)
		}
		h.front = front
		rcv, err := newWebhookReceiver(p.config, p.live, p.shared, p.logger)
		if err != nil {
			_ = ln.Close()
			return err
		}
		if rcv != nil {
			defer rcv.Close()
			h.webhook = rcv
		}
		if r.onListen != nil {
			r.onListen(ln.Addr())
		}
		return serveHTTP(ctx, ln, h, c.ShutdownTimeout, p.logger)
	})
}

func isLoopback(a net.Addr) bool {
	ta, ok := a.(*net.TCPAddr)
	return ok && ta.IP.IsLoopback()
}
