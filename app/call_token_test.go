package app

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// TestCallVerbTokenNotRedeemableInLaterRuns: each `call` run is its own
// process, so no run hands out a confirmation token, and a token given to a
// later run is refused before anything is sent, even with
// FRESHDESK_MCP_CONFIRM_SECRET set (review 3 item 1: three runs with one
// token sent the customer three replies; issue 12: the token loop).
func TestCallVerbTokenNotRedeemableInLaterRuns(t *testing.T) {
	ts := emulator(t)
	id, _ := demoTicket(t, ts)
	envm := emulatorEnv(ts)
	envm["FRESHDESK_MCP_CONFIRM_SECRET"] = strings.Repeat("k", 40)
	before := len(ts.Conversations(id))
	const body = "Replayed across call runs"
	args := fmt.Sprintf(`{"ticket_id": %d, "body": %q}`, id, body)

	// Without a terminal nobody can confirm: a preview, no token, even
	// with the token fallback.
	code, out, errOut := runMain(t, envm, "call", "send_reply", args, "--mode", "confirm", "--confirm-fallback", "token")
	var cr struct {
		Status string `json:"status"`
		Token  string `json:"confirmation_token"`
	}
	if err := json.Unmarshal([]byte(out), &cr); err != nil || code != exitError || cr.Status != "not_written" || cr.Token != "" {
		t.Fatalf("first call: exit %d, want %d with a preview and no token; stdout %s (%v), stderr %s", code, exitError, out, err, errOut)
	}
	withToken := fmt.Sprintf(`{"ticket_id": %d, "body": %q, "confirmation_token": %q}`, id, body, "a-token-from-anywhere")
	tests := []struct {
		name string
		args []string
	}{
		{"second run", []string{"call", "send_reply", withToken, "--mode", "confirm", "--confirm-fallback", "token"}},
		{"third run", []string{"call", "send_reply", withToken, "--mode", "confirm", "--confirm-fallback", "token"}},
		{"unattended with confirm-replies", []string{"call", "send_reply", withToken, "--mode", "unattended", "--confirm-fallback", "token"}},
	}
	for _, tt := range tests {
		code, out, errOut := runMain(t, envm, tt.args...)
		if code != exitUsage || out != "" {
			t.Errorf("%s: exit %d stdout %q, want exit %d and no output", tt.name, code, out, exitUsage)
		}
		if !strings.Contains(errOut, "separate server process") {
			t.Errorf("%s: stderr lacks the refusal:\n%s", tt.name, errOut)
		}
	}
	if n := len(ts.Conversations(id)); n != before {
		t.Errorf("ticket %d has %d conversations, want %d: something was written", id, n, before)
	}
}
