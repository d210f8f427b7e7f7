package fdtest

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
	"time"
)

var (
	listIncludes  = []string{"stats", "requester", "description", "company"}
	viewIncludes  = []string{"conversations", "requester", "company", "stats"}
	ticketFilters = []string{"new_and_my_open", "watching", "spam", "deleted"}
	orderBys      = []string{"created_at", "due_by", "updated_at", "status"}
)

// includes validates the include parameter against allowed.
func includes(p params, allowed []string) ([]string, *fieldErr) {
	v, ok := p.get("include")
	if !ok {
		return nil, nil
	}
	var out []string
	for _, x := range splitList(v) {
		if !slices.Contains(allowed, x) {
			return nil, &fieldErr{Field: "include", Message: choicesMsg(allowed), Code: codeInvalidValue}
		}
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	if len(out) == 0 {
		return nil, &fieldErr{Field: "include", Message: choicesMsg(allowed), Code: codeInvalidValue}
	}
	return out, nil
}

// contactByEmail finds a contact (or agent) id by primary or other e-mail.
func (s *Server) contactByEmail(email string) (int64, bool) {
	email = strings.ToLower(strings.TrimSpace(email))
	for _, c := range s.st.contacts.list {
		if strings.ToLower(c.getString("email")) == email || slices.ContainsFunc(c.getStrings("other_emails"),
			func(e string) bool { return strings.ToLower(e) == email }) {
			id, _ := c.getInt("id")
			return id, true
		}
	}
	for _, a := range s.st.agents.list {
		if strings.ToLower(a.getObj("contact").getString("email")) == email {
			id, _ := a.getInt("id")
			return id, true
		}
	}
	return 0, false
}

func (s *Server) userExists(id int64) bool {
	return s.st.contacts.get(id) != nil || s.st.agents.get(id) != nil
}

func absent(field, resource string) fieldErr {
	return fieldErr{Field: field, Message: "There is no " + resource + " matching the given " + field, Code: codeInvalidValue}
}

// listTickets serves GET /tickets.
func (s *Server) listTickets(c *ctx) (int, any, *apiError) {
	p := c.p
	page, perPage, errs := p.pagingErrs(300)
	var conds []func(*Obj) bool
	filter, hasFilter := p.get("filter")
	if hasFilter {
		if fe := oneOf("filter", filter, ticketFilters...); fe != nil {
			errs = append(errs, *fe)
		}
	}
	orderBy, _ := p.get("order_by")
	if orderBy == "" {
		orderBy = "created_at"
	} else if fe := oneOf("order_by", orderBy, orderBys...); fe != nil {
		errs = append(errs, *fe)
	}
	orderType, ok := p.get("order_type")
	if !ok {
		orderType = "desc"
	} else if fe := oneOf("order_type", orderType, "asc", "desc"); fe != nil {
		errs = append(errs, *fe)
	}
	inc, fe := includes(p, listIncludes)
	if fe != nil {
		errs = append(errs, *fe)
	}
	if v, ok := p.get("requester_id"); ok {
		id, fe := positiveID("requester_id", v)
		switch {
		case fe != nil:
			errs = append(errs, *fe)
		case !s.userExists(id):
			errs = append(errs, absent("requester_id", "contact"))
		default:
			conds = append(conds, func(t *Obj) bool { r, _ := t.getInt("requester_id"); return r == id })
		}
	}
	if v, ok := p.get("company_id"); ok {
		id, fe := positiveID("company_id", v)
		switch {
		case fe != nil:
			errs = append(errs, *fe)
		case s.st.companies.get(id) == nil:
			errs = append(errs, absent("company_id", "company"))
		default:
			conds = append(conds, func(t *Obj) bool { r, _ := t.getInt("company_id"); return r == id })
		}
	}
	if v, ok := p.get("email"); ok {
		if !validEmail(v) {
			errs = append(errs, fieldErr{Field: "email", Message: msgValidEmail, Code: codeInvalidValue})
		} else if id, found := s.contactByEmail(bareEmail(v)); !found {
			errs = append(errs, absent("email", "contact"))
		} else {
			conds = append(conds, func(t *Obj) bool { r, _ := t.getInt("requester_id"); return r == id })
		}
	}
	if v, ok := p.get("updated_since"); ok {
		since, valid := parseTime(v)
		if !valid {
			errs = append(errs, fieldErr{Field: "updated_since", Message: "It should be in the 'combined date and time ISO8601' format", Code: codeInvalidValue})
		} else {
			conds = append(conds, func(t *Obj) bool { u, _ := t.getTime("updated_at"); return !u.Before(since) })
		}
	}
	if len(errs) > 0 {
		return 0, nil, validation(errs...)
	}
	c.charge(2 * len(inc))

	switch filter {
	case "spam":
		conds = append(conds, func(t *Obj) bool { return t.getBool("spam") && !t.getBool("deleted") })
	case "deleted":
		conds = append(conds, func(t *Obj) bool { return t.getBool("deleted") })
	default:
		conds = append(conds, func(t *Obj) bool { return !t.getBool("spam") && !t.getBool("deleted") })
	}
	me := s.st.meID
	switch filter {
	case "new_and_my_open":
		conds = append(conds, func(t *Obj) bool {
			st, _ := t.getInt("status")
			r, assigned := t.getInt("responder_id")
			return st == 2 && (!assigned || r == me)
		})
	case "watching":
		conds = append(conds, func(t *Obj) bool {
			v, _ := t.Get("_watcher_ids")
			arr, _ := v.([]any)
			return slices.ContainsFunc(arr, func(x any) bool { n, _ := asInt(x); return n == me })
		})
	}
	if !p.has("filter", "company_id", "requester_id", "email", "updated_since") {
		// Without a filter-type parameter Freshdesk only lists tickets created
		// after the start of today one month ago.
		now := s.now().UTC()
		cutoff := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0)
		conds = append(conds, func(t *Obj) bool { ct, _ := t.getTime("created_at"); return ct.After(cutoff) })
	}
	matched := matching(s.st.tickets.list, conds)
	sortTickets(matched, orderBy, orderType == "asc")
	items, more := pageOf(matched, page, perPage)
	out := make([]any, 0, len(items))
	for _, t := range items {
		out = append(out, s.renderTicket(t, shapeList, inc))
	}
	if more {
		c.header.Set("Link", nextLink(c.r, p, page+1))
	}
	return http.StatusOK, out, nil
}

