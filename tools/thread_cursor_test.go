package tools_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/shape"
)

// longLinkAttachments returns n attachment records with long links that do
// not expire (so answers keep them): the shape that made a message's
// metadata alone exceed the size cap. (Signed links are replaced by their
// expiry: TestExpiringAttachmentLinks.)
func longLinkAttachments(prefix string, n int) []any {
	out := make([]any, n)
	for i := range n {
		name := fmt.Sprintf("%s-%02d.pdf", prefix, i+1)
		out[i] = map[string]any{
			"id": 9100000000 + int64(i), "name": name, "content_type": "application/pdf", "size": 1000 + i,
			"attachment_url": "https://files.example.com/data/helpdesk/attachments/production/" + strings.Repeat("f", 376) + "/" + name,
		}
	}
	return out
}

// addThread seeds a ticket whose description has descAtts attachments and
// whose conversations have the given texts and attachment counts.
func addThread(t *testing.T, fd *fdtest.TestServer, desc string, descAtts int, convs []struct {
	text string
	atts int
}) int64 {
	t.Helper()
	id, err := fd.AddTicket(fdtest.Record{"subject": "Attachments", "description": "<div>" + desc + "</div>", "description_text": desc,
		"attachments": longLinkAttachments("desc", descAtts)})
	if err != nil {
		t.Fatalf("AddTicket: %v", err)
	}
	for i, c := range convs {
		if _, err := fd.AddConversation(id, fdtest.Record{"body": "<div>" + c.text + "</div>", "body_text": c.text, "incoming": true,
			"attachments": longLinkAttachments(fmt.Sprintf("conv%d", i+2), c.atts)}); err != nil {
			t.Fatalf("AddConversation: %v", err)
		}
	}
	return id
}

// followCursor calls tool from cursor cur until the thread ends, checking
// that every call advances, and returns pieces with every delivered message
// appended.
func followCursor(t *testing.T, e *env, tool string, id int64, maxChars int, cur string, pieces []msg) []msg {
	t.Helper()
	seen := map[string]bool{}
	for calls := 1; cur != ""; calls++ {
		if seen[cur] {
			t.Fatalf("call %d: cursor %q was returned before: the thread does not advance", calls, cur)
		}
		seen[cur] = true
		if calls > 60 {
			t.Fatal("cursor loop does not end")
		}
		var next ticketResult
		e.ok(tool, map[string]any{"ticket_id": id, "cursor": cur, "max_chars": maxChars}, &next)
		if next.NextCursor == cur {
			t.Fatalf("call %d returned the cursor it was given", calls+1)
		}
		if next.NextCursor != "" && !strings.Contains(next.Note, "cursor=") {
			t.Errorf("continuation without a note naming the cursor: %q", next.Note)
		}
		if len(next.Untrusted.Messages) == 0 {
			t.Errorf("call %d delivered nothing", calls+1)
		}
		pieces = append(pieces, next.Untrusted.Messages...)
		cur = next.NextCursor
	}
	return pieces
}

