package tools_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
)

// Demo tickets used below (read from the demo data; asserted where it matters).
const (
	openTicket   = 62 // "New billing page is confusing": open, group Billing, no agent, cf_category empty
	closedTicket = 1
)

func TestWriteToolAnnotations(t *testing.T) {
	want := map[string]struct {
		access                           tools.Access
		destructive, idempotent, visible bool
	}{
		"add_note":      {tools.Write, false, false, false},
		"send_reply":    {tools.CustomerVisibleWrite, true, false, true},
		"update_ticket": {tools.Write, true, true, false},
	}
	got := writeTools(tools.Deps{})
	if len(got) != len(want) {
		t.Fatalf("WriteCatalog has %d tools, want %d", len(got), len(want))
	}
	for _, tl := range got {
		w, ok := want[tl.Def.Name]
		if !ok {
			t.Errorf("unexpected write tool %s", tl.Def.Name)
			continue
		}
		a := tl.Def.Annotations
		if tl.Toolset != tools.ToolsetWrites || tl.Access != w.access {
			t.Errorf("%s: toolset %s access %v", tl.Def.Name, tl.Toolset, tl.Access)
		}
		if a.ReadOnlyHint == nil || *a.ReadOnlyHint || a.DestructiveHint == nil || *a.DestructiveHint != w.destructive ||
			a.IdempotentHint == nil || *a.IdempotentHint != w.idempotent || a.OpenWorldHint == nil || !*a.OpenWorldHint {
			t.Errorf("%s: annotations %+v, want destructive=%v idempotent=%v", tl.Def.Name, a, w.destructive, w.idempotent)
		}
		var schema map[string]any
		if err := json.Unmarshal(tl.Def.RawInputSchema, &schema); err != nil {
			t.Fatal(err)
		}
		props := schema["properties"].(map[string]any)
		if _, ok := props["confirmation_token"]; !ok {
			t.Errorf("%s schema lacks confirmation_token", tl.Def.Name)
		}
		if schema["additionalProperties"] != false {
			t.Errorf("%s schema is not strict", tl.Def.Name)
		}
	}
}

// writeCall is one write a mode is asked to do.
type writeCall struct {
	name string
	tool string
	args map[string]any
	kind policy.WriteKind
}

func writeCalls(body string) []writeCall {
	return []writeCall{
		{"private note", "add_note", map[string]any{"ticket_id": openTicket, "body": "private " + body}, policy.PrivateNote},
		{"public note", "add_note", map[string]any{"ticket_id": openTicket, "body": "public " + body, "private": false}, policy.PublicNote},
		{"reply", "send_reply", map[string]any{"ticket_id": openTicket, "body": "reply " + body}, policy.Reply},
		{"update", "update_ticket", map[string]any{"ticket_id": openTicket, "priority": "urgent"}, policy.TicketUpdate},
	}
}

