package tools_test

import (
	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
)

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
