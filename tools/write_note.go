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

type addNoteIn struct {
	TicketID     int64    `json:"ticket_id" jsonschema:"required,minimum=1" jsonschema_description:"The ticket number."`
	Body         string   `json:"body" jsonschema:"required,maxLength=50000" jsonschema_description:"Note text (plain text or simple HTML)."`
	Private      *bool    `json:"private,omitempty" jsonschema_description:"Default true (agents only); false: the requester sees it in the portal."`
	NotifyEmails []string `json:"notify_emails,omitempty" jsonschema_description:"Agent e-mails to notify."`
	guardedWrite
}

// noteOut is the created note.
type noteOut struct {
	ID      int64  `json:"id"`
	Private bool   `json:"private"`
	At      string `json:"created_at,omitempty"`
}

func (b *builder) addNoteTool() Tool {
	return newWriteTool(b, writeSpec[addNoteIn]{
		decl: decl{
			Name:    "add_note",
			Title:   "Add a note to a ticket",
			Toolset: ToolsetWrites,
			Access:  Write,
			Credits: 2, // ticket view for the preview + the note
			Kinds:   []policy.WriteKind{policy.PrivateNote, policy.PublicNote},
			// A note adds to the thread and overwrites nothing; it is not
			// idempotent (each call adds one).
			Destructive: false,
			Idempotent:  false,
			Description: "Add a private (default) or public note to a ticket: findings, hand-offs, drafts for agents. 2 credits, 3 when confirmed.",
		},
		kind: func(in *addNoteIn) policy.WriteKind {
			if in.Private != nil && !*in.Private {
				return policy.PublicNote
			}
			return policy.PrivateNote
		},
		ticketID: func(in *addNoteIn) int64 { return in.TicketID },
		normalize: func(in *addNoteIn) {
			if in.Private == nil {
				t := true
				in.Private = &t
			}
			in.NotifyEmails = normEmails(in.NotifyEmails)
		},
		plan: b.planNote,
	})
}

func (b *builder) planNote(ctx context.Context, in *addNoteIn) (*mcppolicy.WritePlan, error) {
	// Hygiene and Freshdesk's limits first: nothing is read before the
	// text is known to be sendable.
	var og outgoing
	body, err := og.text("body", in.Body, shape.MultiLine, shape.MaxBodyRunes)
	if err != nil {
		return nil, err
	}
	notify, err := og.emails("notify_emails", in.NotifyEmails)
	if err != nil {
		return nil, err
	}
	if err := b.checkAgentEmails(ctx, notify); err != nil {
		return nil, err
	}
	t, err := b.deps.Client.GetTicket(ctx, in.TicketID)
	if err != nil {
		return nil, err
	}
	private := *in.Private
	kind, what := policy.PrivateNote, "private note (agents only)"
	if !private {
		kind, what = policy.PublicNote, "PUBLIC note (the requester can see it in the portal)"
	}
	pv := mcppolicy.Preview{
		Action:          fmt.Sprintf("add a %s to ticket #%d", what, t.ID),
		TicketID:        t.ID,
		Subject:         shape.Sanitize(t.Subject),
		CustomerVisible: !private,
		Body:            body,
		NotifyEmails:    notify,
		Removed:         og.removed,
	}
	return &mcppolicy.WritePlan{Kind: kind, Preview: pv, Body: body, Guarded: true,
		Run: func(ctx context.Context) ([]int64, any, error) {
			c, err := b.deps.Client.CreateNote(ctx, in.TicketID, fdapi.NoteInput{Body: bodyHTML(body), Private: in.Private, NotifyEmails: notify})
			if err != nil {
				return nil, nil, err
			}
			return []int64{c.ID}, noteOut{ID: c.ID, Private: c.Private, At: formatTime(c.CreatedAt)}, nil
		}}, nil
}

// checkAgentEmails refuses notify_emails that are not agents of the
// helpdesk: Freshdesk e-mails the note to each, so an outside address would
// let a (possibly prompt-injected) model send internal notes out of the
// helpdesk, even in notes mode where private notes need no confirmation.
func (b *builder) checkAgentEmails(ctx context.Context, emails []string) error {
	if len(emails) == 0 {
		return nil
	}
	agents, err := b.deps.Client.ListAgents(ctx)
	if err != nil {
		return fmt.Errorf("check notify_emails against the agents: %w", err)
	}
	known := make(map[string]bool, len(agents))
	for _, a := range agents {
		known[strings.ToLower(strings.TrimSpace(a.Contact.Email))] = true
	}
	var bad []string
	for _, e := range emails {
		if !known[strings.ToLower(e)] {
			bad = append(bad, e)
		}
	}
	if len(bad) > 0 {
		return inputErrorf("notify_emails: %s %s not the e-mail of an agent of this helpdesk. Only agents can be notified of a note "+
			"(a note notification to anyone else would send internal text outside the helpdesk). Use list_agents for the agents' e-mails, or leave notify_emails out.",
			strings.Join(bad, ", "), isAre(len(bad)))
	}
	return nil
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// normEmails trims and drops empty addresses; nil when none are left.
func normEmails(in []string) []string {
	var out []string
	for _, e := range in {
		if e = strings.TrimSpace(e); e != "" {
			out = append(out, e)
		}
	}
	return out
}

// checkEmails refuses values that are not plain e-mail addresses.
func checkEmails(arg string, es []string) error {
	for _, e := range es {
		at := strings.LastIndexByte(e, '@')
		if at <= 0 || at == len(e)-1 || strings.ContainsAny(e, " ,;<>\"") {
			return inputErrorf("%s: %q is not an e-mail address (give plain addresses such as jane@example.com)", arg, e)
		}
	}
	return nil
}
