package app

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// TestCallVerbTokenNotRedeemableInLaterRuns: each `call` run is its own
// process, so a confirmation token from one run is refused by every later
// run even with FRESHDESK_MCP_CONFIRM_SECRET set (review 3 item 1: three
// runs with one token sent the customer three replies).
func TestCallVerbTokenNotRedeemableInLaterRuns(t *testing.T) {
	ts := emulator(t)
	id, _ := demoTicket(t, ts)
	envm := emulatorEnv(ts)
	envm["FRESHDESK_MCP_CONFIRM_SECRET"] = strings.Repeat("k", 40)
	before := len(ts.Conversations(id))
	const body = "Replayed across call runs"
	args := fmt.Sprintf(`{"ticket_id": %d, "body": %q}`, id, body)

	code, out, errOut := runMain(t, envm, "call", "send_reply", args, "--mode", "confirm", "--confirm-fallback", "token")
	if code != 0 {
		t.Fatalf("first call: exit %d: %s", code, errOut)
	}
	var cr struct {
		Status string `json:"status"`
		Token  string `json:"confirmation_token"`
	}
	if err := json.Unmarshal([]byte(out), &cr); err != nil || cr.Status != "confirmation_required" || cr.Token == "" {
		t.Fatalf("first call: want confirmation_required with a token, got %s (%v)", out, err)
	}
	withToken := fmt.Sprintf(`{"ticket_id": %d, "body": %q, "confirmation_token": %q}`, id, body, cr.Token)
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
		if code != exitError || out != "" {
			t.Errorf("%s: exit %d stdout %q, want exit %d and no output", tt.name, code, out, exitError)
		}
		if !strings.Contains(errOut, "another server process") || !strings.Contains(errOut, "Nothing was written") {
			t.Errorf("%s: stderr lacks the other-process refusal:\n%s", tt.name, errOut)
		}
	}
	if n := len(ts.Conversations(id)); n != before {
		t.Errorf("ticket %d has %d conversations, want %d: a token was redeemed by a later run", id, n, before)
	}
}
