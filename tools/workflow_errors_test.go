package tools_test

import (
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// newToolCalls are valid calls of every tool this issue added.
var newToolCalls = []struct {
	tool string
	args map[string]any
}{
	{"create_ticket", map[string]any{"requester_email": "daniel.brooks@northwind.example.com", "subject": "Err", "description": "d"}},
	{"create_contact", map[string]any{"name": "Err", "email": "err@example.test"}},
	{"update_contact", map[string]any{"contact_id": 67020000001, "job_title": "CTO"}},
	{"list_time_entries", map[string]any{"since": "2026-01-01"}},
	{"add_time_entry", map[string]any{"ticket_id": 1, "minutes": 5}},
	{"list_satisfaction_ratings", map[string]any{"since": "2026-01-01"}},
	{"support_metrics", map[string]any{"question": "overdue"}},
	{"customer_overview", map[string]any{"email": "daniel.brooks@northwind.example.com"}},
	{"whoami", nil},
	{"get_helpdesk_config", nil},
}

// TestNewToolsRateLimited: a 429 from Freshdesk is an error result that says
// when to retry, and no write happens.
func TestNewToolsRateLimited(t *testing.T) {
	for _, c := range newToolCalls {
		t.Run(c.tool, func(t *testing.T) {
			w := intakeEnv(t, nil)
			tickets, entries, contacts := len(w.fd.TicketIDs()), w.fd.Counts()["time_entries"], w.fd.Counts()["contacts"]
			w.fd.AddFault(fdtest.Fault{Status: 429, RetryAfter: 60, Count: 1000})
			if msg := w.fail(c.tool, c.args); !strings.Contains(msg, "rate limit") || !strings.Contains(msg, "1m0s") {
				t.Errorf("429: %s", msg)
			}
			if len(w.fd.TicketIDs()) != tickets || w.fd.Counts()["time_entries"] != entries || w.fd.Counts()["contacts"] != contacts {
				t.Error("a rate-limited call wrote")
			}
		})
	}
}

// TestNewToolsOverBudget: over the caller's credit budget nothing reaches
// Freshdesk and the answer says why.
func TestNewToolsOverBudget(t *testing.T) {
	w := newWriteEnv(t, policyOpts{mode: policy.ModeUnattended, confirmReplies: noConfirm(), toolsets: []string{"all"}, budget: "2/1h"})
	w.ok("whoami", nil, nil) // spends the 2 credits
	for _, c := range newToolCalls {
		w.fd.ResetRequests()
		msg := w.fail(c.tool, c.args)
		if !strings.Contains(msg, "Not run") || len(w.fd.Requests()) != 0 {
			t.Errorf("%s over budget: %s (%d requests)", c.tool, msg, len(w.fd.Requests()))
		}
	}
}

// TestNewToolsNotFound: unknown ids are reported as not found.
func TestNewToolsNotFound(t *testing.T) {
	w := intakeEnv(t, nil)
	for _, c := range []struct {
		tool string
		args map[string]any
		want string
	}{
		{"list_time_entries", map[string]any{"ticket_id": 99999}, "Not found"},
		{"list_satisfaction_ratings", map[string]any{"ticket_id": 99999}, "Not found"},
		{"add_time_entry", map[string]any{"ticket_id": 99999, "minutes": 5}, "Not found"},
		{"update_contact", map[string]any{"contact_id": 5, "name": "X"}, "Not found"},
		{"customer_overview", map[string]any{"contact_id": 5}, "no contact with id 5"},
		{"support_metrics", map[string]any{"question": "backlog", "by": "agent", "group": "99999"}, "unknown group"},
	} {
		if msg := w.fail(c.tool, c.args); !strings.Contains(msg, c.want) {
			t.Errorf("%s %v: %s", c.tool, c.args, msg)
		}
	}
}

// TestTimeEntriesPageCap: an account's whole time history is never
// downloaded: at most 10 pages (10 credits), and the answer says so.
func TestTimeEntriesPageCap(t *testing.T) {
	fd := fdtest.NewServer(t, fdtest.Options{Demo: true, RateLimit: 1 << 20})
	var recs []fdtest.Record
	for i := 0; i < 1000; i++ {
		recs = append(recs, fdtest.Record{"ticket_id": 1, "agent_id": 67010000001, "time_spent": "00:10", "time_spent_in_seconds": 600})
	}
	if err := fd.Seed(fdtest.Dataset{TimeEntries: recs}); err != nil {
		t.Fatal(err)
	}
	w := intakeEnv(t, fd)
	w.ok("get_ticket_fields", nil, nil)
	w.fd.ResetRequests()
	var out struct {
		Count int    `json:"count"`
		Note  string `json:"note"`
	}
	decode(t, w.ok("list_time_entries", nil, nil), &out)
	if out.Count != 1000 || !strings.Contains(out.Note, "Only the first 1000 entries") || credits(w.fd.Requests()) != 10 {
		t.Errorf("count %d, %d credits, note %q", out.Count, credits(w.fd.Requests()), out.Note)
	}
}

// TestNewWritesAudited: every new write is audited with its kind, decision,
// outcome and created id; a refused one too.
func TestNewWritesAudited(t *testing.T) {
	w := intakeEnv(t, nil)
	w.ok("create_ticket", newTicketArgs("Audited"), nil)
	w.ok("create_contact", map[string]any{"name": "Audit Person", "email": "audit@example.test"}, nil)
	w.ok("update_contact", map[string]any{"contact_id": 67020000001, "job_title": "Auditor"}, nil)
	w.ok("add_time_entry", map[string]any{"ticket_id": 1, "minutes": 7}, nil)
	w.fail("create_ticket", newTicketArgs("Audited")) // duplicate
	lines := w.audit.lines(t)
	want := []struct{ tool, kind, decision, outcome string }{
		{"create_ticket", "ticket_create", "unattended_allowed", "ok"},
		{"create_contact", "contact_write", "unattended_allowed", "ok"},
		{"update_contact", "contact_write", "unattended_allowed", "ok"},
		{"add_time_entry", "time_entry", "unattended_allowed", "ok"},
		{"create_ticket", "ticket_create", "duplicate", "not_attempted"},
	}
	if len(lines) != len(want) {
		t.Fatalf("%d audit lines: %v", len(lines), lines)
	}
	for i, wl := range want {
		l := lines[i]
		if l["tool"] != wl.tool || l["kind"] != wl.kind || l["decision"] != wl.decision || l["outcome"] != wl.outcome {
			t.Errorf("audit %d: %v, want %+v", i, l, wl)
		}
	}
	if ids, _ := lines[0]["created_ids"].([]any); len(ids) != 1 {
		t.Errorf("create_ticket audited without its id: %v", lines[0])
	}
}
