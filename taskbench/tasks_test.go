package taskbench

import (
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
)

// task is one thing an assistant is asked to do, as the tool calls a client
// makes for it (following cursors to the end).
type task struct {
	name string
	run  func(t testing.TB, s *session)
}

// picks are the demo tickets and contact the tasks work on, chosen from the
// data (not hard-coded ids) so the list stays meaningful if the demo changes.
type picks struct {
	thread12  int64  // a 12-message thread (description + 11 conversations)
	korean    int64  // the Korean ticket with the most text
	short     int64  // a ticket with no conversation
	contactEm string // the requester of the showcase ticket
}

var hangul = regexp.MustCompile(`\p{Hangul}`)

// choose picks the tickets and seeds the 12-message thread: a copy of the
// showcase escalation cut to its first 11 conversations, so it is realistic
// text with agents, customers, CCs and private notes.
func choose(t testing.TB, fd *fdtest.Server) picks {
	t.Helper()
	var p picks
	longest, koText := int64(0), 0
	for _, id := range fd.TicketIDs() {
		tk, _ := fd.Ticket(id)
		convs := fd.Conversations(id)
		if longest == 0 || len(convs) > len(fd.Conversations(longest)) {
			longest = id
		}
		if len(convs) == 0 && p.short == 0 && tk["spam"] != true && tk["deleted"] != true {
			p.short = id
		}
		if subj, _ := tk["subject"].(string); hangul.MatchString(subj) {
			n := len(fmt.Sprint(tk["description_text"]))
			for _, c := range convs {
				n += len(fmt.Sprint(c["body_text"]))
			}
			if n > koText {
				p.korean, koText = id, n
			}
		}
	}
	src, _ := fd.Ticket(longest)
	convs := fd.Conversations(longest)
	if len(convs) < 11 || p.korean == 0 || p.short == 0 {
		t.Fatalf("demo helpdesk lacks the tickets the tasks need: longest thread %d conversations, korean %d, short %d", len(convs), p.korean, p.short)
	}
	rec := maps.Clone(src)
	delete(rec, "id")
	id, err := fd.AddTicket(rec)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range convs[:11] {
		c = maps.Clone(c)
		delete(c, "id")
		delete(c, "ticket_id")
		if _, err := fd.AddConversation(id, c); err != nil {
			t.Fatal(err)
		}
	}
	p.thread12 = id
	if req, ok := src["requester"].(map[string]any); ok {
		p.contactEm, _ = req["email"].(string)
	}
	if p.contactEm == "" {
		rid, _ := src["requester_id"].(json.Number)
		var c map[string]any
		if err := json.Unmarshal(fdtestGet(t, fd, "/contacts/"+rid.String()), &c); err != nil {
			t.Fatal(err)
		}
		p.contactEm, _ = c["email"].(string)
	}
	return p
}

// readThread reads a ticket to its end, following next_cursor, and returns
// the number of messages delivered.
func readThread(t testing.TB, s *session, id int64) int {
	t.Helper()
	args := map[string]any{"ticket_id": id}
	n := 0
	for range 20 {
		out := s.call(t, "get_ticket", args)
		if u, ok := out["untrusted_customer_content"].(map[string]any); ok {
			msgs, _ := u["messages"].([]any)
			for _, m := range msgs {
				if mm, _ := m.(map[string]any); mm["continued"] != true {
					n++
				}
			}
		}
		cur, _ := out["next_cursor"].(string)
		if cur == "" {
			return n
		}
		args = map[string]any{"ticket_id": id, "cursor": cur}
	}
	t.Fatalf("ticket %d: cursor did not end after 20 calls", id)
	return n
}

// tasks is the fixed task list of issue 12, on the demo helpdesk.
func tasks(p picks) []task {
	return []task{
		{"read a 12-message thread", func(t testing.TB, s *session) {
			if n := readThread(t, s, p.thread12); n != 12 {
				t.Errorf("12-message thread: %d messages delivered", n)
			}
		}},
		{"read a long Korean ticket", func(t testing.TB, s *session) { readThread(t, s, p.korean) }},
		{"find open urgent-or-high tickets", func(t testing.TB, s *session) {
			out := s.call(t, "search_tickets", map[string]any{"status": []string{"open"}, "priority": []string{"urgent", "high"}})
			if rows, _ := out["tickets"].([]any); len(rows) == 0 {
				t.Error("no open urgent or high tickets found")
			}
		}},
		{"find a contact and their tickets", func(t testing.TB, s *session) {
			out := s.call(t, "search_contacts", map[string]any{"email": p.contactEm})
			rows, _ := out["contacts"].([]any)
			if len(rows) != 1 {
				t.Fatalf("search_contacts %s: %d rows: %v", p.contactEm, len(rows), out)
			}
			id, _ := rows[0].(map[string]any)["id"].(float64)
			out = s.call(t, "list_tickets", map[string]any{"requester_id": int64(id)})
			if rows, _ := out["tickets"].([]any); len(rows) == 0 {
				t.Error("the contact has no tickets")
			}
		}},
		{"read a short ticket", func(t testing.TB, s *session) {
			if n := readThread(t, s, p.short); n != 1 {
				t.Errorf("short ticket: %d messages", n)
			}
		}},
	}
}

