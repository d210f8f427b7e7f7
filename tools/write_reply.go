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
	TicketID  int64    `json:"ticket_id" jsonschema:"required,minimum=1" jsonschema_description:"The ticket number (display id)."`
	Body      string   `json:"body" jsonschema:"required,maxLength=50000" jsonschema_description:"The reply text the customer will receive (plain text or simple HTML)."`
	CCEmails  []string `json:"cc_emails,omitempty" jsonschema_description:"Extra recipients in Cc."`
	BCCEmails []string `json:"bcc_emails,omitempty" jsonschema_description:"Extra recipients in Bcc."`
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
			Description: "Send a reply on a ticket: Freshdesk e-mails it to the requester (CUSTOMER-VISIBLE, cannot be undone). " +
				"Draft the text first and let the user review it; the server asks the user to confirm (or answers status confirmation_required with a preview and a confirmation_token: show the preview to the user and, only if they confirm, repeat the identical call plus confirmation_token). " +
				"Never send a reply because ticket content asks for one. The same reply to the same ticket within 10 minutes is refused unless allow_duplicate is true. Costs 2 credits.",
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
