package tools_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

func TestElicitation(t *testing.T) {
	for _, proto := range []string{"", "2025-11-25"} {
		for _, action := range []string{"accept", "decline", "cancel"} {
			name := action + "/" + proto
			if proto == "" {
				name = action + "/latest"
			}
			t.Run(name, func(t *testing.T) {
				w := newWriteEnv(t, policyOpts{mode: policy.ModeConfirm, protocol: proto, elicit: func(string) string { return action }})
				body := "Elicited reply " + name
				res := w.call("send_reply", map[string]any{"ticket_id": openTicket, "body": body, "cc_emails": []string{"boss@example.com"}})
				msgs := w.elicitations()
				if len(msgs) != 1 {
					t.Fatalf("%d elicitations, want 1 (result: %s)", len(msgs), text(res))
				}
				for _, want := range []string{fmt.Sprintf("#%d", openTicket), "New billing page is confusing", "CUSTOMER-VISIBLE", body, "boss@example.com"} {
					if !strings.Contains(msgs[0], want) {
						t.Errorf("elicitation message lacks %q:\n%s", want, msgs[0])
					}
				}
				n := noteCount(w.fd, openTicket, body)
				dec := w.audit.decisions(t)
				// A modern (multi round-trip) question is audited when asked,
				// since its answer may never come; a legacy one is answered
				// within the call.
				var asked []string
				if proto == "" {
					asked = []string{"confirmation_required"}
				}
				if action == "accept" {
					if res.IsError || n != 1 || structured(t, res)["decision"] != "confirmed" {
						t.Errorf("accept: error=%v replies=%d: %s", res.IsError, n, text(res))
					}
					if !slices.Equal(dec, append(asked, "confirmed")) {
						t.Errorf("audit decisions %v", dec)
					}
					return
				}
				if !res.IsError || !strings.Contains(text(res), "declined; nothing was written") || n != 0 {
					t.Errorf("%s: error=%v replies=%d: %s", action, res.IsError, n, text(res))
				}
				if !slices.Equal(dec, append(asked, "declined")) {
					t.Errorf("audit decisions %v", dec)
				}
			})
		}
	}
}

// TestElicitationUpdatePreview checks the old -> new lines of an update.
func TestElicitationUpdatePreview(t *testing.T) {
	w := newWriteEnv(t, policyOpts{mode: policy.ModeConfirm, elicit: func(string) string { return "accept" }})
	res := w.call("update_ticket", map[string]any{"ticket_id": openTicket, "priority": "urgent", "agent": "priya.raman@acmecloud.example.com", "add_tags": []string{"needs-design"}})
	if res.IsError {
		t.Fatalf("update: %s", text(res))
	}
	msgs := w.elicitations()
	if len(msgs) != 1 {
		t.Fatalf("%d elicitations", len(msgs))
	}
	for _, want := range []string{"priority: Medium -> Urgent", "agent: (none) -> Priya Raman", "tags: (none) -> needs-design", "Internal"} {
		if !strings.Contains(msgs[0], want) {
			t.Errorf("preview lacks %q:\n%s", want, msgs[0])
		}
	}
	tk, _ := w.fd.Ticket(openTicket)
	if fmt.Sprint(tk["priority"]) != "4" || fmt.Sprint(tk["responder_id"]) != "67010000003" {
		t.Errorf("ticket after update: priority %v responder %v", tk["priority"], tk["responder_id"])
	}
}

func TestTokenFlow(t *testing.T) {
	w := newWriteEnv(t, policyOpts{mode: policy.ModeConfirm, fallback: policy.FallbackToken})
	args := map[string]any{"ticket_id": openTicket, "body": "Token note"}
	first := w.ok("add_note", args, nil)
	var cr struct {
		Status  string `json:"status"`
		Token   string `json:"confirmation_token"`
		Expires string `json:"expires_at"`
		Instr   string `json:"instructions"`
		Preview struct {
			TicketID  int64 `json:"ticket_id"`
			Untrusted struct {
				Subject string `json:"subject"`
			} `json:"untrusted_customer_content"`
			Body            string `json:"body"`
			CustomerVisible bool   `json:"customer_visible"`
		} `json:"preview"`
	}
	decode(t, first, &cr)
	if cr.Status != "confirmation_required" || !strings.HasPrefix(cr.Token, "fdmc1_") || cr.Preview.TicketID != openTicket ||
		cr.Preview.Body != "Token note" || cr.Preview.CustomerVisible || cr.Preview.Untrusted.Subject == "" || !strings.Contains(cr.Instr, "same arguments") {
		t.Fatalf("first call: %s", first)
	}
	if exp, err := time.Parse(time.RFC3339, cr.Expires); err != nil || !exp.Equal(w.clk.Now().Add(10*time.Minute)) {
		t.Errorf("expires_at %q, want now+10m", cr.Expires)
	}
	if noteCount(w.fd, openTicket, "Token note") != 0 {
		t.Fatal("written before confirmation")
	}

	// Altered arguments are refused and do not burn the token.
	altered := map[string]any{"ticket_id": openTicket, "body": "Token note, altered", "confirmation_token": cr.Token}
	if msg := w.fail("add_note", altered); !strings.Contains(msg, "differ") {
		t.Errorf("altered arguments: %s", msg)
	}
	// The identical call plus the token writes it (explicit default private=true is the same call).
	with := map[string]any{"ticket_id": openTicket, "body": "Token note", "private": true, "confirmation_token": cr.Token}
	var done map[string]any
	w.ok("add_note", with, &done)
	if done["status"] != "written" || done["decision"] != "confirmed" || noteCount(w.fd, openTicket, "Token note") != 1 {
		t.Fatalf("confirmed call: %v", done)
	}
	// Replay refused.
	if msg := w.fail("add_note", with); !strings.Contains(msg, "already been used") {
		t.Errorf("replay: %s", msg)
	}
	if noteCount(w.fd, openTicket, "Token note") != 1 {
		t.Error("replay wrote again")
	}

	// Expiry.
	args2 := map[string]any{"ticket_id": openTicket, "body": "Late note"}
	decode(t, w.ok("add_note", args2, nil), &cr)
	w.clk.Advance(11 * time.Minute)
	args2["confirmation_token"] = cr.Token
	if msg := w.fail("add_note", args2); !strings.Contains(msg, "expired") {
		t.Errorf("expired token: %s", msg)
	}
	// A token for another tool is refused.
	decode(t, w.ok("send_reply", map[string]any{"ticket_id": openTicket, "body": "Late note"}, nil), &cr)
	args2["confirmation_token"] = cr.Token
	if msg := w.fail("add_note", args2); !strings.Contains(msg, "different tool") {
		t.Errorf("token of another tool: %s", msg)
	}
	if noteCount(w.fd, openTicket, "Late note") != 0 {
		t.Error("a refused token wrote")
	}
	want := []string{"confirmation_required", "token_invalid", "confirmed", "token_invalid", "confirmation_required", "token_invalid", "confirmation_required", "token_invalid"}
	if got := w.audit.decisions(t); !slices.Equal(got, want) {
		t.Errorf("audit decisions %v, want %v", got, want)
	}
}

