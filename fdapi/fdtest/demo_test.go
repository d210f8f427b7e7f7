package fdtest

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestDemoLoads(t *testing.T) {
	clk := &fakeClock{t: time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)}
	ts := NewServer(t, Options{Demo: true, Now: clk.now})
	counts := ts.Counts()
	min := map[string]int{"tickets": 60, "conversations": 200, "companies": 5, "contacts": 30, "agents": 6,
		"groups": 4, "solution_articles": 20, "canned_responses": 10, "ticket_fields": 10}
	for k, n := range min {
		if counts[k] < n {
			t.Errorf("%s: %d, want >= %d", k, counts[k], n)
		}
	}
	if ts.MeAgentID() == 0 {
		t.Error("no me agent")
	}
	// The newest activity moves to Now.
	var newest time.Time
	for _, id := range ts.TicketIDs() {
		tk, _ := ts.Ticket(id)
		if u, ok := parseTime(tk["updated_at"].(string)); ok && u.After(newest) {
			newest = u
		}
	}
	if newest.After(clk.t) || clk.t.Sub(newest) > 24*time.Hour {
		t.Errorf("newest ticket update %v, now %v", newest, clk.t)
	}
	paths := []string{"/agents/me", "/agents", "/groups", "/companies", "/contacts", "/ticket_fields",
		"/tickets?include=requester,stats,description,company", "/solutions/categories", "/canned_response_folders",
		"/search/solutions?term=api", "/search/tickets?query=%22status:2%22"}
	for _, p := range paths {
		resp, b := call(t, ts, "GET", "/api/v2"+p, "")
		if resp.StatusCode != 200 || len(b) < 3 {
			t.Errorf("%s: %d %.200s", p, resp.StatusCode, b)
		}
	}
	for _, id := range ts.TicketIDs() {
		resp, b := call(t, ts, "GET", "/api/v2/tickets/"+itoa(int(id))+"?include=conversations,requester,company,stats", "")
		if resp.StatusCode != 200 {
			t.Fatalf("ticket %d: %d %s", id, resp.StatusCode, b)
		}
	}
}

func TestNewDemo(t *testing.T) {
	s := NewDemo()
	if s.APIKey() != "demo" || s.Counts()["tickets"] == 0 {
		t.Errorf("NewDemo: key %q, %d tickets", s.APIKey(), s.Counts()["tickets"])
	}
}

func TestLoadFS(t *testing.T) {
	fsys := fstest.MapFS{
		"anchor.txt":   {Data: []byte("2026-01-01T00:00:00Z\n")},
		"account.json": {Data: []byte(`{"me_agent_id": 77, "domain": "acme"}`)},
		"agents.json":  {Data: []byte(`[{"id": 77, "contact": {"name": "Me", "email": "me@acme.test"}}]`)},
		"tickets.json": {Data: []byte(`[{"id": 1, "subject": "s", "created_at": "2025-12-31T00:00:00Z", "updated_at": "2025-12-31T12:00:00Z"}]`)},
		"ticket_stats.json": {Data: []byte(`[{"ticket_id": 1, "agent_responded_at": null, "requester_responded_at": null,
			"first_responded_at": null, "status_updated_at": "2025-12-31T12:00:00Z", "reopened_at": null,
			"resolved_at": null, "closed_at": null, "pending_since": null}]`)},
		"conversations.json": {Data: []byte(`[{"id": 5, "ticket_id": 1, "body": "<p>x</p>", "created_at": "2025-12-31T06:00:00Z"}]`)},
	}
	clk := &fakeClock{t: time.Date(2026, 1, 11, 0, 0, 0, 0, time.UTC)}
	s := New(Options{Now: clk.now})
	if err := s.LoadFS(fsys); err != nil {
		t.Fatal(err)
	}
	tk, _ := s.Ticket(1)
	if tk["created_at"] != "2026-01-10T00:00:00Z" || tk["updated_at"] != "2026-01-10T12:00:00Z" {
		t.Errorf("shifted times: %v %v", tk["created_at"], tk["updated_at"])
	}
	if s.MeAgentID() != 77 || s.Counts()["ticket_fields"] == 0 {
		t.Errorf("me %d, fields %d", s.MeAgentID(), s.Counts()["ticket_fields"])
	}
	if c := s.Conversations(1); len(c) != 1 || c[0]["created_at"] != "2026-01-10T06:00:00Z" || c[0]["body_text"] != "x" {
		t.Errorf("conversations %v", c)
	}
	s.mu.Lock()
	stats := s.statsOf(s.st.tickets.get(1))
	s.mu.Unlock()
	if stats.getString("status_updated_at") != "2026-01-10T12:00:00Z" {
		t.Errorf("stats not loaded/shifted: %v", toPlain(stats))
	}
	for name, bad := range map[string]string{"tickets.json": `{"id":1}`, "agents.json": `[1]`, "contacts.json": `[{`} {
		err := New(Options{}).LoadFS(fstest.MapFS{name: {Data: []byte(bad)}})
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s %s: err %v", name, bad, err)
		}
	}
}
