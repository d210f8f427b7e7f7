// Package toolstest is the shared test harness of the MCP packages: it
// serves an mcp-go server to the official Go SDK client over in-process
// stdio pipes, and builds an mcppolicy.Policy over the whole catalogue the
// way the app does, so tests of tools, mcppolicy and prompts drive the real
// protocol and the real policy.
package toolstest

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/server"
	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/prompts"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
)

// Serve runs s as a stdio server over in-process pipes and returns the
// client's ends: what the server writes, and where to write to it. The
// test's cleanup stops the server and waits for it.
func Serve(t testing.TB, s *server.MCPServer) (fromServer io.Reader, toServer io.WriteCloser) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	c2sR, c2sW := io.Pipe()
	s2cR, s2cW := io.Pipe()
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = server.NewStdioServer(s).Listen(ctx, c2sR, s2cW)
	}()
	t.Cleanup(func() {
		cancel()
		_ = c2sW.Close()
		_ = s2cW.Close()
		<-done
	})
	return s2cR, c2sW
}

// Connect serves s (Serve) and connects an official SDK client to it with
// the given options (nil for defaults). The session is closed before the
// server stops.
func Connect(t testing.TB, s *server.MCPServer, copts *gomcp.ClientOptions, sopts *gomcp.ClientSessionOptions) *gomcp.ClientSession {
	t.Helper()
	r, w := Serve(t, s)
	c := gomcp.NewClient(&gomcp.Implementation{Name: "freshdesk-mcp-test", Version: "1"}, copts)
	cs, err := c.Connect(context.Background(), &gomcp.IOTransport{Reader: io.NopCloser(r), Writer: w}, sopts)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { _ = cs.Close() })
	return cs
}

// Client returns a Freshdesk client of fd, the emulator; nil fd means a new
// demo helpdesk with a rate limit no test reaches.
func Client(t testing.TB, fd *fdtest.TestServer) (*fdtest.TestServer, *fdapi.Client) {
	t.Helper()
	if fd == nil {
		fd = fdtest.NewServer(t, fdtest.Options{Demo: true, RateLimit: 1 << 20})
	}
	c, err := fdapi.New(fdapi.Config{Domain: fd.URL, APIKey: fd.APIKey})
	if err != nil {
		t.Fatalf("fdapi.New: %v", err)
	}
	return fd, c
}

// PolicyOptions configure NewPolicy; the zero value is the read-only mode
// with no budget, replies confirmed unless ConfirmReplies says otherwise.
type PolicyOptions struct {
	Mode         policy.Mode
	Toolsets     []string
	ExcludeTools []string
	// Secret signs confirmation tokens (nil: a random one).
	Secret []byte
	// Budget is a --budget value ("" for unlimited).
	Budget string
	// ConfirmReplies is --confirm-replies (nil: true).
	ConfirmReplies *bool
	Fallback       policy.Fallback
	// Now is the clock of tokens, budgets, the duplicate guard and audit.
	Now func() time.Time
	// Audit receives the audit log (nil: none).
	Audit io.Writer
}

// NewPolicy builds the policy over the whole catalogue (tools, resources and
// prompts, as the app does), with one in-memory store; caller "user:test".
func NewPolicy(t testing.TB, o PolicyOptions) *mcppolicy.Policy {
	t.Helper()
	if o.Now == nil {
		o.Now = time.Now
	}
	store := policy.NewMemoryStore(o.Now)
	cat := tools.PolicyCatalogue()
	cat.Prompts = prompts.Facts()
	var names []string
	for _, tl := range cat.Tools {
		names = append(names, tl.Name)
	}
	f, err := policy.NewFilter(policy.FilterConfig{Mode: o.Mode, Toolsets: o.Toolsets, ExcludeTools: o.ExcludeTools,
		KnownTools: names, KnownToolsets: tools.Toolsets()})
	if err != nil {
		t.Fatal(err)
	}
	conf, err := policy.NewConfirmer(policy.ConfirmConfig{Secret: o.Secret, Now: o.Now, Store: store})
	if err != nil {
		t.Fatal(err)
	}
	lim, err := policy.ParseLimit(o.Budget)
	if err != nil {
		t.Fatal(err)
	}
	bud, err := policy.NewBudget(policy.BudgetConfig{Limit: lim, Now: o.Now, Store: store})
	if err != nil {
		t.Fatal(err)
	}
	cr := true
	if o.ConfirmReplies != nil {
		cr = *o.ConfirmReplies
	}
	p := &mcppolicy.Policy{
		Catalogue: cat, Filter: f, ConfirmReplies: cr, Fallback: o.Fallback, Confirmer: conf,
		Guard:  policy.NewGuard(policy.GuardConfig{Now: o.Now, Store: store}),
		Budget: bud, DefaultCaller: "user:test", Now: o.Now,
	}
	if o.Audit != nil {
		al := policy.NewAuditLog(o.Audit)
		al.Now = o.Now
		p.Audit = al
	}
	return p
}
