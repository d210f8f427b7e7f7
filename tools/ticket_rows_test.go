package tools_test

import (
	"testing"
)

// Search and list rows say who asked and how many messages a ticket has
// once the server knows, at no extra credit (issue 12).
func TestRowsNameRequesterAndCountMessagesWhenKnown(t *testing.T) {
	e := newEnv(t, envOpts{})
	const id = 57
	row := func(tool string, args map[string]any) (map[string]any, int) {
		t.Helper()
		e.fd.ResetRequests()
		var out struct {
			Tickets []map[string]any `json:"tickets"`
		}
		e.ok(tool, args, &out)
		for _, r := range out.Tickets {
			if r["id"] == float64(id) {
				return r, credits(e.fd.Requests())
			}
		}
		t.Fatalf("%s: no row for ticket %d", tool, id)
		return nil, 0
	}
	search := map[string]any{"status": []string{"open"}, "priority": []string{"urgent"}}
	r, _ := row("search_tickets", search)
	if rowRequester(r) != nil || r["messages"] != nil {
		t.Errorf("before the ticket was read: %v", r)
	}
	var tk ticketResult
	e.ok("get_ticket", map[string]any{"ticket_id": id}, &tk)
	want := float64(len(e.fd.Conversations(id)) + 1)
	for _, c := range []struct {
		tool string
		args map[string]any
	}{{"search_tickets", search}, {"list_tickets", map[string]any{"requester_id": r["requester_id"]}}} {
		r, spent := row(c.tool, c.args)
		if name := tk.Ticket.Requester.Untrusted.Name; name == "" || rowRequester(r) != name || r["messages"] != want || spent != 1 {
			t.Errorf("%s after get_ticket: requester %v, messages %v for %d credits; want %q, %v for 1", c.tool, rowRequester(r), r["messages"], spent, name, want)
		}
	}
}

// rowRequester is the requester's name in a ticket row: customer-written,
// so inside the row's untrusted_customer_content.
func rowRequester(r map[string]any) any {
	u, _ := r["untrusted_customer_content"].(map[string]any)
	return u["requester"]
}
