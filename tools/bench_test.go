package tools_test

import (
	"context"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"
)

// BenchmarkGetTicketInProcess is one get_ticket call of the longest demo
// thread through the official Go SDK client, in-process stdio pipes, the
// mcp-go server, the tool and fdapi, against fdtest over loopback HTTP.
func BenchmarkGetTicketInProcess(b *testing.B) {
	fd := fdtest.NewServer(b, fdtest.Options{Demo: true, RateLimit: 1 << 30})
	e := newEnvWith(b, fd, envOpts{})
	ctx := context.Background()
	params := &gomcp.CallToolParams{Name: "get_ticket", Arguments: map[string]any{"ticket_id": 57}}
	if _, err := e.cs.CallTool(ctx, params); err != nil { // warm the name cache
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		res, err := e.cs.CallTool(ctx, params)
		if err != nil || res.IsError {
			b.Fatal(err, res)
		}
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
		if _, err := c.GetTicket(ctx, 57, "conversations", "requester", "company"); err != nil {
			b.Fatal(err)
		}
	}
}
