package fdapi

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strings"
)

// ListConversations returns one page of a ticket's conversations, oldest first.
func (c *Client) ListConversations(ctx context.Context, ticketID int64, page, perPage int) (Page[Conversation], error) {
	path := fmt.Sprintf("/tickets/%d/conversations", ticketID)
	var ck checker
	ck.positiveID("ticket_id", ticketID)
	ck.paging(page, perPage, 0)
	if err := ck.err(http.MethodGet, path); err != nil {
		return Page[Conversation]{}, err
	}
	q := url.Values{}
	setPaging(q, page, perPage)
	return listPage[Conversation](ctx, c, path, q)
}

// AllConversations iterates every conversation of a ticket, 100 per request.
func (c *Client) AllConversations(ctx context.Context, ticketID int64) iter.Seq2[Conversation, error] {
	return pages(1, func(page int) (Page[Conversation], error) {
		return c.ListConversations(ctx, ticketID, page, MaxPerPage)
	})
}

// CreateReply posts a public reply (POST /tickets/{id}/reply) that is e-mailed
// to the requester. It is never retried after the request was sent: on an
// error matching ErrOutcomeUnknown list the ticket's conversations before
// trying again.
func (c *Client) CreateReply(ctx context.Context, ticketID int64, in ReplyInput) (*Conversation, error) {
	return postConversation(ctx, c, fmt.Sprintf("/tickets/%d/reply", ticketID), ticketID, in.Body, in)
}

// CreateNote adds a note (POST /tickets/{id}/notes); private unless
// in.Private is false. Never retried after the request was sent.
func (c *Client) CreateNote(ctx context.Context, ticketID int64, in NoteInput) (*Conversation, error) {
	return postConversation(ctx, c, fmt.Sprintf("/tickets/%d/notes", ticketID), ticketID, in.Body, in)
}

// postConversation checks a reply or note locally as Freshdesk would (a
// positive ticket id, a non-blank body), then posts in to path once.
func postConversation(ctx context.Context, c *Client, path string, ticketID int64, body string, in any) (*Conversation, error) {
	var ck checker
	ck.positiveID("ticket_id", ticketID)
	if strings.TrimSpace(body) == "" {
		ck.add("body", "It should not be blank as this is a mandatory field", "missing_field")
	}
	if err := ck.err(http.MethodPost, path); err != nil {
		return nil, err
	}
	return sendJSON[*Conversation](ctx, c, http.MethodPost, path, in)
}
