package fdapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/mail"
	"strings"
	"time"
)

// NewTicket is the body of POST /tickets. Zero values are not sent. The
// requester is RequesterID or Email (with an optional Name); an unknown
// e-mail makes Freshdesk create the contact.
type NewTicket struct {
	RequesterID   int64          `json:"requester_id,omitempty"`
	Email         string         `json:"email,omitempty"`
	Name          string         `json:"name,omitempty"`
	Subject       string         `json:"subject"`
	Description   string         `json:"description"` // HTML
	Status        int            `json:"status,omitempty"`
	Priority      int            `json:"priority,omitempty"`
	Source        int            `json:"source,omitempty"`
	Type          string         `json:"type,omitempty"`
	GroupID       int64          `json:"group_id,omitempty"`
	ResponderID   int64          `json:"responder_id,omitempty"`
	CompanyID     int64          `json:"company_id,omitempty"`
	ProductID     int64          `json:"product_id,omitempty"`
	EmailConfigID int64          `json:"email_config_id,omitempty"`
	Tags          []string       `json:"tags,omitempty"`
	CCEmails      []string       `json:"cc_emails,omitempty"`
	CustomFields  map[string]any `json:"custom_fields,omitempty"`
}

// check validates what can be known locally (reference §3.6).
func (n NewTicket) check() error {
	var ck checker
	switch {
	case n.RequesterID == 0 && n.Email == "":
		ck.add("requester_id", "Please fill at least 1 of requester_id, email fields", "missing_field")
	case n.RequesterID != 0 && n.Email != "":
		ck.add("email", "give either requester_id or email, not both", "invalid_value")
	case n.RequesterID < 0:
		ck.positiveID("requester_id", n.RequesterID)
	case n.Email != "" && !validEmail(n.Email):
		ck.add("email", "It should be a valid email address", "invalid_value")
	}
	if strings.TrimSpace(n.Subject) == "" {
		ck.add("subject", "It should not be blank as this is a mandatory field", "missing_field")
	}
	if strings.TrimSpace(n.Description) == "" {
		ck.add("description", "It should not be blank as this is a mandatory field", "missing_field")
	}
	if n.Priority != 0 && (n.Priority < 1 || n.Priority > 4) {
		ck.add("priority", fmt.Sprintf(fieldMustBeOneOf, "1,2,3,4"), "invalid_value")
	}
	for _, e := range n.CCEmails {
		if !validEmail(e) {
			ck.add("cc_emails", "It should contain elements that are valid email addresses", "invalid_value")
			break
		}
	}
	for _, t := range n.Tags {
		if strings.Contains(t, ",") {
			ck.add("tags", "A tag must not contain a comma", "invalid_value")
			break
		}
	}
	return ck.err(http.MethodPost, "/tickets")
}

func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && strings.Contains(a.Address, ".")
}

// CreateTicket sends POST /tickets once. It is never retried after the
// request may have reached Freshdesk (see ErrOutcomeUnknown); use
// CreateTicketVerified to resolve an ambiguous outcome.
func (c *Client) CreateTicket(ctx context.Context, n NewTicket) (*Ticket, error) {
	if err := n.check(); err != nil {
		return nil, err
	}
	return sendJSON[*Ticket](ctx, c, http.MethodPost, "/tickets", n)
}

// ContactFields are the writable attributes of a contact. Nil fields are not
// sent, so an update changes only what is set.
type ContactFields struct {
	Name             *string        `json:"name,omitempty"`
	Email            *string        `json:"email,omitempty"`
	Phone            *string        `json:"phone,omitempty"`
	Mobile           *string        `json:"mobile,omitempty"`
	TwitterID        *string        `json:"twitter_id,omitempty"`
	UniqueExternalID *string        `json:"unique_external_id,omitempty"`
	CompanyID        *int64         `json:"company_id,omitempty"`
	Address          *string        `json:"address,omitempty"`
	Description      *string        `json:"description,omitempty"`
	JobTitle         *string        `json:"job_title,omitempty"`
	Language         *string        `json:"language,omitempty"`
	TimeZone         *string        `json:"time_zone,omitempty"`
	Tags             *[]string      `json:"tags,omitempty"` // replaces all tags
	OtherEmails      *[]string      `json:"other_emails,omitempty"`
	CustomFields     map[string]any `json:"custom_fields,omitempty"`
}

