package fdtest

// Conversations returns ticketID's conversations (oldest first) in the
// list-conversation shape, as plain maps (numbers are json.Number).
func (s *Server) Conversations(ticketID int64) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []map[string]any{}
	for _, c := range s.st.convs[ticketID] {
		m, _ := toPlain(pick(c, convListKeys, false)).(map[string]any)
		out = append(out, m)
	}
	return out
}

// Ticket returns ticket id in the view shape (as plain maps) and whether it exists.
func (s *Server) Ticket(id int64) (map[string]any, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.st.tickets.get(id)
	if t == nil {
		return nil, false
	}
	m, _ := toPlain(s.renderTicket(t, shapeView, nil)).(map[string]any)
	return m, true
}

// TicketIDs returns every ticket id (including spam and deleted) in order of insertion.
func (s *Server) TicketIDs() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]int64, 0, len(s.st.tickets.list))
	for _, t := range s.st.tickets.list {
		id, _ := t.getInt("id")
		out = append(out, id)
	}
	return out
}

// Counts returns the number of records per kind (the demodata file names
// without .json, e.g. "tickets", "conversations", "contacts").
func (s *Server) Counts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.st
	return map[string]int{
		"agents": len(st.agents.list), "groups": len(st.groups.list), "companies": len(st.companies.list),
		"contacts": len(st.contacts.list), "ticket_fields": len(st.fields.list), "tickets": len(st.tickets.list),
		"conversations": len(st.convByID), "solution_categories": len(st.categories.list),
		"solution_folders": len(st.folders.list), "solution_articles": len(st.articles.list),
		"canned_response_folders": len(st.cannedFolders.list), "canned_responses": len(st.canned.list),
		"satisfaction_ratings": len(st.ratings.list), "time_entries": len(st.timeEntries.list),
		"surveys": len(st.surveys.list), "sla_policies": len(st.slaPolicies.list), "business_hours": len(st.businessHours.list),
		"products": len(st.products.list), "email_configs": len(st.emailConfigs.list), "roles": len(st.roles.list),
	}
}

// MeAgentID returns the id of the agent the API key belongs to.
func (s *Server) MeAgentID() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.meID
}

// Records returns the stored records of kind (a demodata file name without
// .json, e.g. "tickets", "satisfaction_ratings") as plain maps, for tests
// that compute expected values independently of the API. Tickets carry
// their stats under "stats" (stored or derived) and keep spam and deleted
// ones.
func (s *Server) Records(kind string) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	tabs := map[string]*table{"tickets": s.st.tickets, "contacts": s.st.contacts, "companies": s.st.companies,
		"agents": s.st.agents, "groups": s.st.groups, "satisfaction_ratings": s.st.ratings, "time_entries": s.st.timeEntries,
		"surveys": s.st.surveys, "sla_policies": s.st.slaPolicies, "business_hours": s.st.businessHours,
		"products": s.st.products, "email_configs": s.st.emailConfigs, "roles": s.st.roles}
	t := tabs[kind]
	if t == nil {
		return nil
	}
	out := make([]map[string]any, 0, len(t.list))
	for _, o := range t.list {
		r := pick(o, nil, true)
		if kind == "tickets" {
			r.Set("stats", s.statsOf(o))
			r.Set("spam", o.getBool("spam"))
			r.Set("deleted", o.getBool("deleted"))
		}
		m, _ := toPlain(r).(map[string]any)
		out = append(out, m)
	}
	return out
}
