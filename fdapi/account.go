package fdapi

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"time"
)

// Cache keys of the account configuration (rarely changes; cached like the
// ticket fields).
const (
	cacheKeySLAPolicies   = "sla_policies"
	cacheKeyBusinessHours = "business_hours"
	cacheKeyProducts      = "products"
	cacheKeyEmailConfigs  = "email_configs"
	cacheKeySurveys       = "surveys"
)

// SLAPolicies returns the account's SLA policies (GET /sla_policies), cached.
func (c *Client) SLAPolicies(ctx context.Context) ([]SLAPolicy, error) {
	return cached(ctx, c, cacheKeySLAPolicies, func(ctx context.Context) ([]SLAPolicy, error) {
		return collect[SLAPolicy](ctx, c, "/sla_policies", 0)
	})
}

// BusinessHours returns the business calendars (GET /business_hours), cached.
func (c *Client) BusinessHours(ctx context.Context) ([]BusinessHours, error) {
	return cached(ctx, c, cacheKeyBusinessHours, func(ctx context.Context) ([]BusinessHours, error) {
		return collect[BusinessHours](ctx, c, "/business_hours", 0)
	})
}

// Products returns the account's products (GET /products), cached.
func (c *Client) Products(ctx context.Context) ([]Product, error) {
	return cached(ctx, c, cacheKeyProducts, func(ctx context.Context) ([]Product, error) {
		return collect[Product](ctx, c, "/products", 0)
	})
}

// EmailConfigs returns the support mailboxes (GET /email_configs), cached.
func (c *Client) EmailConfigs(ctx context.Context) ([]EmailConfig, error) {
	return cached(ctx, c, cacheKeyEmailConfigs, func(ctx context.Context) ([]EmailConfig, error) {
		return c.ListEmailConfigs(ctx)
	})
}

// Surveys returns the satisfaction surveys with their questions (GET /surveys), cached.
func (c *Client) Surveys(ctx context.Context) ([]Survey, error) {
	return cached(ctx, c, cacheKeySurveys, func(ctx context.Context) ([]Survey, error) {
		return collect[Survey](ctx, c, "/surveys", 0)
	})
}

// ListTimeEntriesParams are the filters of GET /time_entries. Zero values
// are not sent; Billable nil means both.
type ListTimeEntriesParams struct {
	CompanyID      int64
	AgentID        int64
	ExecutedAfter  time.Time
	ExecutedBefore time.Time
	Billable       *bool
	Page           int
	PerPage        int // 1..100
}

func (p ListTimeEntriesParams) values() (url.Values, error) {
	var ck checker
	ck.paging(p.Page, p.PerPage, 0)
	if p.CompanyID < 0 {
		ck.positiveID("company_id", p.CompanyID)
	}
	if p.AgentID < 0 {
		ck.positiveID("agent_id", p.AgentID)
	}
	if !p.ExecutedAfter.IsZero() && !p.ExecutedBefore.IsZero() && p.ExecutedBefore.Before(p.ExecutedAfter) {
		ck.add("executed_before", "It should not be earlier than executed_after", "invalid_value")
	}
	if err := ck.err(http.MethodGet, "/time_entries"); err != nil {
		return nil, err
	}
	q := url.Values{}
	setID(q, "company_id", p.CompanyID)
	setID(q, "agent_id", p.AgentID)
	if !p.ExecutedAfter.IsZero() {
		q.Set("executed_after", timeParam(p.ExecutedAfter))
	}
	if !p.ExecutedBefore.IsZero() {
		q.Set("executed_before", timeParam(p.ExecutedBefore))
	}
	if p.Billable != nil {
		q.Set("billable", fmt.Sprint(*p.Billable))
	}
	setPaging(q, p.Page, p.PerPage)
	return q, nil
}

// ListAccountTimeEntries returns one page of GET /time_entries.
func (c *Client) ListAccountTimeEntries(ctx context.Context, p ListTimeEntriesParams) (Page[TimeEntry], error) {
	q, err := p.values()
	if err != nil {
		return Page[TimeEntry]{}, err
	}
	return listPage[TimeEntry](ctx, c, "/time_entries", q)
}

// AllAccountTimeEntries iterates every time entry matching p (100 per request unless set).
func (c *Client) AllAccountTimeEntries(ctx context.Context, p ListTimeEntriesParams) iter.Seq2[TimeEntry, error] {
	if p.PerPage == 0 {
		p.PerPage = MaxPerPage
	}
	return pages(p.Page, func(page int) (Page[TimeEntry], error) {
		q := p
		q.Page = page
		return c.ListAccountTimeEntries(ctx, q)
	})
}

// ListRatingsParams are the parameters of GET /surveys/satisfaction_ratings.
type ListRatingsParams struct {
	CreatedSince time.Time // zero: all ratings
	Page         int
	PerPage      int // 1..100
}

// ListAccountRatings returns one page of the account's satisfaction ratings
// (GET /surveys/satisfaction_ratings), oldest first.
func (c *Client) ListAccountRatings(ctx context.Context, p ListRatingsParams) (Page[SatisfactionRating], error) {
	var ck checker
	ck.paging(p.Page, p.PerPage, 0)
	if err := ck.err(http.MethodGet, "/surveys/satisfaction_ratings"); err != nil {
		return Page[SatisfactionRating]{}, err
	}
	q := url.Values{}
	if !p.CreatedSince.IsZero() {
		q.Set("created_since", timeParam(p.CreatedSince))
	}
	setPaging(q, p.Page, p.PerPage)
	return listPage[SatisfactionRating](ctx, c, "/surveys/satisfaction_ratings", q)
}
