package fdtest

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// table holds the records of one kind, by id, in insertion order.
type table struct {
	list []*Obj
	byID map[int64]*Obj
}

func newTable() *table { return &table{byID: map[int64]*Obj{}} }

// put inserts o, replacing a record with the same id.
func (t *table) put(o *Obj) {
	id, _ := o.getInt("id")
	if old, ok := t.byID[id]; ok {
		i := slices.Index(t.list, old)
		t.list[i] = o
	} else {
		t.list = append(t.list, o)
	}
	t.byID[id] = o
}

func (t *table) get(id int64) *Obj { return t.byID[id] }

func (t *table) maxID() int64 {
	var m int64
	for id := range t.byID {
		m = max(m, id)
	}
	return m
}

// store is the emulated account. It is guarded by Server.mu.
type store struct {
	agents, groups, companies, contacts, fields, tickets *table
	categories, folders, articles, cannedFolders, canned *table
	ratings, timeEntries                                 *table
	surveys, slaPolicies, businessHours, products        *table
	emailConfigs, roles                                  *table
	convs                                                map[int64][]*Obj // by ticket id
	convByID                                             map[int64]*Obj
	meID                                                 int64
	domain                                               string
	lastID                                               int64 // ids for created non-ticket records
}

func newStore() *store {
	return &store{
		agents: newTable(), groups: newTable(), companies: newTable(), contacts: newTable(), fields: newTable(),
		tickets: newTable(), categories: newTable(), folders: newTable(), articles: newTable(),
		cannedFolders: newTable(), canned: newTable(), ratings: newTable(), timeEntries: newTable(),
		surveys: newTable(), slaPolicies: newTable(), businessHours: newTable(), products: newTable(), emailConfigs: newTable(), roles: newTable(),
		convs: map[int64][]*Obj{}, convByID: map[int64]*Obj{}, domain: "demo", lastID: 1_000_000_000,
	}
}

// nextID returns a fresh large id for a created record.
func (st *store) nextID() int64 {
	st.lastID++
	return st.lastID
}

// nextTicketID returns the next small display id.
func (st *store) nextTicketID() int64 { return st.tickets.maxID() + 1 }

// noteID keeps created ids above every seeded id.
func (st *store) noteID(id int64) {
	if id > st.lastID {
		st.lastID = id
	}
}

// addConversation inserts a conversation keeping each ticket's list ordered
// by created_at, then id.
func (st *store) addConversation(c *Obj) {
	tid, _ := c.getInt("ticket_id")
	id, _ := c.getInt("id")
	if old, ok := st.convByID[id]; ok {
		otid, _ := old.getInt("ticket_id")
		st.convs[otid] = slices.DeleteFunc(st.convs[otid], func(x *Obj) bool { return x == old })
	}
	st.convByID[id] = c
	list := append(st.convs[tid], c)
	slices.SortStableFunc(list, func(a, b *Obj) int {
		ta, tb := a.getString("created_at"), b.getString("created_at")
		if ta != tb {
			return cmp.Compare(ta, tb)
		}
		ia, _ := a.getInt("id")
		ib, _ := b.getInt("id")
		return cmp.Compare(ia, ib)
	})
	st.convs[tid] = list
	st.noteID(id)
}

// Record is one Freshdesk object given by a test, in the real API's JSON
// field names (e.g. {"id": 1, "subject": "Hi", "status": 2}). Missing fields
// get realistic defaults; ids are assigned when absent. Values may be Go
// numbers, strings, bools, time.Time, slices and nested maps.
type Record = map[string]any

// Dataset is a set of records to seed, one slice per kind, in the JSON
// shapes of the demodata files (see CONTRACTS.md).
type Dataset struct {
	Agents, Groups, Companies, Contacts, TicketFields, Tickets, Conversations []Record
	SolutionCategories, SolutionFolders, SolutionArticles                     []Record
	CannedResponseFolders, CannedResponses, SatisfactionRatings, TimeEntries  []Record
	Surveys, SLAPolicies, BusinessHours, Products, EmailConfigs, Roles        []Record
	MeAgentID                                                                 int64 // 0 keeps the current one
}

