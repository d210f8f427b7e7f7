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
