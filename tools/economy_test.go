package tools_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// keySentence picks the longest line of a raw message body that comes before
// any quoted history or signature: the sentence an agent must not lose.
func keySentence(bodyText string) string {
	best := ""
	for _, line := range strings.Split(bodyText, "\n") {
		l := strings.TrimSpace(line)
		if strings.HasSuffix(l, "wrote:") || l == "--" || strings.HasPrefix(l, "-----Original") || strings.HasPrefix(l, "From:") {
			break
		}
		if strings.HasPrefix(l, ">") {
			continue
		}
		if len([]rune(l)) > len([]rune(best)) {
			best = l
		}
	}
	return best
}

// rawTicket reads ticket id and all its conversations as raw Freshdesk JSON;
// rawBytes is their size.
func rawTicket(t *testing.T, e *env, id int64) (tk map[string]any, convs []map[string]any, rawBytes int) {
	rawView := e.fd.Get(t, fmt.Sprintf("/tickets/%d", id))
	rawBytes = len(rawView)
	for page := 1; ; page++ {
		b := e.fd.Get(t, fmt.Sprintf("/tickets/%d/conversations?per_page=100&page=%d", id, page))
		rawBytes += len(b)
		var pg []map[string]any
		if err := json.Unmarshal(b, &pg); err != nil {
			t.Fatal(err)
		}
		convs = append(convs, pg...)
		if len(pg) < 100 {
			break
		}
	}
	if err := json.Unmarshal(rawView, &tk); err != nil {
		t.Fatal(err)
	}

	return tk, convs, rawBytes
}

// allOfTicket reads ticket id with get_ticket, following the cursor: the
// header, every message, all the text and its size.
func allOfTicket(t *testing.T, e *env, id int64) (header ticketResult, msgs []msg, text string, ourBytes int) {
	// Our answer: every get_ticket text, following the cursor.
	var all strings.Builder
	args := map[string]any{"ticket_id": id, "max_chars": 100000}
	for calls := 0; calls < 10; calls++ {
		txt := e.ok("get_ticket", args, nil)
		ourBytes += len(txt)
		all.WriteString(txt)
		var r ticketResult
		decode(t, txt, &r)
		if r.Ticket != nil {
			header = r
		}
		msgs = append(msgs, r.Untrusted.Messages...)
		if r.NextCursor == "" {
			break
		}
		args = map[string]any{"ticket_id": id, "max_chars": 100000, "cursor": r.NextCursor}
	}
	return header, msgs, all.String(), ourBytes
}

// TestTokenEconomy: for the demo ticket with the longest thread, the text of
// get_ticket (max_chars 100000, following next_cursor to the end: 1 call) is
// at most 30% of the bytes of the raw Freshdesk JSON for the same ticket (the
// plain view plus every conversation page of 100), and the named checks below
// prove nothing a support agent needs is lost.
func TestTokenEconomy(t *testing.T) {
	e := newEnv(t, envOpts{})
	id, _ := longestThread(e)

	tk, convs, rawBytes := rawTicket(t, e, id)
	header, msgs, text, ourBytes := allOfTicket(t, e, id)
	ratio := float64(ourBytes) / float64(rawBytes)
	t.Logf("token economy: ticket %d, %d conversations: get_ticket %d bytes / raw Freshdesk JSON %d bytes = %.1f%%", id, len(convs), ourBytes, rawBytes, 100*ratio)
	if ratio > 0.30 {
		t.Errorf("get_ticket text is %.1f%% of the raw JSON, want <= 30%%", 100*ratio)
	}

	has := func(check, s string) {
		t.Helper()
		if s == "" || !strings.Contains(squash(text), squash(s)) {
			t.Errorf("lost information [%s]: %q", check, s)
		}
	}
	h := header.Ticket
	has("subject", tk["subject"].(string))
	has("status name", h.Status)
	has("priority name", h.Priority)
	if h.Status != "Open" || h.Priority != "Urgent" {
		t.Errorf("status/priority names: %s / %s", h.Status, h.Priority)
	}
	has("requester name", "Daniel Brooks")
	has("requester email", "daniel.brooks@northwind.example.com")
	has("company id", fmt.Sprintf("%.0f", tk["company_id"])) // its name only once known: see TestGetTicketKorean
	has("agent name", "Sarah Chen")
	has("group name", "Escalations")
	for _, tag := range tk["tags"].([]any) {
		has("tag", tag.(string))
	}
	for k, v := range tk["custom_fields"].(map[string]any) {
		if v == nil {
			continue
		}
		has("custom field "+k, fmt.Sprint(v))
	}
	has("description key sentence", keySentence(tk["description_text"].(string)))
	if len(msgs) != len(convs)+1 {
		t.Fatalf("messages %d, want %d", len(msgs), len(convs)+1)
	}
	agents := map[string]bool{"Sarah Chen": true, "Priya Raman": true}
	for i, c := range convs {
		m := msgs[i+1]
		at, _ := time.Parse(time.RFC3339, c["created_at"].(string))
		if m.At != at.UTC().Format(time.RFC3339) {
			t.Errorf("message %d date %s, want %s", m.N, m.At, c["created_at"])
		}
		if m.From == "" || (c["incoming"] == false && c["private"] == false && !agents[m.From]) {
			t.Errorf("message %d author %q", m.N, m.From)
		}
		has(fmt.Sprintf("message %d key sentence", m.N), keySentence(c["body_text"].(string)))
		for _, a := range c["attachments"].([]any) {
			has(fmt.Sprintf("message %d attachment", m.N), a.(map[string]any)["name"].(string))
		}
	}
	for _, a := range tk["attachments"].([]any) {
		has("description attachment", a.(map[string]any)["name"].(string))
	}
}
