package tools_test

import (
	"strings"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/approval"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools/toolstest"
)

// approvalAnswer is the approver fallback's answer.
type approvalAnswer struct {
	Status      string `json:"status"`
	ApprovalURL string `json:"approval_url"`
}

// askApproval calls add_note and wants an approval_required answer.
func askApproval(t *testing.T, w *wenv, args map[string]any) approvalAnswer {
	t.Helper()
	var a approvalAnswer
	w.ok("add_note", args, &a)
	if a.Status != "approval_required" || !strings.Contains(a.ApprovalURL, approval.Path) {
		t.Fatalf("want approval_required with a page link, got %+v", a)
	}
	return a
}

// TestApproverFallback: a client without elicitation, with an approver
// secret configured, gets a page link; the model (which has no secret)
// cannot approve; after a person approves, the identical call writes once.
// Replay, altered arguments and expiry write nothing.
func TestApproverFallback(t *testing.T) {
	args := func(body string) map[string]any { return map[string]any{"ticket_id": 62, "body": body} }
	tests := []struct {
		name string
		// after the person approved args("approved text"), the repeated call.
		then    func(t *testing.T, w *wenv)
		written int
	}{
		{name: "identical call writes once, a replay writes nothing", written: 1, then: func(t *testing.T, w *wenv) {
			var done struct{ Status string }
			w.ok("add_note", args("approved text"), &done)
			if done.Status != "written" {
				t.Fatalf("after approval: %+v", done)
			}
			// The same approval does not complete a second call.
			if res := w.call("add_note", args("approved text")); strings.Contains(text(res), `"status":"written"`) {
				t.Errorf("replay wrote again: %s", text(res))
			}
		}},
		{name: "altered arguments", then: func(t *testing.T, w *wenv) {
			askApproval(t, w, args("approved text, altered"))
		}},
		{name: "expired", then: func(t *testing.T, w *wenv) {
			w.clk.Advance(approval.DefaultTTL + time.Second)
			askApproval(t, w, args("approved text"))
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := newWriteEnv(t, policyOpts{mode: policy.ModeConfirm})
			servePage(t, w, testApprover)
			a := askApproval(t, w, args("approved text"))
			// The model opens the page and tries to approve without the secret.
			for _, guess := range []string{"", "password", "approve"} {
				toolstest.NewPage(t).Decide(a.ApprovalURL, "approve", guess)
			}
			if again := askApproval(t, w, args("approved text")); again.ApprovalURL != a.ApprovalURL {
				t.Errorf("a pending request got a new page: %s", again.ApprovalURL)
			}
			if n := len(writeRequests(w.fd)); n != 0 {
				t.Fatalf("%d writes before a person approved", n)
			}
			if code, html := toolstest.NewPage(t).Decide(a.ApprovalURL, "approve", testApprover); code >= 400 || !strings.Contains(strings.ToLower(html), "approved") {
				t.Fatalf("person's approval: HTTP %d:\n%s", code, html)
			}
			tc.then(t, w)
			if n := len(writeRequests(w.fd)); n != tc.written {
				t.Errorf("%d writes reached Freshdesk, want %d", n, tc.written)
			}
		})
	}
}
