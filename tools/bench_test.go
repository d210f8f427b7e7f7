package tools_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
)

// The benchmarks below split one tool call into its parts, all in-process
// through the official Go SDK client over stdio pipes, the mcp-go server,
// the tool and fdapi, against fdtest over loopback HTTP:
//
//	BenchmarkUpstreamGetTicket               the upstream request alone (a)
//	BenchmarkGetTicketInProcess/cold         full get_ticket, every body shaped (b)
//	BenchmarkGetTicketInProcess/warm         full get_ticket, shaped bodies cached (c)
//	BenchmarkFrameworkInProcess/ping         the JSON-RPC round trip floor (SDK + server)
//	BenchmarkFrameworkInProcess/ticket_fields a tool with no upstream request (d)
//	BenchmarkFrameworkInProcess/server       that tool on the server side only (no client)
//	BenchmarkFrameworkInProcess/handler      the same tool's handler called directly
//	BenchmarkGetTicketServer/{cold,warm}     get_ticket on the server side only
//
// Overhead beyond the upstream request = (b or c) - (a).

// longThread is the demo ticket with the longest thread.
const longThread = 57

// BenchmarkGetTicketInProcess is one get_ticket call of the longest demo
// thread (description + 10 embedded HTML conversations).
func BenchmarkGetTicketInProcess(b *testing.B) {
	params := &gomcp.CallToolParams{Name: "get_ticket", Arguments: map[string]any{"ticket_id": longThread}}
	for _, bc := range []struct {
		name     string
		register func(s *server.MCPServer, deps tools.Deps)
	}{
		{"cold", func(s *server.MCPServer, deps tools.Deps) {
			// Replaces the catalogue's get_ticket with one that shapes every time.
			tools.Register(s, []tools.Tool{tools.UncachedGetTicketTool(deps)})
		}},
		{"warm", nil},
	} {
		b.Run(bc.name, func(b *testing.B) {
			fd := fdtest.NewServer(b, fdtest.Options{Demo: true, RateLimit: 1 << 30})
			e := newEnvWith(b, fd, envOpts{register: bc.register})
			ctx := context.Background()
			if _, err := e.cs.CallTool(ctx, params); err != nil { // warm the name cache (and body cache)
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				res, err := e.cs.CallTool(ctx, params)
				if err != nil || res.IsError {
					b.Fatal(err, res)
				}
			}
		})
	}
}

