package tools_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
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
			name: "request state used as a confirmation_token",
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

// TestWriteAppliedUnreadable: Freshdesk applied the note but its answer was
// malformed: the write is reported as done (id unknown), remembered by the
// duplicate guard, and never described as "Nothing was written".
func TestWriteAppliedUnreadable(t *testing.T) {
	w := newWriteEnv(t, policyOpts{mode: policy.ModeUnattended})
	w.fd.AddFault(fdtest.Fault{Method: "POST", PathPrefix: fmt.Sprintf("/tickets/%d/notes", openTicket), MalformedJSON: true})
	args := map[string]any{"ticket_id": openTicket, "body": "Applied but unreadable"}
	res := w.call("add_note", args)
	msg := text(res)
	if res.IsError || strings.Contains(msg, "Nothing was written") || !strings.Contains(msg, "WAS written") || !strings.Contains(msg, "list_conversations") {
		t.Errorf("result isError=%v: %s", res.IsError, msg)
	}
	if st := structured(t, res); st["status"] != "written" || st["created_id"] != nil {
		t.Errorf("structured %v", st)
	}
	msg = w.fail("add_note", args)
	if !strings.Contains(strings.ToLower(msg), "duplicate") {
		t.Errorf("retry not refused as duplicate: %s", msg)
	}
	if n := noteCount(w.fd, openTicket, "Applied but unreadable"); n != 1 {
		t.Errorf("%d notes, want exactly 1", n)
	}
	lines := w.audit.lines(t)
	if len(lines) != 2 || lines[0]["outcome"] != "ok" || lines[0]["created_ids"] != nil || lines[1]["decision"] != "duplicate" {
		t.Errorf("audit %v", lines)
	}
}

// TestNotifyEmailsAgentsOnly: notify_emails outside the helpdesk's agents
// are refused before any write (in notes mode no one confirms a note).
func TestNotifyEmailsAgentsOnly(t *testing.T) {
	tests := []struct {
		name   string
		emails []string
		ok     bool
		want   string
	}{
		{"agent", []string{"Priya.Raman@acmecloud.example.com"}, true, ""},
		{"outsider", []string{"leak@evil.example"}, false, "leak@evil.example is not the e-mail of an agent"},
		{"agent and outsiders", []string{"priya.raman@acmecloud.example.com", "a@x.example", "b@y.example"}, false, "a@x.example, b@y.example are not"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := newWriteEnv(t, policyOpts{mode: policy.ModeNotes})
			res := w.call("add_note", map[string]any{"ticket_id": openTicket, "body": "notify " + tc.name, "notify_emails": tc.emails})
			if tc.ok {
				if res.IsError || posts(w.fd) != 1 {
					t.Fatalf("agent notify refused: %s", text(res))
				}
				return
			}
			if !res.IsError || !strings.Contains(text(res), tc.want) || !strings.Contains(text(res), "list_agents") {
				t.Errorf("want refusal with %q: %s", tc.want, text(res))
			}
			if n := posts(w.fd); n != 0 {
				t.Errorf("%d POSTs", n)
			}
		})
	}
}

// TestResourcesAndPromptsBudget: with the budget spent, resources/read and
// prompts/get are refused without any Freshdesk call; within it, resource
// reads are charged.
func TestResourcesAndPromptsBudget(t *testing.T) {
	w := newWriteEnv(t, policyOpts{mode: policy.ModeReadOnly, budget: "40/1h"})
	ctx := context.Background()
	if _, err := w.cs.ReadResource(ctx, &gomcp.ReadResourceParams{URI: fmt.Sprintf("%s%d", tools.TicketURIPrefix, openTicket)}); err != nil {
		t.Fatal(err)
	}
	spent := credits(w.fd.Requests())
	rem, err := w.pol.Budget.Remaining(ctx, "user:test")
	if err != nil || spent == 0 || rem != 40-spent {
		t.Fatalf("after a resource read: remaining %d (err %v), want 40-%d", rem, err, spent)
	}
	if _, err := w.cs.GetPrompt(ctx, &gomcp.GetPromptParams{Name: "triage_queue"}); err != nil {
		t.Fatal(err)
	}
	if rem2, _ := w.pol.Budget.Remaining(ctx, "user:test"); rem2 != 40-credits(w.fd.Requests()) {
		t.Errorf("after a prompt: remaining %d, want %d", rem2, 40-credits(w.fd.Requests()))
	}
	// Spend the rest.
	if err := w.pol.Budget.Charge(ctx, "user:test", 40); err != nil {
		t.Fatal(err)
	}
	w.fd.ResetRequests()
	for _, uri := range []string{tools.TicketURIPrefix + "1", tools.AgentsURI, tools.ArticleURIPrefix + "67062000001"} {
		_, err := w.cs.ReadResource(ctx, &gomcp.ReadResourceParams{URI: uri})
		if err == nil || !strings.Contains(err.Error(), "no Freshdesk call") {
			t.Errorf("resources/read %s over budget: %v", uri, err)
		}
	}
	for _, p := range []gomcp.GetPromptParams{
		{Name: "summarize_ticket", Arguments: map[string]string{"ticket_id": "1"}},
		{Name: "draft_reply", Arguments: map[string]string{"ticket_id": "1"}},
		{Name: "triage_queue"},
	} {
		_, err := w.cs.GetPrompt(ctx, &p)
		if err == nil || !strings.Contains(err.Error(), "no Freshdesk call") {
			t.Errorf("prompts/get %s over budget: %v", p.Name, err)
		}
	}
	if n := len(w.fd.Requests()); n != 0 {
		t.Errorf("%d Freshdesk requests over budget: %v", n, w.fd.Requests())
	}
	// The usage resource is free and still answers.
	if _, err := w.cs.ReadResource(ctx, &gomcp.ReadResourceParams{URI: mcppolicy.UsageURI}); err != nil {
		t.Errorf("usage resource: %v", err)
	}
}

