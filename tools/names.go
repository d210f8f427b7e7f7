package tools

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
)

// choice is one id/name pair of an enumeration.
type choice struct {
	ID   int64
	Name string
}

// customField is a custom ticket field as search and rendering need it.
type customField struct {
	Name    string // API name, cf_...
	Label   string
	Type    string // custom_text, custom_dropdown, ...
	Choices []string
	// Customer: customers can fill it in (customers_can_edit).
	Customer bool
}

// names holds every id->name mapping a ticket rendering needs. One cached
// GET /ticket_fields gives all of them: status (custom statuses included),
// priority, source, type, group and agent names are the choices of the
// default fields, so a cold cache costs 1 credit, not 3.
type names struct {
	statuses   []choice
	priorities []choice
	sources    []choice
	types      []string
	agents     map[int64]string
	groups     map[int64]string
	custom     []customField
}

// Freshdesk's fixed enumerations, used when the ticket fields lack them.
var (
	defaultPriorities = []choice{{1, "Low"}, {2, "Medium"}, {3, "High"}, {4, "Urgent"}}
	defaultStatuses   = []choice{{2, "Open"}, {3, "Pending"}, {4, "Resolved"}, {5, "Closed"}}
	defaultSources    = []choice{{1, "Email"}, {2, "Portal"}, {3, "Phone"}, {7, "Chat"}, {9, "Feedback Widget"}, {10, "Outbound Email"}}
)

// loadNames reads the (cached) ticket fields.
func loadNames(ctx context.Context, c *fdapi.Client) (*names, error) {
	fields, err := c.TicketFields(ctx)
	if err != nil {
		return nil, fmt.Errorf("ticket fields: %w", err)
	}
	return namesFromFields(fields), nil
}

func namesFromFields(fields []fdapi.TicketField) *names {
	n := &names{agents: map[int64]string{}, groups: map[int64]string{}}
	idChoices := func(f fdapi.TicketField) []choice {
		var out []choice
		for _, o := range f.Choices.Options {
			id := o.ID
			if id == 0 {
				id, _ = strconv.ParseInt(o.Value, 10, 64)
			}
			if id != 0 {
				out = append(out, choice{ID: id, Name: o.Label})
			}
		}
		slices.SortFunc(out, func(a, b choice) int { return cmp.Compare(a.ID, b.ID) })
		return out
	}
	for _, s := range fdapi.StatusesFromFields(fields) {
		n.statuses = append(n.statuses, choice{ID: int64(s.ID), Name: s.Label})
	}
	slices.SortFunc(n.statuses, func(a, b choice) int { return cmp.Compare(a.ID, b.ID) })
	n.types = fdapi.TicketTypesFromFields(fields)
	for _, f := range fields {
		switch f.Name {
		case "status", "ticket_type": // above
		case "priority":
			n.priorities = idChoices(f)
		case "source":
			n.sources = idChoices(f)
		case "agent", "responder":
			for _, c := range idChoices(f) {
				n.agents[c.ID] = c.Name
			}
		case "group":
			for _, c := range idChoices(f) {
				n.groups[c.ID] = c.Name
			}
		default:
			if strings.HasPrefix(f.Name, "cf_") || !f.Default {
				n.custom = append(n.custom, customField{Name: f.Name, Label: f.Label, Type: f.Type, Choices: f.Choices.Labels(), Customer: f.CustomersCanEdit})
				for _, nf := range f.NestedTicketFields { // levels 2 and 3 of a nested field
					n.custom = append(n.custom, customField{Name: nf.Name, Label: nf.Label, Type: f.Type, Customer: f.CustomersCanEdit})
				}
			}
		}
	}
	if len(n.statuses) == 0 {
		n.statuses = defaultStatuses
	}
	if len(n.priorities) == 0 {
		n.priorities = defaultPriorities
	}
	if len(n.sources) == 0 {
		n.sources = defaultSources
	}
	return n
}

