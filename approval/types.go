package approval

import (
	"errors"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/shape"
)

// Decision is the state of a pending confirmation.
type Decision int

const (
	// Pending: nobody has decided yet and it has not expired.
	Pending Decision = iota
	// Approved by a person; Redeem completes it once.
	Approved
	// Declined by a person (or after MaxApproverAttempts wrong secrets).
	Declined
	// Expired without an approval (an approval also lapses at expiry).
	Expired
)

// String returns "pending", "approved", "declined" or "expired".
func (d Decision) String() string {
	switch d {
	case Approved:
		return "approved"
	case Declined:
		return "declined"
	case Expired:
		return "expired"
	}
	return "pending"
}

// Guard says what, besides the link, a person needs to decide.
type Guard int

const (
	// GuardLink: whoever opens the link decides. For URL-mode
	// elicitation, where the client shows the link to its user and never
	// to the model.
	GuardLink Guard = iota
	// GuardApprover: the page also asks for the operator's approver
	// secret (Config.ApproverSecret), which is never given to the model.
	// For clients that cannot elicit, where the link passes through the
	// model: the model may open the page but cannot approve.
	GuardApprover
)

// Change is one ticket field a write changes.
type Change struct {
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// Removal is one kind of character that outgoing text hygiene
// (shape.CleanOutgoing) removed before sending.
type Removal = shape.Removal

// Preview is exactly what a write will do, as the page shows it. Body is
// the text exactly as it will be sent.
type Preview struct {
	Tool            string    `json:"tool"`
	Action          string    `json:"action"`
	TicketID        int64     `json:"ticket_id"`
	Subject         string    `json:"subject,omitempty"`
	CustomerVisible bool      `json:"customer_visible"`
	Body            string    `json:"body,omitempty"`
	CC              []string  `json:"cc_emails,omitempty"`
	BCC             []string  `json:"bcc_emails,omitempty"`
	Notify          []string  `json:"notify_emails,omitempty"`
	Changes         []Change  `json:"changes,omitempty"`
	Removed         []Removal `json:"removed,omitempty"`
}

// Request is what the write flow asks a person to confirm.
type Request struct {
	// Caller is the identity of the MCP caller (policy.*Caller); only a
	// Redeem by the same caller completes it.
	Caller string
	// ArgsDigest binds it to the exact arguments (see ArgsDigest).
	ArgsDigest string
	Preview    Preview
	Guard      Guard
}

// Confirmation is a created pending confirmation.
type Confirmation struct {
	// ID identifies it to Status, Wait and Redeem, and is the
	// elicitationId. It does not give access to the page.
	ID string
	// URL is the page a person opens to decide. It is a short-lived,
	// single-use capability: give it to a person, never log it.
	URL       string
	ExpiresAt time.Time
}

// Errors of Create and Redeem. Every Redeem refusal matches ErrNotRedeemed
// and one of the others.
var (
	ErrNoApprover  = errors.New("no approver secret is configured")
	ErrNotRedeemed = errors.New("confirmation not redeemed; nothing may be written")
	ErrInvalid     = errors.New("confirmation id is malformed, altered or from another server")
	ErrOtherStore  = errors.New("confirmation was created by a server process with other memory (a restart or another replica)")
	ErrWrongCaller = errors.New("confirmation was created for another caller")
	ErrArgsChanged = errors.New("arguments differ from the confirmed ones")
	ErrPending     = errors.New("nobody has approved the confirmation yet")
	ErrDeclined    = errors.New("the confirmation was declined")
	ErrExpired     = errors.New("the confirmation expired")
	ErrReplayed    = errors.New("the confirmation was already used")
)