// TestModesTable runs every write tool in every mode through a client that
// cannot elicit (token fallback) and checks what happens, what is listed
// and what reaches Freshdesk.
func TestModesTable(t *testing.T) {
	const (
		written  = "written"
		confirm  = "confirmation_required"
		refused  = "refused"
		hidden   = "hidden"
		noReplyC = "unattended, --confirm-replies=false"
	)
	f := false
	modes := []struct {
		name           string
		mode           policy.Mode
		confirmReplies *bool
		want           map[policy.WriteKind]string
		listed         []string
	}{
		{"read-only", policy.ModeReadOnly, nil, map[policy.WriteKind]string{policy.PrivateNote: hidden, policy.PublicNote: hidden, policy.Reply: hidden, policy.TicketUpdate: hidden}, nil},
		{"notes", policy.ModeNotes, nil, map[policy.WriteKind]string{policy.PrivateNote: written, policy.PublicNote: refused, policy.Reply: hidden, policy.TicketUpdate: hidden}, []string{"add_note"}},
		{"confirm", policy.ModeConfirm, nil, map[policy.WriteKind]string{policy.PrivateNote: confirm, policy.PublicNote: confirm, policy.Reply: confirm, policy.TicketUpdate: confirm}, []string{"add_note", "send_reply", "update_ticket"}},
		{"unattended", policy.ModeUnattended, nil, map[policy.WriteKind]string{policy.PrivateNote: written, policy.PublicNote: written, policy.Reply: confirm, policy.TicketUpdate: written}, []string{"add_note", "send_reply", "update_ticket"}},
		{noReplyC, policy.ModeUnattended, &f, map[policy.WriteKind]string{policy.PrivateNote: written, policy.PublicNote: written, policy.Reply: written, policy.TicketUpdate: written}, []string{"add_note", "send_reply", "update_ticket"}},
	}
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			w := newWriteEnv(t, policyOpts{mode: m.mode, confirmReplies: m.confirmReplies})
			lt, err := w.cs.ListTools(context.Background(), nil)
			if err != nil {
				t.Fatal(err)
			}
			var listed []string
			for _, tl := range lt.Tools {
				if slices.Contains([]string{"add_note", "send_reply", "update_ticket"}, tl.Name) {
					listed = append(listed, tl.Name)
				}
			}
			if !slices.Equal(listed, m.listed) {
				t.Errorf("listed write tools %v, want %v", listed, m.listed)
			}
			for _, rt := range readTools(tools.Deps{}) {
				if rt.Access != tools.Read {
					continue
				}
				if !slices.ContainsFunc(lt.Tools, func(x *gomcp.Tool) bool { return x.Name == rt.Def.Name }) {
					t.Errorf("read tool %s not listed in mode %s", rt.Def.Name, m.name)
				}
			}
			for _, c := range writeCalls("mode " + m.name) {
				w.fd.ResetRequests()
				res, err := w.cs.CallTool(context.Background(), &gomcp.CallToolParams{Name: c.tool, Arguments: c.args})
				want := m.want[c.kind]
				switch want {
				case hidden:
					if err == nil {
						t.Errorf("%s: hidden tool was callable: %s", c.name, text(res))
					}
					if n := len(w.fd.Requests()); n != 0 {
						t.Errorf("%s: hidden tool made %d Freshdesk requests", c.name, n)
					}
					continue
				}
				if err != nil {
					t.Fatalf("%s: protocol error: %v", c.name, err)
				}
				txt := text(res)
				switch want {
				case refused:
					if !res.IsError || !strings.Contains(txt, m.name) || len(w.fd.Requests()) != 0 {
						t.Errorf("%s: want refused by mode without a Freshdesk call; error=%v requests=%d: %s", c.name, res.IsError, len(w.fd.Requests()), txt)
					}
				case confirm:
					got := structured(t, res)
					if res.IsError || got["status"] != "confirmation_required" || got["confirmation_token"] == "" {
						t.Errorf("%s: want confirmation_required, got error=%v %s", c.name, res.IsError, txt)
					}
					if n := len(writeRequests(w.fd)); n != 0 {
						t.Errorf("%s: %d write requests before confirmation", c.name, n)
					}
				case written:
					got := structured(t, res)
					if res.IsError || got["status"] != "written" {
						t.Errorf("%s: want written, got error=%v %s", c.name, res.IsError, txt)
					}
					if n := len(writeRequests(w.fd)); n != 1 {
						t.Errorf("%s: %d write requests, want 1", c.name, n)
					}
				}
			}
		})
	}
}

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
	w := newWriteEnv(t, policyOpts{mode: policy.ModeConfirm})
	args := map[string]any{"ticket_id": openTicket, "body": "Token note"}
	first := w.ok("add_note", args, nil)
	var cr struct {
		Status  string `json:"status"`
		Token   string `json:"confirmation_token"`
		Expires string `json:"expires_at"`
		Instr   string `json:"instructions"`
		Preview struct {
			TicketID        int64  `json:"ticket_id"`
			Subject         string `json:"subject"`
			Body            string `json:"body"`
			CustomerVisible bool   `json:"customer_visible"`
		} `json:"preview"`
	}
	decode(t, first, &cr)
	if cr.Status != "confirmation_required" || !strings.HasPrefix(cr.Token, "fdmc1_") || cr.Preview.TicketID != openTicket ||
		cr.Preview.Body != "Token note" || cr.Preview.CustomerVisible || cr.Preview.Subject == "" || !strings.Contains(cr.Instr, "same arguments") {
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

func TestBudgetExhausted(t *testing.T) {
	w := newWriteEnv(t, policyOpts{mode: policy.ModeUnattended, budget: "6/1h"})
	res := w.call("get_ticket", map[string]any{"ticket_id": openTicket})
	if res.IsError {
		t.Fatal(text(res))
	}
	used := metaInt(t, res, "credits_used")
	if rem := metaInt(t, res, "budget_remaining"); rem != 6-used {
		t.Errorf("budget_remaining %d after %d credits", rem, used)
	}
	if _, ok := res.Meta["account_remaining"]; !ok {
		t.Errorf("_meta lacks account_remaining: %v", res.Meta)
	}
	// 6 - used (5) = 1 left; add_note estimates 2: refused before any call.
	w.fd.ResetRequests()
	res = w.call("add_note", map[string]any{"ticket_id": openTicket, "body": "over budget"})
	if !res.IsError {
		t.Fatalf("over budget call ran: %s", text(res))
	}
	msg := text(res)
	for _, want := range []string{"no Freshdesk call", "6", "reset"} {
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

func TestUpdateTicketValidation(t *testing.T) {
	w := newWriteEnv(t, policyOpts{mode: policy.ModeUnattended})
	w.ok("get_ticket_fields", nil, nil) // warm the cache
	w.ok("list_agents", nil, nil)
	bad := []struct {
		name string
		args map[string]any
		want string
	}{
		{"unknown status", map[string]any{"status": "done"}, `unknown status "done"`},
		{"unknown priority", map[string]any{"priority": "asap"}, "unknown priority"},
		{"unknown group", map[string]any{"group": "Sales"}, `"Billing"`},
		{"unknown agent e-mail", map[string]any{"agent": "nobody@example.com"}, "no agent has the e-mail"},
		{"unknown type", map[string]any{"type": "Bug"}, "Refund"},
		{"bad dropdown", map[string]any{"custom_fields": map[string]any{"cf_product": "Acme Toaster"}}, "Acme Compute"},
		{"bad number", map[string]any{"custom_fields": map[string]any{"cf_seats": "many"}}, "whole number"},
		{"unknown custom field", map[string]any{"custom_fields": map[string]any{"cf_colour": "red"}}, "cf_category"},
		{"bad nested child", map[string]any{"custom_fields": map[string]any{"cf_category": "Billing", "cf_subcategory": "SSO"}}, "Invoices"},
		{"comma in tag", map[string]any{"add_tags": []string{"a,b"}}, "comma"},
		{"nothing to change", map[string]any{}, "nothing to change"},
	}
	for _, b := range bad {
		t.Run(b.name, func(t *testing.T) {
			w.fd.ResetRequests()
			b.args["ticket_id"] = openTicket
			msg := w.fail("update_ticket", b.args)
			if !strings.Contains(msg, b.want) {
				t.Errorf("error lacks %q: %s", b.want, msg)
			}
			if reqs := w.fd.Requests(); len(reqs) != 0 {
				t.Errorf("a bad value reached Freshdesk: %+v", reqs)
			}
		})
	}
	// Closure needs cf_category: only the ticket view is read, nothing is written.
	w.fd.ResetRequests()
	msg := w.fail("update_ticket", map[string]any{"ticket_id": openTicket, "status": "resolved"})
	if !strings.Contains(msg, "cf_category") || !strings.Contains(msg, "required") {
		t.Errorf("closure error: %s", msg)
	}
	if n := len(writeRequests(w.fd)); n != 0 {
		t.Errorf("closure check wrote %d times", n)
	}
	// With the category it resolves; names are resolved server-side.
	var done struct {
		Status string `json:"status"`
		Result struct {
			Status       string         `json:"status"`
			Group        string         `json:"group"`
			Agent        string         `json:"agent"`
			Tags         []string       `json:"tags"`
			CustomFields map[string]any `json:"custom_fields"`
		} `json:"result"`
	}
	out := w.ok("update_ticket", map[string]any{"ticket_id": openTicket, "status": "Resolved", "group": "technical support", "agent": "Sarah Chen",
		"add_tags": []string{"billing-ui", "vip"}, "custom_fields": map[string]any{"Category": "billing", "cf_subcategory": "invoices"}}, nil)
	decode(t, out, &done)
	r := done.Result
	if r.Status != "Resolved" || r.Group != "Technical Support" || r.Agent != "Sarah Chen" || !slices.Equal(r.Tags, []string{"billing-ui", "vip"}) {
		t.Errorf("update result: %s", out)
	}
	tk, _ := w.fd.Ticket(openTicket)
	cf := tk["custom_fields"].(map[string]any)
	if cf["cf_category"] != "Billing" || cf["cf_subcategory"] != "Invoices" {
		t.Errorf("custom fields after update: %v", cf)
	}
	// remove_tags keeps the others; custom statuses resolve by name.
	out = w.ok("update_ticket", map[string]any{"ticket_id": openTicket, "remove_tags": []string{"VIP"}, "status": "waiting on customer"}, nil)
	decode(t, out, &done)
	if !slices.Equal(done.Result.Tags, []string{"billing-ui"}) || !strings.EqualFold(done.Result.Status, "Waiting on Customer") {
		t.Errorf("remove_tags/custom status: %s", out)
	}
}

func TestPrivateNotesHiddenEverywhere(t *testing.T) {
	fd := fdtest.NewServer(t, fdtest.Options{Demo: true, RateLimit: 1 << 20})
	const secret = "INTERNAL-ONLY: customer is on a payment plan"
	if _, err := fd.AddConversation(openTicket, fdtest.Record{"body": "<p>" + secret + "</p>", "body_text": secret, "private": true, "source": 2}); err != nil {
		t.Fatal(err)
	}
	for _, hide := range []bool{false, true} {
		t.Run(fmt.Sprintf("hide=%v", hide), func(t *testing.T) {
			w := newWriteEnv(t, policyOpts{mode: policy.ModeReadOnly, hidePrivate: hide, fd: fd})
			ctx := context.Background()
			var seen []string
			seen = append(seen, w.ok("get_ticket", map[string]any{"ticket_id": openTicket}, nil))
			seen = append(seen, w.ok("list_conversations", map[string]any{"ticket_id": openTicket}, nil))
			rr, err := w.cs.ReadResource(ctx, &gomcp.ReadResourceParams{URI: fmt.Sprintf("freshdesk://tickets/%d", openTicket)})
			if err != nil {
				t.Fatal(err)
			}
			seen = append(seen, rr.Contents[0].Text)
			for _, p := range []string{"summarize_ticket", "draft_reply"} {
				pr, err := w.cs.GetPrompt(ctx, &gomcp.GetPromptParams{Name: p, Arguments: map[string]string{"ticket_id": fmt.Sprint(openTicket)}})
				if err != nil {
					t.Fatal(err)
				}
				b, _ := json.Marshal(pr)
				seen = append(seen, string(b))
			}
			for i, s := range seen {
				if strings.Contains(s, secret) == hide {
					t.Errorf("surface %d: private note visible=%v with hide=%v", i, !hide, hide)
				}
			}
		})
	}
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

// TestAuditEveryDecision checks the audit line of each decision: valid JSON,
// caller, tool, ticket, decision, outcome, created ids, never the body.
func TestAuditEveryDecision(t *testing.T) {
	w := newWriteEnv(t, policyOpts{mode: policy.ModeNotes})
	body := "audit body that must never be logged"
	w.ok("add_note", map[string]any{"ticket_id": openTicket, "body": body}, nil)               // notes_allowed
	w.fail("add_note", map[string]any{"ticket_id": openTicket, "body": body})                  // duplicate
	w.fail("add_note", map[string]any{"ticket_id": openTicket, "body": "x", "private": false}) // refused_by_mode
	lines := w.audit.lines(t)
	want := []struct{ decision, outcome string }{{"notes_allowed", "ok"}, {"duplicate", "not_attempted"}, {"refused_by_mode", "not_attempted"}}
	if len(lines) != len(want) {
		t.Fatalf("%d audit lines, want %d: %v", len(lines), len(want), lines)
	}
	for i, l := range lines {
		if l["decision"] != want[i].decision || l["outcome"] != want[i].outcome || l["caller"] != "user:test" || l["tool"] != "add_note" || fmt.Sprint(l["ticket_id"]) != fmt.Sprint(openTicket) {
			t.Errorf("line %d: %v", i, l)
		}
	}
	if ids, _ := lines[0]["created_ids"].([]any); len(ids) != 1 {
		t.Errorf("created ids: %v", lines[0])
	}
	raw, _ := json.Marshal(lines)
	if strings.Contains(string(raw), body) {
		t.Error("the audit log contains a body")
	}
}
