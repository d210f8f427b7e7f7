package main

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestPastAnswerTicket pins the facts draft_reply's past-answer examples rely
// on: ticket 73 is another company's resolved 502 with the same fix as the
// showcase escalation, and its public reply carries the personal data that
// anonymization must remove.
func TestPastAnswerTicket(t *testing.T) {
	tickets := ids(load(t, "tickets.json"))
	contacts := ids(load(t, "contacts.json"))
	tk, long := tickets[pastAnswerID], tickets[longID]
	if tk == nil || long == nil {
		t.Fatalf("tickets %d and %d must exist", pastAnswerID, longID)
	}
	cf, longCF := tk["custom_fields"].(obj), long["custom_fields"].(obj)
	checks := []struct {
		name string
		ok   bool
	}{
		{"resolved", num(tk["status"]) == 4},
		{"type Problem", str(tk["type"]) == "Problem"},
		{"same product as 57", cf["cf_product"] == longCF["cf_product"] && str(cf["cf_product"]) == "Acme API Gateway"},
		{"same category as 57", cf["cf_category"] == longCF["cf_category"] && cf["cf_subcategory"] == longCF["cf_subcategory"]},
		{"tech group", num(tk["group_id"]) == groupBase+2},
		{"another company than 57's", tk["company_id"] != nil && num(tk["company_id"]) != num(long["company_id"])},
		{"e-mail source", num(tk["source"]) == 1},
		{"tagged api and 502", strings.Join(anyStrings(tk["tags"]), ",") == "api,502"},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("ticket %d: not %s", pastAnswerID, c.name)
		}
	}
	req := contacts[num(tk["requester_id"])]
	if req == nil || str(req["phone"]) == "" || str(req["language"]) != "en" {
		t.Fatalf("ticket %d: requester %v must be an English contact with a phone number", pastAnswerID, req)
	}
	created, updated := tm(t, tk["created_at"]), tm(t, tk["updated_at"])
	if !created.After(tm(t, tickets[finalID]["created_at"])) || !updated.Before(anchor) {
		t.Errorf("ticket %d: created %v, updated %v; want after ticket %d's creation and before the anchor", pastAnswerID, created, updated, finalID)
	}

	var public, private []obj
	var maxOther int64
	for _, c := range load(t, "conversations.json") {
		if num(c["ticket_id"]) != pastAnswerID {
			maxOther = max(maxOther, num(c["id"]))
			continue
		}
		if c["private"] == true {
			private = append(private, c)
		} else if c["incoming"] != true {
			public = append(public, c)
		}
	}
	if len(public) != 1 || len(private) != 1 {
		t.Fatalf("ticket %d: %d public agent replies and %d private notes, want 1 and 1", pastAnswerID, len(public), len(private))
	}
	if num(public[0]["id"]) <= maxOther {
		t.Errorf("ticket %d: conversation id %v is not after every other conversation (%d)", pastAnswerID, public[0]["id"], maxOther)
	}
	reply := str(public[0]["body_text"])
	// Only the agent's own text, not the sign-off and the quoted customer mail.
	own, _, _ := strings.Cut(reply, "\nBest regards,")
	// The whole reply fits draft_reply's example excerpt (maxExampleRunes in
	// draft/render.go), so every personal detail reaches anonymization
	// instead of being cut off by truncation.
	if n := utf8.RuneCountInString(own); n > 1150 {
		t.Errorf("ticket %d: agent reply has %d runes, want at most 1150", pastAnswerID, n)
	}
	name := str(req["name"])
	for _, want := range []string{"Hi " + firstName(name) + ",", name, str(req["email"]), str(req["phone"]), str(cf["cf_order_number"]), "#73",
		"IdleConnTimeout", "55", "Load balancer idle timeout and keepalive settings"} {
		if !strings.Contains(own, want) {
			t.Errorf("ticket %d: agent reply lacks %q", pastAnswerID, want)
		}
	}
	if note := str(private[0]["body_text"]); !strings.Contains(note, "wiki.acmecloud.internal") || strings.Contains(reply, "wiki.acmecloud.internal") {
		t.Errorf("ticket %d: the internal runbook URL must be in the private note only", pastAnswerID)
	}
}

func anyStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, str(x))
	}
	return out
}

// TestPastAnswerTicketLeavesRandomSourceAlone: ticket 73 is rendered after
// the others; drawing from the shared source there would shift whatever is
// generated after it.
func TestPastAnswerTicketLeavesRandomSourceAlone(t *testing.T) {
	src := rand.NewPCG(1, 2)
	w := &world{rng: rand.New(src), agentByEmail: map[string]person{}, groupID: map[string]int64{},
		groupAgents: map[string][]string{}, contactBy: map[string]person{}, contactComp: map[string]int{}, clientIdx: map[string]int{}}
	w.buildPeople()
	before, err := src.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if convs := w.pastAnswerTicket(convBase); len(convs) == 0 {
		t.Fatal("no conversations")
	}
	after, err := src.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("rendering the past-answer ticket drew from the shared random source")
	}
	if len(w.ratings) != 0 || len(w.times) != 0 {
		t.Errorf("past-answer ticket got %d ratings and %d time entries, want none", len(w.ratings), len(w.times))
	}
	if at := time.Time(w.tickets[0].UpdatedAt); !at.Before(anchor) {
		t.Errorf("updated_at %v, want before the anchor", at)
	}
}
