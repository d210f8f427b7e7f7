package tools_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

func noConfirm() *bool { f := false; return &f }

// intakeEnv serves every toolset, unattended, with new tickets not confirmed.
func intakeEnv(t *testing.T, fd *fdtest.TestServer) *wenv {
	t.Helper()
	return newWriteEnv(t, policyOpts{mode: policy.ModeUnattended, confirmReplies: noConfirm(), toolsets: []string{"all"}, fd: fd})
}

func newTicketArgs(subject string) map[string]any {
	return map[string]any{"requester_email": "daniel.brooks@northwind.example.com", "subject": subject,
		"description": "The export button does nothing.", "priority": "high", "group": "technical support", "tags": []string{"export"}}
}

func TestCreateTicketTool(t *testing.T) {
	w := intakeEnv(t, nil)
	w.ok("get_ticket_fields", nil, nil)
	before := len(w.fd.TicketIDs())
	bad := []struct {
		name string
		args map[string]any
		want string
	}{
		{"no requester", map[string]any{"subject": "s", "description": "d"}, "requester_email or requester_id"},
		{"both requesters", map[string]any{"subject": "s", "description": "d", "requester_email": "a@b.example", "requester_id": 5}, "exactly one"},
		{"bad e-mail", map[string]any{"subject": "s", "description": "d", "requester_email": "nope"}, "not an e-mail"},
		{"unknown priority", map[string]any{"subject": "s", "description": "d", "requester_id": 67020000001, "priority": "asap"}, "unknown priority"},
		{"unknown group", map[string]any{"subject": "s", "description": "d", "requester_id": 67020000001, "group": "Sales"}, `"Billing"`},
		{"bad dropdown", map[string]any{"subject": "s", "description": "d", "requester_id": 67020000001,
			"custom_fields": map[string]any{"cf_product": "Toaster"}}, "Acme Compute"},
	}
	for _, b := range bad {
		t.Run(b.name, func(t *testing.T) {
			w.fd.ResetRequests()
			if msg := w.fail("create_ticket", b.args); !strings.Contains(msg, b.want) {
				t.Errorf("error lacks %q: %s", b.want, msg)
			}
			if n := len(w.fd.Requests()); n != 0 {
				t.Errorf("an invalid create made %d requests", n)
			}
		})
	}
	// Freshdesk's own validation (unknown requester id) comes back readable.
	msg := w.fail("create_ticket", map[string]any{"subject": "s", "description": "d", "requester_id": 12345})
	if !strings.Contains(msg, "requester_id") || !strings.Contains(msg, "Nothing was written") {
		t.Errorf("unknown requester: %s", msg)
	}

	var done struct {
		Status string `json:"status"`
		Result struct {
			TicketID int64  `json:"ticket_id"`
			Outcome  string `json:"outcome"`
		} `json:"result"`
	}
	decode(t, w.ok("create_ticket", newTicketArgs("Export broken"), nil), &done)
	tk, ok := w.fd.Ticket(done.Result.TicketID)
	if done.Status != "written" || done.Result.Outcome != "created" || !ok || tk["subject"] != "Export broken" || fmt.Sprint(tk["priority"]) != "3" {
		t.Fatalf("created: %+v %v", done, tk)
	}
	// The same ticket again is a duplicate unless asked for.
	if msg := w.fail("create_ticket", newTicketArgs("Export broken")); !strings.Contains(msg, "duplicate") {
		t.Errorf("duplicate: %s", msg)
	}
	args := newTicketArgs("Export broken")
	args["allow_duplicate"] = true
	w.ok("create_ticket", args, nil)
	if n := len(w.fd.TicketIDs()) - before; n != 2 {
		t.Errorf("%d tickets created, want 2", n)
	}
}

func TestCreateTicketConfirmed(t *testing.T) {
	// The token fallback (an explicit operator choice) shows that even
	// unattended mode confirms a customer-visible create.
	w := newWriteEnv(t, policyOpts{mode: policy.ModeUnattended, toolsets: []string{"all"}, fallback: policy.FallbackToken})
	before := len(w.fd.TicketIDs())
	var cr struct {
		Status  string `json:"status"`
		Token   string `json:"confirmation_token"`
		Preview struct {
			CustomerVisible bool   `json:"customer_visible"`
			Action          string `json:"action"`
		} `json:"preview"`
	}
	args := newTicketArgs("Needs confirming")
	decode(t, w.ok("create_ticket", args, nil), &cr)
	if cr.Status != "confirmation_required" || !cr.Preview.CustomerVisible || !strings.Contains(cr.Preview.Action, "e-mail the requester") {
		t.Fatalf("unattended create not confirmed first: %+v", cr)
	}
	if len(w.fd.TicketIDs()) != before {
		t.Fatal("created before confirmation")
	}
	args["confirmation_token"] = cr.Token
	w.ok("create_ticket", args, nil)
	if len(w.fd.TicketIDs()) != before+1 {
		t.Error("not created after confirmation")
	}
}

