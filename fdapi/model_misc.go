package fdapi

import "time"

// SatisfactionRating is a customer's survey answer on a ticket.
type SatisfactionRating struct {
	ID        int64          `json:"id"`
	SurveyID  int64          `json:"survey_id"`
	TicketID  int64          `json:"ticket_id"`
	UserID    int64          `json:"user_id"`
	AgentID   *int64         `json:"agent_id"`
	GroupID   *int64         `json:"group_id"`
	Feedback  *string        `json:"feedback"`
	Ratings   map[string]int `json:"ratings"` // "default_question" and "question_<id>" -> e.g. 103, 100, -103
	CreatedAt time.Time      `json:"created_at"`
	UpdatedAt time.Time      `json:"updated_at"`
}

// Survey is a satisfaction survey definition.
type Survey struct {
	ID        int64            `json:"id"`
	Title     string           `json:"title"`
	Active    bool             `json:"active"`
	Questions []SurveyQuestion `json:"questions"`
	CreatedAt time.Time        `json:"created_at"`
	UpdatedAt time.Time        `json:"updated_at"`
}

// SurveyQuestion is one question of a survey.
type SurveyQuestion struct {
	ID              string `json:"id"`
	Label           string `json:"label"`
	AcceptedRatings []int  `json:"accepted_ratings"`
	Default         bool   `json:"default,omitempty"`
}

// TimeEntry is time logged on a ticket.
type TimeEntry struct {
	ID                 int64      `json:"id"`
	TicketID           int64      `json:"ticket_id"`
	AgentID            int64      `json:"agent_id"`
	CompanyID          *int64     `json:"company_id"`
	Billable           bool       `json:"billable"`
	Note               string     `json:"note"`
	TimerRunning       bool       `json:"timer_running"`
	TimeSpent          string     `json:"time_spent"` // "hh:mm"
	TimeSpentInSeconds *int       `json:"time_spent_in_seconds,omitempty"`
	ExecutedAt         *time.Time `json:"executed_at"`
	StartTime          *time.Time `json:"start_time"`
	CreatedAt          time.Time  `json:"created_at"`
	UpdatedAt          time.Time  `json:"updated_at"`
}

// EmailConfig is a support mailbox (the from address of replies).
type EmailConfig struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	ProductID   *int64    `json:"product_id"`
	ToEmail     string    `json:"to_email"`
	ReplyEmail  string    `json:"reply_email"`
	GroupID     *int64    `json:"group_id"`
	PrimaryRole bool      `json:"primary_role"`
	Active      bool      `json:"active"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// SLAPolicy is an SLA policy: per-priority targets, what it applies to and
// its escalations.
type SLAPolicy struct {
	ID           int64                `json:"id"`
	Name         string               `json:"name"`
	Description  *string              `json:"description"`
	Active       bool                 `json:"active"`
	IsDefault    bool                 `json:"is_default"`
	Position     int                  `json:"position"`
	SLATarget    map[string]SLATarget `json:"sla_target"` // "priority_1".."priority_4"
	ApplicableTo map[string]any       `json:"applicable_to"`
	Escalation   map[string]any       `json:"escalation"`
	CreatedAt    time.Time            `json:"created_at"`
	UpdatedAt    time.Time            `json:"updated_at"`
}

// SLATarget is one priority's targets, in seconds.
type SLATarget struct {
	RespondWithin     int64  `json:"respond_within"`
	ResolveWithin     int64  `json:"resolve_within"`
	NextRespondWithin *int64 `json:"next_respond_within"`
	BusinessHours     bool   `json:"business_hours"`
	EscalationEnabled bool   `json:"escalation_enabled"`
}

// BusinessHours is a business calendar.
type BusinessHours struct {
	ID           int64              `json:"id"`
	Name         string             `json:"name"`
	Description  *string            `json:"description"`
	IsDefault    bool               `json:"is_default"`
	TimeZone     string             `json:"time_zone"`
	WorkingHours map[string]WorkDay `json:"working_hours"` // "monday".."sunday"; absent days are off
	CreatedAt    time.Time          `json:"created_at"`
	UpdatedAt    time.Time          `json:"updated_at"`
}

// WorkDay is one day's working hours as Freshdesk writes them ("8:00 am").
type WorkDay struct {
	StartTime string `json:"start_time"`
	EndTime   string `json:"end_time"`
}

// Product is one of the account's products.
type Product struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	Description *string   `json:"description"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}
