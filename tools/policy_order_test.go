package tools_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// TestArgumentsCheckedBeforeBudget pins the order of checks of a tool call
// (DESIGN's data flow): the arguments are validated first, so an invalid
// call is told what is wrong and costs nothing even when the budget is
// spent; only a valid call is checked against the budget.
func TestArgumentsCheckedBeforeBudget(t *testing.T) {
	w := newWriteEnv(t, policyOpts{mode: policy.ModeUnattended, budget: "6/1h"})
	res := w.call("get_ticket", map[string]any{"ticket_id": openTicket})
	if res.IsError {
		t.Fatal(text(res))
	}
	left := metaInt(t, res, "budget_remaining")
	if left >= 4 {
		t.Fatalf("budget_remaining %d: the test needs less than get_ticket's estimate (4) left", left)
	}
	w.fd.ResetRequests()
	for _, c := range []struct {
		tool string
		args map[string]any
		want string
	}{
		{"get_ticket", map[string]any{"ticket": openTicket}, `unknown argument(s) "ticket"`},
		{"get_ticket", map[string]any{"ticket_id": "first"}, "ticket_id"},
		{"add_note", map[string]any{"ticket_id": openTicket}, "body: required"},
	} {
		res := w.call(c.tool, c.args)
		msg := text(res)
		if !res.IsError || !strings.Contains(msg, c.want) || strings.Contains(msg, "budget") {
			t.Errorf("%s(%v): want the argument error %q, not a budget refusal; got %s", c.tool, c.args, c.want, msg)
		}
		if got := metaInt(t, res, "budget_remaining"); got != left {
			t.Errorf("%s(%v): budget_remaining %d, want %d (an invalid call costs nothing)", c.tool, c.args, got, left)
		}
	}
	if n := len(w.fd.Requests()); n != 0 {
		t.Errorf("invalid calls made %d Freshdesk requests", n)
	}
	// Invalid arguments are not a write attempt: nothing is audited.
	if got := w.audit.decisions(t); len(got) != 0 {
		t.Errorf("audit after invalid calls: %v", got)
	}
	// A valid call is then refused by the budget, before any Freshdesk call.
	msg := w.fail("add_note", map[string]any{"ticket_id": openTicket, "body": "over budget"})
	if !strings.Contains(msg, "no Freshdesk call was made") {
		t.Errorf("valid call over budget: %s", msg)
	}
	if got := w.audit.decisions(t); !slices.Equal(got, []string{"over_budget"}) {
		t.Errorf("audit %v, want [over_budget]", got)
	}
}
