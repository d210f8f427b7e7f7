package fdtest

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// fieldByName returns the ticket field named name; s.mu must be held.
func (s *Server) fieldByName(name string) *Obj {
	for _, f := range s.st.fields.list {
		if f.getString("name") == name {
			return f
		}
	}
	return nil
}

// customTicketFields returns the custom ticket fields by position.
func (s *Server) customTicketFields() []*Obj {
	var out []*Obj
	for _, f := range s.st.fields.list {
		if !f.getBool("default") && strings.HasPrefix(f.getString("name"), "cf_") {
			out = append(out, f)
		}
	}
	slices.SortStableFunc(out, func(a, b *Obj) int {
		pa, _ := a.getInt("position")
		pb, _ := b.getInt("position")
		return cmp.Compare(pa, pb)
	})
	return out
}

// nestedNames returns the API names of a dependent field's sub-levels.
func nestedNames(f *Obj) []string {
	v, _ := f.Get("nested_ticket_fields")
	arr, _ := v.([]any)
	var out []string
	for _, x := range arr {
		if o, ok := x.(*Obj); ok {
			if n := o.getString("name"); n != "" {
				out = append(out, n)
			}
		}
	}
	return out
}

// statusIDs returns the account's status ids (default 2..5).
func (s *Server) statusIDs() []int {
	var ids []int
	if f := s.fieldByName("status"); f != nil {
		for _, k := range f.getObj("choices").Keys() {
			if n, err := strconv.Atoi(k); err == nil {
				ids = append(ids, n)
			}
		}
	}
	if len(ids) == 0 {
		return []int{2, 3, 4, 5}
	}
	slices.Sort(ids)
	return ids
}

// ticketTypes returns the account's ticket types.
func (s *Server) ticketTypes() []string {
	if f := s.fieldByName("ticket_type"); f != nil {
		if ts := f.getStrings("choices"); len(ts) > 0 {
			return ts
		}
	}
	return []string{"Question", "Incident", "Problem", "Feature Request", "Refund"}
}

// dropdownChoices returns a custom dropdown's choices.
func dropdownChoices(f *Obj) []string {
	if ss := f.getStrings("choices"); len(ss) > 0 {
		return ss
	}
	return f.getObj("choices").Keys() // nested fields: top-level keys
}

// seedBaseline gives a non-demo server the default ticket fields and one
// agent ("me"), so validation and /agents/me work without seeding.
func (s *Server) seedBaseline() {
	st := s.st
	st.meID = 1
	agent := newObj()
	agent.Set("id", num(1))
	c := newObj()
	c.Set("email", "agent@example.com")
	c.Set("name", "Test Agent")
	agent.Set("contact", c)
	_, _ = s.insert("agents", agent)
	for i, d := range defaultFieldDefs() {
		f := newObj()
		f.Set("id", num(int64(1000+i)))
		f.Set("name", d.name)
		f.Set("label", d.label)
		f.Set("description", d.label)
		f.Set("position", num(int64(i+1)))
		f.Set("required_for_closure", false)
		f.Set("required_for_agents", d.required)
		f.Set("type", d.typ)
		f.Set("default", true)
		f.Set("customers_can_edit", true)
		f.Set("customers_can_filter", false)
		f.Set("label_for_customers", d.label)
		f.Set("required_for_customers", d.required)
		f.Set("displayed_to_customers", true)
		if d.choices != nil {
			f.Set("choices", d.choices)
		}
		_, _ = s.insert("ticket_fields", f)
	}
}

type fieldDef struct {
	name, label, typ string
	required         bool
	choices          any
}

func defaultFieldDefs() []fieldDef {
	labels := func(pairs ...string) *Obj {
		o := newObj()
		for i := 0; i < len(pairs); i += 2 {
			n, _ := strconv.ParseInt(pairs[i+1], 10, 64)
			o.Set(pairs[i], num(n))
		}
		return o
	}
	status := newObj()
	for _, x := range [][3]string{{"2", "Open", "Being Processed"}, {"3", "Pending", "Awaiting your Reply"},
		{"4", "Resolved", "This ticket has been Resolved"}, {"5", "Closed", "This ticket has been Closed"}} {
		status.Set(x[0], []any{x[1], x[2]})
	}
	return []fieldDef{
		{"requester", "Search a requester", "default_requester", true, nil},
		{"subject", "Subject", "default_subject", true, nil},
		{"ticket_type", "Type", "default_ticket_type", false, strs([]string{"Question", "Incident", "Problem", "Feature Request", "Refund"})},
		{"source", "Source", "default_source", false, labels("Email", "1", "Portal", "2", "Phone", "3", "Chat", "7",
			"Feedback Widget", "9", "Outbound Email", "10")},
		{"status", "Status", "default_status", true, status},
		{"priority", "Priority", "default_priority", true, labels("Low", "1", "Medium", "2", "High", "3", "Urgent", "4")},
		{"group", "Group", "default_group", false, newObj()},
		{"agent", "Agent", "default_agent", false, newObj()},
		{"description", "Description", "default_description", true, nil},
		{"company", "Company", "default_company", true, nil},
	}
}
