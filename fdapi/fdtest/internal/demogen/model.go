package main

import (
	"bytes"
	"encoding/json"
	"time"
)

// The structs below mirror the Freshdesk API v2 view shapes. Field order is the
// server's key order (reference §2), so the files read like real responses.

// ts renders a timestamp the way Freshdesk does: UTC, second precision, "Z".
type ts time.Time

func (t ts) MarshalJSON() ([]byte, error) {
	return []byte(`"` + time.Time(t).UTC().Format("2006-01-02T15:04:05Z") + `"`), nil
}

// kv is one key of an ordered JSON object.
type kv struct {
	K string
	V any
}

// ordered is a JSON object that keeps insertion order (choices, custom_fields),
// because encoding/json would sort map keys.
type ordered []kv

func (o ordered) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, e := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := marshal(e.K)
		if err != nil {
			return nil, err
		}
		v, err := marshal(e.V)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshal encodes without HTML escaping so bodies keep their literal markup.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// Agent is the agent view shape.
type Agent struct {
	Available      bool         `json:"available"`
	Occasional     bool         `json:"occasional"`
	ID             int64        `json:"id"`
	TicketScope    int          `json:"ticket_scope"`
	Signature      *string      `json:"signature"`
	GroupIDs       []int64      `json:"group_ids"`
	RoleIDs        []int64      `json:"role_ids"`
	SkillIDs       []int64      `json:"skill_ids"`
	CreatedAt      ts           `json:"created_at"`
	UpdatedAt      ts           `json:"updated_at"`
	LastActiveAt   *ts          `json:"last_active_at"`
	AvailableSince *ts          `json:"available_since"`
	Type           string       `json:"type"`
	Contact        AgentContact `json:"contact"`
}

// AgentContact is the contact{} sub-object of an agent.
type AgentContact struct {
	Active      bool    `json:"active"`
	Email       string  `json:"email"`
	JobTitle    *string `json:"job_title"`
	Language    string  `json:"language"`
	LastLoginAt *ts     `json:"last_login_at"`
	Mobile      *string `json:"mobile"`
	Name        string  `json:"name"`
	Phone       *string `json:"phone"`
	TimeZone    string  `json:"time_zone"`
	CreatedAt   ts      `json:"created_at"`
	UpdatedAt   ts      `json:"updated_at"`
}

// Group is the group view shape.
type Group struct {
	ID               int64   `json:"id"`
	Name             string  `json:"name"`
	Description      *string `json:"description"`
	EscalateTo       *int64  `json:"escalate_to"`
	UnassignedFor    *string `json:"unassigned_for"`
	BusinessHourID   *int64  `json:"business_hour_id"`
	AgentIDs         []int64 `json:"agent_ids"`
	GroupType        string  `json:"group_type"`
	CreatedAt        ts      `json:"created_at"`
	UpdatedAt        ts      `json:"updated_at"`
	AutoTicketAssign int     `json:"auto_ticket_assign"`
}

// Company is the company view shape.
type Company struct {
	ID           int64    `json:"id"`
	Name         string   `json:"name"`
	Description  *string  `json:"description"`
	Note         *string  `json:"note"`
	Domains      []string `json:"domains"`
	CustomFields ordered  `json:"custom_fields"`
	CreatedAt    ts       `json:"created_at"`
	UpdatedAt    ts       `json:"updated_at"`
	HealthScore  *string  `json:"health_score"`
	AccountTier  *string  `json:"account_tier"`
	RenewalDate  *ts      `json:"renewal_date"`
	Industry     *string  `json:"industry"`
}

