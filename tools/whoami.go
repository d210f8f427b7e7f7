package tools

import (
	"context"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

type whoamiOut struct {
	Agent       string   `json:"agent" jsonschema_description:"The agent the API key belongs to."`
	AgentID     int64    `json:"agent_id"`
	Email       string   `json:"email,omitempty"`
	Roles       []string `json:"roles,omitempty"`
	Scope       string   `json:"ticket_scope" jsonschema_description:"global, group or restricted: which tickets the key can see."`
	Groups      []string `json:"groups,omitempty"`
	RateLimit   int      `json:"rate_limit_per_minute,omitempty" jsonschema_description:"The plan's API credits per minute (shared by the whole account)."`
	RateLeft    int      `json:"rate_limit_remaining,omitempty"`
	Caller      string   `json:"caller,omitempty"`
	Mode        string   `json:"mode" jsonschema_description:"This server's write mode."`
	Writes      []string `json:"writes" jsonschema_description:"Each kind of write and whether this caller may make it: allowed, needs_confirmation or refused."`
	BudgetLeft  *int     `json:"budget_remaining,omitempty" jsonschema_description:"Credits this caller may still spend in the budget window (-1: unlimited)."`
	Unavailable string   `json:"note,omitempty"`
}

func (b *builder) whoamiTool() Tool {
	return newTool(b, decl{
		Name: "whoami", Title: "Who am I", Toolset: ToolsetSettings, Access: Read, Credits: 2,
		Description: "The agent behind the API key (roles, ticket scope, groups), the plan's rate limit, and what this server lets you write. 2 credits.",
	}, b.whoami)
}

func (b *builder) whoami(ctx context.Context, _ noArgs) (*whoamiOut, error) {
	c := b.deps.Client
	me, err := c.Me(ctx)
	if err != nil {
		return nil, err
	}
	out := &whoamiOut{Agent: me.Contact.Name, AgentID: me.ID, Email: me.Contact.Email,
		Scope: map[int]string{1: "global", 2: "group", 3: "restricted"}[me.TicketScope]}
	if roles, err := c.ListRoles(ctx); err == nil {
		for _, r := range roles {
			for _, id := range me.RoleIDs {
				if r.ID == id {
					out.Roles = append(out.Roles, r.Name)
				}
			}
		}
	} else {
		out.Unavailable = "roles could not be read (" + errorText(err) + ")"
	}
	if nm, err := loadNames(ctx, c); err == nil {
		for _, id := range me.GroupIDs {
			out.Groups = append(out.Groups, nm.group(&id))
		}
	}
	if rl := c.RateLimit(); rl.Known {
		out.RateLimit, out.RateLeft = rl.Total, rl.Remaining
	}
	out.Mode, out.Writes = "read-only", []string{}
	if p := b.deps.Policy; p != nil {
		f := p.RequestFilter(ctx)
		out.Caller, out.Mode = p.Caller(ctx), f.Mode().String()
		for _, k := range policy.WriteKinds() {
			out.Writes = append(out.Writes, k.String()+": "+f.Decide(k, p.ConfirmReplies).Verdict.String())
		}
		m := map[string]any{}
		p.AddBudgetMeta(ctx, m)
		if v, ok := m["budget_remaining"].(int); ok {
			out.BudgetLeft = &v
		}
	}
	return out, nil
}