func (f ContactFields) check(create bool, path string) error {
	var ck checker
	method := http.MethodPut
	if create {
		method = http.MethodPost
		if f.Name == nil || strings.TrimSpace(*f.Name) == "" {
			ck.add("name", "It should not be blank as this is a mandatory field", "missing_field")
		}
		if f.Email == nil && f.Phone == nil && f.Mobile == nil && f.TwitterID == nil && f.UniqueExternalID == nil {
			ck.add("email", "Please fill at least 1 of email, mobile, phone, twitter_id, unique_external_id fields", "missing_field")
		}
	} else if f.isEmptyExceptCustom() && len(f.CustomFields) == 0 {
		ck.add("", "nothing to update: set at least one field", "missing_field")
	}
	if f.Name != nil && !create && strings.TrimSpace(*f.Name) == "" {
		ck.add("name", "It should not be blank as this is a mandatory field", "missing_field")
	}
	if f.Email != nil && !validEmail(*f.Email) {
		ck.add("email", "It should be a valid email address", "invalid_value")
	}
	if f.OtherEmails != nil {
		for _, e := range *f.OtherEmails {
			if !validEmail(e) {
				ck.add("other_emails", "It should contain elements that are valid email addresses", "invalid_value")
				break
			}
		}
	}
	if f.CompanyID != nil {
		ck.positiveID("company_id", *f.CompanyID)
	}
	return ck.err(method, path)
}

func (f ContactFields) isEmptyExceptCustom() bool {
	g := f
	return g.Name == nil && g.Email == nil && g.Phone == nil && g.Mobile == nil && g.TwitterID == nil &&
		g.UniqueExternalID == nil && g.CompanyID == nil && g.Address == nil && g.Description == nil &&
		g.JobTitle == nil && g.Language == nil && g.TimeZone == nil && g.Tags == nil && g.OtherEmails == nil
}

// CreateContact sends POST /contacts (409 duplicate_value when the e-mail is
// taken; the error's field carries the existing contact). Never retried
// after it may have reached Freshdesk.
func (c *Client) CreateContact(ctx context.Context, f ContactFields) (*Contact, error) {
	if err := f.check(true, "/contacts"); err != nil {
		return nil, err
	}
	return sendJSON[*Contact](ctx, c, http.MethodPost, "/contacts", f)
}

// UpdateContact sends PUT /contacts/{id} with the set fields of f.
func (c *Client) UpdateContact(ctx context.Context, id int64, f ContactFields) (*Contact, error) {
	path := fmt.Sprintf("/contacts/%d", id)
	var ck checker
	ck.positiveID("id", id)
	if err := ck.err(http.MethodPut, path); err != nil {
		return nil, err
	}
	if err := f.check(false, path); err != nil {
		return nil, err
	}
	return sendJSON[*Contact](ctx, c, http.MethodPut, path, f)
}

// TimeEntryCreate is the body of POST /tickets/{id}/time_entries. TimeSpent
// is a duration logged with the timer stopped; without it the timer starts.
type TimeEntryCreate struct {
	AgentID    int64
	Billable   *bool
	Note       string
	TimeSpent  time.Duration // rounded down to the minute; sent as "hh:mm"
	ExecutedAt time.Time
}

// MarshalJSON renders the body as Freshdesk expects it.
func (t TimeEntryCreate) MarshalJSON() ([]byte, error) {
	m := map[string]any{}
	if t.AgentID != 0 {
		m["agent_id"] = t.AgentID
	}
	if t.Billable != nil {
		m["billable"] = *t.Billable
	}
	if t.Note != "" {
		m["note"] = t.Note
	}
	if t.TimeSpent > 0 {
		mins := int64(t.TimeSpent / time.Minute)
		m["time_spent"] = fmt.Sprintf("%02d:%02d", mins/60, mins%60)
		m["timer_running"] = false
	}
	if !t.ExecutedAt.IsZero() {
		m["executed_at"] = timeParam(t.ExecutedAt)
	}
	return json.Marshal(m)
}

// CreateTimeEntry sends POST /tickets/{id}/time_entries.
func (c *Client) CreateTimeEntry(ctx context.Context, ticketID int64, t TimeEntryCreate) (*TimeEntry, error) {
	path := fmt.Sprintf("/tickets/%d/time_entries", ticketID)
	var ck checker
	ck.positiveID("ticket_id", ticketID)
	if t.TimeSpent < 0 || (t.TimeSpent > 0 && t.TimeSpent < time.Minute) {
		ck.add("time_spent", "It should be at least one minute", "invalid_value")
	}
	if t.TimeSpent >= 1000*time.Hour {
		ck.add("time_spent", "It should be in the 'hh:mm' format", "invalid_value")
	}
	if t.AgentID < 0 {
		ck.positiveID("agent_id", t.AgentID)
	}
	if err := ck.err(http.MethodPost, path); err != nil {
		return nil, err
	}
	return sendJSON[*TimeEntry](ctx, c, http.MethodPost, path, t)
}
