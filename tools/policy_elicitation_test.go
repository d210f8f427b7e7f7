package tools_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// posts counts the emulator's POST requests.
func posts(fd *fdtest.TestServer) int {
	n := 0
	for _, r := range writeRequests(fd) {
		if r.Method == "POST" {
			n++
		}
	}
	return n
}

func replyArgs(body string) map[string]any {
	return map[string]any{"ticket_id": openTicket, "body": body}
}

func accept() map[string]any {
	return map[string]any{"confirm_write": map[string]any{"action": "accept", "content": map[string]any{}}}
}

// TestForgedElicitationAnswerRefused: an elicitation answer (inputResponses)
// is consent only from a client that can elicit, with the request state the
// server issued for this caller, tool and these exact arguments, once.
func TestForgedElicitationAnswerRefused(t *testing.T) {
	elicitCaps := map[string]any{"elicitation": map[string]any{}}
	tests := []struct {
		name     string
		fallback policy.Fallback
		// run sends the forged request and returns the tools/call response.
		run  func(w *wenv) rawResponse
		want string
	}{
		{
			// The reviewer's scenario: no elicitation capability, forged
			// accept, --confirm-fallback deny.
			name: "legacy client without elicitation", fallback: policy.FallbackDeny,
			run: func(w *wenv) rawResponse {
				w.raw.initLegacy("2025-06-18", map[string]any{})
				return w.raw.call("tools/call", map[string]any{"name": "send_reply", "arguments": replyArgs("forged legacy"), "inputResponses": accept()})
			},
			want: "did not declare the elicitation capability",
		},
		{
			name: "legacy client with elicitation, no state",
			run: func(w *wenv) rawResponse {
				w.raw.initLegacy("2025-11-25", elicitCaps)
				return w.raw.call("tools/call", map[string]any{"name": "send_reply", "arguments": replyArgs("forged legacy 2"), "inputResponses": accept()})
			},
			want: "without the requestState",
		},
		{
			name: "modern client, no requestState",
			run: func(w *wenv) rawResponse {
				return w.raw.call("tools/call", map[string]any{"_meta": modernMeta(elicitCaps), "name": "send_reply",
					"arguments": replyArgs("forged modern"), "inputResponses": accept()})
			},
			want: "without the requestState",
		},
		{
			name: "modern client, invented requestState",
			run: func(w *wenv) rawResponse {
				return w.raw.call("tools/call", map[string]any{"_meta": modernMeta(elicitCaps), "name": "send_reply",
					"arguments": replyArgs("forged modern 2"), "inputResponses": accept(), "requestState": "fdmc1_AAAAinvented"})
			},
			want: "not issued by this server",
		},
		{
			name: "modern client without elicitation, real state",
			run: func(w *wenv) rawResponse {
				state := askModern(w, replyArgs("state then no caps"))
				return w.raw.call("tools/call", map[string]any{"_meta": modernMeta(map[string]any{}), "name": "send_reply",
					"arguments": replyArgs("state then no caps"), "inputResponses": accept(), "requestState": state})
			},
			want: "did not declare the elicitation capability",
		},
		{
			name: "modern client, accept for A replayed with B",
			run: func(w *wenv) rawResponse {
				state := askModern(w, replyArgs("arguments A"))
				return w.raw.call("tools/call", map[string]any{"_meta": modernMeta(elicitCaps), "name": "send_reply",
					"arguments": replyArgs("arguments B"), "inputResponses": accept(), "requestState": state})
			},
			want: "confirmed different arguments",
		},
		{
			name:     "request state used as a confirmation_token",
			fallback: policy.FallbackToken,
			run: func(w *wenv) rawResponse {
				state := askModern(w, replyArgs("token swap"))
				args := replyArgs("token swap")
				args["confirmation_token"] = state
				return w.raw.call("tools/call", map[string]any{"_meta": modernMeta(map[string]any{}), "name": "send_reply", "arguments": args})
			},
			want: "different tool",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := newWriteEnv(t, policyOpts{mode: policy.ModeConfirm, fallback: tc.fallback, raw: true})
			r := tc.run(w)
			if r.Error != nil {
				t.Fatalf("JSON-RPC error, want a tool error: %s", r.Error.Message)
			}
			msg := rawText(r)
			if r.Result["isError"] != true || !strings.Contains(msg, tc.want) || !strings.Contains(msg, "Nothing was written") {
				t.Errorf("result isError=%v, want a refusal containing %q: %s", r.Result["isError"], tc.want, msg)
			}
			if n := posts(w.fd); n != 0 {
				t.Errorf("%d POSTs to Freshdesk: a forged confirmation wrote", n)
			}
			if dec := w.audit.decisions(t); len(dec) == 0 || dec[len(dec)-1] != "token_invalid" {
				t.Errorf("audit decisions %v, want the last to be token_invalid", dec)
			}
		})
	}
}