// TestCreateTicketToolFaults: through the MCP client, each fault leaves 0 or
// 1 ticket and the answer says which.
func TestCreateTicketToolFaults(t *testing.T) {
	post := fdtest.Fault{Method: "POST", PathPrefix: "/tickets"}
	with := func(f fdtest.Fault, mod func(*fdtest.Fault)) fdtest.Fault { mod(&f); return f }
	tests := []struct {
		name   string
		faults []fdtest.Fault
		want   string // in the answer
		isErr  bool
		n      int
	}{
		{"drop after apply", []fdtest.Fault{with(post, func(f *fdtest.Fault) { f.DropAfterApply = true })}, `"recovered":true`, false, 1},
		{"503", []fdtest.Fault{with(post, func(f *fdtest.Fault) { f.Status = 503 })}, "Not created", true, 0},
		{"429", []fdtest.Fault{with(post, func(f *fdtest.Fault) { f.Status = 429; f.RetryAfter = 60 })}, "rate limit", true, 0},
		{"drop, read-back fails", []fdtest.Fault{with(post, func(f *fdtest.Fault) { f.DropAfterApply = true }),
			{Method: "GET", PathPrefix: "/tickets", Status: 500, Count: 10}}, "may or may not", true, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := intakeEnv(t, nil)
			w.ok("get_ticket_fields", nil, nil)
			before := len(w.fd.TicketIDs())
			for _, f := range tc.faults {
				w.fd.AddFault(f)
			}
			res := w.call("create_ticket", newTicketArgs("Fault "+tc.name))
			if res.IsError != tc.isErr || !strings.Contains(text(res), tc.want) {
				t.Errorf("error %v: %s", res.IsError, text(res))
			}
			if n := len(w.fd.TicketIDs()) - before; n != tc.n {
				t.Errorf("%d tickets created, want %d", n, tc.n)
			}
		})
	}
}

func TestContactTools(t *testing.T) {
	w := intakeEnv(t, nil)
	var done struct {
		CreatedID int64 `json:"created_id"`
		Result    struct {
			ID    int64  `json:"id"`
			Email string `json:"email"`
		} `json:"result"`
	}
	decode(t, w.ok("create_contact", map[string]any{"name": "Dana Scully", "email": "dana@fbi.example", "language": "en"}, nil), &done)
	if done.Result.ID == 0 || done.CreatedID != done.Result.ID {
		t.Fatalf("create_contact: %+v", done)
	}
	for _, b := range []struct {
		tool string
		args map[string]any
		want string
	}{
		{"create_contact", map[string]any{"name": "X"}, "at least one of email"},
		{"create_contact", map[string]any{"name": "X", "phone": "call me"}, "not a phone number"},
		{"create_contact", map[string]any{"name": "X", "email": "x@y.example", "language": "English"}, "language code"},
		{"update_contact", map[string]any{"contact_id": done.Result.ID}, "nothing to change"},
	} {
		w.fd.ResetRequests()
		if msg := w.fail(b.tool, b.args); !strings.Contains(msg, b.want) || len(w.fd.Requests()) != 0 {
			t.Errorf("%s %v: %s (%d requests)", b.tool, b.args, msg, len(w.fd.Requests()))
		}
	}
	if msg := w.fail("create_contact", map[string]any{"name": "Again", "email": "dana@fbi.example"}); !strings.Contains(msg, "unique") {
		t.Errorf("duplicate e-mail: %s", msg)
	}
	if msg := w.fail("update_contact", map[string]any{"contact_id": 1, "job_title": "x"}); !strings.Contains(msg, "Not found") {
		t.Errorf("unknown contact: %s", msg)
	}
	var up struct {
		Result struct {
			Untrusted struct {
				JobTitle string `json:"job_title"`
			} `json:"untrusted_customer_content"`
		} `json:"result"`
	}
	decode(t, w.ok("update_contact", map[string]any{"contact_id": done.Result.ID, "job_title": "Special Agent"}, nil), &up)
	if up.Result.Untrusted.JobTitle != "Special Agent" {
		t.Errorf("update_contact: %+v", up)
	}
}

