package fdtest

import "strings"

// ticketShape selects one of the ticket JSON shapes.
type ticketShape int

const (
	shapeView ticketShape = iota
	shapeList
	shapeSearch
	shapeUpdate
)

// renderTicket renders t in shape with the given embeds; s.mu must be held.
func (s *Server) renderTicket(t *Obj, shape ticketShape, include []string) *Obj {
	var out *Obj
	switch shape {
	case shapeView:
		out = pick(t, ticketViewKeys, false)
	case shapeUpdate:
		out = pick(t, ticketUpdateKeys, false)
	default:
		out = pick(t, ticketListKeys, false)
		if shape == shapeSearch || has(include, "description") {
			out.Set("description", t.getString("description"))
			out.Set("description_text", t.getString("description_text"))
		}
	}
	out.Set("custom_fields", s.customFields(t))
	if shape == shapeUpdate {
		return out
	}
	if t.getBool("deleted") {
		out.Set("deleted", true)
	}
	if shape == shapeSearch {
		return pickTail(out, t)
	}
	if has(include, "requester") {
		out.Set("requester", s.requesterOf(t))
	}
	if has(include, "stats") {
		out.Set("stats", s.statsOf(t))
	}
	if has(include, "company") {
		out.Set("company", s.companyRef(t))
	}
	if shape == shapeView && has(include, "conversations") {
		tid, _ := t.getInt("id")
		convs := s.st.convs[tid]
		list := []any{}
		for i, c := range convs {
			if i == 10 {
				break
			}
			list = append(list, pick(c, convListKeys, false))
		}
		out.Set("conversations", list)
	}
	return pickTail(out, t)
}

// pickTail appends nr_due_by/nr_escalated when the account has them.
func pickTail(out, t *Obj) *Obj {
	for _, k := range ticketTailKeys {
		name := strings.TrimSuffix(k, "?")
		if v, ok := t.Get(name); ok {
			out.Set(name, clone(v))
		}
	}
	return out
}

func has(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// customFields renders every custom ticket field (null when unset) in field
// position order, then any other stored keys.
func (s *Server) customFields(t *Obj) *Obj {
	stored := t.getObj("custom_fields")
	out := newObj()
	for _, f := range s.customTicketFields() {
		name := f.getString("name")
		v, _ := stored.Get(name)
		out.Set(name, clone(v))
		for _, n := range nestedNames(f) {
			v, _ := stored.Get(n)
			out.Set(n, clone(v))
		}
	}
	if stored != nil {
		for _, k := range stored.keys {
			if !out.Has(k) {
				out.Set(k, clone(stored.vals[k]))
			}
		}
	}
	return out
}

// requesterOf renders the requester embed {id,name,email,mobile,phone}.
func (s *Server) requesterOf(t *Obj) any {
	rid, ok := t.getInt("requester_id")
	if !ok {
		return nil
	}
	if c := s.st.contacts.get(rid); c != nil {
		return pick(c, requesterKeys, false)
	}
	if a := s.st.agents.get(rid); a != nil {
		o := pick(a.getObj("contact"), requesterKeys, false)
		o.Set("id", num(rid))
		return o
	}
	o := newObj()
	for _, k := range requesterKeys {
		o.Set(k, nil)
	}
	o.Set("id", num(rid))
	return o
}

// companyRef renders the company embed: {id,name}, or {} without a company.
func (s *Server) companyRef(t *Obj) *Obj {
	out := newObj()
	cid, ok := t.getInt("company_id")
	if !ok {
		return out
	}
	out.Set("id", num(cid))
	if c := s.st.companies.get(cid); c != nil {
		out.Set("name", c.getString("name"))
	} else {
		out.Set("name", nil)
	}
	return out
}

// statsOf renders the stats embed: stored stats when the record has them,
// otherwise derived from the conversations and the status.
func (s *Server) statsOf(t *Obj) *Obj {
	if st := t.getObj("_stats"); st != nil {
		return pick(st, statsKeys, false)
	}
	tid, _ := t.getInt("id")
	out := newObj()
	for _, k := range statsKeys {
		out.Set(k, nil)
	}
	for _, c := range s.st.convs[tid] {
		at := c.getString("created_at")
		switch {
		case c.getBool("incoming"):
			out.Set("requester_responded_at", at)
		case !c.getBool("private"):
			if v, _ := out.Get("first_responded_at"); v == nil {
				out.Set("first_responded_at", at)
			}
			out.Set("agent_responded_at", at)
		}
	}
	updated := t.getString("updated_at")
	out.Set("status_updated_at", updated)
	switch status, _ := t.getInt("status"); status {
	case 3:
		out.Set("pending_since", updated)
	case 4:
		out.Set("resolved_at", updated)
	case 5:
		out.Set("resolved_at", updated)
		out.Set("closed_at", updated)
	}
	return out
}

// touchStats keeps stored stats (from the demo data) current after a write;
// derived stats need no update. event is "status" or "reply".
func touchStats(t *Obj, event, now string) {
	st := t.getObj("_stats")
	if st == nil {
		return
	}
	switch event {
	case "reply":
		if v, _ := st.Get("first_responded_at"); v == nil {
			st.Set("first_responded_at", now)
		}
		st.Set("agent_responded_at", now)
	case "status":
		st.Set("status_updated_at", now)
		switch status, _ := t.getInt("status"); status {
		case 3:
			st.Set("pending_since", now)
		case 4:
			st.Set("resolved_at", now)
		case 5:
			if v, _ := st.Get("resolved_at"); v == nil {
				st.Set("resolved_at", now)
			}
			st.Set("closed_at", now)
		}
	}
}
