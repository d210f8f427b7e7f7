package mcppolicy_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// testPolicy covers a small catalogue: a ticket read, an article read and a
// write, with the knowledge toolset disabled and a budget of limit.
func testPolicy(t *testing.T, limit string) *mcppolicy.Policy {
	t.Helper()
	cat := mcppolicy.Catalogue{
		Tools: []mcppolicy.ToolFacts{
			{Name: "get_ticket", Toolset: "tickets", Credits: 4},
			{Name: "get_solution_article", Toolset: "knowledge"},
			{Name: "add_note", Toolset: "writes", Write: true, Kinds: []policy.WriteKind{policy.PrivateNote}},
		},
		Resources: []mcppolicy.ResourceFacts{
			{URI: "freshdesk://tickets/", Prefix: true, Tool: "get_ticket"},
			{URI: "freshdesk://solutions/articles/", Prefix: true, Tool: "get_solution_article"},
		},
	}
	f, err := policy.NewFilter(policy.FilterConfig{Mode: policy.ModeConfirm, Toolsets: []string{"tickets", "writes"},
		KnownToolsets: []string{"tickets", "knowledge", "writes"}, KnownTools: []string{"get_ticket", "get_solution_article", "add_note"}})
	if err != nil {
		t.Fatal(err)
	}
	lim, err := policy.ParseLimit(limit)
	if err != nil {
		t.Fatal(err)
	}
	bud, err := policy.NewBudget(policy.BudgetConfig{Limit: lim, Store: policy.NewMemoryStore(nil)})
	if err != nil {
		t.Fatal(err)
	}
	return &mcppolicy.Policy{Catalogue: cat, Filter: f, Budget: bud, DefaultCaller: "user:test"}
}

// TestGuardResource: a resource is read under the policy of the read tool
// the catalogue names for it (its toolset, its credit estimate); a resource
// the catalogue does not know is refused (fail closed); freshdesk://usage is
// the policy's own and free.
func TestGuardResource(t *testing.T) {
	tests := []struct {
		uri   string
		limit string // the budget
		want  string // "" = read
	}{
		{"freshdesk://tickets/7", "", ""},
		{"freshdesk://tickets/7", "4/1h", ""},
		// get_ticket's estimate (4) does not fit in 3: refused before reading.
		{"freshdesk://tickets/7", "3/1h", "no Freshdesk call was made"},
		{"freshdesk://solutions/articles/9", "", "not read (no Freshdesk call was made)"},
		{"freshdesk://agents", "", "not covered by the access policy"},
		{mcppolicy.UsageURI, "1/1h", ""},
	}
	for _, tc := range tests {
		p := testPolicy(t, tc.limit)
		read := false
		_, err := p.GuardResource(context.Background(), tc.uri, func(context.Context) ([]mcp.ResourceContents, error) {
			read = true
			return nil, nil
		})
		switch {
		case tc.want == "" && (err != nil || !read):
			t.Errorf("%s (budget %q): err %v, read %v; want it read", tc.uri, tc.limit, err, read)
		case tc.want != "" && (err == nil || read || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s (budget %q): err %v, read %v; want refused with %q and not read", tc.uri, tc.limit, err, read, tc.want)
		}
	}
}

// TestDataAllowed: only read tools of the catalogue that the filter exposes
// serve data; write tools and unknown tools never do.
func TestDataAllowed(t *testing.T) {
	p := testPolicy(t, "")
	for tool, ok := range map[string]bool{"get_ticket": true, "get_solution_article": false, "add_note": false, "list_agents": false} {
		err := p.DataAllowed(context.Background(), tool)
		if (err == nil) != ok {
			t.Errorf("%s: DataAllowed = %v, want allowed %v", tool, err, ok)
		}
		if err != nil && !errors.Is(err, policy.ErrToolHidden) {
			t.Errorf("%s: %v is not ErrToolHidden", tool, err)
		}
	}
}

// TestResourceAllowed: a subscription is recorded only where the caller
// may read the resource; a caller bound to one requester is never told of
// any ticket change (it could be another customer's ticket).
func TestResourceAllowed(t *testing.T) {
	p := testPolicy(t, "")
	scoped := mcppolicy.WithRequester(context.Background(), policy.Requester{ID: 42})
	tests := []struct {
		name string
		ctx  context.Context
		uri  string
		ok   bool
	}{
		{"agent, ticket", context.Background(), "freshdesk://tickets/7", true},
		{"agent, hidden toolset", context.Background(), "freshdesk://solutions/articles/9", false},
		{"agent, unknown resource", context.Background(), "freshdesk://agents", false},
		{"requester-bound, ticket", scoped, "freshdesk://tickets/7", false},
	}
	for _, tc := range tests {
		err := p.ResourceAllowed(tc.ctx, tc.uri)
		if (err == nil) != tc.ok || (err != nil && !errors.Is(err, policy.ErrToolHidden)) {
			t.Errorf("%s: ResourceAllowed(%s) = %v, want allowed %v", tc.name, tc.uri, err, tc.ok)
		}
	}
}
