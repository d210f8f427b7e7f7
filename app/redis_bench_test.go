package app

import (
	"context"
	"fmt"
	"maps"
	"testing"
	"time"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy/redistest"
)

// BenchmarkRedisCost measures what --redis adds to one tool call, over
// streamable HTTP against the emulator: two replicas built as Main builds
// them, one without --redis and one with a real redis-server on loopback.
// Each iteration calls both, one after the other, so machine noise hits
// both alike; the metrics are the mean time per call of each and their
// ratio. get_ticket touches the shared state for the budget (reserve,
// settle) and the account's rate limit (admit, settle); add_note adds the
// duplicate guard (begin, done) and a second upstream call.
func BenchmarkRedisCost(b *testing.B) {
	srv := redistest.Start(b, redistest.Options{})
	ts := emulator(b)
	ids := ts.TicketIDs()
	base := maps.Clone(emulatorEnv(ts))
	base["FRESHDESK_MCP_CONFIRM_SECRET"] = testSecret
	base["FRESHDESK_MCP_MODE"] = "unattended"
	withRedis := maps.Clone(base)
	withRedis["FRESHDESK_MCP_REDIS"] = srv.URL()
	mem := newClusterClient(b, inProcessReplica(b, base).URL).cs
	red := newClusterClient(b, inProcessReplica(b, withRedis).URL).cs
	ctx := context.Background()
	seq := 0
	for _, tool := range []string{"get_ticket", "add_note"} {
		b.Run(tool, func(b *testing.B) {
			timed := func(cs *gomcp.ClientSession, name string) time.Duration {
				args := map[string]any{"ticket_id": ids[0]}
				if tool == "add_note" {
					seq++
					args = map[string]any{"ticket_id": ids[1], "body": fmt.Sprintf("bench %s note %d", name, seq)} // distinct
				}
				start := time.Now()
				res, err := cs.CallTool(ctx, &gomcp.CallToolParams{Name: tool, Arguments: args})
				d := time.Since(start)
				if err != nil || res.IsError {
					b.Fatalf("%s: %v %s", tool, err, resultText(res))
				}
				return d
			}
			var dm, dr time.Duration
			n := 0
			for b.Loop() {
				dm += timed(mem, "memory")
				dr += timed(red, "redis")
				n++
			}
			b.ReportMetric(float64(dm.Microseconds())/float64(n), "µs/call-memory")
			b.ReportMetric(float64(dr.Microseconds())/float64(n), "µs/call-redis")
			b.ReportMetric(float64(dr)/float64(dm), "redis/memory")
		})
	}
}
