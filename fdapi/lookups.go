package fdapi

import (
	"context"
	"fmt"
)

// Cache keys.
const (
	cacheKeyAgents       = "agents"
	cacheKeyGroups       = "groups"
	cacheKeyTicketFields = "ticket_fields"
)

// ListAgents returns every agent (all pages), cached for Config.CacheTTL.
func (c *Client) ListAgents(ctx context.Context) ([]Agent, error) {
	return cached(ctx, c, cacheKeyAgents, func(ctx context.Context) ([]Agent, error) {
		return collect[Agent](ctx, c, "/agents", MaxPerPage)
	})
}

// GetAgent returns GET /agents/{id} (not cached).
func (c *Client) GetAgent(ctx context.Context, id int64) (*Agent, error) {
	return getByID[Agent](ctx, c, "/agents/%d", id)
}

// Me returns the agent who owns the API key (GET /agents/me).
func (c *Client) Me(ctx context.Context) (*Agent, error) {
	a, _, err := getJSON[*Agent](ctx, c, "/agents/me", nil)
	return a, err
}

// ListGroups returns every group (all pages), cached for Config.CacheTTL.
func (c *Client) ListGroups(ctx context.Context) ([]Group, error) {
	return cached(ctx, c, cacheKeyGroups, func(ctx context.Context) ([]Group, error) {
		return collect[Group](ctx, c, "/groups", MaxPerPage)
	})
}

// TicketFields returns the account's ticket fields, cached for Config.CacheTTL.
func (c *Client) TicketFields(ctx context.Context) ([]TicketField, error) {
	return cached(ctx, c, cacheKeyTicketFields, func(ctx context.Context) ([]TicketField, error) {
		return getList[TicketField](ctx, c, "/ticket_fields")
	})
}

// Statuses returns the account's ticket statuses (default and custom), from
// the cached ticket fields.
func (c *Client) Statuses(ctx context.Context) ([]Status, error) {
	fields, err := c.TicketFields(ctx)
	if err != nil {
		return nil, err
	}
	st := StatusesFromFields(fields)
	if len(st) == 0 {
		return nil, fmt.Errorf("fdapi: ticket fields have no status field")
	}
	return st, nil
}

// ListRoles returns the agent roles (GET /roles).
func (c *Client) ListRoles(ctx context.Context) ([]Role, error) {
	return getList[Role](ctx, c, "/roles")
}

// ListEmailConfigs returns the support mailboxes (GET /email_configs).
func (c *Client) ListEmailConfigs(ctx context.Context) ([]EmailConfig, error) {
	return collect[EmailConfig](ctx, c, "/email_configs", 0)
}

// GetGroup returns GET /groups/{id} (not cached): the view shape, which
// unlike the list carries the group's agent_ids.
func (c *Client) GetGroup(ctx context.Context, id int64) (*Group, error) {
	return getByID[Group](ctx, c, "/groups/%d", id)
}
