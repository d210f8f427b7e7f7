package tools

import (
	"context"
	"fmt"
	"strings"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

type createTicketIn struct {
	Subject        string         `json:"subject" jsonschema:"required,maxLength=255"`
	Description    string         `json:"description" jsonschema:"required,maxLength=50000" jsonschema_description:"The ticket text (plain text or simple HTML)."`
	RequesterEmail string         `json:"requester_email,omitempty" jsonschema_description:"The customer's e-mail; an unknown address becomes a new contact. Or requester_id."`
	RequesterID    int64          `json:"requester_id,omitempty" jsonschema:"minimum=1"`
	RequesterName  string         `json:"requester_name,omitempty" jsonschema_description:"Name for a new contact."`
	Status         string         `json:"status,omitempty" jsonschema_description:"Name or number (default open)."`
	Priority       string         `json:"priority,omitempty" jsonschema_description:"low, medium, high, urgent (default low)."`
	Type           string         `json:"type,omitempty"`
	Group          string         `json:"group,omitempty" jsonschema_description:"Name or id."`
	Agent          string         `json:"agent,omitempty" jsonschema_description:"Name, e-mail or id."`
	Tags           []string       `json:"tags,omitempty"`
	CCEmails       []string       `json:"cc_emails,omitempty"`
	CustomFields   map[string]any `json:"custom_fields,omitempty" jsonschema_description:"By API name (cf_...) or label."`
	guardedWrite
}

type createdTicketOut struct {
	TicketID  int64   `json:"ticket_id,omitempty"`
	Outcome   string  `json:"outcome" jsonschema_description:"created; after a lost answer the ticket was found by reading back the requester's tickets."`
	Recovered bool    `json:"recovered,omitempty"`
	Note      string  `json:"note"`
	Others    []int64 `json:"same_subject_tickets,omitempty"`
}

func (b *builder) createTicketTool() Tool {
	return newWriteTool(b, writeSpec[createTicketIn]{
		decl: decl{
			Name: "create_ticket", Title: "Create a ticket", Toolset: ToolsetIntake, Access: CustomerVisibleWrite, Credits: 3,
			Kinds: []policy.WriteKind{policy.TicketCreate},
			Description: "Open a ticket for a customer (requester_email or requester_id) with subject and description, and optionally status, priority, type, " +
				"group, agent, tags, cc and custom fields by name. Customer-visible: Freshdesk may e-mail the requester. Always confirmed, like every write. " +
				"Never duplicated: the same ticket " +
				"within 10 minutes is refused unless allow_duplicate, and if the answer is lost the requester's tickets are read back to say whether it was created. 1-3 credits.",
		},
		kind:     func(*createTicketIn) policy.WriteKind { return policy.TicketCreate },
		ticketID: func(*createTicketIn) int64 { return 0 },
		normalize: func(in *createTicketIn) {
			in.RequesterEmail, in.Subject = strings.TrimSpace(in.RequesterEmail), strings.TrimSpace(in.Subject)
			in.Tags, in.CCEmails = trimList(in.Tags), normEmails(in.CCEmails)
		},
		plan: b.planCreateTicket,
	})
}

func (b *builder) planCreateTicket(ctx context.Context, in *createTicketIn) (*mcppolicy.WritePlan, error) {
	if (in.RequesterEmail == "") == (in.RequesterID == 0) {
		return nil, inputErrorf("give exactly one of requester_email or requester_id")
	}
	if in.Subject == "" || strings.TrimSpace(in.Description) == "" {
		return nil, inputErrorf("subject and description must not be empty")
	}
	if in.RequesterEmail != "" {
		if err := checkEmails("requester_email", []string{in.RequesterEmail}); err != nil {
			return nil, err
		}
	}
	if err := checkEmails("cc_emails", in.CCEmails); err != nil {
		return nil, err
	}
	n, ch, err := b.resolveNewTicket(ctx, in)
	if err != nil {
		return nil, err
	}
	who := in.RequesterEmail
	if who == "" {
		who = fmt.Sprintf("contact %d", in.RequesterID)
	}
	pv := mcppolicy.Preview{Action: "create a ticket for " + who + " (Freshdesk may e-mail the requester)", Subject: in.Subject,
		CustomerVisible: true, Body: in.Description, CC: in.CCEmails, Changes: ch}
	// The duplicate guard compares requester, subject and text.
	body := strings.ToLower(who) + "\n" + in.Subject + "\n" + in.Description
	return &mcppolicy.WritePlan{Kind: policy.TicketCreate, Preview: pv, Body: body, Guarded: true, Fields: changedFields(ch),
		Run: func(ctx context.Context) ([]int64, any, error) { return b.runCreateTicket(ctx, n) }}, nil
}

// resolveNewTicket turns names into ids (cached ticket fields and agents).
func (b *builder) resolveNewTicket(ctx context.Context, in *createTicketIn) (fdapi.NewTicket, []mcppolicy.FieldChange, error) {
	n := fdapi.NewTicket{RequesterID: in.RequesterID, Email: in.RequesterEmail, Name: strings.TrimSpace(in.RequesterName),
		Subject: in.Subject, Description: bodyHTML(in.Description), Tags: in.Tags, CCEmails: in.CCEmails}
	var ch []mcppolicy.FieldChange
	fields, err := b.deps.Client.TicketFields(ctx)
	if err != nil {
		return n, nil, err
	}
	nm := namesFromFields(fields)
	add := func(f, v string) { ch = append(ch, mcppolicy.FieldChange{Field: f, To: v}) }
	if in.Status != "" {
		id, err := resolve("status", nm.statuses, in.Status)
		if err != nil {
			return n, nil, err
		}
		n.Status = int(id)
		add("status", nm.status(n.Status))
	}
	if in.Priority != "" {
		id, err := resolve("priority", nm.priorities, in.Priority)
		if err != nil {
			return n, nil, err
		}
		n.Priority = int(id)
		add("priority", nm.priority(n.Priority))
	}
	if in.Type != "" {
		if n.Type, err = nm.resolveType(in.Type); err != nil {
			return n, nil, err
		}
		add("type", n.Type)
	}
	if in.Group != "" {
		if n.GroupID, err = resolve("group", mapChoices(nm.groups), in.Group); err != nil {
			return n, nil, err
		}
		add("group", nm.group(&n.GroupID))
	}
	if in.Agent != "" {
		if n.ResponderID, err = b.resolveAgent(ctx, nm, in.Agent); err != nil {
			return n, nil, err
		}
		add("agent", nm.agent(&n.ResponderID))
	}
	for _, t := range n.Tags {
		if strings.Contains(t, ",") {
			return n, nil, inputErrorf("tag %q contains a comma; give each tag as its own item", t)
		}
	}
	if len(n.Tags) > 0 {
		add("tags", strings.Join(n.Tags, ", "))
	}
	if len(in.CustomFields) > 0 {
		n.CustomFields = map[string]any{}
		for _, key := range sortedKeys(in.CustomFields) {
			name, v, err := customValue(fields, key, in.CustomFields[key])
			if err != nil {
				return n, nil, err
			}
			n.CustomFields[name] = v
			add(name, valueText(v))
		}
		if err := checkNested(fields, n.CustomFields); err != nil {
			return n, nil, err
		}
	}
	return n, ch, nil
}

// runCreateTicket sends the create once and resolves a lost answer by
// reading back the requester's tickets (fdapi.CreateTicketVerified).
func (b *builder) runCreateTicket(ctx context.Context, n fdapi.NewTicket) ([]int64, any, error) {
	res := b.deps.Client.CreateTicketVerified(ctx, n, fdapi.VerifyOptions{})
	switch res.Status {
	case fdapi.Created:
		if res.Ticket == nil {
			// Applied, number unknown: the policy reports it as written.
			return nil, nil, res.Err
		}
		out := createdTicketOut{TicketID: res.Ticket.ID, Outcome: "created", Recovered: res.Recovered, Note: res.Note, Others: res.Others}
		return []int64{res.Ticket.ID}, out, nil
	case fdapi.NotCreated:
		if res.Err != nil && !isAmbiguous(res.Err) {
			return nil, nil, res.Err
		}
		// The read-back settled it: say so, without the "may have been applied" of the raw error.
		return nil, nil, inputErrorf("Not created: %s. It is safe to call create_ticket again.", res.Note)
	}
	return nil, nil, fmt.Errorf("%w; the read-back of the requester's tickets failed too (%v)", res.Err, res.ReadBackErr)
}

func isAmbiguous(err error) bool {
	return errorsIs(err, fdapi.ErrOutcomeUnknown) || errorsIs(err, fdapi.ErrWriteApplied)
}
