package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
)

// BenchmarkOverhead measures what the server adds to a tool call beyond
// its upstream request, for a spread of calls, on the whole server as
// freshdesk-mcp builds it (policy, budgets, the per-call log line). The
// upstream responses are recorded once and replayed from memory
// (fdtest.Replay), so neither the emulator nor the network is in the
// numbers. Per call:
//
//	upstream  the call's upstream GETs alone: http.Client.Do + reading each body
//	handler   the tool's handler called directly: fdapi (upstream + decoding
//	          Freshdesk's JSON), names, shaping (from the shaped-body cache, as
//	          on every call after the first for a ticket), packing, encoding
//	          the result; no policy, no JSON-RPC
//	server    MCPServer.HandleMessage on the JSON-RPC request bytes + encoding the
//	          response, as the stdio transport does; it reports overhead-ns/op,
//	          its time per call minus the upstream time measured just before it
//	          and splits it into mcp-go-ns/op (the mcp-go sub-benchmark's
//	          time, measured just before) and ours-ns/op (the rest)
//	mcp-go    the same request and result through a bare mcp-go server whose
//	          tool only returns a copy of our result: mcp-go's own cost
//	encode    encoding the response alone (json.Marshal of what HandleMessage
//	          returned, as mcp-go's transports do), part of mcp-go's cost
//
// The overhead is everything in our process: ours-ns/op is our code
// (decoding Freshdesk's JSON, tool code, policy and logging middleware),
// mcp-go-ns/op what the required MCP library spends on the same call.
func BenchmarkOverhead(b *testing.B) {
	ts := emulator(b)
	c, err := newConfig(env(emulatorEnv(ts)))
	if err != nil {
		b.Fatal(err)
	}
	logger := discardLogger()
	replay := &fdtest.Replay{Next: &http.Transport{}}
	hc := &http.Client{Transport: replay}
	fc := clientConfig(c, logger)
	fc.HTTPClient = hc
	client, err := fdapi.New(fc)
	if err != nil {
		b.Fatal(err)
	}
	s, selected, err := buildServer(c, &backend{client: client, close: func() error { return nil }}, logger)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	longest, median := ts.LongestAndMedianTicket(b)
	requester := requesterOf(b, ts, median)

	cases := []struct {
		name string
		tool string
		args map[string]any
	}{
		{"get_ticket/median", "get_ticket", map[string]any{"ticket_id": median}},
		{"get_ticket/longest", "get_ticket", map[string]any{"ticket_id": longest}},
		{"search_tickets", "search_tickets", map[string]any{"status": "open"}},
		{"list_tickets", "list_tickets", map[string]any{}},
		{"get_contact", "get_contact", map[string]any{"contact_id": requester}},
		{"get_ticket_fields", "get_ticket_fields", map[string]any{}},
	}
	for _, tc := range cases {
		args, err := json.Marshal(tc.args)
		if err != nil {
			b.Fatal(err)
		}
		msg := fmt.Appendf(nil, `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":%q,"arguments":%s}}`, tc.tool, args)
		// call is one tools/call; checking the answer costs two substring
		// searches, not a decode, so it stays out of the measurement.
		call := func(b *testing.B) {
			out, err := json.Marshal(s.HandleMessage(ctx, msg))
			if err != nil {
				b.Fatal(err)
			}
			if !bytes.Contains(out, []byte(`"structuredContent":{`)) || bytes.Contains(out, []byte(`"isError":true`)) {
				b.Fatalf("%s: %.300s", tc.name, out)
			}
		}
		// Warm up: metadata caches, shaped bodies and the recordings; then
		// note what one warm call asks upstream.
		call(b)
		call(b)
		replay.Track()
		call(b)
		upstream := replay.Used()
		for _, u := range upstream {
			if !replay.Recorded(u) {
				b.Fatalf("%s: %s was not recorded", tc.name, u)
			}
		}
		fetch := func(b *testing.B) {
			for _, u := range upstream {
				req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
				if err != nil {
					b.Fatal(err)
				}
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
		upstreamBytes := 0
		for _, u := range upstream {
			upstreamBytes += replay.BodySize(u)
		}
		b.Run(tc.name+"/upstream", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				fetch(b)
			}
			b.ReportMetric(float64(len(upstream)), "requests/op")
			b.ReportMetric(float64(upstreamBytes), "upstream-bytes")
		})
		var handler server.ToolHandlerFunc
		for _, t := range selected {
			if t.Def.Name == tc.tool {
				handler = t.Handler
			}
		}
		if handler == nil {
			b.Fatalf("no tool %s", tc.tool)
		}
		b.Run(tc.name+"/handler", func(b *testing.B) {
			req := mcp.CallToolRequest{}
			req.Params.Name = tc.tool
			req.Params.RawArguments = args
			b.ReportAllocs()
			for b.Loop() {
				res, err := handler(ctx, req)
				if err != nil || res.IsError {
					b.Fatalf("%s: %v %v", tc.name, err, res)
				}
			}
		})
		// bareCall is the same request answered with a copy of the same
		// result by a bare mcp-go server whose tool does nothing else:
		// mcp-go's own cost for this call (JSON-RPC handling, dispatch,
		// response encoding), which no change in this repository can lower.
		bareCall := bareServerCall(b, ctx, selected, tc.tool, args, msg, handler)
		b.Run(tc.name+"/mcp-go", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bareCall(b)
			}
		})
		b.Run(tc.name+"/server", func(b *testing.B) {
			up := timePerOp(b, fetch)
			floor := timePerOp(b, bareCall)
			b.ReportAllocs()
			for b.Loop() {
				call(b)
			}
			perOp := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			b.ReportMetric(perOp-up, "overhead-ns/op")
			b.ReportMetric(floor, "mcp-go-ns/op")
			b.ReportMetric(perOp-up-floor, "ours-ns/op")
		})
		b.Run(tc.name+"/encode", func(b *testing.B) {
			resp := s.HandleMessage(ctx, msg)
			b.ReportAllocs()
			var n int
			for b.Loop() {
				out, err := json.Marshal(resp)
				if err != nil {
					b.Fatal(err)
				}
				n = len(out)
			}
			b.ReportMetric(float64(n), "response-bytes")
		})
	}
}