// TestThreadCursorAlwaysAdvances is the loop guard: following next_cursor
// must end, every cursor must differ from the one given, and every message
// and every attachment must arrive exactly once, even when a message's
// attachment list alone is larger than max_chars.
func TestThreadCursorAlwaysAdvances(t *testing.T) {
	type conv = struct {
		text string
		atts int
	}
	long := strings.Repeat("The export keeps failing with a timeout. ", 150)
	tests := []struct {
		name     string
		desc     string
		descAtts int
		convs    []conv
		maxChars int
		tool     string
	}{
		{"review repro: 8 attachments with long links, short text", "Hello", 0, []conv{{"Thanks, see attached.", 8}}, 2000, "get_ticket"},
		{"description with 30 attachments", "See the files.", 30, []conv{{"ok", 0}}, 2000, "get_ticket"},
		{"long text then many attachments", long, 12, []conv{{long, 9}, {"Thanks, see attached.", 8}}, 2000, "get_ticket"},
		{"attachments after earlier messages", "Hi", 0, []conv{{"first", 1}, {"second", 0}, {"Thanks, see attached.", 8}, {"after", 2}}, 2000, "get_ticket"},
		{"list_conversations continuation", "Hi", 0, []conv{{"Thanks, see attached.", 8}, {long, 8}}, 2000, "list_conversations"},
		{"roomy cap", long, 12, []conv{{long, 9}, {"Thanks, see attached.", 8}}, 24000, "get_ticket"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			id := addThread(t, e.fd, tc.desc, tc.descAtts, tc.convs)
			var first ticketResult
			e.ok("get_ticket", map[string]any{"ticket_id": id, "max_chars": tc.maxChars}, &first)
			pieces := slices.Clone(first.Untrusted.Messages)
			pieces = followCursor(t, e, tc.tool, id, tc.maxChars, first.NextCursor, pieces)
			msgs := joinPieces(t, pieces)
			if len(msgs) != len(tc.convs)+1 {
				t.Fatalf("got %d messages, want %d", len(msgs), len(tc.convs)+1)
			}
			wantAtts := []int{tc.descAtts}
			wantText := []string{tc.desc}
			for _, c := range tc.convs {
				wantAtts = append(wantAtts, c.atts)
				wantText = append(wantText, c.text)
			}
			for i, m := range msgs {
				if m.N != i+1 {
					t.Errorf("message %d has n=%d", i+1, m.N)
				}
				if got, want := squash(m.Text), squash(wantText[i]); got != want {
					t.Errorf("message %d text: got %d runes, want %d", m.N, len(got), len(want))
				}
				var names []string
				for _, a := range m.Attachments {
					names = append(names, a.Name)
					if !strings.HasSuffix(a.URL, "/"+a.Name) {
						t.Errorf("message %d attachment %s lost its URL", m.N, a.Name)
					}
				}
				prefix := fmt.Sprintf("conv%d", m.N)
				if m.N == 1 {
					prefix = "desc"
				}
				var want []string
				for k := range wantAtts[i] {
					want = append(want, fmt.Sprintf("%s-%02d.pdf", prefix, k+1))
				}
				if !slices.Equal(names, want) {
					t.Errorf("message %d attachments %v, want each of %v exactly once, in order", m.N, names, want)
				}
			}
		})
	}
}

// TestThreadAttachmentPagingNote: a message whose attachments do not fit is
// delivered with part of its list, marked attachments_continue, and the note
// says so.
func TestThreadAttachmentPagingNote(t *testing.T) {
	e := newEnv(t, envOpts{})
	id := addThread(t, e.fd, "Hello", 0, []struct {
		text string
		atts int
	}{{"Thanks, see attached.", 8}})
	var first ticketResult
	e.ok("get_ticket", map[string]any{"ticket_id": id, "max_chars": 2000}, &first)
	var r ticketResult
	e.ok("get_ticket", map[string]any{"ticket_id": id, "max_chars": 2000, "cursor": first.NextCursor}, &r)
	raw := e.ok("get_ticket", map[string]any{"ticket_id": id, "max_chars": 2000, "cursor": first.NextCursor}, nil)
	if !strings.Contains(raw, `"attachments_continue":true`) || !strings.Contains(r.Note, "attachment") || r.NextCursor == "" {
		t.Errorf("a paged attachment list must be flagged and explained: note %q, answer %.400s", r.Note, raw)
	}
}

