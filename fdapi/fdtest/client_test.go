package fdtest_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
)

// These tests run the real client against the strict emulator, so the two
// packages cannot drift apart: a client that passes here speaks the API the
// emulator enforces.

func newClient(t *testing.T, ts *fdtest.TestServer) *fdapi.Client {
	t.Helper()
	c, err := fdapi.New(fdapi.Config{Domain: ts.URL, APIKey: ts.APIKey, MaxRetryWait: time.Second})
	if err != nil {
		t.Fatalf("fdapi.New: %v", err)
	}
	return c
}

func TestClientDroppedNoteIsOutcomeUnknownAndWrittenOnce(t *testing.T) {
	ts := fdtest.NewServer(t, fdtest.Options{Demo: true})
	c := newClient(t, ts)
	ctx := context.Background()
	const ticketID = 57
	before := len(ts.Conversations(ticketID))

	ts.AddFault(fdtest.Fault{Method: http.MethodPost, PathPrefix: "/tickets/57/notes", DropAfterApply: true})
	_, err := c.CreateNote(ctx, ticketID, fdapi.NoteInput{Body: "<p>Checked the gateway logs.</p>"})
	if !errors.Is(err, fdapi.ErrOutcomeUnknown) {
		t.Fatalf("CreateNote after a dropped connection: err = %v, want ErrOutcomeUnknown", err)
	}
	after := ts.Conversations(ticketID)
	if got := len(after) - before; got != 1 {
		t.Fatalf("notes written = %d, want exactly 1 (no retry of a write that reached Freshdesk)", got)
	}
	posts := 0
	for _, r := range ts.Requests() {
		if r.Method == http.MethodPost {
			posts++
		}
	}
	if posts != 1 {
		t.Fatalf("POST requests = %d, want 1", posts)
	}
}

func TestClientCreditsMatchEmulatorCharge(t *testing.T) {
	ts := fdtest.NewServer(t, fdtest.Options{Demo: true})
	c := newClient(t, ts)
	calls := []struct {
		name string
		call func(ctx context.Context) error
	}{
		{"view with 3 includes", func(ctx context.Context) error {
			_, err := c.GetTicket(ctx, 57, "conversations", "requester", "company")
			return err
		}},
		{"list with stats", func(ctx context.Context) error {
			_, err := c.ListTickets(ctx, fdapi.ListTicketsParams{Include: []string{"stats"}, PerPage: 5})
			return err
		}},
		{"search", func(ctx context.Context) error {
			_, err := c.SearchTickets(ctx, "priority:4 OR status:2", 1)
			return err
		}},
		{"conversations", func(ctx context.Context) error {
			_, err := c.ListConversations(ctx, 57, 1, 100)
			return err
		}},
	}
	for _, tc := range calls {
		t.Run(tc.name, func(t *testing.T) {
			ts.ResetRequests()
			u := &fdapi.Usage{}
			if err := tc.call(fdapi.WithUsage(context.Background(), u)); err != nil {
				t.Fatalf("call: %v", err)
			}
			charged := 0
			for _, r := range ts.Requests() {
				charged += r.Credits
			}
			if charged == 0 || u.Credits() != charged {
				t.Fatalf("client reported %d credits, emulator charged %d", u.Credits(), charged)
			}
		})
	}
}
