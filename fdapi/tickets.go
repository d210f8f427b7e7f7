package fdapi

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// ListTicketsParams are the filters of GET /tickets. Zero values are not sent.
// Without Filter, RequesterID, Email, CompanyID or UpdatedSince Freshdesk only
// returns tickets created in the last 30 days.
type ListTicketsParams struct {
	Filter       string    // new_and_my_open | watching | spam | deleted
	RequesterID  int64     // requester_id
	Email        string    // email (of the requester)
	CompanyID    int64     // company_id
	UpdatedSince time.Time // updated_since
	OrderBy      string    // created_at (default) | due_by | updated_at | status
	OrderType    string    // asc | desc (default)
	Include      []string  // stats, requester, description (each +2 credits), company
	Page         int       // 1..300
	PerPage      int       // 1..100 (default 30)
}

func (p ListTicketsParams) values() (url.Values, error) {
	var ck checker
	ck.oneOf("filter", p.Filter, ticketFilters)
	ck.oneOf("order_by", p.OrderBy, ticketOrderBy)
	ck.oneOf("order_type", p.OrderType, orderTypes)
	for _, inc := range p.Include {
		ck.oneOf("include", inc, ticketListIncludes)
	}
	ck.paging(p.Page, p.PerPage, MaxTicketListPage)
	if err := ck.err(http.MethodGet, "/tickets"); err != nil {
		return nil, err
	}
	q := url.Values{}
	setStr(q, "filter", p.Filter)
	setID(q, "requester_id", p.RequesterID)
	setStr(q, "email", p.Email)
	setID(q, "company_id", p.CompanyID)
	if !p.UpdatedSince.IsZero() {
		q.Set("updated_since", timeParam(p.UpdatedSince))
	}
	setStr(q, "order_by", p.OrderBy)
	setStr(q, "order_type", p.OrderType)
	if len(p.Include) > 0 {
		q.Set("include", strings.Join(p.Include, ","))
	}
	setPaging(q, p.Page, p.PerPage)
	return q, nil
}

// ListTickets returns one page of GET /tickets.
func (c *Client) ListTickets(ctx context.Context, p ListTicketsParams) (Page[Ticket], error) {
	q, err := p.values()
	if err != nil {
		return Page[Ticket]{}, err
	}
	return listPage[Ticket](ctx, c, "/tickets", q)
}

// AllTickets iterates every ticket matching p, following Link headers. When
// OrderBy is empty it orders by updated_at ascending, which lets it continue
// past Freshdesk's 300-page cap by restarting with updated_since = the last
// ticket's updated_at; tickets seen twice are yielded once. PerPage defaults
// to 100.
func (c *Client) AllTickets(ctx context.Context, p ListTicketsParams) iter.Seq2[Ticket, error] {
	return func(yield func(Ticket, error) bool) {
		if p.PerPage == 0 {
			p.PerPage = MaxPerPage
		}
		if p.OrderBy == "" {
			p.OrderBy, p.OrderType = "updated_at", "asc"
		}
		canContinue := p.OrderBy == "updated_at" && p.OrderType == "asc"
		seen := map[int64]struct{}{}
		page := max(p.Page, 1)
		for {
			q := p
			q.Page = page
			pg, err := c.ListTickets(ctx, q)
			if err != nil {
				yield(Ticket{}, err)
				return
			}
			for _, t := range pg.Items {
				if _, dup := seen[t.ID]; dup {
					continue
				}
				seen[t.ID] = struct{}{}
				if !yield(t, nil) {
					return
				}
			}
			switch {
			case pg.NextPage == 0 || len(pg.Items) == 0:
				return
			case pg.NextPage <= MaxTicketListPage:
				page = pg.NextPage
				continue
			}
			// Page 300 was full and more exist: continue by updated_since.
			last := pg.Items[len(pg.Items)-1].UpdatedAt
			if !canContinue {
				yield(Ticket{}, localError(http.MethodGet, "/api/v2/tickets", FieldError{Field: "page",
					Message: "more than 300 pages of tickets; order by updated_at asc (leave OrderBy empty) to continue past page 300", Code: "invalid_value"}))
				return
			}
			if !p.UpdatedSince.IsZero() && !last.After(p.UpdatedSince) {
				yield(Ticket{}, localError(http.MethodGet, "/api/v2/tickets", FieldError{Field: "updated_since",
					Message: fmt.Sprintf("more than 300 pages of tickets were updated at %s; cannot continue", timeParam(last)), Code: "invalid_value"}))
				return
			}
			p.UpdatedSince = last
			page = 1
		}
	}
}

// GetTicket returns GET /tickets/{id}. include may hold conversations (first
// 10), requester, company and stats; each costs one extra credit.
func (c *Client) GetTicket(ctx context.Context, id int64, include ...string) (*Ticket, error) {
	path := fmt.Sprintf("/tickets/%d", id)
	var ck checker
	ck.positiveID("id", id)
	for _, inc := range include {
		ck.oneOf("include", inc, ticketViewIncludes)
	}
	if err := ck.err(http.MethodGet, path); err != nil {
		return nil, err
	}
	q := url.Values{}
	if len(include) > 0 {
		q.Set("include", strings.Join(include, ","))
	}
	t, _, err := getJSON[*Ticket](ctx, c, path, q)
	if err == nil {
		c.remember(t)
	}
	return t, err
}

// UpdateTicket sends PUT /tickets/{id} with the set fields of u. It is never
// retried after the request was sent; see ErrOutcomeUnknown.
func (c *Client) UpdateTicket(ctx context.Context, id int64, u TicketUpdate) (*Ticket, error) {
	path := fmt.Sprintf("/tickets/%d", id)
	var ck checker
	ck.positiveID("id", id)
	if u.IsEmpty() {
		ck.add("", "nothing to update: set at least one field", "missing_field")
	}
	if u.Tags != nil {
		for _, t := range *u.Tags {
			if strings.Contains(t, ",") {
				ck.add("tags", "A tag must not contain a comma", "invalid_value")
			}
		}
	}
	if err := ck.err(http.MethodPut, path); err != nil {
		return nil, err
	}
	return sendJSON[*Ticket](ctx, c, http.MethodPut, path, u)
}
