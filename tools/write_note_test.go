package tools_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// TestWriteAppliedUnreadable: Freshdesk applied the note but its answer was
// malformed: the write is reported as done (id unknown), remembered by the
// duplicate guard, and never described as "Nothing was written".
func TestWriteAppliedUnreadable(t *testing.T) {
	w := newWriteEnv(t, policyOpts{mode: policy.ModeUnattended})
	w.fd.AddFault(fdtest.Fault{Method: "POST", PathPrefix: fmt.Sprintf("/tickets/%d/notes", openTicket), MalformedJSON: true})
	args := map[string]any{"ticket_id": openTicket, "body": "Applied but unreadable"}
	res := w.call("add_note", args)
	msg := text(res)
	if res.IsError || strings.Contains(msg, "Nothing was written") || !strings.Contains(msg, "WAS written") || !strings.Contains(msg, "list_conversations") {
		t.Errorf("result isError=%v: %s", res.IsError, msg)
	}
	if st := structured(t, res); st["status"] != "written" || st["created_id"] != nil {
		t.Errorf("structured %v", st)
	}
	msg = w.fail("add_note", args)
	if !strings.Contains(strings.ToLower(msg), "duplicate") {
		t.Errorf("retry not refused as duplicate: %s", msg)
	}
	if n := noteCount(w.fd, openTicket, "Applied but unreadable"); n != 1 {
		t.Errorf("%d notes, want exactly 1", n)
	}
	lines := w.audit.lines(t)
	if len(lines) != 2 || lines[0]["outcome"] != "ok" || lines[0]["created_ids"] != nil || lines[1]["decision"] != "duplicate" {
		t.Errorf("audit %v", lines)
	}
}

// TestNotifyEmailsAgentsOnly: notify_emails outside the helpdesk's agents
// are refused before any write (in notes mode no one confirms a note).
func TestNotifyEmailsAgentsOnly(t *testing.T) {
	tests := []struct {
		name   string
		emails []string
		ok     bool
		want   string
	}{
		{"agent", []string{"Priya.Raman@acmecloud.example.com"}, true, ""},
		{"outsider", []string{"leak@evil.example"}, false, "leak@evil.example is not the e-mail of an agent"},
		{"agent and outsiders", []string{"priya.raman@acmecloud.example.com", "a@x.example", "b@y.example"}, false, "a@x.example, b@y.example are not"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := newWriteEnv(t, policyOpts{mode: policy.ModeNotes})
			res := w.call("add_note", map[string]any{"ticket_id": openTicket, "body": "notify " + tc.name, "notify_emails": tc.emails})
			if tc.ok {
				if res.IsError || posts(w.fd) != 1 {
					t.Fatalf("agent notify refused: %s", text(res))
				}
				return
			}
			if !res.IsError || !strings.Contains(text(res), tc.want) || !strings.Contains(text(res), "list_agents") {
				t.Errorf("want refusal with %q: %s", tc.want, text(res))
			}
			if n := posts(w.fd); n != 0 {
				t.Errorf("%d POSTs", n)
			}
		})
	}
}
