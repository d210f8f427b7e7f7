package tools

import (
	"context"
	"strings"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// CustomerTools are the only tools a customer-scoped caller sees (a
// customer-facing bot bound to one requester): its own tickets and their
// public conversations. search_tickets is not among them because
// Freshdesk's ticket search cannot filter by requester, and scoping is
// applied in the Freshdesk query itself, never by filtering afterwards.
var CustomerTools = []string{"get_ticket", "list_conversations", "list_tickets"}

// notYours is the one answer for another customer's ticket and for a
// ticket that does not exist, so a scoped caller learns nothing about
// tickets that are not theirs.
func notYours(id int64) error {
	return inputErrorf("ticket %d was not found among your tickets", id)
}

// forCustomer runs read for ticket id; for a customer-scoped caller it
// first checks that the ticket is the requester's (one ticket read, the
// least the API allows: it cannot filter a ticket by id and requester) and
// removes what a customer may not see from the answer.
func (b *builder) forCustomer(ctx context.Context, id int64, read func() (*ticketOut, error)) (*ticketOut, error) {
	r, scoped := mcppolicy.RequesterFromContext(ctx)
	if !scoped {
		return read()
	}
	if err := b.checkOwner(ctx, id, r); err != nil {
		return nil, err
	}
	out, err := read()
	if err != nil {
		if fdapi.IsNotFound(err) {
			return nil, notYours(id)
		}
		return nil, err
	}
	redactForCustomer(out)
	return out, nil
}

// checkOwner reads ticket id (with its requester when bound by e-mail) and
// refuses it, the same way as a missing one, unless r requested it.
func (b *builder) checkOwner(ctx context.Context, id int64, r policy.Requester) error {
	var include []string
	if r.ID == 0 {
		include = []string{"requester"}
	}
	t, err := b.deps.Client.GetTicket(ctx, id, include...)
	switch {
	case fdapi.IsNotFound(err):
		return notYours(id)
	case err != nil:
		return err
	case t.Deleted || t.Spam:
		return notYours(id)
	case r.ID != 0 && t.RequesterID == r.ID:
		return nil
	case r.ID == 0 && t.Requester != nil && t.Requester.Email != nil && strings.EqualFold(*t.Requester.Email, r.Email):
		return nil
	}
	return notYours(id)
}

// redactForCustomer removes from a ticket answer what only agents see:
// private notes, agents' e-mail addresses, agent-only custom fields, tags
// and the Cc list.
func redactForCustomer(out *ticketOut) {
	if h := out.Ticket; h != nil {
		h.CustomFields, h.Tags, h.CC = nil, nil, nil
	}
	if out.Untrusted == nil {
		return
	}
	msgs := out.Untrusted.Messages[:0]
	for _, m := range out.Untrusted.Messages {
		if m.Role == RolePrivateNote {
			continue
		}
		if m.Role != RoleCustomer && strings.Contains(m.From, "@") {
			m.From = "support agent"
		}
		msgs = append(msgs, m)
	}
	out.Untrusted.Messages = msgs
}

// scopeList binds a ticket list to a scoped caller's requester, in the
// Freshdesk query (requester_id or email); other filters are refused.
func scopeList(ctx context.Context, in *listTicketsIn) error {
	r, scoped := mcppolicy.RequesterFromContext(ctx)
	if !scoped {
		return nil
	}
	if in.CompanyID != 0 || in.Filter != "" ||
		(in.RequesterID != 0 && in.RequesterID != r.ID) ||
		(strings.TrimSpace(in.RequesterEmail) != "" && !strings.EqualFold(strings.TrimSpace(in.RequesterEmail), r.Email)) {
		return inputErrorf("list_tickets lists only your own tickets: leave out filter, company_id, requester_id and requester_email")
	}
	in.RequesterID, in.RequesterEmail = r.ID, r.Email
	return nil
}