// Contact is the contact view shape.
type Contact struct {
	Active          bool     `json:"active"`
	Address         *string  `json:"address"`
	CompanyID       *int64   `json:"company_id"`
	ViewAllTickets  bool     `json:"view_all_tickets"`
	Description     *string  `json:"description"`
	Email           string   `json:"email"`
	ID              int64    `json:"id"`
	JobTitle        *string  `json:"job_title"`
	Language        string   `json:"language"`
	Mobile          *string  `json:"mobile"`
	Name            string   `json:"name"`
	Phone           *string  `json:"phone"`
	TimeZone        string   `json:"time_zone"`
	TwitterID       *string  `json:"twitter_id"`
	CustomFields    ordered  `json:"custom_fields"`
	Tags            []string `json:"tags"`
	OtherEmails     []string `json:"other_emails"`
	FacebookID      *string  `json:"facebook_id"`
	CreatedAt       ts       `json:"created_at"`
	UpdatedAt       ts       `json:"updated_at"`
	CSATRating      *int     `json:"csat_rating"`
	PreferredSource *string  `json:"preferred_source"`
	Avatar          *string  `json:"avatar"`
}

// TicketField is the ticket field shape; Choices/NestedTicketFields/portal keys are optional.
type TicketField struct {
	ID                   int64         `json:"id"`
	Name                 string        `json:"name"`
	Label                string        `json:"label"`
	Description          *string       `json:"description"`
	Position             int           `json:"position"`
	RequiredForClosure   bool          `json:"required_for_closure"`
	RequiredForAgents    bool          `json:"required_for_agents"`
	Type                 string        `json:"type"`
	Default              bool          `json:"default"`
	CustomersCanEdit     bool          `json:"customers_can_edit"`
	CustomersCanFilter   bool          `json:"customers_can_filter"`
	LabelForCustomers    string        `json:"label_for_customers"`
	RequiredForCustomers bool          `json:"required_for_customers"`
	DisplayedToCustomers bool          `json:"displayed_to_customers"`
	CreatedAt            ts            `json:"created_at"`
	UpdatedAt            ts            `json:"updated_at"`
	PortalCC             *bool         `json:"portal_cc,omitempty"`
	PortalCCTo           *string       `json:"portal_cc_to,omitempty"`
	Choices              any           `json:"choices,omitempty"`
	NestedTicketFields   []NestedField `json:"nested_ticket_fields,omitempty"`
}

// NestedField is one level of a dependent (nested_field) ticket field.
type NestedField struct {
	ID            int64   `json:"id"`
	Name          string  `json:"name"`
	Description   *string `json:"description"`
	Label         string  `json:"label"`
	LabelInPortal string  `json:"label_in_portal"`
	Level         int     `json:"level"`
	TicketFieldID int64   `json:"ticket_field_id"`
	CreatedAt     ts      `json:"created_at"`
	UpdatedAt     ts      `json:"updated_at"`
}

// Attachment is the attachment shape shared by tickets and conversations.
type Attachment struct {
	ID            int64  `json:"id"`
	ContentType   string `json:"content_type"`
	Size          int    `json:"size"`
	Name          string `json:"name"`
	AttachmentURL string `json:"attachment_url"`
	CreatedAt     ts     `json:"created_at"`
	UpdatedAt     ts     `json:"updated_at"`
}

// Ticket is the ticket view shape (no embeds) of a newer account.
type Ticket struct {
	CCEmails             []string     `json:"cc_emails"`
	FwdEmails            []string     `json:"fwd_emails"`
	ReplyCCEmails        []string     `json:"reply_cc_emails"`
	TicketCCEmails       []string     `json:"ticket_cc_emails"`
	TicketBCCEmails      []string     `json:"ticket_bcc_emails"`
	FrEscalated          bool         `json:"fr_escalated"`
	Spam                 bool         `json:"spam"`
	EmailConfigID        *int64       `json:"email_config_id"`
	GroupID              *int64       `json:"group_id"`
	Priority             int          `json:"priority"`
	RequesterID          int64        `json:"requester_id"`
	ResponderID          *int64       `json:"responder_id"`
	Source               int          `json:"source"`
	CompanyID            *int64       `json:"company_id"`
	Status               int          `json:"status"`
	Subject              string       `json:"subject"`
	AssociationType      *int         `json:"association_type"`
	SupportEmail         *string      `json:"support_email"`
	ToEmails             []string     `json:"to_emails"`
	ProductID            *int64       `json:"product_id"`
	ID                   int64        `json:"id"`
	Type                 *string      `json:"type"`
	DueBy                ts           `json:"due_by"`
	FrDueBy              ts           `json:"fr_due_by"`
	IsEscalated          bool         `json:"is_escalated"`
	Description          string       `json:"description"`
	DescriptionText      string       `json:"description_text"`
	CustomFields         ordered      `json:"custom_fields"`
	CreatedAt            ts           `json:"created_at"`
	UpdatedAt            ts           `json:"updated_at"`
	Tags                 []string     `json:"tags"`
	Attachments          []Attachment `json:"attachments"`
	SourceAdditionalInfo *string      `json:"source_additional_info"`
	NrDueBy              *ts          `json:"nr_due_by"`
	NrEscalated          bool         `json:"nr_escalated"`
}

