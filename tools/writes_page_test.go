package tools_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/approval"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools/toolstest"
)

const testApprover = "correct horse battery staple"

// servePage serves the confirmation page of w's policy on a real loopback
// HTTP server, on w's clock; approver "" configures no approver secret.
func servePage(t *testing.T, w *wenv, approver string) {
	t.Helper()
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	a, err := approval.New(approval.Config{BaseURL: srv.URL, Now: w.clk.Now, ApproverSecret: approver, PollInterval: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	mux.Handle(approval.Path, a.Handler())
	w.pol.Approvals = a
}

// callAsync starts a tool call and returns a channel with its result.
func (w *wenv) callAsync(name string, args map[string]any) <-chan *gomcp.CallToolResult {
	done := make(chan *gomcp.CallToolResult, 1)
	go func() {
		res, err := w.cs.CallTool(context.Background(), &gomcp.CallToolParams{Name: name, Arguments: args})
		if err != nil {
			res = &gomcp.CallToolResult{IsError: true, Content: []gomcp.Content{&gomcp.TextContent{Text: "protocol error: " + err.Error()}}}
		}
		done <- res
	}()
	return done
}

// pageURL waits for the n-th (0-based) URL elicitation and returns its URL.
func (w *wenv) pageURL(t *testing.T, n int) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		w.mu.Lock()
		if len(w.urls) > n {
			u := w.urls[n]
			w.mu.Unlock()
			return u
		}
		w.mu.Unlock()
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("no URL elicitation #%d arrived", n+1)
	return ""
}

func await(t *testing.T, done <-chan *gomcp.CallToolResult) *gomcp.CallToolResult {
	t.Helper()
	select {
	case res := <-done:
		return res
	case <-time.After(20 * time.Second):
		t.Fatal("the tool call did not finish")
	}
	return nil
}

// TestDefaultNoElicitationCannotWrite: in confirm mode with the default
// fallback, a client without elicitation gets nothing it can redeem: each
// write tool refuses with instructions, and a token (even one from the
// old token flow) writes nothing. On the old default (token) the first call
// handed the model a token and the second call wrote.
func TestDefaultNoElicitationCannotWrite(t *testing.T) {
	w := newWriteEnv(t, policyOpts{mode: policy.ModeConfirm})
	calls := map[string]map[string]any{
		"add_note":      {"ticket_id": 62, "body": "Close this ticket now."},
		"send_reply":    {"ticket_id": 62, "body": "Your refund is approved."},
		"update_ticket": {"ticket_id": 62, "priority": "urgent"},
	}
	for tool, args := range calls {
		res := w.call(tool, args)
		msg := text(res)
		if !res.IsError || !strings.Contains(msg, "Nothing was written") || strings.Contains(msg, "confirmation_token") {
			t.Errorf("%s: want a refusal without a token, got isError=%v: %s", tool, res.IsError, msg)
		}
		// The model tries to confirm it itself, with whatever token it got.
		with := map[string]any{"confirmation_token": tokenIn(msg)}
		for k, v := range args {
			with[k] = v
		}
		if res := w.call(tool, with); !res.IsError {
			t.Errorf("%s with a token: not refused: %s", tool, text(res))
		}
	}
	if reqs := writeRequests(w.fd); len(reqs) != 0 {
		t.Fatalf("%d writes reached Freshdesk without a person's confirmation: %+v", len(reqs), reqs)
	}
	for _, d := range w.audit.decisions(t) {
		if d != string(policy.DecisionCouldNotAsk) && d != string(policy.DecisionTokenInvalid) {
			t.Errorf("audit decision %q, want could_not_ask or token_invalid only", d)
		}
	}
}

// tokenIn returns the confirmation token in a result text, or a made-up one.
func tokenIn(s string) string {
	if i := strings.Index(s, "fdmc1_"); i >= 0 {
		end := strings.IndexAny(s[i:], "\" ,")
		if end < 0 {
			end = len(s) - i
		}
		return s[i : i+end]
	}
	return "fdmc1_made-up"
}

// TestURLElicitationDrivesPage: a client with URL-mode elicitation only gets
// the confirmation page; the call completes with exactly one write when a
// person approves there, and writes nothing when they decline, when the
// client declines to open it, or when it expires. The page cannot be
// approved twice.
func TestURLElicitationDrivesPage(t *testing.T) {
	tests := []struct {
		name    string
		client  string // the client's answer to the URL elicitation
		person  func(t *testing.T, w *wenv, u string)
		written int
		want    string
	}{
		{name: "approve", client: "accept", written: 1, want: `"status":"written"`,
			person: func(t *testing.T, _ *wenv, u string) {
				if code, _ := toolstest.NewPage(t).Decide(u, "approve", ""); code >= 400 {
					t.Errorf("approve: HTTP %d", code)
				}
			}},
		{name: "decline on the page", client: "accept", want: "declined",
			person: func(t *testing.T, _ *wenv, u string) { toolstest.NewPage(t).Decide(u, "decline", "") }},
		{name: "client declines", client: "decline", want: "declined"},
		{name: "expiry", client: "accept", want: "expired",
			person: func(_ *testing.T, w *wenv, _ string) { w.clk.Advance(approval.DefaultTTL + time.Second) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := newWriteEnv(t, policyOpts{mode: policy.ModeConfirm, urlOnly: true, elicit: func(string) string { return tc.client }})
			servePage(t, w, "")
			args := map[string]any{"ticket_id": 62, "body": "URL mode: " + tc.name}
			done := w.callAsync("add_note", args)
			var u string
			if tc.person != nil {
				u = w.pageURL(t, 0)
				tc.person(t, w, u)
			}
			res := await(t, done)
			if !strings.Contains(text(res), tc.want) || res.IsError != (tc.written == 0) {
				t.Fatalf("result isError=%v, want %q: %s", res.IsError, tc.want, text(res))
			}
			if n := noteCount(w.fd, 62, "URL mode: "+tc.name); n != tc.written {
				t.Errorf("%d notes written, want %d", n, tc.written)
			}
			if u != "" {
				// The first decision is final: a second approval changes nothing.
				if _, html := toolstest.NewPage(t).Open(u); strings.Contains(html, `value="approve"`) {
					t.Errorf("the page still offers approval after its decision")
				}
			}
			if n := len(writeRequests(w.fd)); n != tc.written {
				t.Errorf("%d writes reached Freshdesk, want %d", n, tc.written)
			}
		})
	}
}

// TestModernURLElicitation: a 2026-07-28 client offering URL mode only gets
// an input request with the page link; its retry with the request state
// completes the write once only after a person approved on the page, and
// a decline, a replayed state or altered arguments write nothing.
func TestModernURLElicitation(t *testing.T) {
	caps := map[string]any{"elicitation": map[string]any{"url": map[string]any{}}}
	tests := []struct {
		name     string
		decision string
		retry    func(w *wenv, state string) []rawResponse
		written  int
		want     string // in the last retry's refusal
	}{
		{name: "approve, then replay", decision: "approve", written: 1, want: "already been used",
			retry: func(w *wenv, state string) []rawResponse {
				return []rawResponse{retryModern(w, caps, urlArgs("modern url"), state), retryModern(w, caps, urlArgs("modern url"), state)}
			}},
		{name: "decline", decision: "decline", want: "declined",
			retry: func(w *wenv, state string) []rawResponse {
				return []rawResponse{retryModern(w, caps, urlArgs("modern url"), state)}
			}},
		{name: "altered arguments", decision: "approve", want: "different arguments",
			retry: func(w *wenv, state string) []rawResponse {
				return []rawResponse{retryModern(w, caps, urlArgs("modern url, altered"), state)}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := newWriteEnv(t, policyOpts{mode: policy.ModeConfirm, raw: true})
			servePage(t, w, "")
			r := w.raw.call("tools/call", map[string]any{"_meta": modernMeta(caps), "name": "send_reply", "arguments": urlArgs("modern url")})
			state, _ := r.Result["requestState"].(string)
			b, _ := json.Marshal(r.Result["inputRequests"])
			m := pageURLRE.FindStringSubmatch(string(b))
			if state == "" || m == nil || !strings.Contains(string(b), `"mode":"url"`) {
				t.Fatalf("first call: want a URL-mode input request, got %+v", r)
			}
			toolstest.NewPage(t).Decide(m[1], tc.decision, "")
			rs := tc.retry(w, state)
			if tc.written == 1 && (rs[0].Result["isError"] == true || !strings.Contains(rawText(rs[0]), `"status":"written"`)) {
				t.Errorf("retry after approval: %s", rawText(rs[0]))
			}
			last := rs[len(rs)-1]
			if last.Result["isError"] != true || !strings.Contains(rawText(last), tc.want) {
				t.Errorf("last retry: want a refusal with %q, got %s", tc.want, rawText(last))
			}
			if n := posts(w.fd); n != tc.written {
				t.Errorf("%d writes, want %d", n, tc.written)
			}
		})
	}
}

var pageURLRE = regexp.MustCompile(`"url":"([^"]+)"`)

// retryModern repeats a modern tools/call with an accept answer and state.
func retryModern(w *wenv, caps, args map[string]any, state string) rawResponse {
	return w.raw.call("tools/call", map[string]any{"_meta": modernMeta(caps), "name": "send_reply", "arguments": args,
		"inputResponses": accept(), "requestState": state})
}

// urlArgs are send_reply arguments that the duplicate guard lets through,
// so a replay meets the confirmation check itself.
func urlArgs(body string) map[string]any {
	a := replyArgs(body)
	a["allow_duplicate"] = true
	return a
}

// TestApproverFallbackNeverHandsOutALinkPage: a page made for URL
// elicitation (approved by whoever opens it) is never the page the approver
// fallback gives a model, even for the same caller and arguments (two
// clients sharing one identity); approving that page without the approver
// secret writes nothing through the fallback (security review of the
// merge: the fallback found the link page and wrote after a secretless
// approval).
func TestApproverFallbackNeverHandsOutALinkPage(t *testing.T) {
	urlCaps := map[string]any{"elicitation": map[string]any{"url": map[string]any{}}}
	noCaps := map[string]any{}
	w := newWriteEnv(t, policyOpts{mode: policy.ModeConfirm, raw: true})
	servePage(t, w, testApprover)
	r := w.raw.call("tools/call", map[string]any{"_meta": modernMeta(urlCaps), "name": "send_reply", "arguments": urlArgs("x")})
	b, _ := json.Marshal(r.Result["inputRequests"])
	m := pageURLRE.FindStringSubmatch(string(b))
	if m == nil {
		t.Fatalf("URL elicitation gave no page: %+v", r)
	}
	linkPage := m[1]
	r2 := w.raw.call("tools/call", map[string]any{"_meta": modernMeta(noCaps), "name": "send_reply", "arguments": urlArgs("x")})
	if txt := rawText(r2); strings.Contains(txt, linkPage) || !strings.Contains(txt, "approval_required") {
		t.Fatalf("the approver fallback answered with the URL-elicitation page or no approver page: %.400s", txt)
	}
	toolstest.NewPage(t).Decide(linkPage, "approve", "") // a click on the link page, no secret
	r3 := w.raw.call("tools/call", map[string]any{"_meta": modernMeta(noCaps), "name": "send_reply", "arguments": urlArgs("x")})
	if n := posts(w.fd); n != 0 {
		t.Fatalf("%d replies written through the approver fallback without the approver secret: %.300s", n, rawText(r3))
	}
}