// matching returns the objects of list that meet every condition, in order.
func matching(list []*Obj, conds []func(*Obj) bool) []*Obj {
	var out []*Obj
	for _, o := range list {
		if all(conds, o) {
			out = append(out, o)
		}
	}
	return out
}

func all(conds []func(*Obj) bool, o *Obj) bool {
	for _, f := range conds {
		if !f(o) {
			return false
		}
	}
	return true
}

// sortTickets orders by a ticket key, ties by id in the same direction.
func sortTickets(ts []*Obj, key string, asc bool) {
	slices.SortStableFunc(ts, func(a, b *Obj) int {
		var r int
		if key == "status" {
			x, _ := a.getInt("status")
			y, _ := b.getInt("status")
			r = cmp.Compare(x, y)
		} else {
			x, _ := a.getTime(key)
			y, _ := b.getTime(key)
			r = x.Compare(y)
		}
		if r == 0 {
			x, _ := a.getInt("id")
			y, _ := b.getInt("id")
			r = cmp.Compare(x, y)
		}
		if !asc {
			r = -r
		}
		return r
	})
}

// viewTicket serves GET /tickets/{id}.
func (s *Server) viewTicket(c *ctx) (int, any, *apiError) {
	inc, fe := includes(c.p, viewIncludes)
	if fe != nil {
		return 0, nil, validation(*fe)
	}
	t := s.st.tickets.get(c.id(0))
	if t == nil {
		return 0, nil, notFound()
	}
	c.charge(len(inc))
	return http.StatusOK, s.renderTicket(t, shapeView, inc), nil
}