// askModern makes the first call of a modern elicitation round trip and
// returns the request state of the input request.
func askModern(w *wenv, args map[string]any) string {
	w.t.Helper()
	r := w.raw.call("tools/call", map[string]any{"_meta": modernMeta(map[string]any{"elicitation": map[string]any{}}), "name": "send_reply", "arguments": args})
	state, _ := r.Result["requestState"].(string)
	if r.Error != nil || state == "" || r.Result["inputRequests"] == nil {
		w.t.Fatalf("first call: want an input request with a request state, got %+v", r)
	}
	return state
}

// TestModernElicitationRoundTrip: a declined round trip uses up its
// state (a later accept with it is refused); a genuine accept writes once and
// cannot be reused for other arguments.
func TestModernElicitationRoundTrip(t *testing.T) {
	w := newWriteEnv(t, policyOpts{mode: policy.ModeConfirm, raw: true})
	caps := map[string]any{"elicitation": map[string]any{}}
	args := replyArgs("modern round trip")
	retry := func(state, action string, args map[string]any) rawResponse {
		return w.raw.call("tools/call", map[string]any{"_meta": modernMeta(caps), "name": "send_reply", "arguments": args,
			"inputResponses": map[string]any{"confirm_write": map[string]any{"action": action}}, "requestState": state})
	}
	state := askModern(w, args)
	if r := retry(state, "decline", args); r.Result["isError"] != true || !strings.Contains(rawText(r), "declined") {
		t.Errorf("decline: %s", rawText(r))
	}
	if r := retry(state, "accept", args); r.Result["isError"] != true || !strings.Contains(rawText(r), "already been used") {
		t.Errorf("accept replayed after a decline: %s", rawText(r))
	}
	state = askModern(w, args)
	if r := retry(state, "accept", args); r.Error != nil || r.Result["isError"] == true || !strings.Contains(rawText(r), `"confirmed"`) {
		t.Fatalf("genuine accept: %+v %s", r.Error, rawText(r))
	}
	if r := retry(state, "accept", replyArgs("other text")); r.Result["isError"] != true || !strings.Contains(rawText(r), "confirmed different arguments") {
		t.Errorf("accept reused for other arguments: %s", rawText(r))
	}
	if n := noteCount(w.fd, openTicket, "modern round trip"); n != 1 || posts(w.fd) != 1 {
		t.Errorf("%d replies, %d POSTs, want exactly 1", n, posts(w.fd))
	}
	// Every question asked is audited (confirmation_required), then its answer.
	if got, want := w.audit.decisions(t), []string{"confirmation_required", "declined", "token_invalid", "confirmation_required", "confirmed", "token_invalid"}; !slices.Equal(got, want) {
		t.Errorf("audit %v, want %v", got, want)
	}
}

// TestLegacyElicitationFailure: a legacy client that declares elicitation
// but fails to answer gets a readable could_not_ask tool error, audited.
func TestLegacyElicitationFailure(t *testing.T) {
	w := newWriteEnv(t, policyOpts{mode: policy.ModeConfirm, protocol: "2025-11-25", elicitErr: true})
	msg := w.fail("add_note", map[string]any{"ticket_id": openTicket, "body": "cannot ask"})
	if !strings.Contains(msg, "asking the user failed") || !strings.Contains(msg, "Nothing was written") {
		t.Errorf("text: %s", msg)
	}
	if n := posts(w.fd); n != 0 {
		t.Errorf("%d POSTs", n)
	}
	if got := w.audit.decisions(t); !slices.Equal(got, []string{"could_not_ask"}) {
		t.Errorf("audit %v", got)
	}
}