// measurement is the cost of every task, cold and warm.
type measurement struct {
	names []string
	cold  []cost // each task alone on a fresh server
	warm  []cost // each task again after the whole list ran once
	// listCold is the whole list on a fresh server, one task after another.
	listCold cost
}

func total(cs []cost) cost {
	var t cost
	for _, c := range cs {
		t = t.add(c)
	}
	return t
}

// measure runs the task list: each task cold on its own fresh server, then
// the list on one fresh server (cold), then again on it (warm).
func measure(t testing.TB) measurement {
	t.Helper()
	u := newUpstream(t)
	p := choose(t, u.fd)
	list := tasks(p)
	var m measurement
	for _, tk := range list {
		s := start(t, u)
		u.take() // the session's start-up requests, if any, count for the first task
		tk.run(t, s)
		m.names = append(m.names, tk.name)
		m.cold = append(m.cold, costOf(u.take()))
	}
	s := start(t, u)
	for _, tk := range list {
		tk.run(t, s)
	}
	m.listCold = costOf(u.take())
	for _, tk := range list {
		tk.run(t, s)
		m.warm = append(m.warm, costOf(u.take()))
	}
	return m
}

func (m measurement) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-34s %13s %13s\n", "task", "cold cr/rt", "warm cr/rt")
	for i, n := range m.names {
		fmt.Fprintf(&b, "%-34s %7d / %-3d %7d / %-3d\n", n, m.cold[i].Credits, m.cold[i].RoundTrips, m.warm[i].Credits, m.warm[i].RoundTrips)
	}
	w := total(m.warm)
	fmt.Fprintf(&b, "%-34s %7d / %-3d %7d / %-3d (requests: cold %d, warm %d)\n", "whole list (one server)", m.listCold.Credits, m.listCold.RoundTrips, w.Credits, w.RoundTrips, m.listCold.Requests, w.Requests)
	return b.String()
}

// Budgets the task list must stay within.
const (
	budgetWarm = 12
	budgetCold = 13
)

// TestTaskCosts: the fixed task list stays within its credit budgets, and
// every read of a whole ticket costs the same warm as its first page would.
func TestTaskCosts(t *testing.T) {
	m := measure(t)
	t.Logf("\n%s", m)
	if w := total(m.warm).Credits; w > budgetWarm {
		t.Errorf("warm task list costs %d credits, budget %d", w, budgetWarm)
	}
	if c := m.listCold.Credits; c > budgetCold {
		t.Errorf("cold task list costs %d credits, budget %d", c, budgetCold)
	}
	if slices.ContainsFunc(m.warm, func(c cost) bool { return c.Credits == 0 }) {
		t.Errorf("a task cost nothing: the measurement is broken\n%s", m)
	}
	// get_ticket on a 12-message thread: 3 credits in one round trip of
	// wall time (the ticket view and the conversations in parallel).
	if c := m.warm[0]; c.Credits != 3 || c.RoundTrips != 1 {
		t.Errorf("%s (warm): %d credits in %d round trips, want 3 in 1", m.names[0], c.Credits, c.RoundTrips)
	}
	checkReadmeCosts(t, m)
}

// checkReadmeCosts compares the README's task table ("now" columns) with m.
func checkReadmeCosts(t *testing.T, m measurement) {
	t.Helper()
	md := readme(t)
	rows := map[string][2]cost{"whole list, one server": {m.listCold, total(m.warm)}}
	for i, n := range m.names {
		rows[n] = [2]cost{m.cold[i], m.warm[i]}
	}
	cell := `(\d+) / (\d+)`
	for name, want := range rows {
		re := regexp.MustCompile(`(?m)^\| ` + regexp.QuoteMeta(name) + ` \| ` + cell + ` \| ` + cell + ` \| ` + cell + ` \| ` + cell + ` \|$`)
		r := re.FindStringSubmatch(md)
		if r == nil {
			t.Errorf("README's task table has no row %q", name)
			continue
		}
		n := func(i int) int { v, _ := strconv.Atoi(r[i]); return v }
		got := [2]cost{{Credits: n(5), RoundTrips: n(6)}, {Credits: n(7), RoundTrips: n(8)}}
		for k, label := range []string{"cold", "warm"} {
			if got[k].Credits != want[k].Credits || got[k].RoundTrips != want[k].RoundTrips {
				t.Errorf("README: %q %s %d / %d; measured %d / %d", name, label, got[k].Credits, got[k].RoundTrips, want[k].Credits, want[k].RoundTrips)
			}
		}
	}
}

// BenchmarkTaskCosts reports the credits and round trips of the task list
// (cold: fresh server; warm: caches filled).
func BenchmarkTaskCosts(b *testing.B) {
	var m measurement
	for range b.N {
		m = measure(b)
	}
	w := total(m.warm)
	b.ReportMetric(float64(w.Credits), "credits-warm")
	b.ReportMetric(float64(m.listCold.Credits), "credits-cold")
	b.ReportMetric(float64(w.RoundTrips), "roundtrips-warm")
	b.ReportMetric(float64(m.listCold.RoundTrips), "roundtrips-cold")
	b.Logf("\n%s", m)
}
