package tools_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
)

// TestListTicketsPastPage300: page 300 (the last Freshdesk lists) with more
// tickets after it must not ask for page=301; it names the updated_since
// continuation, and following it reaches the tickets after page 300.
func TestListTicketsPastPage300(t *testing.T) {
	e := newEnv(t, envOpts{})
	const n = 302
	requester := int64(9900001)
	d := fdtest.Dataset{Contacts: []fdtest.Record{{"id": requester, "name": "Many Tickets", "email": "many@tickets.example"}}}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		at := base.Add(time.Duration(i) * time.Hour)
		d.Tickets = append(d.Tickets, fdtest.Record{"id": 60000 + i, "subject": "many", "requester_id": requester, "created_at": at, "updated_at": at})
	}
	if err := e.fd.Seed(d); err != nil {
		t.Fatal(err)
	}
	type rows struct {
		HasMore bool `json:"has_more"`
		Tickets []struct {
			ID        int64  `json:"id"`
			UpdatedAt string `json:"updated_at"`
		} `json:"tickets"`
		Note string `json:"note"`
	}
	tests := []struct {
		name      string
		args      map[string]any
		want      []string
		continues bool
	}{
		{"ordered by updated_at asc", map[string]any{"order_by": "updated_at", "order_type": "asc"},
			[]string{"order_by=updated_at", "order_type=asc", "updated_since=" + base.Add(299*time.Hour).Format(time.RFC3339), "page=1", "past page 300"}, true},
		{"default order", map[string]any{},
			[]string{"not ordered by updated_at ascending", "order_by=updated_at", "order_type=asc", "updated_since=<the last row's updated_at>", "past page 300"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := map[string]any{"requester_id": requester, "per_page": 1, "page": 300}
			for k, v := range tc.args {
				args[k] = v
			}
			var r rows
			e.ok("list_tickets", args, &r)
			if !r.HasMore || len(r.Tickets) != 1 {
				t.Fatalf("page 300 of %d: has_more %v, %d rows", n, r.HasMore, len(r.Tickets))
			}
			if strings.Contains(r.Note, "page=301") {
				t.Errorf("note asks for page 301, which Freshdesk rejects: %q", r.Note)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.Note, w) {
					t.Errorf("note %q lacks %q", r.Note, w)
				}
			}
			if !tc.continues {
				return
			}
			var next rows
			e.ok("list_tickets", map[string]any{"requester_id": requester, "order_by": "updated_at", "order_type": "asc", "updated_since": r.Tickets[0].UpdatedAt, "per_page": 100, "page": 1}, &next)
			var got []int64
			for _, row := range next.Tickets {
				got = append(got, row.ID)
			}
			for _, id := range []int64{60000 + 300, 60000 + 301} {
				if !slices.Contains(got, id) {
					t.Errorf("following the note does not reach ticket %d: got %v", id, got)
				}
			}
		})
	}
}
