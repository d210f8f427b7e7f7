package tools

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/shape"
)

type updateTicketIn struct {
	TicketID     int64          `json:"ticket_id" jsonschema:"required,minimum=1" jsonschema_description:"The ticket number."`
	Status       string         `json:"status,omitempty" jsonschema_description:"Name or number, custom ones too (\"Waiting on Customer\")."`
	Priority     string         `json:"priority,omitempty" jsonschema_description:"low, medium, high or urgent (or 1-4)."`
	Type         string         `json:"type,omitempty" jsonschema_description:"One of the account's ticket types."`
	Group        string         `json:"group,omitempty" jsonschema_description:"Name or id; \"none\" unassigns."`
	Agent        string         `json:"agent,omitempty" jsonschema_description:"Name, e-mail or id; \"none\" unassigns."`
	AddTags      []string       `json:"add_tags,omitempty" jsonschema_description:"Tags to add (others are kept)."`
	RemoveTags   []string       `json:"remove_tags,omitempty" jsonschema_description:"Tags to remove."`
	CustomFields map[string]any `json:"custom_fields,omitempty" jsonschema_description:"By API name (cf_...) or label; values must fit the field (choice, number, true/false, YYYY-MM-DD)."`
	confirmable
}

func (b *builder) updateTicketTool() Tool {
	return newWriteTool(b, writeSpec[updateTicketIn]{
		decl: decl{
			Name:    "update_ticket",
			Title:   "Update ticket fields",
			Toolset: ToolsetWrites,
			Access:  Write,
			Credits: 2,
			Kinds:   []policy.WriteKind{policy.TicketUpdate},
			// It overwrites field values (the old ones are gone unless someone
			// remembers them) and resolving or closing can e-mail the customer.
			// Setting the same values twice has the same effect.
			Destructive: true,
			Idempotent:  true,
			Description: "Change a ticket's status, priority, type, group, agent, tags or custom fields, by name. Values, and fields required to resolve or close, are checked before anything is sent. 2 credits, 3 when confirmed.",
		},
		kind:     func(*updateTicketIn) policy.WriteKind { return policy.TicketUpdate },
		ticketID: func(in *updateTicketIn) int64 { return in.TicketID },
		normalize: func(in *updateTicketIn) {
			in.AddTags = trimList(in.AddTags)
			in.RemoveTags = trimList(in.RemoveTags)
		},
		plan: b.planUpdate,
	})
}

