package app

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
)

// BenchmarkGetTicket measures one warm get_ticket call against the emulator
// through each layer, so each layer's cost is the difference to the one
// before it:
//
//	upstream:        the exact HTTP request(s) one warm get_ticket makes, replayed raw
//	fdapi:           fdapi.GetTicket with the same include (client: governor, decode)
//	handler:         the tool handler called directly (adds argument binding and shaping)
//	server:          MCPServer.HandleMessage on raw JSON-RPC bytes (adds JSON-RPC and middleware)
//	in-process:      mcp-go in-process client (adds client-side encode/decode)
//	stdio-pipe:      go-sdk client over the real stdio transport on io.Pipe
//	streamable-http: go-sdk client over streamable HTTP (httptest on 127.0.0.1)
func BenchmarkGetTicket(b *testing.B) {
	ts := emulator(b)
	id, _ := demoTicket(b, ts)
	ctx := context.Background()
	args := map[string]any{"ticket_id": id}

	c, err := newConfig(env(emulatorEnv(ts)))
	if err != nil {
		b.Fatal(err)
	}
	logger := discardLogger()
	be, err := newBackend(c, logger)
	if err != nil {
		b.Fatal(err)
	}
	defer be.close()
	deps := newDeps(c, be, logger)
	catalogue := tools.All(deps)
	s := newMCPServer(deps, catalogue, logger)
	var handler server.ToolHandlerFunc
	for _, t := range catalogue {
		if t.Def.Name == "get_ticket" {
			handler = t.Handler
		}
	}

	inproc, err := client.NewInProcessClient(s)
	if err != nil {
		b.Fatal(err)
	}
	defer inproc.Close()
	if err := inproc.Start(ctx); err != nil {
		b.Fatal(err)
	}
	initReq := mcp.InitializeRequest{}
	initReq.Params.ProtocolVersion = mcp.LATEST_LEGACY_PROTOCOL_VERSION
	if _, err := inproc.Initialize(ctx, initReq); err != nil {
		b.Fatal(err)
	}
	call := func() {
		req := mcp.CallToolRequest{}
		req.Params.Name = "get_ticket"
		req.Params.Arguments = args
		res, err := inproc.CallTool(ctx, req)
		if err != nil || res.IsError {
			b.Fatalf("get_ticket: %v %v", err, res)
		}
	}
	// Warm the metadata caches, then record what one warm call sends upstream.
	call()
	ts.ResetRequests()
	call()
	upstream := ts.Requests()
	if len(upstream) != 1 {
		b.Fatalf("a warm get_ticket made %d upstream requests, want 1: %v", len(upstream), upstream)
	}
	q, _ := url.ParseQuery(upstream[0].Query)
	include := strings.Split(q.Get("include"), ",")

	b.Run("upstream", func(b *testing.B) {
		hc := &http.Client{}
		for b.Loop() {
			for _, r := range upstream {
				u := ts.URL + r.Path
				if r.Query != "" {
					u += "?" + r.Query
				}
				req, _ := http.NewRequestWithContext(ctx, r.Method, u, nil)
				req.SetBasicAuth(ts.APIKey, "X")
				resp, err := hc.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}
	})
	b.Run("fdapi", func(b *testing.B) {
		for b.Loop() {
			if _, err := be.client.GetTicket(ctx, id, include...); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("handler", func(b *testing.B) {
		req := mcp.CallToolRequest{}
		req.Params.Name = "get_ticket"
		req.Params.Arguments = args
		req.Params.RawArguments = json.RawMessage(fmt.Sprintf(`{"ticket_id":%d}`, id))
		for b.Loop() {
			res, err := handler(ctx, req)
			if err != nil || res.IsError {
				b.Fatalf("get_ticket: %v", err)
			}
		}
	})
	b.Run("server", func(b *testing.B) {
		msg := []byte(fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_ticket","arguments":{"ticket_id":%d}}}`, id))
		for b.Loop() {
			resp := s.HandleMessage(ctx, msg)
			if _, err := json.Marshal(resp); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("in-process", func(b *testing.B) {
		for b.Loop() {
			call()
		}
	})
	b.Run("stdio-pipe", func(b *testing.B) {
		cs := connect(b, pipeTransport(b, s))
		benchGoSDK(b, cs, args)
	})
	b.Run("streamable-http", func(b *testing.B) {
		hs := httptest.NewServer(newHTTPHandler(s, discardLogger()))
		defer hs.Close()
		cs := connect(b, &gomcp.StreamableClientTransport{Endpoint: hs.URL + pathMCP})
		benchGoSDK(b, cs, args)
	})
}

func benchGoSDK(b *testing.B, cs *gomcp.ClientSession, args map[string]any) {
	ctx := context.Background()
	for b.Loop() {
		res, err := cs.CallTool(ctx, &gomcp.CallToolParams{Name: "get_ticket", Arguments: args})
		if err != nil || res.IsError {
			b.Fatalf("get_ticket: %v", err)
		}
	}
}

// BenchmarkStartup measures a cold start of the built binary to the first
// tools/list answer over stdio: process start, config, demo data load (with
// --demo), server build, initialize, tools/list.
func BenchmarkStartup(b *testing.B) {
	bin := builtBinary(b)
	ts := fdtest.NewServer(b, fdtest.Options{Demo: true, RateLimit: 1 << 30})
	modes := []struct {
		name string
		cmd  func() *exec.Cmd
	}{
		{"demo", func() *exec.Cmd { return exec.Command(bin, "--demo", "--log-level", "warn") }},
		{"account", func() *exec.Cmd {
			c := exec.Command(bin, "--log-level", "warn")
			c.Env = []string{"FRESHDESK_DOMAIN=" + ts.URL, "FRESHDESK_API_KEY=" + ts.APIKey}
			return c
		}},
	}
	for _, m := range modes {
		b.Run(m.name, func(b *testing.B) {
			var total time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				c := gomcp.NewClient(&gomcp.Implementation{Name: "bench", Version: "1"}, nil)
				tr := &gomcp.CommandTransport{Command: m.cmd(), TerminateDuration: time.Second}
				b.StartTimer()
				start := time.Now()
				cs, err := c.Connect(context.Background(), tr, nil)
				if err != nil {
					b.Fatal(err)
				}
				lt, err := cs.ListTools(context.Background(), nil)
				if err != nil || len(lt.Tools) == 0 {
					b.Fatalf("tools/list: %v", err)
				}
				total += time.Since(start)
				b.StopTimer()
				_ = cs.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/first-tools-list")
		})
	}
}
