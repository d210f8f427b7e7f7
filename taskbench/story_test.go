package taskbench

import (
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// TestDemoStory walks the demo's showcase end to end as an assistant would:
// read the escalation (ticket 57), find the knowledge-base articles that
// ground an answer, and draft a reply that uses them. Issue 12 found that
// search_solutions had nothing for the ticket's own terms.
func TestDemoStory(t *testing.T) {
	u := newUpstream(t)
	s := start(t, u)
	const showcase = 57
	tk, ok := u.fd.Ticket(showcase)
	if !ok || !strings.Contains(tk["subject"].(string), "502") {
		t.Fatalf("ticket %d is not the 502 escalation: %v", showcase, tk["subject"])
	}
	if n := readThread(t, s, showcase); n != len(u.fd.Conversations(showcase))+1 {
		t.Errorf("read %d messages of ticket %d", n, showcase)
	}
	for _, term := range []string{"502", "gateway", "timeout", "keepalive", "region migration"} {
		out := s.call(t, "search_solutions", map[string]any{"term": term})
		if arts, _ := out["articles"].([]any); len(arts) == 0 {
			t.Errorf("search_solutions %q finds nothing", term)
		}
	}
	// In every language of the demo (the emulator's search hits carry it).
	var hits []struct {
		Language string `json:"language"`
	}
	if err := json.Unmarshal(fdtestGet(t, u.fd, "/search/solutions?term="+url.QueryEscape("502")), &hits); err != nil {
		t.Fatal(err)
	}
	var langs []string
	for _, h := range hits {
		langs = append(langs, h.Language)
	}
	for _, l := range []string{"en", "ko", "ja", "de"} {
		if !slices.Contains(langs, l) {
			t.Errorf("no 502 article in %s (languages found: %v)", l, langs)
		}
	}
	out := s.call(t, "draft_reply", map[string]any{"ticket_id": showcase})
	used, _ := out["articles_used"].([]any)
	var titles []string
	for _, a := range used {
		titles = append(titles, a.(map[string]any)["title"].(string))
	}
	if !slices.ContainsFunc(titles, func(s string) bool { return strings.Contains(s, "502") }) {
		t.Errorf("draft_reply for ticket %d used no 502 article: %q", showcase, titles)
	}
}
