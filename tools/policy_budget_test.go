package tools_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// TestArgumentsCheckedBeforeBudget pins the order of checks of a tool call
// (DESIGN's data flow): the arguments are validated first, so an invalid
// call is told what is wrong and costs nothing even when the budget is
// spent; only a valid call is checked against the budget.
func TestArgumentsCheckedBeforeBudget(t *testing.T) {
	w := newWriteEnv(t, policyOpts{mode: policy.ModeUnattended, budget: "5/1h"})
	res := w.call("get_ticket", map[string]any{"ticket_id": openTicket})
	if res.IsError {
		t.Fatal(text(res))
	}
	left := metaInt(t, res, "budget_remaining")
	if left >= 3 {
		t.Fatalf("budget_remaining %d: the test needs less than get_ticket's estimate (3) left", left)
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

// TestBudgetReservationParallel: concurrent calls reserve their estimates
// atomically, so together they cannot start more work than the budget
// allows (get_ticket estimates 3: at most 2 of 6 fit in 8).
func TestBudgetReservationParallel(t *testing.T) {
	w := newWriteEnv(t, policyOpts{mode: policy.ModeReadOnly, budget: "8/1h"})
	const n = 6
	errs := make(chan bool, n)
	for range n {
		go func() {
			res, err := w.cs.CallTool(context.Background(), &gomcp.CallToolParams{Name: "get_ticket", Arguments: map[string]any{"ticket_id": openTicket}})
			errs <- err != nil || res.IsError
		}()
	}
	ran := 0
	for range n {
		if !<-errs {
			ran++
		}
	}
	if ran < 1 || ran > 2 {
		t.Errorf("%d of %d parallel calls ran with budget 8 and estimate 3, want 1 or 2", ran, n)
	}
}

func TestBudgetExhausted(t *testing.T) {
	w := newWriteEnv(t, policyOpts{mode: policy.ModeUnattended, budget: "5/1h"})
	res := w.call("get_ticket", map[string]any{"ticket_id": openTicket})
	if res.IsError {
		t.Fatal(text(res))
	}
	used := metaInt(t, res, "credits_used")
	if rem := metaInt(t, res, "budget_remaining"); rem != 5-used {
		t.Errorf("budget_remaining %d after %d credits", rem, used)
	}
	if _, ok := res.Meta["account_remaining"]; !ok {
		t.Errorf("_meta lacks account_remaining: %v", res.Meta)
	}
	// 5 - used (4: names and the ticket) = 1 left; add_note estimates 2:
	// refused before any call.
	w.fd.ResetRequests()
	res = w.call("add_note", map[string]any{"ticket_id": openTicket, "body": "over budget"})
	if !res.IsError {
		t.Fatalf("over budget call ran: %s", text(res))
	}
	msg := text(res)
	for _, want := range []string{"no Freshdesk call", "5", "reset"} {
		if !strings.Contains(msg, want) {
			t.Errorf("budget text lacks %q: %s", want, msg)
		}
	}
	if n := len(w.fd.Requests()); n != 0 {
		t.Errorf("over-budget call made %d Freshdesk requests", n)
	}
	// Reads are budgeted too.
	if msg := w.fail("get_ticket", map[string]any{"ticket_id": openTicket}); !strings.Contains(msg, "no Freshdesk call") || len(w.fd.Requests()) != 0 {
		t.Errorf("over-budget read: %s", msg)
	}
	if got := w.audit.decisions(t); !slices.Equal(got, []string{"over_budget"}) {
		t.Errorf("audit %v", got)
	}
	// The window resets.
	w.clk.Advance(61 * time.Minute)
	w.ok("get_ticket_fields", nil, nil)
}

func TestUsageResourceAndMeta(t *testing.T) {
	w := newWriteEnv(t, policyOpts{mode: policy.ModeUnattended, budget: "300/1h"})
	res := w.call("add_note", map[string]any{"ticket_id": openTicket, "body": "meta note"})
	if res.IsError {
		t.Fatal(text(res))
	}
	used := metaInt(t, res, "credits_used")
	if used != 2 || metaInt(t, res, "budget_remaining") != 298 || metaInt(t, res, "account_remaining") <= 0 {
		t.Errorf("_meta %v", res.Meta)
	}
	rr, err := w.cs.ReadResource(context.Background(), &gomcp.ReadResourceParams{URI: mcppolicy.UsageURI})
	if err != nil {
		t.Fatal(err)
	}
	var u struct {
		You     string `json:"you"`
		Budget  string `json:"budget"`
		Callers []struct {
			Caller string `json:"caller"`
			Used   int    `json:"used"`
			Limit  int    `json:"limit"`
		} `json:"callers"`
	}
	decode(t, rr.Contents[0].Text, &u)
	if u.You != "user:test" || u.Budget != "300/1h" || len(u.Callers) != 1 || u.Callers[0].Caller != "user:test" || u.Callers[0].Used != 2 {
		t.Errorf("usage resource: %s", rr.Contents[0].Text)
	}
}
