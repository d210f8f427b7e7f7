package fdtest

import (
	"cmp"
	"net/http"
	"regexp"
	"slices"
	"strconv"
)

// listAllTimeEntries serves GET /time_entries. Filters (all optional, ANDed):
// company_id, agent_id, executed_after, executed_before, billable, as in the
// Freshdesk docs' "List All Time Entries" (quoted by askasoft/pango
// sdk/fdk/freshdesk/time_entries.go ListTimeEntriesOption). The docs do not
// state an order; the emulator lists by executed_at, then id.
func (s *Server) listAllTimeEntries(c *ctx) (int, any, *apiError) {
	p := c.p
	page, perPage, errs := p.pagingErrs(0)
	var conds []func(*Obj) bool
	for _, f := range []string{"company_id", "agent_id"} {
		if v, ok := p.get(f); ok {
			id, fe := positiveID(f, v)
			if fe != nil {
				errs = append(errs, *fe)
				continue
			}
			conds = append(conds, func(o *Obj) bool { n, _ := o.getInt(f); return n == id })
		}
	}
	for _, f := range []string{"executed_after", "executed_before"} {
		v, ok := p.get(f)
		if !ok {
			continue
		}
		at, valid := parseTime(v)
		if !valid {
			errs = append(errs, fieldErr{Field: f, Message: "It should be in the 'combined date and time ISO8601' format", Code: codeInvalidValue})
			continue
		}
		after := f == "executed_after"
		conds = append(conds, func(o *Obj) bool {
			e, _ := o.getTime("executed_at")
			if after {
				return !e.Before(at)
			}
			return !e.After(at)
		})
	}
	if v, ok := p.get("billable"); ok {
		if fe := oneOf("billable", v, "true", "false"); fe != nil {
			errs = append(errs, *fe)
		}
		conds = append(conds, func(o *Obj) bool { return o.getBool("billable") == (v == "true") })
	}
	if len(errs) > 0 {
		return 0, nil, validation(errs...)
	}
	matched := matching(s.st.timeEntries.list, conds)
	slices.SortStableFunc(matched, func(a, b *Obj) int {
		x, _ := a.getTime("executed_at")
		y, _ := b.getTime("executed_at")
		if r := x.Compare(y); r != 0 {
			return r
		}
		i, _ := a.getInt("id")
		j, _ := b.getInt("id")
		return cmp.Compare(i, j)
	})
	return http.StatusOK, listPage(c, matched, page, perPage, renderTimeEntry), nil
}

func renderTimeEntry(o *Obj) *Obj { return pick(o, timeEntryKeys, true) }

var reTimeSpent = regexp.MustCompile(`^(\d{1,3}):([0-5]\d)$`)