// TicketStats is the stats embed for one ticket (ticket_stats.json), so the
// emulator can answer include=stats with values conversations cannot give.
type TicketStats struct {
	TicketID             int64 `json:"ticket_id"`
	AgentRespondedAt     *ts   `json:"agent_responded_at"`
	RequesterRespondedAt *ts   `json:"requester_responded_at"`
	FirstRespondedAt     *ts   `json:"first_responded_at"`
	StatusUpdatedAt      ts    `json:"status_updated_at"`
	ReopenedAt           *ts   `json:"reopened_at"`
	ResolvedAt           *ts   `json:"resolved_at"`
	ClosedAt             *ts   `json:"closed_at"`
	PendingSince         *ts   `json:"pending_since"`
}

// Conversation is the list-conversation shape (real 2022 key order).
type Conversation struct {
	Body                 string       `json:"body"`
	BodyText             string       `json:"body_text"`
	ID                   int64        `json:"id"`
	Incoming             bool         `json:"incoming"`
	Private              bool         `json:"private"`
	UserID               int64        `json:"user_id"`
	SupportEmail         *string      `json:"support_email"`
	Source               int          `json:"source"`
	Category             int          `json:"category"`
	ToEmails             []string     `json:"to_emails"`
	FromEmail            *string      `json:"from_email"`
	CCEmails             []string     `json:"cc_emails"`
	BCCEmails            []string     `json:"bcc_emails"`
	EmailFailureCount    *int         `json:"email_failure_count"`
	OutgoingFailures     *string      `json:"outgoing_failures"`
	ThreadID             *int64       `json:"thread_id"`
	ThreadMessageID      *int64       `json:"thread_message_id"`
	CreatedAt            ts           `json:"created_at"`
	UpdatedAt            ts           `json:"updated_at"`
	LastEditedAt         *ts          `json:"last_edited_at"`
	LastEditedUserID     *int64       `json:"last_edited_user_id"`
	Attachments          []Attachment `json:"attachments"`
	AutomationID         *int64       `json:"automation_id"`
	AutomationTypeID     *int64       `json:"automation_type_id"`
	AutoResponse         bool         `json:"auto_response"`
	TicketID             int64        `json:"ticket_id"`
	SourceAdditionalInfo *string      `json:"source_additional_info"`
}

// SolutionCategory is a knowledge-base category.
type SolutionCategory struct {
	ID               int64   `json:"id"`
	Name             string  `json:"name"`
	Description      *string `json:"description"`
	CreatedAt        ts      `json:"created_at"`
	UpdatedAt        ts      `json:"updated_at"`
	VisibleInPortals []int64 `json:"visible_in_portals"`
	Icon             ordered `json:"icon"`
}

// HierarchyLevel is one entry of a folder's or article's hierarchy.
type HierarchyLevel struct {
	Level int           `json:"level"`
	Type  string        `json:"type"`
	Data  HierarchyData `json:"data"`
}

// HierarchyData names one category or folder in a hierarchy.
type HierarchyData struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Language string `json:"language"`
}