// TestResourcesAndPromptsToolsetFilter: a prompt or resource whose data
// comes from a hidden toolset is hidden/refused without a Freshdesk call.
func TestResourcesAndPromptsToolsetFilter(t *testing.T) {
	tests := []struct {
		name        string
		toolsets    []string
		prompts     []string // listed
		refusedURIs []string
		okURIs      []string
	}{
		{"tickets hidden", []string{"knowledge", "lookups"}, nil,
			[]string{tools.TicketURIPrefix + "1"}, []string{tools.AgentsURI, tools.ArticleURIPrefix + "67062000001"}},
		{"lookups and knowledge hidden", []string{"tickets"}, []string{"draft_reply", "summarize_ticket", "triage_queue"},
			[]string{tools.AgentsURI, tools.GroupsURI, tools.TicketFieldsURI, tools.ArticleURIPrefix + "67062000001"}, []string{tools.TicketURIPrefix + "1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := newWriteEnv(t, policyOpts{mode: policy.ModeReadOnly, toolsets: tc.toolsets})
			ctx := context.Background()
			lp, err := w.cs.ListPrompts(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, p := range lp.Prompts {
				names = append(names, p.Name)
			}
			slices.Sort(names)
			if !slices.Equal(names, tc.prompts) {
				t.Errorf("prompts listed %v, want %v", names, tc.prompts)
			}
			w.fd.ResetRequests()
			for _, name := range []string{"summarize_ticket", "draft_reply", "triage_queue"} {
				if slices.Contains(tc.prompts, name) {
					continue
				}
				if _, err := w.cs.GetPrompt(ctx, &gomcp.GetPromptParams{Name: name, Arguments: map[string]string{"ticket_id": "1"}}); err == nil {
					t.Errorf("hidden prompt %s served", name)
				}
			}
			for _, uri := range tc.refusedURIs {
				_, err := w.cs.ReadResource(ctx, &gomcp.ReadResourceParams{URI: uri})
				if err == nil || !strings.Contains(err.Error(), "not enabled") {
					t.Errorf("resources/read %s: %v, want refused", uri, err)
				}
			}
			if n := len(w.fd.Requests()); n != 0 {
				t.Errorf("%d Freshdesk requests for hidden data", n)
			}
			for _, uri := range tc.okURIs {
				if _, err := w.cs.ReadResource(ctx, &gomcp.ReadResourceParams{URI: uri}); err != nil {
					t.Errorf("resources/read %s: %v", uri, err)
				}
			}
			if !slices.Contains(tc.prompts, "triage_queue") {
				return
			}
			// Lookups hidden: triage runs without embedding them.
			res, err := w.cs.GetPrompt(ctx, &gomcp.GetPromptParams{Name: "triage_queue"})
			if err != nil {
				t.Fatalf("triage_queue: %v", err)
			}
			var all strings.Builder
			for _, m := range res.Messages {
				switch c := m.Content.(type) {
				case *gomcp.TextContent:
					all.WriteString(c.Text)
				case *gomcp.EmbeddedResource:
					t.Errorf("triage embeds %s although lookups are hidden", c.Resource.URI)
				}
			}
			if !strings.Contains(all.String(), "Not available to you") {
				t.Errorf("triage does not say the lookups are unavailable")
			}
		})
	}
}

// TestBudgetReservationParallel: concurrent calls reserve their estimates
// atomically, so together they cannot start more work than the budget
// allows (get_ticket estimates 4: at most 2 of 6 fit in 8).
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
		t.Errorf("%d of %d parallel calls ran with budget 8 and estimate 4, want 1 or 2", ran, n)
	}
}
