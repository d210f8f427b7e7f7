package tools_test

import (
	"fmt"
	"strings"
	"testing"
)

// TestGetTicketOver100Conversations: the first answer holds the description
// and the first 100 conversations (one listing page), says that more follow,
// and the cursor delivers the rest: every message once, in order.
func TestGetTicketOver100Conversations(t *testing.T) {
	e := newEnv(t, envOpts{})
	src, _ := e.fd.Ticket(57)
	id, err := e.fd.AddTicket(map[string]any{"subject": "A very long thread", "description": "<div>It starts here.</div>",
		"requester_id": src["requester_id"], "status": 2, "priority": 2})
	if err != nil {
		t.Fatal(err)
	}
	const convs = 105
	for i := range convs {
		if _, err := e.fd.AddConversation(id, map[string]any{"body": fmt.Sprintf("<div>Update number %d.</div>", i+1), "incoming": i%2 == 0,
			"private": false, "user_id": src["requester_id"]}); err != nil {
			t.Fatal(err)
		}
	}
	e.ok("get_ticket_fields", nil, nil) // names cached
	e.fd.ResetRequests()
	first, msgs, calls := readThread(t, e, id, 100000, "get_ticket")
	if !first.Truncated || !strings.Contains(first.Note, "more than 100 conversations") || len(first.Untrusted.Messages) != 101 {
		t.Errorf("first answer: %d messages, truncated %v, note %q; want 101 and a note about more than 100", len(first.Untrusted.Messages), first.Truncated, first.Note)
	}
	if calls != 2 {
		t.Errorf("%d calls, want 2", calls)
	}
	if len(msgs) != convs+1 {
		t.Fatalf("%d messages, want %d", len(msgs), convs+1)
	}
	requester := first.Ticket.Requester.Untrusted.Name
	for i, m := range msgs {
		if m.N != i+1 || (i > 0 && !strings.Contains(m.Text, fmt.Sprintf("Update number %d.", i))) {
			t.Fatalf("message %d: n=%d %q: lost, repeated or out of order", i+1, m.N, m.Text)
		}
		// Every message is the requester's: named alike on both pages
		// (issue 12: the continuation showed an e-mail address).
		if m.From != requester {
			t.Errorf("message %d from %q, want %q", m.N, m.From, requester)
		}
	}
	// 3 for the first answer, 1 for the second page of conversations.
	if got := credits(e.fd.Requests()); got != 4 {
		t.Errorf("reading %d messages cost %d credits, want 4", convs+1, got)
	}
}
