package fdapi

import (
	"context"
	"fmt"
	"net/http"
	"slices"

	"golang.org/x/sync/errgroup"
)

// Parallel runs independent requests at the same time and waits for all of
// them, so their wall time is one round trip instead of one per request; it
// returns the first error. None is cancelled because another failed: a
// request already sent has cost its credit, and nothing (a shared cache load,
// its log line) is left running after Parallel returns. Each request still
// goes through the client's normal path (rate-limit governor, concurrency
// limit, the caller's share), so running in parallel never lets a caller
// spend more than it could one request at a time.
func Parallel(ctx context.Context, fns ...func(ctx context.Context) error) error {
	if len(fns) == 1 {
		return fns[0](ctx)
	}
	var g errgroup.Group
	for _, f := range fns {
		g.Go(func() error { return f(ctx) })
	}
	return g.Wait()
}

// TicketThread is a ticket with the first page of its conversations.
type TicketThread struct {
	Ticket *Ticket
	// Conversations are the first MaxPerPage conversations, oldest first.
	Conversations []Conversation
	// NextPage is the conversations page that continues the thread, 0 when
	// Conversations holds all of them.
	NextPage int
}

// GetTicketThread reads a ticket and its conversations: GET /tickets/{id}
// with include (requester by default, 1 extra credit each) and GET
// /tickets/{id}/conversations?per_page=100, sent in parallel. For the usual
// include=requester that is 3 credits and one round trip of wall time for
// any thread of up to 100 conversations, where include=conversations would
// embed only 10. An unknown ticket costs both requests (2 credits); the
// view's 404 is returned.
func (c *Client) GetTicketThread(ctx context.Context, id int64, include ...string) (*TicketThread, error) {
	path := fmt.Sprintf("/tickets/%d", id)
	if include == nil {
		include = []string{"requester"}
	}
	if slices.Contains(include, "conversations") {
		return nil, localError(http.MethodGet, c.apiPath(path), FieldError{Field: "include",
			Message: "conversations are listed separately by GetTicketThread; do not include them", Code: "invalid_value"})
	}
	var (
		th       TicketThread
		page     Page[Conversation]
		viewErr  error
		convsErr error
	)
	_ = Parallel(ctx,
		func(ctx context.Context) error {
			th.Ticket, viewErr = c.GetTicket(ctx, id, include...)
			return viewErr
		},
		func(ctx context.Context) error {
			page, convsErr = c.ListConversations(ctx, id, 1, MaxPerPage)
			return convsErr
		})
	// The view's error says best what is wrong (404: no such ticket).
	switch {
	case viewErr != nil:
		return nil, viewErr
	case convsErr != nil:
		return nil, convsErr
	}
	th.Conversations, th.NextPage = page.Items, page.NextPage
	if th.NextPage == 0 {
		c.rememberThread(th.Ticket, th.Conversations)
	}
	return &th, nil
}
