package tools_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/draft"
)

// past_answers gives the model the public reply of a similar resolved ticket
// of another customer, without any contact's personal data (checked against
// every contact of the emulator) and without private notes.
func TestDraftReplyPastAnswersCarryNoPersonalData(t *testing.T) {
	for _, ticket := range []int64{72, 29, 53} {
		e := newDraftEnv(t, draftOpts{})
		var out struct {
			draftOut
			Sources []draft.Source `json:"sources"`
		}
		before := len(e.fd.Requests())
		e.ok("draft_reply", map[string]any{"ticket_id": ticket, "past_answers": true}, &out)
		i := strings.Index(out.GroundingPack, "# Past answers")
		if i < 0 {
			t.Fatalf("ticket %d: no past answer in the pack; notes %q", ticket, out.Notes)
		}
		section := out.GroundingPack[i:]
		var example int64
		for _, s := range out.Sources {
			if s.Kind == draft.SourceExample {
				example = s.ID
			}
		}
		if example == 0 || example == ticket {
			t.Fatalf("ticket %d: sources %+v lack the example", ticket, out.Sources)
		}
		var contacts []struct {
			ID     int64    `json:"id"`
			Name   string   `json:"name"`
			Email  *string  `json:"email"`
			Phone  *string  `json:"phone"`
			Mobile *string  `json:"mobile"`
			Other  []string `json:"other_emails"`
		}
		if err := json.Unmarshal(e.fd.Get(t, "/contacts?per_page=100"), &contacts); err != nil || len(contacts) == 0 {
			t.Fatalf("contacts: %v", err)
		}
		tk, _ := e.fd.Ticket(ticket)
		self, _ := tk["requester_id"].(float64)
		for _, c := range contacts {
			if c.ID == int64(self) {
				continue
			}
			pii := append([]string{c.Name}, c.Other...)
			pii = append(pii, strings.Fields(c.Name)...)
			for _, p := range []*string{c.Email, c.Phone, c.Mobile} {
				if p != nil {
					pii = append(pii, *p)
				}
			}
			for _, v := range pii {
				if len([]rune(v)) >= 3 && strings.Contains(strings.ToLower(section), strings.ToLower(v)) {
					t.Errorf("ticket %d: the past answer (ticket %d) contains contact %d's data %q", ticket, example, c.ID, v)
				}
			}
		}
		for _, cv := range e.fd.Conversations(example) {
			body, _ := cv["body_text"].(string)
			if cv["private"] == true && strings.TrimSpace(body) != "" && strings.Contains(section, strings.TrimSpace(body)) {
				t.Errorf("ticket %d: the private note of ticket %d reached the pack", ticket, example)
			}
		}
		if got := len(e.fd.Requests()) - before; out.Credits > 7+4 || got == 0 {
			t.Errorf("ticket %d: %d credits, %d requests", ticket, out.Credits, got)
		}
		t.Logf("ticket %d: example ticket %d, %d credits:\n%s", ticket, example, out.Credits, section)
	}
}