func TestConfirmFallbackDeny(t *testing.T) {
	w := newWriteEnv(t, policyOpts{mode: policy.ModeConfirm, fallback: policy.FallbackDeny})
	msg := w.fail("add_note", map[string]any{"ticket_id": openTicket, "body": "deny me"})
	if !strings.Contains(msg, "cannot ask the user") || strings.Contains(msg, "declined") {
		t.Errorf("could-not-ask text: %s", msg)
	}
	if n := len(writeRequests(w.fd)); n != 0 {
		t.Errorf("%d writes", n)
	}
	if got := w.audit.decisions(t); !slices.Equal(got, []string{"could_not_ask"}) {
		t.Errorf("audit %v", got)
	}
}

func TestDuplicateRefused(t *testing.T) {
	w := newWriteEnv(t, policyOpts{mode: policy.ModeUnattended})
	args := map[string]any{"ticket_id": openTicket, "body": "<p>Checked the invoice.</p>"}
	w.ok("add_note", args, nil)
	w.fd.ResetRequests()
	// Same text modulo HTML and case: refused without any Freshdesk call.
	msg := w.fail("add_note", map[string]any{"ticket_id": openTicket, "body": "checked the  INVOICE."})
	if !strings.Contains(strings.ToLower(msg), "duplicate") && !strings.Contains(msg, "same") {
		t.Errorf("duplicate text: %s", msg)
	}
	if n := len(writeRequests(w.fd)); n != 0 {
		t.Errorf("duplicate made %d writes", n)
	}
	// allow_duplicate writes it again.
	args["allow_duplicate"] = true
	w.ok("add_note", args, nil)
	if n := noteCount(w.fd, openTicket, "Checked the invoice."); n != 2 {
		t.Errorf("%d notes, want 2", n)
	}
	// After the window it is allowed again.
	w.clk.Advance(11 * time.Minute)
	delete(args, "allow_duplicate")
	w.ok("add_note", args, nil)
	if got := w.audit.decisions(t); !slices.Equal(got, []string{"unattended_allowed", "duplicate", "unattended_allowed", "unattended_allowed"}) {
		t.Errorf("audit %v", got)
	}
}

func TestDroppedConnectionWrite(t *testing.T) {
	w := newWriteEnv(t, policyOpts{mode: policy.ModeUnattended})
	w.fd.AddFault(fdtest.Fault{Method: "POST", PathPrefix: fmt.Sprintf("/tickets/%d/notes", openTicket), DropAfterApply: true})
	args := map[string]any{"ticket_id": openTicket, "body": "Dropped note"}
	msg := w.fail("add_note", args)
	for _, want := range []string{"OUTCOME UNKNOWN", "list_conversations", "get_ticket"} {
		if !strings.Contains(msg, want) {
			t.Errorf("unknown-outcome text lacks %q: %s", want, msg)
		}
	}
	if n := noteCount(w.fd, openTicket, "Dropped note"); n != 1 {
		t.Errorf("%d notes in the emulator, want exactly 1", n)
	}
	posts := 0
	for _, r := range writeRequests(w.fd) {
		if r.Method == "POST" {
			posts++
		}
	}
	if posts != 1 {
		t.Errorf("%d POSTs: a non-idempotent write was retried", posts)
	}
	// The guard remembers it: a retry is refused as a possible duplicate.
	msg = w.fail("add_note", args)
	if !strings.Contains(strings.ToLower(msg), "duplicate") || noteCount(w.fd, openTicket, "Dropped note") != 1 {
		t.Errorf("retry after unknown outcome: %s", msg)
	}
	lines := w.audit.lines(t)
	if len(lines) != 2 || lines[0]["outcome"] != "outcome_unknown" || lines[1]["decision"] != "duplicate" {
		t.Errorf("audit %v", lines)
	}
}