// createTimeEntry serves POST /tickets/{id}/time_entries. Rules from the
// Freshdesk docs' "Create a Time Entry" (as restated at withone.ai
// knowledge/freshdesk "Create a Ticket Time Entry", and pango time_entry.go):
// time_spent is "hh:mm" and cannot be set while timer_running is true; with
// neither time_spent nor timer_running, or with start_time and no
// timer_running, the timer starts; start_time cannot be in the future nor
// given with timer_running false; agent_id defaults to the caller.
func (s *Server) createTimeEntry(c *ctx) (int, any, *apiError) {
	t := s.st.tickets.get(c.id(0))
	if t == nil {
		return 0, nil, notFound()
	}
	k := &checker{body: c.body}
	if !k.allow("agent_id", "billable", "note", "time_spent", "timer_running", "start_time", "executed_at") {
		return 0, nil, k.err()
	}
	now := s.now()
	note, _ := k.str("note", false)
	billable, hasBillable := k.boolean("billable")
	running, hasRunning := k.boolean("timer_running")
	spent, hasSpent := k.str("time_spent", false)
	secs := int64(0)
	if hasSpent {
		m := reTimeSpent.FindStringSubmatch(spent)
		if m == nil {
			k.add(fieldErr{Field: "time_spent", Message: "It should be in the 'hh:mm' format", Code: codeInvalidValue})
		} else {
			h, _ := strconv.ParseInt(m[1], 10, 64)
			mi, _ := strconv.ParseInt(m[2], 10, 64)
			secs = h*3600 + mi*60
		}
	}
	start, hasStart := k.timestamp("start_time")
	executed, hasExecuted := k.timestamp("executed_at")
	if !hasRunning && (!hasSpent || hasStart) {
		running = true
	}
	switch {
	case running && hasSpent:
		k.add(fieldErr{Field: "time_spent", Message: "It cannot be set when timer_running is true", Code: codeIncompatible})
	case hasStart && hasRunning && !running:
		k.add(fieldErr{Field: "start_time", Message: "It cannot be set when timer_running is false", Code: codeIncompatible})
	case hasStart && start.After(now):
		k.add(fieldErr{Field: "start_time", Message: "It cannot be greater than current time", Code: codeInvalidValue})
	}
	agentID, _, hasAgent := k.integer("agent_id", false)
	if hasAgent && s.st.agents.get(agentID) == nil {
		k.add(absent("agent_id", "agent"))
	}
	if err := k.err(); err != nil {
		return 0, nil, err
	}
	if !hasAgent {
		agentID = s.st.meID
	}
	if !hasBillable {
		billable = true
	}
	if !hasStart {
		start = now
	}
	if !hasExecuted {
		executed = now
	}
	o := newObj()
	o.Set("billable", billable)
	o.Set("note", note)
	o.Set("id", num(s.st.nextID()))
	o.Set("timer_running", running)
	o.Set("agent_id", num(agentID))
	o.Set("ticket_id", num(c.id(0)))
	cid, _ := t.Get("company_id")
	o.Set("company_id", cid)
	o.Set("time_spent", fmtSpent(secs))
	o.Set("executed_at", fmtTime(executed))
	o.Set("start_time", fmtTime(start))
	o.Set("created_at", fmtTime(now))
	o.Set("updated_at", fmtTime(now))
	o.Set("time_spent_in_seconds", num(secs))
	s.st.timeEntries.put(o)
	return http.StatusCreated, renderTimeEntry(o), nil
}

func fmtSpent(secs int64) string {
	return pad2(secs/3600) + ":" + pad2(secs%3600/60)
}

func pad2(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// listAllRatings serves GET /surveys/satisfaction_ratings: every rating of
// the account, filtered by created_since (ISO-8601; the only documented
// filter: Freshdesk docs "View all Satisfaction Ratings", as catalogued in
// api-evangelist/freshdesk capabilities/rest-satisfaction-ratings.yaml), oldest
// first.
func (s *Server) listAllRatings(c *ctx) (int, any, *apiError) {
	page, perPage, errs := c.p.pagingErrs(0)
	var conds []func(*Obj) bool
	if v, ok := c.p.get("created_since"); ok {
		since, valid := parseTime(v)
		if !valid {
			errs = append(errs, fieldErr{Field: "created_since", Message: "It should be in the 'combined date and time ISO8601' format", Code: codeInvalidValue})
		}
		conds = append(conds, func(o *Obj) bool { at, _ := o.getTime("created_at"); return !at.Before(since) })
	}
	if len(errs) > 0 {
		return 0, nil, validation(errs...)
	}
	matched := matching(s.st.ratings.list, conds)
	slices.SortStableFunc(matched, func(a, b *Obj) int {
		x, _ := a.getTime("created_at")
		y, _ := b.getTime("created_at")
		return x.Compare(y)
	})
	return http.StatusOK, listPage(c, matched, page, perPage, func(o *Obj) *Obj { return pick(o, ratingKeys, true) }), nil
}

// listOf serves a paged account-level list rendered with keys.
func (s *Server) listOf(t *table, keys []string) handlerFunc {
	return func(c *ctx) (int, any, *apiError) {
		page, perPage, err := c.p.paging(0)
		if err != nil {
			return 0, nil, err
		}
		return http.StatusOK, listPage(c, t.list, page, perPage, func(o *Obj) *Obj { return pick(o, keys, false) }), nil
	}
}

// viewOf serves one record of t by id.
func (s *Server) viewOf(t *table, keys []string) handlerFunc {
	return func(c *ctx) (int, any, *apiError) {
		return view(t, c.id(0), func(o *Obj) *Obj { return pick(o, keys, false) })
	}
}