// Seed upserts the records of d (by id) with defaults for missing fields.
func (s *Server) Seed(d Dataset) error {
	kinds := []struct {
		kind string
		recs []Record
	}{
		{"ticket_fields", d.TicketFields}, {"agents", d.Agents}, {"groups", d.Groups}, {"companies", d.Companies},
		{"contacts", d.Contacts}, {"tickets", d.Tickets}, {"conversations", d.Conversations},
		{"solution_categories", d.SolutionCategories}, {"solution_folders", d.SolutionFolders},
		{"solution_articles", d.SolutionArticles}, {"canned_response_folders", d.CannedResponseFolders},
		{"canned_responses", d.CannedResponses}, {"satisfaction_ratings", d.SatisfactionRatings},
		{"time_entries", d.TimeEntries}, {"surveys", d.Surveys}, {"sla_policies", d.SLAPolicies},
		{"business_hours", d.BusinessHours}, {"products", d.Products}, {"email_configs", d.EmailConfigs}, {"roles", d.Roles},
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range kinds {
		for i, r := range k.recs {
			v, err := fromGo(map[string]any(r))
			if err != nil {
				return fmt.Errorf("fdtest: seed %s[%d]: %w", k.kind, i, err)
			}
			if _, err := s.insert(k.kind, v.(*Obj)); err != nil {
				return fmt.Errorf("fdtest: seed %s[%d]: %w", k.kind, i, err)
			}
		}
	}
	if d.MeAgentID != 0 {
		s.st.meID = d.MeAgentID
	}
	return nil
}

// AddTicket seeds one ticket and returns its id.
func (s *Server) AddTicket(r Record) (int64, error) { return s.addOne("tickets", r) }

// AddConversation seeds one conversation of ticketID and returns its id.
func (s *Server) AddConversation(ticketID int64, r Record) (int64, error) {
	c := Record{"ticket_id": ticketID}
	for k, v := range r {
		c[k] = v
	}
	return s.addOne("conversations", c)
}

// AddContact seeds one contact and returns its id.
func (s *Server) AddContact(r Record) (int64, error) { return s.addOne("contacts", r) }

func (s *Server) addOne(kind string, r Record) (int64, error) {
	v, err := fromGo(map[string]any(r))
	if err != nil {
		return 0, fmt.Errorf("fdtest: add %s: %w", kind, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.insert(kind, v.(*Obj))
}

// insert normalises o for kind and stores it; s.mu must be held.
func (s *Server) insert(kind string, o *Obj) (int64, error) {
	st := s.st
	now := s.now()
	id, ok := o.getInt("id")
	if !ok {
		if kind == "tickets" {
			id = st.nextTicketID()
		} else {
			id = st.nextID()
		}
		o.Set("id", num(id))
	}
	if kind != "tickets" {
		st.noteID(id)
	}
	if kind == "tickets" && o.Has("stats") {
		o.Set("_stats", o.getObj("stats"))
		o.Delete("stats")
	}
	fillDefaults(kind, o, now)
	switch kind {
	case "ticket_fields":
		st.fields.put(o)
	case "agents":
		st.agents.put(o)
	case "groups":
		st.groups.put(o)
	case "companies":
		st.companies.put(o)
	case "contacts":
		st.contacts.put(o)
	case "tickets":
		st.tickets.put(o)
	case "conversations":
		if _, ok := o.getInt("ticket_id"); !ok {
			return 0, fmt.Errorf("conversation %d has no ticket_id", id)
		}
		st.addConversation(o)
	case "solution_categories":
		st.categories.put(o)
	case "solution_folders":
		st.folders.put(o)
	case "solution_articles":
		st.articles.put(o)
	case "canned_response_folders":
		st.cannedFolders.put(o)
	case "canned_responses":
		st.canned.put(o)
	case "satisfaction_ratings":
		st.ratings.put(o)
	case "time_entries":
		st.timeEntries.put(o)
	case "surveys":
		st.surveys.put(o)
	case "sla_policies":
		st.slaPolicies.put(o)
	case "business_hours":
		st.businessHours.put(o)
	case "products":
		st.products.put(o)
	case "email_configs":
		st.emailConfigs.put(o)
	case "roles":
		st.roles.put(o)
	default:
		return 0, fmt.Errorf("unknown kind %q", kind)
	}
	return id, nil
}

// fillDefaults adds the fields a record of kind lacks, with the values a
// fresh Freshdesk record would have.
func fillDefaults(kind string, o *Obj, now time.Time) {
	ts := fmtTime(now)
	set := func(k string, v any) {
		if !o.Has(k) {
			o.Set(k, v)
		}
	}
	set("created_at", ts)
	set("updated_at", o.getString("created_at"))
	empty := func() []any { return []any{} }
	switch kind {
	case "tickets":
		created, _ := o.getTime("created_at")
		for _, k := range []string{"cc_emails", "fwd_emails", "reply_cc_emails", "ticket_cc_emails", "tags", "attachments"} {
			set(k, empty())
		}
		set("fr_escalated", false)
		set("spam", false)
		set("priority", num(1))
		set("source", num(2))
		set("status", num(2))
		set("subject", "")
		set("is_escalated", false)
		set("description", "")
		set("description_text", htmlToText(o.getString("description")))
		set("custom_fields", newObj())
		set("due_by", fmtTime(created.Add(72*time.Hour)))
		set("fr_due_by", fmtTime(created.Add(24*time.Hour)))
	case "conversations":
		set("body", "")
		set("body_text", htmlToText(o.getString("body")))
		set("incoming", false)
		set("private", false)
		set("source", num(0))
		set("category", num(3))
		set("attachments", empty())
		set("email_failure_count", nil)
		set("outgoing_failures", nil)
	case "contacts":
		set("active", true)
		set("view_all_tickets", false)
		set("custom_fields", newObj())
		set("tags", empty())
		set("other_emails", empty())
		set("language", "en")
		set("time_zone", "Eastern Time (US & Canada)")
	case "companies":
		set("domains", empty())
		set("custom_fields", newObj())
	case "agents":
		set("available", true)
		set("occasional", false)
		set("ticket_scope", num(1))
		set("group_ids", empty())
		set("role_ids", empty())
		set("skill_ids", empty())
		set("type", "support_agent")
		c := o.getObj("contact")
		if c == nil {
			c = newObj()
			o.Set("contact", c)
		}
		if !c.Has("active") {
			c.Set("active", true)
		}
		if !c.Has("language") {
			c.Set("language", "en")
		}
		if !c.Has("created_at") {
			c.Set("created_at", o.getString("created_at"))
			c.Set("updated_at", o.getString("updated_at"))
		}
		o.Set("contact", pick(c, agentContactKeys, true))
	case "groups":
		set("agent_ids", empty())
		set("group_type", "support_agent_group")
	case "ticket_fields":
		set("required_for_closure", false)
		set("required_for_agents", false)
		set("default", false)
		set("customers_can_edit", false)
		set("customers_can_filter", false)
		set("required_for_customers", false)
		set("displayed_to_customers", false)
	case "solution_articles":
		set("type", num(1))
		set("status", num(2))
		set("description", "")
		set("description_text", htmlToText(o.getString("description")))
		set("tags", empty())
		set("attachments", empty())
		set("cloud_files", empty())
		for _, k := range []string{"thumbs_up", "thumbs_down", "hits", "feedback_count"} {
			set(k, num(0))
		}
		set("suggested", num(0))
	case "solution_categories":
		set("visible_in_portals", empty())
	case "solution_folders":
		set("visibility", num(1))
	case "canned_response_folders":
		set("personal", false)
	case "canned_responses":
		set("attachments", empty())
		set("group_ids", empty())
		set("visibility", num(0))
		set("content", htmlToText(o.getString("content_html")))
	case "satisfaction_ratings":
		set("ratings", newObj())
	case "time_entries":
		set("billable", true)
		set("timer_running", false)
		set("time_spent", "00:00")
	}
}