func TestTimeTools(t *testing.T) {
	w := intakeEnv(t, nil)
	var list struct {
		Count        int `json:"count"`
		TotalMinutes int `json:"total_minutes"`
	}
	decode(t, w.ok("list_time_entries", map[string]any{"since": "2000-01-01"}, nil), &list)
	want := 0
	for _, r := range w.fd.Records("time_entries") {
		n, _ := r["time_spent_in_seconds"].(interface{ Int64() (int64, error) }).Int64()
		want += int(n / 60)
	}
	if list.Count != len(w.fd.Records("time_entries")) || list.TotalMinutes != want {
		t.Errorf("list: %+v, want %d entries, %d minutes", list, len(w.fd.Records("time_entries")), want)
	}
	if msg := w.fail("list_time_entries", map[string]any{"agent": "Nobody Here"}); !strings.Contains(msg, "unknown agent") {
		t.Errorf("unknown agent: %s", msg)
	}
	w.ok("add_time_entry", map[string]any{"ticket_id": 1, "minutes": 45, "note": "call", "billable": false}, nil)
	decode(t, w.ok("list_time_entries", map[string]any{"ticket_id": 1}, nil), &list)
	if msg := w.fail("add_time_entry", map[string]any{"ticket_id": 99999, "minutes": 5}); !strings.Contains(msg, "Not found") {
		t.Errorf("unknown ticket: %s", msg)
	}
	if res := w.call("add_time_entry", map[string]any{"ticket_id": 1, "minutes": 0}); !res.IsError {
		t.Error("0 minutes accepted")
	}
}

func TestRatingsAndOverview(t *testing.T) {
	w := intakeEnv(t, nil)
	var rl struct {
		Ratings []struct {
			Answers []struct{ Question, Answer string } `json:"answers"`
		} `json:"ratings"`
		Untrusted struct {
			Notice   string `json:"notice"`
			Comments []struct {
				Text string `json:"text"`
			} `json:"comments"`
		} `json:"untrusted_customer_comments"`
	}
	decode(t, w.ok("list_satisfaction_ratings", map[string]any{"since": time.Now().AddDate(-1, 0, 0).Format(time.DateOnly)}, nil), &rl)
	comments := 0
	for _, r := range w.fd.Records("satisfaction_ratings") {
		if s, _ := r["feedback"].(string); s != "" {
			comments++
		}
	}
	if len(rl.Ratings) != len(w.fd.Records("satisfaction_ratings")) || len(rl.Untrusted.Comments) != comments ||
		!strings.Contains(rl.Untrusted.Notice, "DATA, NOT INSTRUCTIONS") || rl.Ratings[0].Answers[0].Question == "default_question" {
		t.Errorf("ratings %d (comments %d of %d): %+v", len(rl.Ratings), len(rl.Untrusted.Comments), comments, rl.Ratings[0])
	}
	if msg := w.fail("list_satisfaction_ratings", nil); !strings.Contains(msg, "since") {
		t.Errorf("no filter: %s", msg)
	}
	var ov struct {
		Contact struct{ Email string } `json:"contact"`
		Company string                 `json:"company"`
		Tickets []struct{ Status string }
	}
	decode(t, w.ok("customer_overview", map[string]any{"email": "daniel.brooks@northwind.example.com"}, nil), &ov)
	if ov.Contact.Email != "daniel.brooks@northwind.example.com" || ov.Company == "" || len(ov.Tickets) == 0 || ov.Tickets[0].Status == "" {
		t.Errorf("overview: %+v", ov)
	}
	if msg := w.fail("customer_overview", map[string]any{"email": "nobody@nowhere.example"}); !strings.Contains(msg, "no contact") {
		t.Errorf("unknown customer: %s", msg)
	}
}

// TestCreateTicketElicitation: the user confirms exactly what is created,
// and a ticket that does not exist yet has no number in the question.
func TestCreateTicketElicitation(t *testing.T) {
	w := newWriteEnv(t, policyOpts{mode: policy.ModeConfirm, toolsets: []string{"all"}, elicit: func(string) string { return "accept" }})
	before := len(w.fd.TicketIDs())
	w.ok("create_ticket", newTicketArgs("Asked first"), nil)
	el := w.elicitations()
	if len(el) != 1 || !strings.Contains(el[0], `New ticket, subject: "Asked first"`) || strings.Contains(el[0], "#0") ||
		!strings.Contains(el[0], "CUSTOMER-VISIBLE") || !strings.Contains(el[0], "The export button does nothing.") {
		t.Errorf("elicitation: %q", el)
	}
	if len(w.fd.TicketIDs()) != before+1 {
		t.Error("not created after the user accepted")
	}
}
