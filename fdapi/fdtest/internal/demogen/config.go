package main

import "time"

// Account configuration of the demo helpdesk: the CSAT survey, SLA
// policies, business hours, the product and the support mailboxes. Shapes
// follow real recorded responses (airbyte expected_records.jsonl streams
// surveys, sla_policies, business_hours, email_configs; products per
// askasoft/pango sdk/fdk/freshdesk/product.go).

// Survey is a CSAT survey with its questions.
type Survey struct {
	ID        int64            `json:"id"`
	Title     string           `json:"title"`
	Active    bool             `json:"active"`
	CreatedAt ts               `json:"created_at"`
	UpdatedAt ts               `json:"updated_at"`
	Questions []SurveyQuestion `json:"questions"`
}

// SurveyQuestion is one question of a survey.
type SurveyQuestion struct {
	ID              string `json:"id"`
	Label           string `json:"label"`
	AcceptedRatings []int  `json:"accepted_ratings"`
	Default         bool   `json:"default"`
}

// SLATarget is one priority's targets, in seconds.
type SLATarget struct {
	RespondWithin     int64  `json:"respond_within"`
	ResolveWithin     int64  `json:"resolve_within"`
	NextRespondWithin *int64 `json:"next_respond_within"`
	BusinessHours     bool   `json:"business_hours"`
	EscalationEnabled bool   `json:"escalation_enabled"`
}

// SLAPolicy is an SLA policy.
type SLAPolicy struct {
	ID           int64   `json:"id"`
	Name         string  `json:"name"`
	Description  *string `json:"description"`
	Active       bool    `json:"active"`
	SLATarget    ordered `json:"sla_target"`
	ApplicableTo ordered `json:"applicable_to"`
	IsDefault    bool    `json:"is_default"`
	Position     int     `json:"position"`
	CreatedAt    ts      `json:"created_at"`
	UpdatedAt    ts      `json:"updated_at"`
	Escalation   ordered `json:"escalation"`
}

// WorkDay is one day's working hours.
type WorkDay struct {
	StartTime string `json:"start_time"`
	EndTime   string `json:"end_time"`
}

// BusinessHours is a business calendar.
type BusinessHours struct {
	ID           int64   `json:"id"`
	Name         string  `json:"name"`
	IsDefault    bool    `json:"is_default"`
	Description  string  `json:"description"`
	WorkingHours ordered `json:"working_hours"`
	TimeZone     string  `json:"time_zone"`
	CreatedAt    ts      `json:"created_at"`
	UpdatedAt    ts      `json:"updated_at"`
}

// Product is a product of the account.
type Product struct {
	ID          int64   `json:"id"`
	Name        string  `json:"name"`
	Description *string `json:"description"`
	CreatedAt   ts      `json:"created_at"`
	UpdatedAt   ts      `json:"updated_at"`
}

// EmailConfig is a support mailbox.
type EmailConfig struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	ProductID   *int64 `json:"product_id"`
	ToEmail     string `json:"to_email"`
	ReplyEmail  string `json:"reply_email"`
	GroupID     *int64 `json:"group_id"`
	PrimaryRole bool   `json:"primary_role"`
	Active      bool   `json:"active"`
	CreatedAt   ts     `json:"created_at"`
	UpdatedAt   ts     `json:"updated_at"`
}

const (
	slaDefaultID  = 67000087001
	slaVIPID      = 67000087002
	bhDefaultID   = 67000039201
	bhAPACID      = 67000039202
	speedQuestion = "question_67081000002"
)

// Role is an agent role.
type Role struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Default     bool   `json:"default"`
	CreatedAt   ts     `json:"created_at"`
	UpdatedAt   ts     `json:"updated_at"`
	AgentType   int    `json:"agent_type"`
}

// config holds the account configuration records.
type config struct {
	roles    []Role
	surveys  []Survey
	slas     []SLAPolicy
	hours    []BusinessHours
	products []Product
	mailbox  []EmailConfig
}

