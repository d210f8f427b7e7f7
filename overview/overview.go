// Package overview assembles what an agent wants to know about one customer
// in a single answer: the contact, their company, their recent tickets and
// their latest satisfaction ratings, at the fewest Freshdesk credits.
package overview

import (
	"context"
	"fmt"
	"strings"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
)

// Defaults and caps of an overview.
const (
	DefaultTickets = 10 // recent tickets listed
	MaxTickets     = 30
	RatedTickets   = 3 // most recent resolved tickets whose ratings are read
	// MaxCredits is the most an overview costs: contact, company, tickets,
	// and one ratings call per rated ticket.
	MaxCredits = 3 + RatedTickets
)

// Source is what an overview reads; *fdapi.Client implements it.
type Source interface {
	GetContact(ctx context.Context, id int64) (*fdapi.Contact, error)
	ListContacts(ctx context.Context, p fdapi.ListContactsParams) (fdapi.Page[fdapi.Contact], error)
	GetCompany(ctx context.Context, id int64) (*fdapi.Company, error)
	ListTickets(ctx context.Context, p fdapi.ListTicketsParams) (fdapi.Page[fdapi.Ticket], error)
	ListSatisfactionRatings(ctx context.Context, ticketID int64) ([]fdapi.SatisfactionRating, error)
}

// Request names the customer by e-mail or contact id (exactly one).
type Request struct {
	Email     string
	ContactID int64
	Tickets   int // recent tickets to list (default 10, at most 30)
}

// Overview is one customer at a glance.
type Overview struct {
	Contact fdapi.Contact
	Company *fdapi.Company             // nil when the contact has none
	Tickets []fdapi.Ticket             // newest first
	More    bool                       // the customer has more tickets than listed
	Ratings []fdapi.SatisfactionRating // of the most recent resolved tickets, newest first
	// RatingsFrom lists the tickets whose ratings were read.
	RatingsFrom []int64
	Method      string
}

// NotFoundError is a customer that does not exist.
type NotFoundError struct{ Ref string }

func (e *NotFoundError) Error() string { return "overview: no contact " + e.Ref }

// Get builds the overview: 1 credit for the contact, 1 for the company when
// there is one, 1 for the recent tickets, and 1 per rated ticket (at most
// RatedTickets, only resolved or closed ones): at most MaxCredits.
func Get(ctx context.Context, src Source, r Request) (*Overview, error) {
	if (r.Email == "") == (r.ContactID == 0) {
		return nil, fmt.Errorf("overview: give exactly one of email or contact id")
	}
	n := r.Tickets
	if n == 0 {
		n = DefaultTickets
	}
	if n < 1 || n > MaxTickets {
		return nil, fmt.Errorf("overview: tickets must be 1..%d", MaxTickets)
	}
	c, err := contact(ctx, src, r)
	if err != nil {
		return nil, err
	}
	o := &Overview{Contact: *c}
	if c.CompanyID != nil {
		if o.Company, err = src.GetCompany(ctx, *c.CompanyID); err != nil && !fdapi.IsNotFound(err) {
			return nil, err
		}
	}
	pg, err := src.ListTickets(ctx, fdapi.ListTicketsParams{RequesterID: c.ID, OrderBy: "created_at", OrderType: "desc", PerPage: n})
	if err != nil {
		return nil, err
	}
	o.Tickets, o.More = pg.Items, pg.NextPage != 0
	for _, t := range o.Tickets {
		if len(o.RatingsFrom) == RatedTickets {
			break
		}
		if t.Status != 4 && t.Status != 5 {
			continue
		}
		rs, err := src.ListSatisfactionRatings(ctx, t.ID)
		if err != nil {
			return nil, err
		}
		o.RatingsFrom = append(o.RatingsFrom, t.ID)
		o.Ratings = append(o.Ratings, rs...)
	}
	o.Method = fmt.Sprintf("the contact, its company, its %d newest tickets, and the ratings of its %d most recent resolved or closed tickets "+
		"(Freshdesk cannot filter ratings by customer, so older ratings are not shown)", len(o.Tickets), len(o.RatingsFrom))
	return o, nil
}

func contact(ctx context.Context, src Source, r Request) (*fdapi.Contact, error) {
	if r.ContactID != 0 {
		c, err := src.GetContact(ctx, r.ContactID)
		if fdapi.IsNotFound(err) {
			return nil, &NotFoundError{Ref: fmt.Sprintf("with id %d", r.ContactID)}
		}
		return c, err
	}
	pg, err := src.ListContacts(ctx, fdapi.ListContactsParams{Email: strings.TrimSpace(r.Email)})
	if err != nil {
		return nil, err
	}
	if len(pg.Items) == 0 {
		return nil, &NotFoundError{Ref: "with e-mail " + r.Email}
	}
	return &pg.Items[0], nil
}