func trimList(in []string) []string {
	var out []string
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Statuses that close a ticket (Freshdesk checks required_for_closure on them).
const (
	statusResolved = 4
	statusClosed   = 5
)

func (b *builder) planUpdate(ctx context.Context, in *updateTicketIn) (*mcppolicy.WritePlan, error) {
	c := b.deps.Client
	if in.Status == "" && in.Priority == "" && in.Type == "" && in.Group == "" && in.Agent == "" &&
		len(in.AddTags) == 0 && len(in.RemoveTags) == 0 && len(in.CustomFields) == 0 {
		return nil, inputErrorf("nothing to change: give at least one of status, priority, type, group, agent, add_tags, remove_tags, custom_fields")
	}
	// Hygiene and Freshdesk's limits on the tags first (no credit spent);
	// in itself stays as called (confirmations are bound to it).
	var og outgoing
	clean := *in
	var err error
	if clean.AddTags, err = og.tags("add_tags", in.AddTags); err != nil {
		return nil, err
	}
	if clean.RemoveTags, err = og.tags("remove_tags", in.RemoveTags); err != nil {
		return nil, err
	}
	in = &clean
	// Resolve every name against the cached ticket fields first: a bad value
	// is reported before any ticket is read or written.
	fields, err := c.TicketFields(ctx)
	if err != nil {
		return nil, fmt.Errorf("ticket fields: %w", err)
	}
	nm := namesFromFields(fields)
	u, err := b.resolveUpdate(ctx, in, fields, nm, &og)
	if err != nil {
		return nil, err
	}
	// The current ticket: old values for the preview, the current tags for
	// add/remove, and the values closure requires.
	t, err := c.GetTicket(ctx, in.TicketID)
	if err != nil {
		return nil, err
	}
	changes, names := diffUpdate(t, &u, in, nm)
	if len(changes) == 0 {
		return nil, inputErrorf("ticket %d already has these values; nothing to change (no credit spent on a write)", t.ID)
	}
	// Drop unchanged values so the write sends only what changes.
	if u.Status != nil && *u.Status == t.Status {
		u.Status = nil
	}
	if u.Priority != nil && *u.Priority == t.Priority {
		u.Priority = nil
	}
	if len(u.CustomFields) == 0 {
		u.CustomFields = nil
	}
	if u.Status != nil && (*u.Status == statusResolved || *u.Status == statusClosed) {
		if missing := missingForClosure(fields, t, u); len(missing) > 0 {
			return nil, inputErrorf("ticket %d cannot be set to %s: these fields are required to resolve or close it and are empty: %s. Set them in the same call (custom_fields / type / group / agent), then try again",
				t.ID, nm.status(*u.Status), strings.Join(missing, ", "))
		}
	}
	pv := mcppolicy.Preview{
		Action:   fmt.Sprintf("change %s of ticket #%d", strings.Join(names, ", "), t.ID),
		TicketID: t.ID,
		Subject:  shape.Sanitize(t.Subject),
		// Resolving or closing usually e-mails the requester.
		CustomerVisible: u.Status != nil && (*u.Status == statusResolved || *u.Status == statusClosed),
		Changes:         changes,
		Removed:         og.removed,
	}
	return &mcppolicy.WritePlan{Kind: policy.TicketUpdate, Preview: pv, Fields: names,
		Run: func(ctx context.Context) ([]int64, any, error) {
			nt, err := c.UpdateTicket(ctx, in.TicketID, u)
			if err != nil {
				return nil, nil, err
			}
			return nil, header(nt, nm), nil
		}}, nil
}

// resolveUpdate turns the names and values of in into the update to send.
func (b *builder) resolveUpdate(ctx context.Context, in *updateTicketIn, fields []fdapi.TicketField, nm *names, og *outgoing) (fdapi.TicketUpdate, error) {
	var u fdapi.TicketUpdate
	if in.Status != "" {
		id, err := resolve("status", nm.statuses, in.Status)
		if err != nil {
			return u, err
		}
		s := int(id)
		u.Status = &s
	}
	if in.Priority != "" {
		id, err := resolve("priority", nm.priorities, in.Priority)
		if err != nil {
			return u, err
		}
		p := int(id)
		u.Priority = &p
	}
	if in.Type != "" {
		t, err := nm.resolveType(in.Type)
		if err != nil {
			return u, err
		}
		u.Type = &t
	}
	if in.Group != "" {
		if isNone(in.Group) {
			u.ClearGroup = true
		} else {
			id, err := resolve("group", mapChoices(nm.groups), in.Group)
			if err != nil {
				return u, err
			}
			u.GroupID = &id
		}
	}
	if in.Agent != "" {
		if isNone(in.Agent) {
			u.ClearResponder = true
		} else {
			id, err := b.resolveAgent(ctx, nm, in.Agent)
			if err != nil {
				return u, err
			}
			u.ResponderID = &id
		}
	}
	for _, tag := range append(slices.Clone(in.AddTags), in.RemoveTags...) {
		if strings.Contains(tag, ",") {
			return u, inputErrorf("tag %q contains a comma; Freshdesk tags cannot (give each tag as its own list item)", tag)
		}
	}
	if len(in.CustomFields) > 0 {
		u.CustomFields = map[string]any{}
		for _, key := range sortedKeys(in.CustomFields) {
			raw, err := og.customText(fields, key, in.CustomFields[key])
			if err != nil {
				return u, err
			}
			name, v, err := customValue(fields, key, raw)
			if err != nil {
				return u, err
			}
			u.CustomFields[name] = v
		}
		if err := checkNested(fields, u.CustomFields); err != nil {
			return u, err
		}
	}

	return u, nil
}

// diffUpdate lists what u changes on t (old -> new) and drops from u the
// tags and custom fields that already have their values.
func diffUpdate(t *fdapi.Ticket, u *fdapi.TicketUpdate, in *updateTicketIn, nm *names) ([]mcppolicy.FieldChange, []string) {
	var changes []mcppolicy.FieldChange
	var names []string
	add := func(field, from, to string) {
		changes = append(changes, mcppolicy.FieldChange{Field: field, From: from, To: to})
		names = append(names, field)
	}
	if u.Status != nil && *u.Status != t.Status {
		add("status", nm.status(t.Status), nm.status(*u.Status))
	}
	if u.Priority != nil && *u.Priority != t.Priority {
		add("priority", nm.priority(t.Priority), nm.priority(*u.Priority))
	}
	if u.Type != nil && (t.Type == nil || *t.Type != *u.Type) {
		add("type", deref(t.Type), *u.Type)
	}
	if u.GroupID != nil && (t.GroupID == nil || *t.GroupID != *u.GroupID) {
		add("group", nm.group(t.GroupID), nm.group(u.GroupID))
	}
	if u.ClearGroup && t.GroupID != nil {
		add("group", nm.group(t.GroupID), "")
	}
	if u.ResponderID != nil && (t.ResponderID == nil || *t.ResponderID != *u.ResponderID) {
		add("agent", nm.agent(t.ResponderID), nm.agent(u.ResponderID))
	}
	if u.ClearResponder && t.ResponderID != nil {
		add("agent", nm.agent(t.ResponderID), "")
	}
	if len(in.AddTags) > 0 || len(in.RemoveTags) > 0 {
		tags := mergeTags(t.Tags, in.AddTags, in.RemoveTags)
		if !slices.Equal(tags, t.Tags) {
			u.Tags = &tags
			add("tags", strings.Join(t.Tags, ", "), strings.Join(tags, ", "))
		}
	}
	for _, name := range sortedKeys(u.CustomFields) {
		v := u.CustomFields[name]
		old := t.CustomFields[name]
		if fmt.Sprint(old) == fmt.Sprint(v) {
			delete(u.CustomFields, name)
			continue
		}
		add(nm.customLabel(name), valueText(old), valueText(v))
	}
	return changes, names
}

func isNone(s string) bool {
	switch normName(s) {
	case "none", "unassigned", "nobody":
		return true
	}
	return false
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func mapChoices(m map[int64]string) []choice {
	out := make([]choice, 0, len(m))
	for id, n := range m {
		out = append(out, choice{ID: id, Name: n})
	}
	slices.SortFunc(out, func(a, b choice) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// resolveAgent maps a name, e-mail or id to an agent id. E-mails need the
// (cached) agent list; names come from the ticket fields.
func (b *builder) resolveAgent(ctx context.Context, nm *names, v string) (int64, error) {
	v = strings.TrimSpace(v)
	if strings.Contains(v, "@") {
		agents, err := b.deps.Client.ListAgents(ctx)
		if err != nil {
			return 0, fmt.Errorf("agents: %w", err)
		}
		for _, a := range agents {
			if strings.EqualFold(a.Contact.Email, v) {
				return a.ID, nil
			}
		}
		return 0, inputErrorf("no agent has the e-mail %q; use list_agents to see the agents", v)
	}
	return resolve("agent", mapChoices(nm.agents), v)
}

// mergeTags returns cur without remove (case-insensitive) plus add, keeping
// order and dropping duplicates.
func mergeTags(cur, add, remove []string) []string {
	out := []string{}
	has := func(list []string, s string) bool {
		return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, s) })
	}
	for _, t := range cur {
		if !has(remove, t) && !has(out, t) {
			out = append(out, t)
		}
	}
	for _, t := range add {
		if !has(out, t) {
			out = append(out, t)
		}
	}
	return out
}
