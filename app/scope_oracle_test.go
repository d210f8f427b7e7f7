package app

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"
)

// TestScopedCallerLearnsNothingFromMeta: for a caller bound to one
// requester, another customer's ticket and a ticket that does not exist
// get the same answer, _meta included (security review of the merge: the
// ownership check of an e-mail-bound caller cost 2 credits for an existing
// ticket and 1 for a missing one, and credits_used said so).
func TestScopedCallerLearnsNothingFromMeta(t *testing.T) {
	ts := emulator(t)
	fx := findScopeFixture(t, ts)
	tokens := fmt.Sprintf("agent:%s,mailbot:%s requester=%s,bot:%s requester=%d", aliceToken, mailBotToken, fx.email, botToken, fx.requester)
	base := liveServer(t, ts, map[string]string{"FRESHDESK_MCP_AUTH_TOKENS": tokens}, "--mode", "confirm")
	for _, tok := range []string{mailBotToken, botToken} {
		cs := httpSession(t, base, map[string]string{"Authorization": "Bearer " + tok})
		var answers []string
		for _, id := range []int64{fx.foreign, 999999} {
			res, err := cs.CallTool(context.Background(), &gomcp.CallToolParams{Name: "get_ticket", Arguments: map[string]any{"ticket_id": id}})
			if err != nil {
				t.Fatal(err)
			}
			if !res.IsError {
				t.Fatalf("ticket %d was served to a scoped caller", id)
			}
			meta, _ := json.Marshal(res.Meta)
			answers = append(answers, fmt.Sprintf("meta=%s", meta))
		}
		if answers[0] != answers[1] {
			t.Errorf("another customer's ticket and a missing one differ in _meta: %q vs %q", answers[0], answers[1])
		}
	}
}