func nameOf(cs []choice, id int64) string {
	for _, c := range cs {
		if c.ID == id {
			return c.Name
		}
	}
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

func (n *names) status(id int) string   { return nameOf(n.statuses, int64(id)) }
func (n *names) priority(id int) string { return nameOf(n.priorities, int64(id)) }
func (n *names) source(id int) string   { return nameOf(n.sources, int64(id)) }

func (n *names) agent(id *int64) string {
	if id == nil {
		return ""
	}
	if s, ok := n.agents[*id]; ok {
		return s
	}
	return "agent " + strconv.FormatInt(*id, 10)
}

func (n *names) group(id *int64) string {
	if id == nil {
		return ""
	}
	if s, ok := n.groups[*id]; ok {
		return s
	}
	return "group " + strconv.FormatInt(*id, 10)
}

// resolve maps a name (case-insensitive) or number to an id of cs.
func resolve(kind string, cs []choice, v string) (int64, error) {
	v = strings.TrimSpace(v)
	if id, err := strconv.ParseInt(v, 10, 64); err == nil {
		for _, c := range cs {
			if c.ID == id {
				return id, nil
			}
		}
		return 0, inputErrorf("unknown %s %d; valid %s: %s", kind, id, plural(kind), choiceList(cs))
	}
	norm := normName(v)
	for _, c := range cs {
		if normName(c.Name) == norm {
			return c.ID, nil
		}
	}
	return 0, inputErrorf("unknown %s %q%s; valid %s (name or number): %s", kind, v, didYouMean(v, choiceNames(cs)), plural(kind), choiceList(cs))
}

// normName folds case, spaces, dashes and underscores: "waiting_on_customer"
// matches "Waiting on Customer", and "A - B" matches "a b". Dashes and
// underscores become spaces before runs of spaces collapse.
func normName(s string) string {
	s = strings.NewReplacer("_", " ", "-", " ").Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}

func choiceList(cs []choice) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = fmt.Sprintf("%q (%d)", c.Name, c.ID)
	}
	return strings.Join(parts, ", ")
}

// resolveType maps a ticket type case-insensitively to its exact spelling.
func (n *names) resolveType(v string) (string, error) {
	for _, t := range n.types {
		if normName(t) == normName(v) {
			return t, nil
		}
	}
	return "", inputErrorf("unknown ticket type %q%s; valid types: %s", v, didYouMean(v, n.types), quoteList(n.types))
}

// customField finds a custom field by API name (with or without cf_) or label.
func (n *names) customField(key string) (customField, error) {
	k := normName(key)
	for _, f := range n.custom {
		if normName(f.Name) == k || normName(strings.TrimPrefix(f.Name, "cf_")) == k || normName(f.Label) == k {
			return f, nil
		}
	}
	valid := make([]string, len(n.custom))
	var keys []string
	for i, f := range n.custom {
		valid[i] = fmt.Sprintf("%s (%q)", f.Name, f.Label)
		keys = append(keys, f.Name, f.Label)
	}
	return customField{}, inputErrorf("unknown custom field %q%s; custom fields: %s", key, didYouMean(key, keys), strings.Join(valid, ", "))
}

// customLabel returns the label of custom field name, or the name.
func (n *names) customLabel(name string) string {
	for _, f := range n.custom {
		if f.Name == name {
			return f.Label
		}
	}
	return name
}

// splitCustom splits a ticket's custom field values into those only agents
// set and those customers can fill in (customers_can_edit); a field the
// names do not know counts as the customer's (fail closed).
func (n *names) splitCustom(cf map[string]any) (agents, customers map[string]any) {
	customer := map[string]bool{}
	known := map[string]bool{}
	for _, f := range n.custom {
		known[f.Name] = true
		customer[f.Name] = f.Customer
	}
	agents, customers = map[string]any{}, map[string]any{}
	for k, v := range cf {
		if known[k] && !customer[k] {
			agents[k] = v
		} else {
			customers[k] = v
		}
	}
	return agents, customers
}
