package fdapi

import (
	"encoding/json"
	"reflect"
	"time"
)

// Ticket statuses and priorities that every account has (custom statuses
// have ids >= 6; see Client.Statuses).
const (
	StatusOpen     = 2
	StatusPending  = 3
	StatusResolved = 4
	StatusClosed   = 5

	PriorityLow    = 1
	PriorityMedium = 2
	PriorityHigh   = 3
	PriorityUrgent = 4
)

// Ticket is a Freshdesk ticket in its view, list, search or update shape.
// Keys that only some endpoints send are omitted when absent.
type Ticket struct {
	ID                     int64          `json:"id"` // per-account display id
	Subject                string         `json:"subject"`
	Description            string         `json:"description,omitempty"`      // HTML; lists only with include=description
	DescriptionText        string         `json:"description_text,omitempty"` // plain text
	Status                 int            `json:"status"`
	Priority               int            `json:"priority"`
	Source                 int            `json:"source"`
	Type                   *string        `json:"type"`
	RequesterID            int64          `json:"requester_id"`
	ResponderID            *int64         `json:"responder_id"`
	GroupID                *int64         `json:"group_id"`
	CompanyID              *int64         `json:"company_id"`
	ProductID              *int64         `json:"product_id"`
	EmailConfigID          *int64         `json:"email_config_id"`
	AssociationType        *int           `json:"association_type"`
	AssociatedTicketsCount *int           `json:"associated_tickets_count,omitempty"`
	AssociatedTicketsList  []int64        `json:"associated_tickets_list,omitempty"`
	SupportEmail           *string        `json:"support_email,omitempty"`
	Tags                   []string       `json:"tags"`
	CCEmails               []string       `json:"cc_emails"`
	FwdEmails              []string       `json:"fwd_emails"`
	ReplyCCEmails          []string       `json:"reply_cc_emails"`
	TicketCCEmails         []string       `json:"ticket_cc_emails"`
	TicketBCCEmails        []string       `json:"ticket_bcc_emails,omitempty"`
	ToEmails               []string       `json:"to_emails"`
	CustomFields           map[string]any `json:"custom_fields"`
	DueBy                  time.Time      `json:"due_by"`
	FrDueBy                time.Time      `json:"fr_due_by"`
	NrDueBy                *time.Time     `json:"nr_due_by,omitempty"`
	CreatedAt              time.Time      `json:"created_at"`
	UpdatedAt              time.Time      `json:"updated_at"`
	IsEscalated            bool           `json:"is_escalated"`
	FrEscalated            bool           `json:"fr_escalated"`
	NrEscalated            *bool          `json:"nr_escalated,omitempty"`
	Spam                   bool           `json:"spam"`
	Deleted                bool           `json:"deleted,omitempty"` // sent only when true
	InternalAgentID        *int64         `json:"internal_agent_id,omitempty"`
	InternalGroupID        *int64         `json:"internal_group_id,omitempty"`
	SourceAdditionalInfo   any            `json:"source_additional_info,omitempty"`
	StructuredDescription  any            `json:"structured_description,omitempty"`
	Attachments            []Attachment   `json:"attachments,omitempty"`
	Requester              *Requester     `json:"requester,omitempty"`     // include=requester
	Company                *CompanyRef    `json:"company,omitempty"`       // include=company; nil when the ticket has none (Freshdesk sends {})
	Stats                  *TicketStats   `json:"stats,omitempty"`         // include=stats
	Conversations          []Conversation `json:"conversations,omitempty"` // include=conversations (first 10)
}

// UnmarshalJSON decodes a ticket and maps the embedded `company: {}` (no
// company) to a nil Company.
func (t *Ticket) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, (*plainTicket)(t)); err != nil {
		return err
	}
	t.dropEmptyCompany()
	return nil
}

// plainTicket is Ticket without its UnmarshalJSON. Decoding a top-level
// ticket into it directly (then calling dropEmptyCompany) scans the body
// twice instead of four times: encoding/json validates and skips a value
// before handing it to an Unmarshaler, which validates and decodes it again.
type plainTicket Ticket

// dropEmptyCompany maps the embedded `company: {}` (no company) to nil.
func (t *Ticket) dropEmptyCompany() {
	if t.Company != nil && t.Company.ID == 0 && t.Company.Name == "" {
		t.Company = nil
	}
}