// BenchmarkUpstreamGetTicket is the upstream request alone (the same view
// call with includes through fdapi): subtract it from
// BenchmarkGetTicketInProcess to get the MCP + tool overhead.
func BenchmarkUpstreamGetTicket(b *testing.B) {
	fd := fdtest.NewServer(b, fdtest.Options{Demo: true, RateLimit: 1 << 30})
	c, err := fdapi.New(fdapi.Config{Domain: fd.URL, APIKey: fd.APIKey})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.GetTicket(ctx, longThread, "conversations", "requester", "company"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFrameworkInProcess measures the cost of the MCP plumbing itself:
// a ping (SDK client + mcp-go server JSON-RPC round trip, no tool), a full
// get_ticket_fields call served from fdapi's cache (no upstream request, so
// all of it is overhead) and that tool's handler called directly (our part:
// binding, result encoding, _meta).
func BenchmarkFrameworkInProcess(b *testing.B) {
	fd := fdtest.NewServer(b, fdtest.Options{Demo: true, RateLimit: 1 << 30})
	e := newEnvWith(b, fd, envOpts{})
	ctx := context.Background()
	params := &gomcp.CallToolParams{Name: "get_ticket_fields", Arguments: map[string]any{}}
	if res, err := e.cs.CallTool(ctx, params); err != nil || res.IsError { // fill fdapi's cache
		b.Fatal(err, res)
	}
	b.Run("ping", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := e.cs.Ping(ctx, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ticket_fields", func(b *testing.B) {
		fd.ResetRequests()
		b.ReportAllocs()
		for b.Loop() {
			res, err := e.cs.CallTool(ctx, params)
			if err != nil || res.IsError {
				b.Fatal(err, res)
			}
		}
		if n := len(fd.Requests()); n != 0 {
			b.Fatalf("%d upstream requests, want 0 (cached)", n)
		}
	})
	b.Run("server", func(b *testing.B) {
		// mcp-go's side alone: HandleMessage on raw bytes plus response encoding.
		c, err := fdapi.New(fdapi.Config{Domain: fd.URL, APIKey: fd.APIKey})
		if err != nil {
			b.Fatal(err)
		}
		s := server.NewMCPServer("bench", "test", server.WithToolCapabilities(false))
		tools.Register(s, readTools(tools.Deps{Client: c}))
		msg := []byte(`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_ticket_fields","arguments":{}}}`)
		s.HandleMessage(ctx, msg) // fill fdapi's cache
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(s.HandleMessage(ctx, msg)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("handler", func(b *testing.B) {
		c, err := fdapi.New(fdapi.Config{Domain: fd.URL, APIKey: fd.APIKey})
		if err != nil {
			b.Fatal(err)
		}
		var h server.ToolHandlerFunc
		for _, t := range readTools(tools.Deps{Client: c}) {
			if t.Def.Name == "get_ticket_fields" {
				h = t.Handler
			}
		}
		req := mcp.CallToolRequest{}
		req.Params.Name = "get_ticket_fields"
		req.Params.RawArguments = json.RawMessage(`{}`)
		if res, err := h(ctx, req); err != nil || res.IsError {
			b.Fatal(err, res)
		}
		b.ReportAllocs()
		for b.Loop() {
			res, err := h(ctx, req)
			if err != nil || res.IsError {
				b.Fatal(err, res)
			}
		}
	})
}

// BenchmarkGetTicketServer is get_ticket on the server side only: mcp-go's
// HandleMessage on raw JSON-RPC bytes plus encoding the response, as its
// stdio transport does, without any client. Subtract
// BenchmarkUpstreamGetTicket for the server-side overhead.
func BenchmarkGetTicketServer(b *testing.B) {
	for _, bc := range []struct {
		name string
		cold bool
	}{{"cold", true}, {"warm", false}} {
		b.Run(bc.name, func(b *testing.B) {
			fd := fdtest.NewServer(b, fdtest.Options{Demo: true, RateLimit: 1 << 30})
			c, err := fdapi.New(fdapi.Config{Domain: fd.URL, APIKey: fd.APIKey})
			if err != nil {
				b.Fatal(err)
			}
			deps := tools.Deps{Client: c, PrivateNotes: true}
			s := server.NewMCPServer("bench", "test", server.WithToolCapabilities(false))
			tools.Register(s, readTools(deps))
			if bc.cold {
				tools.Register(s, []tools.Tool{tools.UncachedGetTicketTool(deps)})
			}
			ctx := context.Background()
			msg := []byte(`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_ticket","arguments":{"ticket_id":57}}}`)
			call := func() {
				resp := s.HandleMessage(ctx, msg)
				out, err := json.Marshal(resp)
				if err != nil || len(out) < 1000 {
					b.Fatalf("get_ticket: %v %s", err, out)
				}
			}
			call() // names and body cache
			b.ReportAllocs()
			for b.Loop() {
				call()
			}
		})
	}
}

// BenchmarkGetTicketReplay is one warm get_ticket of the longest thread with
// the upstream response replayed from memory, through each layer:
//
//	upstream:   the replayed HTTP exchange alone (http.Client.Do + reading the body)
//	fdapi:      fdapi.GetTicket with the same include (governor, decoding)
//	handler:    the tool handler (binding, shaping from the body cache, packing, result)
//	server:     mcp-go HandleMessage on raw JSON-RPC bytes plus encoding the response
//	in-process: mcp-go's in-process client
//	stdio-pipe: the official Go SDK client over stdio on io.Pipe
//
// Overhead beyond the upstream request = layer - upstream.
func BenchmarkGetTicketReplay(b *testing.B) {
	fd := fdtest.NewServer(b, fdtest.Options{Demo: true, RateLimit: 1 << 30})
	rt := &fdtest.Replay{Next: &http.Transport{}}
	hc := &http.Client{Transport: rt}
	c, err := fdapi.New(fdapi.Config{Domain: fd.URL, APIKey: fd.APIKey, HTTPClient: hc})
	if err != nil {
		b.Fatal(err)
	}
	deps := tools.Deps{Client: c, PrivateNotes: true}
	catalogue := readTools(deps)
	s := server.NewMCPServer("bench", "test", server.WithToolCapabilities(false))
	tools.Register(s, catalogue)
	var handler server.ToolHandlerFunc
	for _, t := range catalogue {
		if t.Def.Name == "get_ticket" {
			handler = t.Handler
		}
	}
	ctx := context.Background()
	msg := []byte(fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_ticket","arguments":{"ticket_id":%d}}}`, longThread))
	serverCall := func() {
		out, err := json.Marshal(s.HandleMessage(ctx, msg))
		if err != nil || !bytes.Contains(out, []byte(`"structuredContent"`)) {
			b.Fatalf("get_ticket: %v %.300s", err, out)
		}
	}
	serverCall() // fill the metadata caches, the body cache and the replay
	fd.ResetRequests()
	rt.Track()
	serverCall()
	used := rt.Used()
	if n := len(fd.Requests()); n != 0 {
		b.Fatalf("a warm replayed get_ticket reached the emulator %d times, want 0", n)
	}
	var ticketURL string
	for _, k := range used {
		if strings.Contains(k, fmt.Sprintf("/tickets/%d?", longThread)) {
			ticketURL = k
		}
	}
	u, err := url.Parse(ticketURL)
	if err != nil || ticketURL == "" {
		b.Fatalf("no ticket view among the %d replayed requests %v: %v", len(used), used, err)
	}
	include := strings.Split(u.Query().Get("include"), ",")

	b.Run("upstream", func(b *testing.B) { benchUpstream(b, ctx, hc, ticketURL) })
	b.Run("fdapi", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.GetTicket(ctx, longThread, include...); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("handler", func(b *testing.B) {
		req := mcp.CallToolRequest{}
		req.Params.Name = "get_ticket"
		req.Params.RawArguments = json.RawMessage(fmt.Sprintf(`{"ticket_id":%d}`, longThread))
		b.ReportAllocs()
		for b.Loop() {
			res, err := handler(ctx, req)
			if err != nil || res.IsError {
				b.Fatal(err, res)
			}
		}
	})
	b.Run("server", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			serverCall()
		}
	})
	b.Run("in-process", func(b *testing.B) { benchInProcess(b, ctx, s) })
	b.Run("stdio-pipe", func(b *testing.B) { benchStdioPipe(b, ctx, fd, catalogue) })
}

// benchUpstream is the bare HTTP round trip of the replayed ticket view.
func benchUpstream(b *testing.B, ctx context.Context, hc *http.Client, ticketURL string) {
	b.ReportAllocs()
	for b.Loop() {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ticketURL, nil)
		resp, err := hc.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.ReadAll(resp.Body); err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
	}
}

// benchInProcess calls get_ticket through mcp-go's in-process client.
func benchInProcess(b *testing.B, ctx context.Context, s *server.MCPServer) {
	ic, err := client.NewInProcessClient(s)
	if err != nil {
		b.Fatal(err)
	}
	defer ic.Close()
	if err := ic.Start(ctx); err != nil {
		b.Fatal(err)
	}
	ir := mcp.InitializeRequest{}
	ir.Params.ProtocolVersion = mcp.LATEST_LEGACY_PROTOCOL_VERSION
	if _, err := ic.Initialize(ctx, ir); err != nil {
		b.Fatal(err)
	}
	req := mcp.CallToolRequest{}
	req.Params.Name = "get_ticket"
	req.Params.Arguments = map[string]any{"ticket_id": longThread}
	b.ReportAllocs()
	for b.Loop() {
		res, err := ic.CallTool(ctx, req)
		if err != nil || res.IsError {
			b.Fatal(err, res)
		}
	}
}

// benchStdioPipe calls get_ticket through the official SDK client over
// in-process stdio pipes.
func benchStdioPipe(b *testing.B, ctx context.Context, fd *fdtest.TestServer, catalogue []tools.Tool) {
	e := newEnvWith(b, fd, envOpts{register: func(ms *server.MCPServer, _ tools.Deps) {
		// The harness builds its own client; serve get_ticket from the replaying one.
		tools.Register(ms, []tools.Tool{findTool(b, catalogue, "get_ticket")})
	}})
	params := &gomcp.CallToolParams{Name: "get_ticket", Arguments: map[string]any{"ticket_id": longThread}}
	if res, err := e.cs.CallTool(ctx, params); err != nil || res.IsError {
		b.Fatal(err, res)
	}
	fd.ResetRequests()
	b.ReportAllocs()
	for b.Loop() {
		res, err := e.cs.CallTool(ctx, params)
		if err != nil || res.IsError {
			b.Fatal(err, res)
		}
	}
	if n := len(fd.Requests()); n != 0 {
		b.Fatalf("%d requests reached the emulator, want 0 (replayed)", n)
	}
}

func findTool(b *testing.B, ts []tools.Tool, name string) tools.Tool {
	for _, t := range ts {
		if t.Def.Name == name {
			return t
		}
	}
	b.Fatalf("no tool %s", name)
	return tools.Tool{}
}
