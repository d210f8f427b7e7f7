package fdapi

import (
	"encoding/json"
	"time"
)

// Contact is a Freshdesk contact (customer) in its view or list shape.
type Contact struct {
	ID                    int64           `json:"id"`
	Name                  string          `json:"name"`
	Email                 *string         `json:"email"`
	Phone                 *string         `json:"phone"`
	Mobile                *string         `json:"mobile"`
	TwitterID             *string         `json:"twitter_id"`
	FacebookID            *string         `json:"facebook_id,omitempty"`
	UniqueExternalID      *string         `json:"unique_external_id,omitempty"`
	OtherEmails           []string        `json:"other_emails,omitempty"`
	CompanyID             *int64          `json:"company_id"`
	OtherCompanies        json.RawMessage `json:"other_companies,omitempty"` // shape varies by account (ids or objects)
	ViewAllTickets        *bool           `json:"view_all_tickets,omitempty"`
	Active                bool            `json:"active"`
	Deleted               bool            `json:"deleted,omitempty"`
	Address               *string         `json:"address"`
	Description           *string         `json:"description"`
	JobTitle              *string         `json:"job_title"`
	Language              string          `json:"language"`
	TimeZone              string          `json:"time_zone"`
	Tags                  []string        `json:"tags,omitempty"`
	CustomFields          map[string]any  `json:"custom_fields"`
	CSATRating            *int            `json:"csat_rating,omitempty"`
	PreferredSource       *string         `json:"preferred_source,omitempty"`
	TwitterProfileStatus  *bool           `json:"twitter_profile_status,omitempty"`
	TwitterFollowersCount *int            `json:"twitter_followers_count,omitempty"`
	Avatar                *Avatar         `json:"avatar,omitempty"`
	CreatedAt             time.Time       `json:"created_at"`
	UpdatedAt             time.Time       `json:"updated_at"`
}

// Avatar is a contact's picture.
type Avatar struct {
	ID          int64      `json:"id"`
	Name        string     `json:"name"`
	ContentType string     `json:"content_type"`
	Size        int64      `json:"size"`
	AvatarURL   string     `json:"avatar_url"`
	CreatedAt   *time.Time `json:"created_at,omitempty"`
	UpdatedAt   *time.Time `json:"updated_at,omitempty"`
}

// Company is a Freshdesk company.
type Company struct {
	ID           int64          `json:"id"`
	Name         string         `json:"name"`
	Description  *string        `json:"description"`
	Note         *string        `json:"note"`
	Domains      []string       `json:"domains"`
	CustomFields map[string]any `json:"custom_fields"`
	HealthScore  *string        `json:"health_score,omitempty"`
	AccountTier  *string        `json:"account_tier,omitempty"`
	RenewalDate  *time.Time     `json:"renewal_date,omitempty"`
	Industry     *string        `json:"industry,omitempty"`
	CreatedAt    time.Time      `json:"created_at"`
	UpdatedAt    time.Time      `json:"updated_at"`
}