// TestThreadPiecesFillTheCap: escape-heavy text ("quotes", newlines) is cut
// by its encoded size, so each answer is close to max_chars instead of the
// 400-rune minimum piece.
func TestThreadPiecesFillTheCap(t *testing.T) {
	tests := []struct {
		name, unit string
	}{
		{"quotes and newlines", "She said \"no\" and \"stop\"\n"},
		{"backslashes", `C:\dir\sub\file.txt `},
		{"plain", "plain words only here "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			text := strings.Repeat(tc.unit, 20000/len(tc.unit))
			id, err := e.fd.AddTicket(fdtest.Record{"subject": "Escapes", "description_text": text, "description": ""})
			if err != nil {
				t.Fatal(err)
			}
			const maxChars = 4000
			var r ticketResult
			txt := e.ok("get_ticket", map[string]any{"ticket_id": id, "max_chars": maxChars}, &r)
			for calls := 0; r.NextCursor != ""; calls++ {
				if calls > 40 {
					t.Fatal("too many calls")
				}
				if n := shape.Runes(txt); n < maxChars*3/4 || n > maxChars+300 { // the note and cursor come on top of the packed thread
					t.Errorf("a cut answer has %d runes with max_chars=%d; want it filled (75%%..100%%)", n, maxChars)
				}
				cur := r.NextCursor
				r = ticketResult{}
				txt = e.ok("get_ticket", map[string]any{"ticket_id": id, "max_chars": maxChars, "cursor": cur}, &r)
			}
		})
	}
}

// TestThreadRolesIndependentOfPage: a message has the same role (and the
// requester the same author name) whether it is read in get_ticket's first
// answer, in a cursor continuation or in list_conversations. Before, the
// requester was known only on the first page, so their non-incoming replies
// (and those of other contacts) became "agent" on later pages.
func TestThreadRolesIndependentOfPage(t *testing.T) {
	e := newEnv(t, envOpts{})
	ann, err := e.fd.AddContact(fdtest.Record{"name": "Ann Example", "email": "ann@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	bob, err := e.fd.AddContact(fdtest.Record{"name": "Bob Cc", "email": "bob@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	agent := e.fd.MeAgentID()
	id, err := e.fd.AddTicket(fdtest.Record{"subject": "Roles", "description_text": "Help", "description": "<div>Help</div>", "requester_id": ann})
	if err != nil {
		t.Fatal(err)
	}
	type conv struct {
		user     int64
		incoming bool
		from     string
		want     string
	}
	var convs []conv
	for range 5 { // 15 conversations: the later ones are beyond the embed of 10
		convs = append(convs,
			conv{ann, false, "Ann Example <ann@example.com>", "customer"}, // a portal reply: not incoming
			conv{bob, false, "Bob Cc <bob@example.com>", "customer"},
			conv{agent, false, "", "agent"})
	}
	for i, c := range convs {
		r := fdtest.Record{"body_text": fmt.Sprintf("message %d", i+2), "body": fmt.Sprintf("<div>message %d</div>", i+2), "incoming": c.incoming, "user_id": c.user}
		if c.from != "" {
			r["from_email"] = c.from
		}
		if _, err := e.fd.AddConversation(id, r); err != nil {
			t.Fatal(err)
		}
	}
	_, viaCursor, _ := readThread(t, e, id, 100000, "get_ticket")
	var page ticketResult
	e.ok("list_conversations", map[string]any{"ticket_id": id}, &page)
	if len(viaCursor) != len(convs)+1 || len(page.Untrusted.Messages) != len(convs) {
		t.Fatalf("got %d and %d messages", len(viaCursor), len(page.Untrusted.Messages))
	}
	for i, c := range convs {
		n := i + 2
		for _, got := range []struct {
			how string
			m   msg
		}{{"get_ticket", viaCursor[n-1]}, {"list_conversations", page.Untrusted.Messages[i]}} {
			if got.m.N != n || got.m.Role != c.want {
				t.Errorf("%s: message %d (user %d) role %q, want %q", got.how, got.m.N, c.user, got.m.Role, c.want)
			}
		}
		if c.user == ann && viaCursor[n-1].From != "Ann Example" {
			t.Errorf("get_ticket message %d: the requester's author is %q, want \"Ann Example\" on every page", n, viaCursor[n-1].From)
		}
	}
}
