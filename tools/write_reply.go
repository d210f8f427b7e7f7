package tools

import (
	"context"
	"fmt"
	"strings"

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
	if strings.TrimSpace(in.Body) == "" {
		return nil, inputErrorf("body is empty: write the reply text in body")
	}
	if err := checkEmails("cc_emails", in.CCEmails); err != nil {
		return nil, err
	}
	if err := checkEmails("bcc_emails", in.BCCEmails); err != nil {
		return nil, err
	}
	t, err := b.deps.Client.GetTicket(ctx, in.TicketID, "requester")
	if err != nil {
		return nil, err
	}
	to := "the requester"
	if t.Requester != nil && t.Requester.Email != nil {
		to = shape.Sanitize(t.Requester.Name) + " <" + *t.Requester.Email + ">"
	}
	pv := mcppolicy.Preview{
		Action:          fmt.Sprintf("e-mail a reply to %s on ticket #%d", to, t.ID),
		TicketID:        t.ID,
		Subject:         shape.Sanitize(t.Subject),
		CustomerVisible: true,
		Body:            in.Body,
		CC:              in.CCEmails,
		BCC:             in.BCCEmails,
	}
	return &mcppolicy.WritePlan{Kind: policy.Reply, Preview: pv, Body: in.Body, Guarded: true,
		Run: func(ctx context.Context) ([]int64, any, error) {
			c, err := b.deps.Client.CreateReply(ctx, in.TicketID, fdapi.ReplyInput{Body: bodyHTML(in.Body), CCEmails: in.CCEmails, BCCEmails: in.BCCEmails})
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