// decodeBody decodes a response body into out. Tickets (one, a list page or
// a search envelope) are decoded as plainTicket and fixed up afterwards,
// which gives the same values as Ticket.UnmarshalJSON in half the scans.
func decodeBody(body []byte, out any) error {
	switch p := out.(type) {
	case **Ticket:
		var t *plainTicket
		if err := unmarshal(body, &t); err != nil {
			return err
		}
		if t != nil {
			(*Ticket)(t).dropEmptyCompany()
		}
		*p = (*Ticket)(t)
		return nil
	case *[]Ticket:
		var ts []plainTicket
		if err := unmarshal(body, &ts); err != nil {
			return err
		}
		*p = ticketsFromPlain(ts)
		return nil
	case *searchBody[Ticket]:
		var sb struct {
			Results []plainTicket `json:"results"`
			Total   int           `json:"total"`
		}
		if err := unmarshal(body, &sb); err != nil {
			return err
		}
		p.Results, p.Total = ticketsFromPlain(sb.Results), sb.Total
		return nil
	default:
		// The decoder streams: on an error it may have filled part of its
		// target. Decode into a fresh value so out stays untouched then, as
		// with encoding/json (a write whose answer is unreadable must not
		// look as if it had an id).
		fresh := reflect.New(reflect.TypeOf(out).Elem())
		if err := unmarshal(body, fresh.Interface()); err != nil {
			return err
		}
		reflect.ValueOf(out).Elem().Set(fresh.Elem())
		return nil
	}
}

// ticketsFromPlain converts decoded plainTickets, keeping nil vs empty.
func ticketsFromPlain(ps []plainTicket) []Ticket {
	if ps == nil {
		return nil
	}
	ts := make([]Ticket, len(ps))
	for i := range ps {
		ts[i] = Ticket(ps[i])
		ts[i].dropEmptyCompany()
	}
	return ts
}

// Requester is the contact embedded with include=requester.
type Requester struct {
	ID     int64   `json:"id"`
	Name   string  `json:"name"`
	Email  *string `json:"email"`
	Mobile *string `json:"mobile"`
	Phone  *string `json:"phone"`
}

// CompanyRef is the company embedded with include=company.
type CompanyRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// TicketStats is the embedded include=stats object.
type TicketStats struct {
	AgentRespondedAt     *time.Time `json:"agent_responded_at"`
	RequesterRespondedAt *time.Time `json:"requester_responded_at"`
	FirstRespondedAt     *time.Time `json:"first_responded_at"`
	StatusUpdatedAt      *time.Time `json:"status_updated_at"`
	ReopenedAt           *time.Time `json:"reopened_at"`
	ResolvedAt           *time.Time `json:"resolved_at"`
	ClosedAt             *time.Time `json:"closed_at"`
	PendingSince         *time.Time `json:"pending_since"`
}

// Attachment is a file attached to a ticket, conversation, article or canned response.
type Attachment struct {
	ID            int64      `json:"id"`
	Name          string     `json:"name"`
	ContentType   string     `json:"content_type"`
	Size          int64      `json:"size"`
	AttachmentURL string     `json:"attachment_url"`
	CreatedAt     *time.Time `json:"created_at,omitempty"`
	UpdatedAt     *time.Time `json:"updated_at,omitempty"`
}

// UnmarshalJSON also accepts the older "file_size" key for Size.
func (a *Attachment) UnmarshalJSON(b []byte) error {
	type plain Attachment
	var v struct {
		plain
		FileSize *int64 `json:"file_size"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*a = Attachment(v.plain)
	if a.Size == 0 && v.FileSize != nil {
		a.Size = *v.FileSize
	}
	return nil
}

// TicketUpdate is the body of PUT /tickets/{id}. Nil fields are not sent.
// ClearGroup and ClearResponder send null to unassign.
type TicketUpdate struct {
	Status         *int
	Priority       *int
	Type           *string
	GroupID        *int64
	ResponderID    *int64
	Tags           *[]string // replaces all tags
	CustomFields   map[string]any
	ClearGroup     bool // send "group_id": null
	ClearResponder bool // send "responder_id": null
}

// MarshalJSON emits only the fields that are set.
func (u TicketUpdate) MarshalJSON() ([]byte, error) {
	m := map[string]any{}
	if u.Status != nil {
		m["status"] = *u.Status
	}
	if u.Priority != nil {
		m["priority"] = *u.Priority
	}
	if u.Type != nil {
		m["type"] = *u.Type
	}
	if u.GroupID != nil {
		m["group_id"] = *u.GroupID
	} else if u.ClearGroup {
		m["group_id"] = nil
	}
	if u.ResponderID != nil {
		m["responder_id"] = *u.ResponderID
	} else if u.ClearResponder {
		m["responder_id"] = nil
	}
	if u.Tags != nil {
		tags := *u.Tags
		if tags == nil {
			tags = []string{}
		}
		m["tags"] = tags
	}
	if len(u.CustomFields) > 0 {
		m["custom_fields"] = u.CustomFields
	}
	return json.Marshal(m)
}

// IsEmpty reports whether the update would change nothing.
func (u TicketUpdate) IsEmpty() bool {
	return u.Status == nil && u.Priority == nil && u.Type == nil && u.GroupID == nil && u.ResponderID == nil &&
		u.Tags == nil && len(u.CustomFields) == 0 && !u.ClearGroup && !u.ClearResponder
}
