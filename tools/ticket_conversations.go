package tools

import "context"

// conversationsPerPage is the page size of list_conversations.
const conversationsPerPage = 30

type listConversationsIn struct {
	TicketID int64  `json:"ticket_id" jsonschema:"required,minimum=1" jsonschema_description:"The ticket number."`
	Page     int    `json:"page,omitempty" jsonschema:"minimum=1" jsonschema_description:"Page of 30 conversations (ignored with cursor)."`
	Cursor   string `json:"cursor,omitempty" jsonschema_description:"next_cursor of the previous answer, to continue."`
	MaxChars int    `json:"max_chars,omitempty" jsonschema:"minimum=2000,maximum=100000" jsonschema_description:"Size cap in characters (default 24000)."`
}

func (b *builder) listConversationsTool() Tool {
	return newTool(b, decl{
		Name:        "list_conversations",
		Title:       "List ticket conversations",
		Toolset:     ToolsetTickets,
		Access:      Read,
		Description: "A ticket's replies and notes, 30 a page, shaped like get_ticket's thread; also continues a get_ticket next_cursor. 1 credit per 100 conversations read.",
	}, b.listConversations)
}

func (b *builder) listConversations(ctx context.Context, in listConversationsIn) (*ticketOut, error) {
	budget := b.maxChars(in.MaxChars)
	if in.Cursor != "" {
		cur, err := decodeCursor(in.Cursor, in.TicketID)
		if err != nil {
			return nil, err
		}
		return b.forCustomer(ctx, in.TicketID, func() (*ticketOut, error) {
			return b.continueTicket(ctx, in.TicketID, cur, conversationsPerPage, budget, "list_conversations")
		})
	}
	page := max(in.Page, 1)
	cur := threadCursor{Ticket: in.TicketID, Next: (page-1)*conversationsPerPage + 2}
	return b.forCustomer(ctx, in.TicketID, func() (*ticketOut, error) {
		return b.continueTicket(ctx, in.TicketID, cur, conversationsPerPage, budget, "list_conversations")
	})
}
