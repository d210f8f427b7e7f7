package fdapi

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"
)

// CreateStatus is what became of a ticket create.
type CreateStatus string

// The outcomes of CreateTicketVerified.
const (
	// Created: the ticket exists (Ticket is set unless only the fact is known).
	Created CreateStatus = "created"
	// NotCreated: Freshdesk refused the request, never received it, or a
	// read-back after an ambiguous outcome found no such ticket.
	NotCreated CreateStatus = "not_created"
	// Unknown: the outcome was ambiguous and the read-back itself failed.
	Unknown CreateStatus = "unknown"
)

// CreateResult reports a create and, after an ambiguous outcome, how the
// read-back resolved it.
type CreateResult struct {
	Status    CreateStatus
	Ticket    *Ticket // the created ticket (nil when not created, or created with an unknown id)
	Recovered bool    // the outcome was ambiguous and the read-back found the ticket
	// Err is the create's own error (nil on a clean create). ReadBackErr is
	// the read-back's error when the outcome stayed unknown.
	Err, ReadBackErr error
	// Others are further tickets the read-back matched (same requester and
	// subject, created in the window): possible earlier duplicates.
	Others []int64
	Note   string // one sentence for the caller: what happened and how we know
}

// VerifyOptions tunes the read-back of CreateTicketVerified.
type VerifyOptions struct {
	// Delay before the read-back after a timeout, so a create Freshdesk was
	// still processing when we gave up has committed (default 2s). Other
	// failures (dropped connection, 5xx, unreadable answer) come after the
	// server finished, so the read-back runs at once.
	Delay time.Duration
	// Skew is how long before the request a matching ticket may have been
	// created and still count as ours, for clock differences (default 60s).
	Skew time.Duration
}

// CreateTicketVerified creates a ticket and never leaves the caller guessing
// when it can avoid it. Freshdesk has no idempotency key, so a create is sent
// once; when its outcome is ambiguous (timeout, dropped connection, 5xx, an
// unreadable 2xx) it reads back the requester's newest tickets (GET
// /tickets?requester_id= or ?email=, ordered by created_at, one credit) and
// looks for one with the same subject created since the request was sent.
// The list endpoint is used rather than search because search results are
// indexed minutes late (reference §3.7 note 11). The status is Unknown only
// when that read-back fails.
func (c *Client) CreateTicketVerified(ctx context.Context, n NewTicket, opt VerifyOptions) CreateResult {
	if opt.Delay == 0 {
		opt.Delay = 2 * time.Second
	}
	if opt.Skew == 0 {
		opt.Skew = time.Minute
	}
	sent := c.now()
	t, err := c.CreateTicket(ctx, n)
	if err == nil {
		return CreateResult{Status: Created, Ticket: t, Note: fmt.Sprintf("created ticket #%d", t.ID)}
	}
	applied := errors.Is(err, ErrWriteApplied)
	if !applied && !errors.Is(err, ErrOutcomeUnknown) {
		return CreateResult{Status: NotCreated, Err: err, Note: "not created: " + refusalReason(err)}
	}
	// The read-back must run even when the caller's context has ended (a
	// timeout is the usual reason we are here), within its own deadline.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), opt.Delay+2*c.timeout)
	defer cancel()
	delay := time.Duration(0)
	if isTimeout(err) {
		delay = opt.Delay
	}
	if serr := c.sleep(rctx, delay); serr != nil {
		return CreateResult{Status: unknownOr(applied), Err: err, ReadBackErr: serr, Note: "the outcome is unknown: the read-back could not run"}
	}
	found, others, rerr := c.findCreated(rctx, n, sent.Add(-opt.Skew))
	switch {
	case rerr != nil && isNoSuchRequester(rerr):
		// Freshdesk creates the contact with the ticket; no contact, no ticket.
		return CreateResult{Status: NotCreated, Err: err, Note: "not created: the read-back found no contact with that e-mail, so no ticket was made"}
	case rerr != nil:
		note := "the outcome is unknown: the create got no clear answer and the read-back failed; check the requester's tickets before retrying"
		if applied {
			note = "created (Freshdesk answered success) but the ticket number is unknown: the read-back failed"
		}
		return CreateResult{Status: unknownOr(applied), Err: err, ReadBackErr: rerr, Note: note}
	case found != nil:
		return CreateResult{Status: Created, Ticket: found, Recovered: true, Err: err, Others: others,
			Note: fmt.Sprintf("created ticket #%d (the response was lost; found by reading back the requester's tickets)", found.ID)}
	case applied:
		return CreateResult{Status: Created, Err: err, Note: "created (Freshdesk answered success) but the read-back did not find it; the ticket number is unknown"}
	}
	return CreateResult{Status: NotCreated, Err: err,
		Note: "not created: the create got no clear answer and the read-back found no ticket with this subject from this requester since it was sent"}
}

// isTimeout reports a create that gave up waiting (deadline or network timeout).
func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}

func unknownOr(applied bool) CreateStatus {
	if applied {
		return Created
	}
	return Unknown
}

// findCreated lists the requester's newest tickets and returns the newest
// one with n's subject created at or after since, plus any other matches.
func (c *Client) findCreated(ctx context.Context, n NewTicket, since time.Time) (*Ticket, []int64, error) {
	p := ListTicketsParams{RequesterID: n.RequesterID, OrderBy: "created_at", OrderType: "desc", PerPage: 30}
	if n.RequesterID == 0 {
		p.Email = n.Email
	}
	pg, err := c.ListTickets(ctx, p)
	if err != nil {
		return nil, nil, err
	}
	var matches []Ticket
	for _, t := range pg.Items {
		if t.Subject == n.Subject && !t.CreatedAt.Before(since) {
			matches = append(matches, t)
		}
	}
	if len(matches) == 0 {
		return nil, nil, nil
	}
	slices.SortFunc(matches, func(a, b Ticket) int { return -a.CreatedAt.Compare(b.CreatedAt) })
	var others []int64
	for _, m := range matches[1:] {
		others = append(others, m.ID)
	}
	return &matches[0], others, nil
}

// isNoSuchRequester reports the 400 "There is no contact matching the given email".
func isNoSuchRequester(err error) bool {
	var e *Error
	if !errors.As(err, &e) || e.Status != http.StatusBadRequest {
		return false
	}
	for _, fe := range e.Errors {
		if fe.Field == "email" && strings.HasPrefix(fe.Message, "There is no contact") {
			return true
		}
	}
	return false
}

// refusalReason says briefly why a create was definitely not applied.
func refusalReason(err error) string {
	var e *Error
	switch {
	case errors.As(err, &e) && e.Local:
		return "rejected before sending"
	case errors.Is(err, ErrRateLimited):
		return "rate limited (Freshdesk did not process it)"
	case errors.As(err, &e) && e.Status > 0:
		return fmt.Sprintf("Freshdesk refused it (HTTP %d)", e.Status)
	}
	return "the request never reached Freshdesk"
}
