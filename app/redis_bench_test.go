package app

import (
	"context"
	"fmt"
	"maps"
	"testing"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy/redistest"
)

// BenchmarkRedisCost measures what --redis adds to one tool call, over
// streamable HTTP against the emulator, in one run: "memory" is a replica
// without --redis, "redis" the same with a real redis-server on loopback.
// get_ticket touches the shared state for the budget (reserve, settle) and
// the account's rate limit (admit, settle); add_note adds the duplicate
// guard (begin, done). Compare ns/op of the pairs.
func BenchmarkRedisCost(b *testing.B) {
	srv := redistest.Start(b, redistest.Options{})
	ts := emulator(b)
	id, _ := demoTicket(b, ts)
	base := maps.Clone(emulatorEnv(ts))
	base["FRESHDESK_MCP_CONFIRM_SECRET"] = testSecret
	base["FRESHDESK_MCP_MODE"] = "unattended"
	withRedis := maps.Clone(base)
	withRedis["FRESHDESK_MCP_REDIS"] = srv.URL()
	sessions := map[string]*gomcp.ClientSession{
		"memory": newClusterClient(b, inProcessReplica(b, base).URL).cs,
		"redis":  newClusterClient(b, inProcessReplica(b, withRedis).URL).cs,
	}
	ctx := context.Background()
	for _, tool := range []string{"get_ticket", "add_note"} {
		for _, name := range []string{"memory", "redis"} {
			cs := sessions[name]
			b.Run(tool+"/"+name, func(b *testing.B) {
				n := 0
				for b.Loop() {
					args := map[string]any{"ticket_id": id}
					if tool == "add_note" {
						n++
						args["body"] = fmt.Sprintf("bench %s note %d", name, n) // distinct: no duplicate refusals
					}
					res, err := cs.CallTool(ctx, &gomcp.CallToolParams{Name: tool, Arguments: args})
					if err != nil || res.IsError {
						b.Fatalf("%s: %v %s", tool, err, resultText(res))
					}
				}
			})
		}
	}
}
