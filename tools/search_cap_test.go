package tools_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
)

// seedBulk adds n tickets, contacts and companies that one search matches.
func seedBulk(t *testing.T, fd *fdtest.TestServer, n int) {
	t.Helper()
	var d fdtest.Dataset
	for i := range n {
		d.Tickets = append(d.Tickets, fdtest.Record{"id": 50000 + i, "subject": fmt.Sprintf("bulk %d", i), "tags": []any{"bulkcap"}, "status": 2})
		d.Contacts = append(d.Contacts, fdtest.Record{"id": 7700000 + i, "name": fmt.Sprintf("Bulk %d", i), "email": fmt.Sprintf("bulk%d@bulkcap.example", i), "tags": []any{"bulkcap"}})
		d.Companies = append(d.Companies, fdtest.Record{"id": 8800000 + i, "name": fmt.Sprintf("Bulk %d", i), "domains": []any{fmt.Sprintf("bulk%d.example", i)}, "custom_fields": map[string]any{}})
	}
	if err := fd.Seed(d); err != nil {
		t.Fatalf("seed: %v", err)
	}
}

// TestSearchCapNote: beyond Freshdesk's 300-result search cap, page 10 says
// so and how to narrow the search (before, the results past 300 were dropped
// silently: no has_more, no note); earlier pages warn that not every match
// can be paged to.
func TestSearchCapNote(t *testing.T) {
	e := newEnv(t, envOpts{})
	const n = 320
	seedBulk(t, e.fd, n)
	type res struct {
		Total   int    `json:"total"`
		HasMore bool   `json:"has_more"`
		Note    string `json:"note"`
	}
	tests := []struct {
		name    string
		tool    string
		args    map[string]any
		hasMore bool
		want    []string
	}{
		{"tickets page 10", "search_tickets", map[string]any{"tag": []any{"bulkcap"}, "page": 10}, false, []string{"caps search at 300 results", "narrow the filters", "date range", "20 cannot be listed"}},
		{"tickets page 1", "search_tickets", map[string]any{"tag": []any{"bulkcap"}}, true, []string{"page=2", "caps search at 300 results", "narrow the filters"}},
		{"contacts page 10", "search_contacts", map[string]any{"tag": "bulkcap", "page": 10}, false, []string{"caps search at 300 results", "narrow the filters", "date range"}},
		{"companies page 10", "search_companies", map[string]any{"query": "created_at:>'2000-01-01'", "page": 10}, false, []string{"caps search at 300 results", "narrow the filters", "date range"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r res
			e.ok(tc.tool, tc.args, &r)
			if r.Total < n || r.HasMore != tc.hasMore {
				t.Fatalf("total %d has_more %v, want at least %d and %v", r.Total, r.HasMore, n, tc.hasMore)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.Note, w) {
					t.Errorf("note %q lacks %q", r.Note, w)
				}
			}
		})
	}
}
