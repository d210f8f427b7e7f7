package tools

import (
	"context"
	"slices"
	"strings"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
)

type noArgs struct{}

type agentRow struct {
	ID        int64    `json:"id"`
	Name      string   `json:"name"`
	Email     string   `json:"email,omitempty"`
	Groups    []string `json:"groups,omitempty"`
	Available bool     `json:"available,omitempty"`
	Type      string   `json:"type,omitempty"`
}

type agentListOut struct {
	Agents []agentRow `json:"agents"`
}

type groupRow struct {
	ID          int64    `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description,omitempty"`
	Agents      []string `json:"agents,omitempty"`
}

type groupListOut struct {
	Groups []groupRow `json:"groups"`
}

func (b *builder) listAgentsTool() Tool {
	return newTool(b, decl{
		Name: "list_agents", Title: "List agents", Toolset: ToolsetLookups, Access: Read,
		Description: "The agents: id (agent_id in search_tickets), name, e-mail, groups, availability. Cached: usually free, else 1-2 credits.",
	}, func(ctx context.Context, _ noArgs) (*agentListOut, error) { return agentList(ctx, b.deps.Client) })
}

func (b *builder) listGroupsTool() Tool {
	return newTool(b, decl{
		Name: "list_groups", Title: "List groups", Toolset: ToolsetLookups, Access: Read,
		Description: "The agent groups: id (group_id in search_tickets), name, description, members. Cached: usually free, else 1-2 credits.",
	}, func(ctx context.Context, _ noArgs) (*groupListOut, error) { return groupList(ctx, b.deps.Client) })
}

func agentList(ctx context.Context, c *fdapi.Client) (*agentListOut, error) {
	agents, err := c.ListAgents(ctx)
	if err != nil {
		return nil, err
	}
	groups, err := c.ListGroups(ctx)
	if err != nil {
		return nil, err
	}
	member := map[int64][]string{}
	for _, g := range groups {
		for _, id := range g.AgentIDs {
			member[id] = append(member[id], g.Name)
		}
	}
	gname := map[int64]string{}
	for _, g := range groups {
		gname[g.ID] = g.Name
	}
	out := &agentListOut{Agents: []agentRow{}}
	for _, a := range agents {
		r := agentRow{ID: a.ID, Name: a.Contact.Name, Email: a.Contact.Email, Available: a.Available, Type: strings.TrimSuffix(a.Type, "_agent")}
		gs := member[a.ID]
		for _, id := range a.GroupIDs {
			if n, ok := gname[id]; ok && !slices.Contains(gs, n) {
				gs = append(gs, n)
			}
		}
		r.Groups = gs
		out.Agents = append(out.Agents, r)
	}
	return out, nil
}

func groupList(ctx context.Context, c *fdapi.Client) (*groupListOut, error) {
	groups, err := c.ListGroups(ctx)
	if err != nil {
		return nil, err
	}
	agents, err := c.ListAgents(ctx)
	if err != nil {
		return nil, err
	}
	aname := map[int64]string{}
	for _, a := range agents {
		aname[a.ID] = a.Contact.Name
	}
	out := &groupListOut{Groups: []groupRow{}}
	for _, g := range groups {
		r := groupRow{ID: g.ID, Name: g.Name, Description: str(g.Description)}
		for _, id := range g.AgentIDs {
			if n, ok := aname[id]; ok {
				r.Agents = append(r.Agents, n)
			}
		}
		out.Groups = append(out.Groups, r)
	}
	return out, nil
}

type fieldChoice struct {
	ID   int64  `json:"id,omitempty"`
	Name string `json:"name"`
}

type fieldRow struct {
	Name     string        `json:"name" jsonschema_description:"API name; custom fields start with cf_ and are searchable by that name."`
	Label    string        `json:"label"`
	Type     string        `json:"type"`
	Required bool          `json:"required,omitempty" jsonschema_description:"Required for agents."`
	Choices  []fieldChoice `json:"choices,omitempty"`
}

type fieldsOut struct {
	Statuses   []fieldChoice `json:"statuses"`
	Priorities []fieldChoice `json:"priorities"`
	Sources    []fieldChoice `json:"sources,omitempty"`
	Types      []string      `json:"types,omitempty"`
	Fields     []fieldRow    `json:"custom_fields,omitempty" jsonschema_description:"Custom fields."`
}

func (b *builder) ticketFieldsTool() Tool {
	return newTool(b, decl{
		Name: "get_ticket_fields", Title: "Get ticket fields", Toolset: ToolsetLookups, Access: Read,
		Description: "The ticket vocabulary: statuses (custom ones too), priorities, sources, types and custom fields with their choices. Cached: usually free, else 1 credit.",
	}, func(ctx context.Context, _ noArgs) (*fieldsOut, error) { return ticketFields(ctx, b.deps.Client) })
}

func ticketFields(ctx context.Context, c *fdapi.Client) (*fieldsOut, error) {
	fields, err := c.TicketFields(ctx)
	if err != nil {
		return nil, err
	}
	nm := namesFromFields(fields)
	conv := func(cs []choice) []fieldChoice {
		out := make([]fieldChoice, len(cs))
		for i, c := range cs {
			out[i] = fieldChoice(c)
		}
		return out
	}
	out := &fieldsOut{Statuses: conv(nm.statuses), Priorities: conv(nm.priorities), Sources: conv(nm.sources), Types: nm.types}
	for _, f := range fields {
		if !strings.HasPrefix(f.Name, "cf_") && f.Default {
			continue
		}
		r := fieldRow{Name: f.Name, Label: f.Label, Type: f.Type, Required: f.RequiredForAgents}
		for _, o := range f.Choices.Options {
			r.Choices = append(r.Choices, fieldChoice{Name: o.Label})
		}
		out.Fields = append(out.Fields, r)
	}
	return out, nil
}
