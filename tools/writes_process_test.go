package tools_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// TestConfirmationFromOtherProcessRefused: with a shared
// FRESHDESK_MCP_CONFIRM_SECRET, a confirmation token or elicitation request
// state issued by one server process (store) is refused by another (a
// restart, a replica, another `call` run), because used tokens are only
// remembered where they were issued (review 3 item 1: one token wrote 3
// replies). Nothing is written and the refusal is audited token_invalid.
func TestConfirmationFromOtherProcessRefused(t *testing.T) {
	secret := []byte(strings.Repeat("s", policy.MinSecretLen))
	tests := []struct {
		name string
		raw  bool
		// issue gets a token or state from process a; redeem uses it on b
		// and returns the refusal text and whether it was an error result.
		issue  func(a *wenv, args map[string]any) string
		redeem func(b *wenv, args map[string]any, tok string) (string, bool)
	}{
		{
			name: "confirmation_token (token fallback)",
			issue: func(a *wenv, args map[string]any) string {
				var cr struct {
					Status string `json:"status"`
					Token  string `json:"confirmation_token"`
				}
				a.ok("send_reply", args, &cr)
				if cr.Status != "confirmation_required" || cr.Token == "" {
					t.Fatalf("first call: %+v", cr)
				}
				return cr.Token
			},
			redeem: func(b *wenv, args map[string]any, tok string) (string, bool) {
				with := map[string]any{"confirmation_token": tok}
				for k, v := range args {
					with[k] = v
				}
				res := b.call("send_reply", with)
				return text(res), res.IsError
			},
		},
		{
			name: "elicitation requestState (modern client)",
			raw:  true,
			issue: func(a *wenv, args map[string]any) string {
				return askModern(a, args)
			},
			redeem: func(b *wenv, args map[string]any, state string) (string, bool) {
				r := b.raw.call("tools/call", map[string]any{"_meta": modernMeta(map[string]any{"elicitation": map[string]any{}}),
					"name": "send_reply", "arguments": args, "inputResponses": accept(), "requestState": state})
				if r.Error != nil {
					t.Fatalf("JSON-RPC error, want a tool error: %s", r.Error.Message)
				}
				return rawText(r), r.Result["isError"] == true
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fd := fdtest.NewServer(t, fdtest.Options{Demo: true, RateLimit: 1 << 20})
			opts := policyOpts{mode: policy.ModeConfirm, fd: fd, secret: secret, raw: tc.raw, fallback: policy.FallbackToken}
			a, b := newWriteEnv(t, opts), newWriteEnv(t, opts)
			args := replyArgs("one confirmation, one process: " + tc.name)
			tok := tc.issue(a, args)
			for i := range 2 { // repeated attempts stay refused
				msg, isErr := tc.redeem(b, args, tok)
				if !isErr || !strings.Contains(msg, "another server process") || !strings.Contains(msg, "Nothing was written") {
					t.Errorf("attempt %d on the other process: isError=%v, want a refusal naming another server process: %s", i+1, isErr, msg)
				}
			}
			if n := posts(fd); n != 0 {
				t.Errorf("%d POSTs to Freshdesk: a token from another process wrote", n)
			}
			if got, want := b.audit.decisions(t), []string{"token_invalid", "token_invalid"}; !slices.Equal(got, want) {
				t.Errorf("other process audit %v, want %v", got, want)
			}
			// The issuing process still honours it, exactly once.
			if msg, isErr := tc.redeem(a, args, tok); isErr {
				t.Errorf("issuing process refused its own confirmation: %s", msg)
			}
			if n := noteCount(fd, openTicket, "one confirmation, one process"); n != 1 {
				t.Errorf("%d replies written, want 1", n)
			}
		})
	}
}
