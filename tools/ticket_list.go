package tools

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
)

type listTicketsIn struct {
	Filter         string `json:"filter,omitempty" jsonschema:"enum=new_and_my_open,enum=watching,enum=spam,enum=deleted" jsonschema_description:"A view; new_and_my_open: open, unassigned or mine."`
	RequesterEmail string `json:"requester_email,omitempty" jsonschema_description:"A contact's tickets, by e-mail."`
	RequesterID    int64  `json:"requester_id,omitempty" jsonschema:"minimum=1" jsonschema_description:"A contact's tickets, by id."`
	CompanyID      int64  `json:"company_id,omitempty" jsonschema:"minimum=1" jsonschema_description:"A company's tickets."`
	UpdatedSince   string `json:"updated_since,omitempty" jsonschema_description:"RFC 3339 time or YYYY-MM-DD."`
	OrderBy        string `json:"order_by,omitempty" jsonschema:"enum=created_at,enum=due_by,enum=updated_at,enum=status" jsonschema_description:"Default created_at."`
	OrderType      string `json:"order_type,omitempty" jsonschema:"enum=asc,enum=desc" jsonschema_description:"Default desc (newest first)."`
	Page           int    `json:"page,omitempty" jsonschema:"minimum=1,maximum=300" jsonschema_description:"Default 1."`
	PerPage        int    `json:"per_page,omitempty" jsonschema:"minimum=1,maximum=100" jsonschema_description:"Default 30."`
}

func (b *builder) listTicketsTool() Tool {
	return newTool(b, decl{
		Name:        "list_tickets",
		Title:       "List tickets",
		Toolset:     ToolsetTickets,
		Credits:     3,
		Access:      Read,
		Description: "List a contact's tickets (requester_email or requester_id), a company's (company_id), a view (filter) or those updated since a time, newest first. Without any of these Freshdesk lists only the last 30 days. 1 credit a page (+1 the first time names load).",
	}, b.listTickets)
}

func (b *builder) listTickets(ctx context.Context, in listTicketsIn) (*ticketListOut, error) {
	if err := scopeList(ctx, &in); err != nil {
		return nil, err
	}
	p := fdapi.ListTicketsParams{
		Filter:      in.Filter,
		RequesterID: in.RequesterID,
		Email:       strings.TrimSpace(in.RequesterEmail),
		CompanyID:   in.CompanyID,
		OrderBy:     in.OrderBy,
		OrderType:   in.OrderType,
		Page:        in.Page,
		PerPage:     in.PerPage,
	}
	if in.UpdatedSince != "" {
		t, err := parseTimeArg("updated_since", in.UpdatedSince)
		if err != nil {
			return nil, err
		}
		p.UpdatedSince = t
	}
	// The names (cached) and the list are independent: one round trip.
	c := b.deps.Client
	var (
		nm  *names
		res fdapi.Page[fdapi.Ticket]
	)
	err := fdapi.Parallel(ctx,
		func(ctx context.Context) (err error) { nm, err = loadNames(ctx, c); return err },
		func(ctx context.Context) (err error) { res, err = c.ListTickets(ctx, p); return err })
	if err != nil {
		return nil, err
	}
	page := max(in.Page, 1)
	out := &ticketListOut{Page: page, HasMore: res.NextPage != 0, Tickets: b.ticketRows(res.Items, nm)}
	if _, scoped := mcppolicy.RequesterFromContext(ctx); scoped {
		for i := range out.Tickets {
			out.Tickets[i].Tags = nil // agents' tags are internal
		}
	}
	var notes []string
	switch {
	case out.HasMore && page >= fdapi.MaxTicketListPage:
		notes = append(notes, pastLastPageNote(p, out.Tickets))
	case out.HasMore:
		notes = append(notes, fmt.Sprintf("More tickets: call list_tickets again with the same arguments and page=%d.", page+1))
	}
	if p.Filter == "" && p.RequesterID == 0 && p.Email == "" && p.CompanyID == 0 && p.UpdatedSince.IsZero() {
		notes = append(notes, "Without filters Freshdesk lists only tickets created in the last 30 days; use updated_since or search_tickets for older ones.")
	}
	out.Note = strings.Join(notes, " ")
	return out, nil
}

// pastLastPageNote explains how to go on after page 300, the last page
// Freshdesk lists: only a list ordered by updated_at ascending can continue,
// from the last row's updated_at.
func pastLastPageNote(p fdapi.ListTicketsParams, rows []ticketRow) string {
	const head = "More tickets match, but Freshdesk does not list past page 300. "
	if p.OrderBy == "updated_at" && p.OrderType == "asc" && len(rows) > 0 {
		last := rows[len(rows)-1].UpdatedAt
		return head + fmt.Sprintf("To continue, call list_tickets with the same filters, order_by=updated_at, order_type=asc, updated_since=%s and page=1 (tickets updated at exactly %s appear again: skip the ids you already have).", last, last)
	}
	since := ""
	if !p.UpdatedSince.IsZero() {
		since = ", updated_since=" + formatTime(p.UpdatedSince)
	}
	return head + fmt.Sprintf("This list is not ordered by updated_at ascending, so it has no continuation point. To read every ticket, start again with the same filters, order_by=updated_at, order_type=asc%s and page=1; when page 300 is reached, continue with updated_since=<the last row's updated_at> and page=1.", since)
}

func parseTimeArg(arg, v string) (time.Time, error) {
	v = strings.TrimSpace(v)
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", time.DateOnly} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, inputErrorf("%s must be a time like 2026-11-01T00:00:00Z or a date like 2026-11-01, got %q", arg, v)
}
