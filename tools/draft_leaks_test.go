package tools_test

import (
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
)

// A draft that copies a private note is flagged, and the warning heads the
// saved note, before the draft itself.
func TestDraftReplyPrivateNoteLeakWarning(t *testing.T) {
	const leaked = "Checked the logs: customer's requests are hitting the edge in eu-west."
	fm := newFakeModel(t, 200, answer("Hi,\n\n"+leaked+" We are looking into it.\n\n[Agent name]", "en"), 0)
	e := newDraftEnv(t, draftOpts{model: fm, mode: policy.ModeNotes})
	var out draftOut
	e.ok("draft_reply", map[string]any{"ticket_id": 10, "save_as_note": true}, &out)
	joined := strings.Join(out.Warnings, "\n")
	if !strings.Contains(joined, "copies text from") || !strings.Contains(joined, "private note") {
		t.Fatalf("warnings %q lack the private-note copy", out.Warnings)
	}
	if out.SavedNote == nil || out.SavedNote.Status != "saved" {
		t.Fatalf("saved_note = %+v", out.SavedNote)
	}
	convs := e.fd.Conversations(10)
	body := unescape(t, fmtAny(convs[len(convs)-1]["body"]))
	w, d := strings.Index(body, "copies text from"), strings.Index(body, "----- draft -----")
	if !strings.HasPrefix(body, tools.DraftNoteHeader) || w < 0 || d < 0 || w > d {
		t.Errorf("the warning does not head the note: %.600s", body)
	}
}