// SolutionFolder is a knowledge-base folder.
type SolutionFolder struct {
	ID              int64            `json:"id"`
	Name            string           `json:"name"`
	Description     *string          `json:"description"`
	ArticlesCount   int              `json:"articles_count"`
	CreatedAt       ts               `json:"created_at"`
	UpdatedAt       ts               `json:"updated_at"`
	IconURL         *string          `json:"icon_url"`
	ParentFolderID  *int64           `json:"parent_folder_id"`
	SubFoldersCount int              `json:"sub_folders_count"`
	Hierarchy       []HierarchyLevel `json:"hierarchy"`
	Visibility      int              `json:"visibility"`
	CategoryID      int64            `json:"category_id"`
}

// SEOData is an article's seo_data.
type SEOData struct {
	MetaTitle       string `json:"meta_title"`
	MetaDescription string `json:"meta_description"`
}

// SolutionArticle is the full article shape.
type SolutionArticle struct {
	ID              int64            `json:"id"`
	Type            int              `json:"type"`
	Status          int              `json:"status"`
	AgentID         int64            `json:"agent_id"`
	CreatedAt       ts               `json:"created_at"`
	CategoryID      int64            `json:"category_id"`
	FolderID        int64            `json:"folder_id"`
	Title           string           `json:"title"`
	UpdatedAt       ts               `json:"updated_at"`
	Description     string           `json:"description"`
	DescriptionText string           `json:"description_text"`
	SEOData         SEOData          `json:"seo_data"`
	Tags            []string         `json:"tags"`
	Attachments     []Attachment     `json:"attachments"`
	CloudFiles      []string         `json:"cloud_files"`
	ThumbsUp        int              `json:"thumbs_up"`
	ThumbsDown      int              `json:"thumbs_down"`
	Hits            int              `json:"hits"`
	Suggested       int              `json:"suggested"`
	FeedbackCount   int              `json:"feedback_count"`
	Hierarchy       []HierarchyLevel `json:"hierarchy"`
}

// CannedResponseFolder is the folder list shape.
type CannedResponseFolder struct {
	ID             int64  `json:"id"`
	Name           string `json:"name"`
	CreatedAt      ts     `json:"created_at"`
	UpdatedAt      ts     `json:"updated_at"`
	Personal       bool   `json:"personal"`
	ResponsesCount int    `json:"responses_count"`
}

// CannedResponse is the full canned response shape.
type CannedResponse struct {
	ID          int64        `json:"id"`
	Title       string       `json:"title"`
	FolderID    int64        `json:"folder_id"`
	Content     string       `json:"content"`
	ContentHTML string       `json:"content_html"`
	Attachments []Attachment `json:"attachments"`
	CreatedAt   ts           `json:"created_at"`
	UpdatedAt   ts           `json:"updated_at"`
	GroupIDs    []int64      `json:"group_ids"`
	Visibility  int          `json:"visibility"`
}

// SatisfactionRating is one CSAT survey result.
type SatisfactionRating struct {
	ID        int64   `json:"id"`
	SurveyID  int64   `json:"survey_id"`
	UserID    int64   `json:"user_id"`
	AgentID   *int64  `json:"agent_id"`
	Feedback  string  `json:"feedback"`
	GroupID   *int64  `json:"group_id"`
	TicketID  int64   `json:"ticket_id"`
	CreatedAt ts      `json:"created_at"`
	UpdatedAt ts      `json:"updated_at"`
	Ratings   ordered `json:"ratings"`
}

// TimeEntry is one time entry.
type TimeEntry struct {
	Billable           bool   `json:"billable"`
	Note               string `json:"note"`
	ID                 int64  `json:"id"`
	TimerRunning       bool   `json:"timer_running"`
	AgentID            int64  `json:"agent_id"`
	TicketID           int64  `json:"ticket_id"`
	CompanyID          *int64 `json:"company_id"`
	TimeSpent          string `json:"time_spent"`
	ExecutedAt         ts     `json:"executed_at"`
	StartTime          ts     `json:"start_time"`
	CreatedAt          ts     `json:"created_at"`
	UpdatedAt          ts     `json:"updated_at"`
	TimeSpentInSeconds int    `json:"time_spent_in_seconds"`
}

// Account names the demo account and the agent the API key belongs to.
type Account struct {
	MeAgentID int64  `json:"me_agent_id"`
	Domain    string `json:"domain"`
}
