package tools_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// TestDraftSaveAsNotePolicy: draft_reply's save_as_note is add_note's write,
// so it needs add_note to be available to the caller, and a refusal for
// the budget is audited like any write attempt (review 3 item 7).
func TestDraftSaveAsNotePolicy(t *testing.T) {
	tests := []struct {
		name      string
		opts      draftOpts
		save      bool
		wantErr   string
		wantAudit []string
	}{
		{name: "writes toolset left out", opts: draftOpts{toolsets: []string{"tickets", "knowledge", "drafting"}},
			save: true, wantErr: "add_note", wantAudit: []string{"tool_hidden"}},
		{name: "add_note excluded", opts: draftOpts{exclude: []string{"add_note"}},
			save: true, wantErr: "add_note", wantAudit: []string{"tool_hidden"}},
		{name: "over budget with save_as_note", opts: draftOpts{budget: "3/1h"},
			save: true, wantErr: "no Freshdesk call", wantAudit: []string{"over_budget"}},
		{name: "over budget without save_as_note (a read: no audit)", opts: draftOpts{budget: "3/1h"},
			wantErr: "no Freshdesk call", wantAudit: nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := newFakeModel(t, http.StatusOK, answer("Thanks, the fix is on its way.", "en"), 0)
			o := tc.opts
			o.model, o.mode = m, policy.ModeUnattended
			e := newDraftEnv(t, o)
			args := map[string]any{"ticket_id": 2}
			if tc.save {
				args["save_as_note"] = true
			}
			msg := e.fail("draft_reply", args)
			if !strings.Contains(msg, tc.wantErr) || !strings.Contains(strings.ToLower(msg), "no") {
				t.Errorf("refusal %q lacks %q", msg, tc.wantErr)
			}
			if n := posts(e.fd); n != 0 {
				t.Errorf("%d POSTs: a refused save wrote", n)
			}
			if n := len(m.requests()); n != 0 {
				t.Errorf("the model was asked %d times for a refused call", n)
			}
			got := e.audit.decisions(t)
			if !slices.Equal(got, tc.wantAudit) {
				t.Errorf("audit %v, want %v", got, tc.wantAudit)
			}
			for _, l := range e.audit.lines(t) {
				if l["tool"] != "draft_reply" || l["kind"] != policy.PrivateNote.String() {
					t.Errorf("audit line %v, want tool draft_reply kind private_note", l)
				}
			}
		})
	}
}

// TestDraftPromptKnowledgeHidden: the draft_reply prompt reads the ticket
// under get_ticket's check, but knowledge-base articles and canned
// responses only when the knowledge toolset is visible (review 3 item 7).
func TestDraftPromptKnowledgeHidden(t *testing.T) {
	tests := []struct {
		name     string
		toolsets []string
		// wantSearch: the knowledge base is searched; otherwise the prompt
		// says the articles were left out.
		wantSearch bool
	}{
		{"knowledge visible", []string{"tickets", "knowledge"}, true},
		{"knowledge hidden", []string{"tickets"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fd := fdtest.NewServer(t, fdtest.Options{Demo: true, RateLimit: 1 << 20})
			w := newWriteEnv(t, policyOpts{mode: policy.ModeReadOnly, toolsets: tc.toolsets, fd: fd})
			res, err := w.cs.GetPrompt(context.Background(), &gomcp.GetPromptParams{Name: "draft_reply", Arguments: map[string]string{"ticket_id": "2"}})
			if err != nil {
				t.Fatalf("prompt: %v", err)
			}
			var txt strings.Builder
			for _, m := range res.Messages {
				if tc, ok := m.Content.(*gomcp.TextContent); ok {
					txt.WriteString(tc.Text)
				}
			}
			searched := 0
			for _, r := range fd.Requests() {
				if strings.Contains(r.Path, "/search/solutions") {
					searched++
				}
			}
			left := strings.Contains(txt.String(), "knowledge toolset is not available")
			if (searched > 0) != tc.wantSearch || left == tc.wantSearch {
				t.Errorf("knowledge searches %d, left-out note %v; want searched=%v", searched, left, tc.wantSearch)
			}
			tk, _ := fd.Ticket(2)
			if subject, _ := tk["subject"].(string); subject == "" || !strings.Contains(txt.String(), subject) {
				t.Errorf("prompt lacks the ticket's subject %q", subject)
			}
		})
	}
}

// draft_reply itself follows the same rule as its prompt: with the
// knowledge toolset hidden from the caller it neither searches the knowledge
// base nor hands articles to the model, and says why.
func TestDraftToolKnowledgeHidden(t *testing.T) {
	tests := []struct {
		name       string
		toolsets   []string
		wantSearch bool
	}{
		{"knowledge visible", []string{"tickets", "knowledge", "drafting"}, true},
		{"knowledge hidden", []string{"tickets", "drafting"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newDraftEnv(t, draftOpts{mode: policy.ModeReadOnly, toolsets: tc.toolsets})
			var out draftOut
			e.ok("draft_reply", map[string]any{"ticket_id": 18}, &out)
			searched := 0
			for _, r := range e.fd.Requests() {
				if strings.Contains(r.Path, "/search/solutions") || strings.Contains(r.Path, "/canned_response") {
					searched++
				}
			}
			left := strings.Contains(strings.Join(out.Notes, "\n"), "knowledge toolset is not available")
			if (searched > 0) != tc.wantSearch || left == tc.wantSearch {
				t.Errorf("knowledge requests %d, left-out note %v; want searched=%v", searched, left, tc.wantSearch)
			}
			if !tc.wantSearch && len(out.ArticlesUsed) > 0 {
				t.Errorf("articles handed over although knowledge is hidden: %+v", out.ArticlesUsed)
			}
		})
	}
}
