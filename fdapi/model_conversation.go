package fdapi

import "time"

// Conversation sources and categories seen in practice.
const (
	ConversationSourceReply    = 0
	ConversationSourceNote     = 2
	ConversationSourceFeedback = 6
	ConversationSourceForward  = 8
)

// Conversation is a reply, note or incoming message on a ticket, in the
// list-conversation, create-reply or create-note shape.
type Conversation struct {
	ID                   int64        `json:"id"`
	TicketID             int64        `json:"ticket_id"`
	Body                 string       `json:"body"`      // HTML
	BodyText             string       `json:"body_text"` // plain text
	Incoming             bool         `json:"incoming"`
	Private              bool         `json:"private"`
	UserID               int64        `json:"user_id"`
	Source               *int         `json:"source,omitempty"`   // 0 reply, 2 note, 6 survey feedback, 8 forward...
	Category             *int         `json:"category,omitempty"` // e.g. 2 note, 3 agent reply, 7 feedback
	SupportEmail         *string      `json:"support_email"`
	FromEmail            *string      `json:"from_email,omitempty"`
	ToEmails             []string     `json:"to_emails"`
	CCEmails             []string     `json:"cc_emails,omitempty"`
	BCCEmails            []string     `json:"bcc_emails,omitempty"`
	RepliedTo            []string     `json:"replied_to,omitempty"`
	NotifiedTo           []string     `json:"notified_to,omitempty"`
	EmailFailureCount    *int         `json:"email_failure_count,omitempty"`
	OutgoingFailures     any          `json:"outgoing_failures,omitempty"`
	ThreadID             *int64       `json:"thread_id,omitempty"`
	ThreadMessageID      *int64       `json:"thread_message_id,omitempty"`
	LastEditedAt         *time.Time   `json:"last_edited_at,omitempty"`
	LastEditedUserID     *int64       `json:"last_edited_user_id,omitempty"`
	AutomationID         *int64       `json:"automation_id,omitempty"`
	AutomationTypeID     *int64       `json:"automation_type_id,omitempty"`
	AutoResponse         *bool        `json:"auto_response,omitempty"`
	SourceAdditionalInfo any          `json:"source_additional_info,omitempty"`
	Attachments          []Attachment `json:"attachments"`
	CreatedAt            time.Time    `json:"created_at"`
	UpdatedAt            time.Time    `json:"updated_at"`
}

// ReplyInput is the body of POST /tickets/{id}/reply.
type ReplyInput struct {
	Body      string   `json:"body"` // HTML
	CCEmails  []string `json:"cc_emails,omitempty"`
	BCCEmails []string `json:"bcc_emails,omitempty"`
	FromEmail string   `json:"from_email,omitempty"`
	UserID    *int64   `json:"user_id,omitempty"`
}

// NoteInput is the body of POST /tickets/{id}/notes. Freshdesk defaults
// Private to true.
type NoteInput struct {
	Body         string   `json:"body"` // HTML
	Private      *bool    `json:"private,omitempty"`
	NotifyEmails []string `json:"notify_emails,omitempty"` // agent e-mails to notify
	Incoming     *bool    `json:"incoming,omitempty"`
	UserID       *int64   `json:"user_id,omitempty"`
}
