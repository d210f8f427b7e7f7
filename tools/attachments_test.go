package tools_test

import (
	"strings"
	"testing"
)

// Freshdesk's attachment links are pre-signed and expire minutes after the
// read: answers say so instead of carrying the long signed URL (issue 12).
func TestExpiringAttachmentLinks(t *testing.T) {
	e := newEnv(t, envOpts{})
	var r ticketResult
	txt := e.ok("get_ticket", map[string]any{"ticket_id": 57}, &r)
	if strings.Contains(txt, "X-Amz-") || strings.Contains(txt, "Signature=") {
		t.Errorf("a signed link is in the answer")
	}
	n := 0
	for _, m := range r.Untrusted.Messages {
		for _, a := range m.Attachments {
			n++
			if a.URL != "" || a.LinkExpires != "5 min after the read" || a.Name == "" || a.Size == 0 {
				t.Errorf("message %d attachment %+v", m.N, a)
			}
		}
	}
	if n == 0 {
		t.Fatal("ticket 57 has no attachments: the test proves nothing")
	}
}
