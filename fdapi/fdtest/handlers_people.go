package fdtest

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
)

// byName orders records by name (case-insensitive), then id, like Freshdesk's lists.
func byName(list []*Obj, name func(*Obj) string) []*Obj {
	out := slices.Clone(list)
	slices.SortStableFunc(out, func(a, b *Obj) int {
		if r := cmp.Compare(strings.ToLower(name(a)), strings.ToLower(name(b))); r != 0 {
			return r
		}
		x, _ := a.getInt("id")
		y, _ := b.getInt("id")
		return cmp.Compare(x, y)
	})
	return out
}

func ownName(o *Obj) string { return o.getString("name") }

// listPage renders one page of list with render, setting Link when needed.
func listPage(c *ctx, list []*Obj, page, perPage int, render func(*Obj) *Obj) []any {
	items, more := pageOf(list, page, perPage)
	out := make([]any, 0, len(items))
	for _, o := range items {
		out = append(out, render(o))
	}
	if more {
		c.header.Set("Link", nextLink(c.r, c.p, page+1))
	}
	return out
}

// view renders one record by id, or the empty 404.
func view(t *table, id int64, render func(*Obj) *Obj) (int, any, *apiError) {
	o := t.get(id)
	if o == nil {
		return 0, nil, notFound()
	}
	return http.StatusOK, render(o), nil
}

func renderContactView(o *Obj) *Obj {
	out := pick(o, contactViewKeys, false)
	if o.getBool("deleted") {
		// "deleted" sits after other_companies, before unique_external_id.
		tail := newObj()
		for _, k := range out.keys {
			if k == "unique_external_id" || k == "twitter_profile_status" || k == "twitter_followers_count" || k == "avatar" {
				if !tail.Has("deleted") {
					tail.Set("deleted", true)
				}
			}
			tail.Set(k, out.vals[k])
		}
		out = tail
	}
	return out
}

func renderContactList(o *Obj) *Obj { return pick(o, contactListKeys, false) }

// listContacts serves GET /contacts.
func (s *Server) listContacts(c *ctx) (int, any, *apiError) {
	p := c.p
	page, perPage, errs := p.pagingErrs(0)
	conds := []func(*Obj) bool{}
	for _, f := range []string{"mobile", "phone", "unique_external_id"} {
		if v, ok := p.get(f); ok {
			conds = append(conds, func(o *Obj) bool { return o.getString(f) == v })
		}
	}
	if v, ok := p.get("email"); ok {
		if !validEmail(v) {
			errs = append(errs, fieldErr{Field: "email", Message: msgValidEmail, Code: codeInvalidValue})
		}
		conds = append(conds, func(o *Obj) bool { return strings.EqualFold(o.getString("email"), v) })
	}
	if v, ok := p.get("tag"); ok {
		conds = append(conds, func(o *Obj) bool { return slices.Contains(o.getStrings("tags"), v) })
	}
	if v, ok := p.get("company_id"); ok {
		id, fe := positiveID("company_id", v)
		if fe != nil {
			errs = append(errs, *fe)
		}
		conds = append(conds, func(o *Obj) bool { n, _ := o.getInt("company_id"); return n == id })
	}
	state, hasState := p.get("state")
	if hasState {
		if fe := oneOf("state", state, "blocked", "deleted", "unverified", "verified"); fe != nil {
			errs = append(errs, *fe)
		}
	}
	if v, ok := p.get("_updated_since"); ok {
		since, valid := parseTime(v)
		if !valid {
			errs = append(errs, fieldErr{Field: "_updated_since", Message: "It should be in the 'combined date and time ISO8601' format", Code: codeInvalidValue})
		}
		conds = append(conds, func(o *Obj) bool { u, _ := o.getTime("updated_at"); return !u.Before(since) })
	}
	if len(errs) > 0 {
		return 0, nil, validation(errs...)
	}
	switch state {
	case "deleted":
		conds = append(conds, func(o *Obj) bool { return o.getBool("deleted") })
	case "blocked":
		conds = append(conds, func(o *Obj) bool { return o.getBool("blocked") })
	default:
		conds = append(conds, func(o *Obj) bool { return !o.getBool("deleted") && !o.getBool("blocked") })
		if state == "verified" {
			conds = append(conds, func(o *Obj) bool { return o.getBool("active") })
		} else if state == "unverified" {
			conds = append(conds, func(o *Obj) bool { return !o.getBool("active") })
		}
	}
	matched := matching(s.st.contacts.list, conds)
	return http.StatusOK, listPage(c, byName(matched, ownName), page, perPage, renderContactList), nil
}

// viewContact serves GET /contacts/{id}.
func (s *Server) viewContact(c *ctx) (int, any, *apiError) {
	return view(s.st.contacts, c.id(0), renderContactView)
}

var contactCreateFields = []string{"name", "email", "phone", "mobile", "twitter_id", "unique_external_id",
	"other_emails", "company_id", "view_all_tickets", "other_companies", "address", "custom_fields",
	"description", "job_title", "language", "tags", "time_zone", "facebook_id"}