// bareServerCall returns a call of tool on a bare mcp-go server (same tool
// definition, no middleware) whose handler returns a shallow copy of what
// our handler answered.
func bareServerCall(b *testing.B, ctx context.Context, selected []tools.Tool, tool string, args, msg []byte, handler server.ToolHandlerFunc) func(*testing.B) {
	req := mcp.CallToolRequest{}
	req.Params.Name = tool
	req.Params.RawArguments = args
	res, err := handler(ctx, req)
	if err != nil || res.IsError {
		b.Fatalf("%s: %v %v", tool, err, res)
	}
	bare := server.NewMCPServer("bare", "1", server.WithToolCapabilities(false))
	for _, t := range selected {
		if t.Def.Name == tool {
			bare.AddTool(t.Def, func(context.Context, mcp.CallToolRequest) (*mcp.CallToolResult, error) {
				r := *res
				return &r, nil
			})
		}
	}
	return func(b *testing.B) {
		out, err := json.Marshal(bare.HandleMessage(ctx, msg))
		if err != nil || !bytes.Contains(out, []byte(`"structuredContent":{`)) {
			b.Fatalf("bare %s: %v %.300s", tool, err, out)
		}
	}
}

// timePerOp is the mean time of f over a fixed 200 runs.
func timePerOp(b *testing.B, f func(*testing.B)) float64 {
	const n = 200
	start := time.Now()
	for range n {
		f(b)
	}
	return float64(time.Since(start).Nanoseconds()) / n
}

func requesterOf(b *testing.B, ts *fdtest.TestServer, id int64) int64 {
	tk, ok := ts.Ticket(id)
	if !ok {
		b.Fatalf("no ticket %d", id)
	}
	n, err := strconv.ParseInt(fmt.Sprint(tk["requester_id"]), 10, 64)
	if err != nil {
		b.Fatalf("ticket %d: requester_id: %v", id, err)
	}
	return n
}