func (w *world) buildConfig() config {
	start := accountStart()
	at := func(days int) ts { return ts(start.Add(time.Duration(days) * 24 * time.Hour)) }
	var c config
	// Stock role texts as Freshdesk ships them (airbyte roles stream).
	c.roles = []Role{
		{ID: roleAdmin, Name: "Administrator", Description: "Can configure all features through the Admin tab, but is restricted from viewing Account or Billing related information.", Default: true, CreatedAt: at(0), UpdatedAt: at(0), AgentType: 1},
		{ID: roleAgent, Name: "Agent", Description: "Can log, view, reply, update and resolve tickets and manage contacts.", Default: true, CreatedAt: at(0), UpdatedAt: at(0), AgentType: 1},
		{ID: roleSupervisor, Name: "Supervisor", Description: "Can perform all agent related activities, access reports and see unresolved tickets dashboard.", Default: true, CreatedAt: at(0), UpdatedAt: at(0), AgentType: 1},
	}
	c.surveys = []Survey{{ID: surveyID, Title: "Default Survey", Active: true, CreatedAt: at(0), UpdatedAt: at(40), Questions: []SurveyQuestion{
		{ID: "default_question", Label: "How would you rate your overall satisfaction for the resolution provided by the agent?", AcceptedRatings: []int{103, 100, -103}, Default: true},
		{ID: speedQuestion, Label: "How satisfied were you with the speed of our response?", AcceptedRatings: []int{103, 100, -103}},
	}}}
	// The default policy's targets are the windows the generator used for
	// every ticket's fr_due_by and due_by (calendar hours).
	target := func(scale time.Duration, bh bool) ordered {
		var o ordered
		for prio := 4; prio >= 1; prio-- {
			o = append(o, kv{"priority_" + string(rune('0'+prio)), SLATarget{RespondWithin: int64(frWindow[prio] / scale / time.Second),
				ResolveWithin: int64(dueWindow[prio] / scale / time.Second), BusinessHours: bh, EscalationEnabled: true}})
		}
		return o
	}
	lead := []int64{agentBase + 7}
	esc := ordered{{"response", ordered{{"escalation_time", 1800}, {"agent_ids", lead}}},
		{"resolution", ordered{{"level_1", ordered{{"escalation_time", 3600}, {"agent_ids", lead}}}}}}
	var vipCompanies []int64
	for i, s := range companySpecs() {
		if s.plan == "Enterprise" {
			vipCompanies = append(vipCompanies, companyBase+int64(i+1))
		}
	}
	c.slas = []SLAPolicy{
		{ID: slaDefaultID, Name: "Default SLA Policy", Description: ptr("Applies to every ticket no other policy matches."), Active: true,
			SLATarget: target(1, false), ApplicableTo: ordered{}, IsDefault: true, Position: 1, CreatedAt: at(0), UpdatedAt: at(60), Escalation: esc},
		{ID: slaVIPID, Name: "Enterprise customers", Description: ptr("Twice as fast for Enterprise-tier companies."), Active: true,
			SLATarget: target(2, true), ApplicableTo: ordered{{"company_ids", vipCompanies}}, IsDefault: false, Position: 2,
			CreatedAt: at(30), UpdatedAt: at(90), Escalation: esc},
	}
	week := func(from, to string) ordered {
		var o ordered
		for _, d := range []string{"monday", "tuesday", "wednesday", "thursday", "friday"} {
			o = append(o, kv{d, WorkDay{from, to}})
		}
		return o
	}
	c.hours = []BusinessHours{
		{ID: bhDefaultID, Name: "Default", IsDefault: true, Description: "Default Business Calendar (Berlin office)", WorkingHours: week("8:00 am", "6:00 pm"),
			TimeZone: "Berlin", CreatedAt: at(0), UpdatedAt: at(12)},
		{ID: bhAPACID, Name: "APAC", IsDefault: false, Description: "Seoul and Tokyo support hours", WorkingHours: week("9:00 am", "6:00 pm"),
			TimeZone: "Seoul", CreatedAt: at(45), UpdatedAt: at(45)},
	}
	c.products = []Product{{ID: productID, Name: "Acme Cloud Platform", Description: ptr("Compute, storage, API gateway, analytics and the web console."),
		CreatedAt: at(0), UpdatedAt: at(5)}}
	billing := w.groupID["billing"]
	c.mailbox = []EmailConfig{
		{ID: emailConfigID, Name: "Acme Cloud Support", ProductID: ptr(int64(productID)), ToEmail: "support@demo.freshdesk.com", ReplyEmail: supportAddr,
			GroupID: nil, PrimaryRole: true, Active: true, CreatedAt: at(0), UpdatedAt: at(3)},
		{ID: billingCfgID, Name: "Acme Cloud Billing", ProductID: ptr(int64(productID)), ToEmail: "billing@demo.freshdesk.com", ReplyEmail: billingAddr,
			GroupID: &billing, PrimaryRole: false, Active: true, CreatedAt: at(2), UpdatedAt: at(3)},
	}
	return c
}

// speedRating is the answer to the survey's second question, derived from
// the overall answer without the random source (so adding the question left
// every other generated record unchanged).
func speedRating(overall int, ticketID int64) int {
	switch {
	case overall == 103 && ticketID%4 == 0:
		return 100
	case overall == 100 && ticketID%2 == 1:
		return -103
	}
	return overall
}
