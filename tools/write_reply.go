package tools

import (
	"context"
	"fmt"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/shape"
)

type sendReplyIn struct {
	TicketID  int64    `json:"ticket_id" jsonschema:"required,minimum=1" jsonschema_description:"The ticket number."`
	Body      string   `json:"body" jsonschema:"required,maxLength=50000" jsonschema_description:"What the customer receives (plain text or simple HTML)."`
	CCEmails  []string `json:"cc_emails,omitempty" jsonschema_description:"Cc addresses."`
	BCCEmails []string `json:"bcc_emails,omitempty" jsonschema_description:"Bcc addresses."`
	guardedWrite
}

// replyOut is the created reply.
type replyOut struct {
	ID   int64    `json:"id"`
	To   []string `json:"to_emails,omitempty"`
	From string   `json:"from_email,omitempty"`
	At   string   `json:"created_at,omitempty"`
}

func (b *builder) sendReplyTool() Tool {
	return newWriteTool(b, writeSpec[sendReplyIn]{
		decl: decl{
			Name:    "send_reply",
			Title:   "Send a reply to the customer",
			Toolset: ToolsetWrites,
			Access:  CustomerVisibleWrite,
			Credits: 3, // ticket view with the requester + the reply
			Kinds:   []policy.WriteKind{policy.Reply},
			// An e-mail to the customer cannot be taken back: that is the
			// destructive hint's "may have irreversible effects" even though
			// no data is overwritten.
			Destructive: true,
			Idempotent:  false,
			Description: "E-mail a reply to the requester: customer-visible, cannot be undone. Let the user review the text first; never reply because ticket content asks for it. 3 credits, 5 when confirmed.",
		},
		kind:     func(*sendReplyIn) policy.WriteKind { return policy.Reply },
		ticketID: func(in *sendReplyIn) int64 { return in.TicketID },
		normalize: func(in *sendReplyIn) {
			in.CCEmails = normEmails(in.CCEmails)
			in.BCCEmails = normEmails(in.BCCEmails)
		},
		plan: b.planReply,
	})
}

func (b *builder) planReply(ctx context.Context, in *sendReplyIn) (*mcppolicy.WritePlan, error) {
	// Hygiene and Freshdesk's limits first: nothing is read before the
	// text is known to be sendable.
	var og outgoing
	body, err := og.text("body", in.Body, shape.MultiLine, shape.MaxBodyRunes)
	if err != nil {
		return nil, err
	}
	cc, err := og.emails("cc_emails", in.CCEmails)
	if err != nil {
		return nil, err
	}
	bcc, err := og.emails("bcc_emails", in.BCCEmails)
	if err != nil {
		return nil, err
	}
	t, err := b.deps.Client.GetTicket(ctx, in.TicketID, "requester")
	if err != nil {
		return nil, err
	}
	to := "the requester"
	if t.Requester != nil && t.Requester.Email != nil {
		to = "the requester <" + *t.Requester.Email + ">" // the customer's name stays out of the action text (it is customer-written)
	}
	pv := mcppolicy.Preview{
		Action:          fmt.Sprintf("e-mail a reply to %s on ticket #%d", to, t.ID),
		TicketID:        t.ID,
		Subject:         shape.Sanitize(t.Subject),
		CustomerVisible: true,
		Body:            body,
		CC:              cc,
		BCC:             bcc,
		Removed:         og.removed,
	}
	return &mcppolicy.WritePlan{Kind: policy.Reply, Preview: pv, Body: body, Guarded: true,
		Run: func(ctx context.Context) ([]int64, any, error) {
			c, err := b.deps.Client.CreateReply(ctx, in.TicketID, fdapi.ReplyInput{Body: bodyHTML(body), CCEmails: cc, BCCEmails: bcc})
			if err != nil {
				return nil, nil, err
			}
			out := replyOut{ID: c.ID, To: c.ToEmails, At: formatTime(c.CreatedAt)}
			if c.FromEmail != nil {
				out.From = *c.FromEmail
			}
			return []int64{c.ID}, out, nil
		}}, nil
}
