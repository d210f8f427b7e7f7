package fdapi

import "time"

// Agent is a Freshdesk agent. Its ID equals its user (contact) id.
type Agent struct {
	ID                   int64        `json:"id"`
	Available            bool         `json:"available"`
	Occasional           bool         `json:"occasional"`
	TicketScope          int          `json:"ticket_scope"` // 1 global, 2 group, 3 restricted
	Type                 string       `json:"type,omitempty"`
	Signature            *string      `json:"signature"`
	GroupIDs             []int64      `json:"group_ids,omitempty"`
	RoleIDs              []int64      `json:"role_ids,omitempty"`
	SkillIDs             []int64      `json:"skill_ids,omitempty"`
	ContributionGroupIDs []int64      `json:"contribution_group_ids,omitempty"`
	AgentLevelID         *int64       `json:"agent_level_id,omitempty"`
	Contact              AgentContact `json:"contact"`
	LastActiveAt         *time.Time   `json:"last_active_at,omitempty"`
	AvailableSince       *time.Time   `json:"available_since"`
	CreatedAt            time.Time    `json:"created_at"`
	UpdatedAt            time.Time    `json:"updated_at"`
}

// AgentContact is the contact sub-object of an agent.
type AgentContact struct {
	Name        string       `json:"name"`
	Email       string       `json:"email"`
	Active      bool         `json:"active"`
	JobTitle    *string      `json:"job_title"`
	Language    string       `json:"language"`
	Mobile      *LooseString `json:"mobile"`
	Phone       *LooseString `json:"phone"`
	TimeZone    string       `json:"time_zone"`
	LastLoginAt *time.Time   `json:"last_login_at"`
	CreatedAt   time.Time    `json:"created_at"`
	UpdatedAt   time.Time    `json:"updated_at"`
}

// Group is a Freshdesk agent group.
type Group struct {
	ID               int64       `json:"id"`
	Name             string      `json:"name"`
	Description      *string     `json:"description"`
	EscalateTo       *int64      `json:"escalate_to"`
	UnassignedFor    *string     `json:"unassigned_for"` // 30m, 1h, 2h, 4h, 8h, 12h, 1d, 2d, 3d
	BusinessHourID   *int64      `json:"business_hour_id"`
	AgentIDs         []int64     `json:"agent_ids,omitempty"` // view only
	GroupType        string      `json:"group_type,omitempty"`
	AutoTicketAssign *AutoAssign `json:"auto_ticket_assign,omitempty"`
	CreatedAt        time.Time   `json:"created_at"`
	UpdatedAt        time.Time   `json:"updated_at"`
}

// Role is an agent role.
type Role struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	Default     bool      `json:"default,omitempty"`
	AgentType   *int      `json:"agent_type,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}
