package tools_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
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
		toolset                          tools.Toolset
	}{
		"add_note":       {tools.Write, false, false, false, tools.ToolsetWrites},
		"send_reply":     {tools.CustomerVisibleWrite, true, false, true, tools.ToolsetWrites},
		"update_ticket":  {tools.Write, true, true, false, tools.ToolsetWrites},
		"create_ticket":  {tools.CustomerVisibleWrite, false, false, true, tools.ToolsetIntake},
		"create_contact": {tools.Write, false, false, false, tools.ToolsetIntake},
		"update_contact": {tools.Write, true, true, false, tools.ToolsetIntake},
		"add_time_entry": {tools.Write, false, false, false, tools.ToolsetTime},
	}
	got := writeTools(tools.Deps{})
	if len(got) != len(want) {
		t.Fatalf("the catalogue has %d write tools, want %d", len(got), len(want))
	}
	for _, tl := range got {
		w, ok := want[tl.Def.Name]
		if !ok {
			t.Errorf("unexpected write tool %s", tl.Def.Name)
			continue
		}
		a := tl.Def.Annotations
		if tl.Toolset != w.toolset || tl.Access != w.access {
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
			w := newWriteEnv(t, policyOpts{mode: m.mode, confirmReplies: m.confirmReplies, fallback: policy.FallbackToken})
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
				if rt.Access != tools.Read || slices.Contains(tools.OptInToolsets(), string(rt.Toolset)) {
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