// createContact serves POST /contacts (409 for an e-mail already in use).
func (s *Server) createContact(c *ctx) (int, any, *apiError) {
	k := &checker{body: c.body}
	if !k.allow(contactCreateFields...) {
		return 0, nil, k.err()
	}
	k.str("name", true)
	s.checkContactFields(k, 0)
	if !c.body.Has("email") && !c.body.Has("phone") && !c.body.Has("mobile") && !c.body.Has("twitter_id") &&
		!c.body.Has("unique_external_id") {
		k.add(fieldErr{Field: "email", Message: "Please fill at least 1 of email, mobile, phone, twitter_id, unique_external_id fields", Code: codeMissing})
	}
	if err := k.err(); err != nil {
		return 0, nil, err
	}
	o := clone(c.body).(*Obj)
	o.Set("id", num(s.st.nextID()))
	o.Set("active", false)
	if _, err := s.insert("contacts", o); err != nil {
		return 0, nil, baseError(http.StatusInternalServerError, msgServerError)
	}
	c.header.Set("Location", s.location(c, "contacts", o))
	return http.StatusCreated, renderContactView(o), nil
}

// listCompanies serves GET /companies.
func (s *Server) listCompanies(c *ctx) (int, any, *apiError) {
	page, perPage, err := c.p.paging(0)
	if err != nil {
		return 0, nil, err
	}
	render := func(o *Obj) *Obj { return pick(o, companyListKeys, true) }
	return http.StatusOK, listPage(c, byName(s.st.companies.list, ownName), page, perPage, render), nil
}

// viewCompany serves GET /companies/{id}.
func (s *Server) viewCompany(c *ctx) (int, any, *apiError) {
	return view(s.st.companies, c.id(0), func(o *Obj) *Obj { return pick(o, companyViewKeys, true) })
}

func agentName(o *Obj) string { return o.getObj("contact").getString("name") }

func renderAgentView(o *Obj) *Obj { return pick(o, agentViewKeys, false) }

// listAgents serves GET /agents.
func (s *Server) listAgents(c *ctx) (int, any, *apiError) {
	p := c.p
	page, perPage, errs := p.pagingErrs(0)
	conds := []func(*Obj) bool{}
	for _, f := range []string{"email", "mobile", "phone"} {
		if v, ok := p.get(f); ok {
			conds = append(conds, func(o *Obj) bool { return strings.EqualFold(o.getObj("contact").getString(f), v) })
		}
	}
	if v, ok := p.get("state"); ok {
		if fe := oneOf("state", v, "fulltime", "occasional"); fe != nil {
			errs = append(errs, *fe)
		}
		conds = append(conds, func(o *Obj) bool { return o.getBool("occasional") == (v == "occasional") })
	}
	if len(errs) > 0 {
		return 0, nil, validation(errs...)
	}
	matched := matching(s.st.agents.list, conds)
	render := func(o *Obj) *Obj { return pick(o, agentListKeys, false) }
	return http.StatusOK, listPage(c, byName(matched, agentName), page, perPage, render), nil
}

// viewAgent serves GET /agents/{id}.
func (s *Server) viewAgent(c *ctx) (int, any, *apiError) {
	return view(s.st.agents, c.id(0), renderAgentView)
}

// viewMe serves GET /agents/me.
func (s *Server) viewMe(c *ctx) (int, any, *apiError) {
	return view(s.st.agents, s.st.meID, renderAgentView)
}

// listGroups serves GET /groups.
func (s *Server) listGroups(c *ctx) (int, any, *apiError) {
	page, perPage, err := c.p.paging(0)
	if err != nil {
		return 0, nil, err
	}
	render := func(o *Obj) *Obj { return pick(o, groupListKeys, false) }
	return http.StatusOK, listPage(c, byName(s.st.groups.list, ownName), page, perPage, render), nil
}

// viewGroup serves GET /groups/{id}.
func (s *Server) viewGroup(c *ctx) (int, any, *apiError) {
	return view(s.st.groups, c.id(0), func(o *Obj) *Obj { return pick(o, groupViewKeys, false) })
}

// listTicketFields serves GET /ticket_fields (optionally ?type=).
func (s *Server) listTicketFields(c *ctx) (int, any, *apiError) {
	typ, hasType := c.p.get("type")
	fields := slices.Clone(s.st.fields.list)
	slices.SortStableFunc(fields, func(a, b *Obj) int {
		x, _ := a.getInt("position")
		y, _ := b.getInt("position")
		return cmp.Compare(x, y)
	})
	out := []any{}
	for _, f := range fields {
		if hasType && f.getString("type") != typ {
			continue
		}
		r := pick(f, ticketFieldKeys, true)
		s.fillDynamicChoices(r)
		out = append(out, r)
	}
	return http.StatusOK, out, nil
}

// fillDynamicChoices lists the account's groups and agents as the choices of
// the default group/agent fields when the record has none.
func (s *Server) fillDynamicChoices(f *Obj) {
	var list []*Obj
	var name func(*Obj) string
	switch f.getString("type") {
	case "default_group":
		list, name = s.st.groups.list, ownName
	case "default_agent":
		list, name = s.st.agents.list, agentName
	default:
		return
	}
	if ch := f.getObj("choices"); ch != nil && ch.Len() > 0 {
		return
	}
	ch := newObj()
	for _, o := range byName(list, name) {
		id, _ := o.getInt("id")
		ch.Set(name(o), num(id))
	}
	f.Set("choices", ch)
}
