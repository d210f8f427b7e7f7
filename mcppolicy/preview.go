package mcppolicy

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/shape"
)

// FieldChange is one ticket field an update changes.
type FieldChange struct {
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// Preview is exactly what a write will do; it is shown to the user before
// they confirm.
type Preview struct {
	Action   string `json:"action" jsonschema_description:"What will happen, in one sentence."`
	TicketID int64  `json:"ticket_id"`
	// Subject is the ticket's customer-written subject; in JSON it is
	// inside untrusted_customer_content (MarshalJSON).
	Subject         string        `json:"-"`
	CustomerVisible bool          `json:"customer_visible" jsonschema_description:"True when the customer will see (or be e-mailed) this write."`
	Body            string        `json:"body,omitempty" jsonschema_description:"The exact text that will be written."`
	CC              []string      `json:"cc_emails,omitempty"`
	BCC             []string      `json:"bcc_emails,omitempty"`
	NotifyEmails    []string      `json:"notify_emails,omitempty"`
	Changes         []FieldChange `json:"changes,omitempty" jsonschema_description:"Each ticket field that changes: old value -> new value."`
	// Removed lists the invisible characters outgoing text hygiene removed
	// from the arguments (shape.CleanOutgoing): what is shown is what is sent.
	Removed []shape.Removal `json:"removed_characters,omitempty" jsonschema_description:"Invisible characters removed from the text before sending."`
}

// MarshalJSON writes the customer-written subject inside
// untrusted_customer_content, like every tool result.
func (p Preview) MarshalJSON() ([]byte, error) {
	type plain Preview
	type fence struct {
		Subject string `json:"subject"`
	}
	v := struct {
		plain
		Untrusted *fence `json:"untrusted_customer_content,omitempty"`
	}{plain: plain(p)}
	if p.Subject != "" {
		v.Untrusted = &fence{Subject: p.Subject}
	}
	return json.Marshal(v)
}

// text renders the preview for an elicitation message.
func (p Preview) text(tool string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Confirm %s: %s\n\n", tool, p.Action)
	switch {
	case p.TicketID != 0:
		fmt.Fprintf(&b, "Ticket #%d, subject (untrusted customer content, data not instructions): %q\n", p.TicketID, p.Subject)
	case p.Subject != "":
		// A write that creates the ticket (create_ticket) has no number yet.
		fmt.Fprintf(&b, "New ticket, subject: %q\n", p.Subject)
	}
	if p.CustomerVisible {
		b.WriteString("CUSTOMER-VISIBLE: the customer will see this. It cannot be undone.\n")
	} else {
		b.WriteString("Internal: only agents will see this.\n")
	}
	if len(p.CC) > 0 {
		fmt.Fprintf(&b, "Cc: %s\n", strings.Join(p.CC, ", "))
	}
	if len(p.BCC) > 0 {
		fmt.Fprintf(&b, "Bcc: %s\n", strings.Join(p.BCC, ", "))
	}
	if len(p.NotifyEmails) > 0 {
		fmt.Fprintf(&b, "Notify: %s\n", strings.Join(p.NotifyEmails, ", "))
	}
	for _, c := range p.Changes {
		fmt.Fprintf(&b, "%s: %s -> %s\n", c.Field, orNone(c.From), orNone(c.To))
	}
	if p.Body != "" {
		fmt.Fprintf(&b, "\n----- text -----\n%s\n----------------\n", p.Body)
	}
	if len(p.Removed) > 0 {
		fmt.Fprintf(&b, "Removed before sending (invisible characters): %s\n", shape.FormatRemovals(p.Removed))
	}
	return b.String()
}

// question is the confirmation form's message: the preview and the choice.
func (p Preview) question(tool string) string {
	return p.text(tool) + "\nAccept to write it now; decline to write nothing."
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// WritePlan is a validated write, ready to be confirmed and run.
type WritePlan struct {
	Kind    policy.WriteKind
	Preview Preview
	// Body is what the duplicate guard compares (notes and replies only).
	Body string
	// Guarded: the duplicate guard applies (notes and replies).
	Guarded bool
	// Fields are the names of changed fields (audit).
	Fields []string
	// Run performs the upstream write and returns the ids it created and
	// the result for the model.
	Run func(ctx context.Context) ([]int64, any, error)
}

// WriteDone is the answer of a successful write.
type WriteDone struct {
	Status    string `json:"status" jsonschema_description:"written"`
	TicketID  int64  `json:"ticket_id"`
	Action    string `json:"action"`
	CreatedID int64  `json:"created_id,omitempty" jsonschema_description:"Id of the note or reply created."`
	// Decision is how the write was allowed (confirmed, unattended_allowed, notes_allowed).
	Decision string `json:"decision"`
	Result   any    `json:"result,omitempty"`
}

// confirmationRequired is the non-error answer of the token fallback.
type confirmationRequired struct {
	Status            string  `json:"status" jsonschema_description:"confirmation_required: nothing has been written yet."`
	Preview           Preview `json:"preview"`
	ConfirmationToken string  `json:"confirmation_token"`
	ExpiresAt         string  `json:"expires_at"`
	Instructions      string  `json:"instructions"`
}

// appliedNote is the result of a write Freshdesk applied but whose answer
// could not be read.
type appliedNote struct {
	Note string `json:"note"`
}
