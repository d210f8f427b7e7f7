package tools_test

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/shape"
)

// Decoding types for tool results (the wire JSON, not the package's types).
type msg struct {
	N             int    `json:"n"`
	At            string `json:"at"`
	From          string `json:"from"`
	Role          string `json:"role"`
	Text          string `json:"text"`
	Continued     bool   `json:"continued"`
	TextContinues bool   `json:"text_continues"`
	Hidden        bool   `json:"hidden_chars_removed"`
	Attachments   []struct {
		Name        string `json:"name"`
		Size        int64  `json:"size"`
		URL         string `json:"url"`
		LinkExpires string `json:"link_expires"`
	} `json:"attachments"`
}

type ticketResult struct {
	Ticket *struct {
		ID        int64  `json:"id"`
		Status    string `json:"status"`
		Priority  string `json:"priority"`
		Source    string `json:"source"`
		Type      string `json:"type"`
		Group     string `json:"group"`
		Agent     string `json:"agent"`
		Requester struct {
			Email     string `json:"email"`
			Untrusted struct {
				Name string `json:"name"`
			} `json:"untrusted_customer_content"`
		} `json:"requester"`
		Company      string         `json:"company"`
		CompanyID    int64          `json:"company_id"`
		Tags         []string       `json:"tags"`
		CustomFields map[string]any `json:"custom_fields"`
		CreatedAt    string         `json:"created_at"`
	} `json:"ticket"`
	TicketID  int64 `json:"ticket_id"`
	Untrusted struct {
		Notice   string `json:"notice"`
		Subject  string `json:"subject"`
		Messages []msg  `json:"messages"`
	} `json:"untrusted_customer_content"`
	Truncated  bool   `json:"truncated"`
	HasMore    bool   `json:"has_more"`
	NextCursor string `json:"next_cursor"`
	Note       string `json:"note"`
}

// longestThread returns the demo ticket with the most conversations.
func longestThread(e *env) (int64, int) {
	var best int64
	n := -1
	for _, id := range e.fd.TicketIDs() {
		if c := len(e.fd.Conversations(id)); c > n {
			best, n = id, c
		}
	}
	return best, n
}

// readThread calls get_ticket and follows next_cursor with tool until the end;
// it returns the first answer and every message piece in order.
func readThread(t *testing.T, e *env, id int64, maxChars int, tool string) (ticketResult, []msg, int) {
	t.Helper()
	var first ticketResult
	e.ok("get_ticket", map[string]any{"ticket_id": id, "max_chars": maxChars}, &first)
	msgs := slices.Clone(first.Untrusted.Messages)
	cur, calls := first.NextCursor, 1
	for cur != "" {
		if calls > 200 {
			t.Fatal("cursor loop does not end")
		}
		if !strings.Contains(first.Note+"", "cursor") {
			t.Errorf("truncated answer without a note naming cursor: %q", first.Note)
		}
		var next ticketResult
		e.ok(tool, map[string]any{"ticket_id": id, "cursor": cur, "max_chars": maxChars}, &next)
		if next.Ticket != nil || next.TicketID != id {
			t.Errorf("continuation should omit the header and name ticket %d: %+v", id, next.TicketID)
		}
		msgs = append(msgs, next.Untrusted.Messages...)
		cur = next.NextCursor
		calls++
	}
	return first, msgs, calls
}

// joinPieces merges split messages back into whole messages.
func joinPieces(t *testing.T, pieces []msg) []msg {
	t.Helper()
	var out []msg
	for _, p := range pieces {
		if p.Continued {
			if len(out) == 0 || out[len(out)-1].N != p.N {
				t.Fatalf("continued piece of message %d without its start", p.N)
			}
			last := &out[len(out)-1]
			last.Text += " " + p.Text
			last.Attachments = append(last.Attachments, p.Attachments...)
			continue
		}
		out = append(out, p)
	}
	return out
}

var (
	quotedHistory = regexp.MustCompile(`(?m)^(On .+wrote:|>.*|-----Original Message-----)$`)
	validRoles    = []string{"customer", "agent", "private_note", "system"}
)

func TestGetTicketLongestThread(t *testing.T) {
	e := newEnv(t, envOpts{})
	id, convs := longestThread(e)
	if convs <= 10 {
		t.Fatalf("demo's longest thread has %d conversations; the test needs more than the 10 a ticket view embeds", convs)
	}
	first, msgs, calls := readThread(t, e, id, 100000, "get_ticket")
	if first.Truncated || first.NextCursor != "" || calls != 1 {
		t.Errorf("a thread of %d conversations must come whole in one answer: %d calls, truncated %v, cursor %q", convs, calls, first.Truncated, first.NextCursor)
	}
	if len(msgs) != convs+1 {
		t.Fatalf("got %d messages, want description + %d conversations", len(msgs), convs)
	}
	raw := e.fd.Conversations(id)
	for i, m := range msgs {
		if m.N != i+1 {
			t.Errorf("message %d has n=%d: order broken, lost or duplicated", i+1, m.N)
		}
		if !slices.Contains(validRoles, m.Role) {
			t.Errorf("message %d: role %q", m.N, m.Role)
		}
		if m.From == "" || m.At == "" {
			t.Errorf("message %d: missing author or date", m.N)
		}
		if strings.Contains(m.Text, "<div") || strings.Contains(m.Text, "<br") {
			t.Errorf("message %d still has HTML: %q", m.N, m.Text)
		}
		if quotedHistory.MatchString(m.Text) {
			t.Errorf("message %d still has quoted history: %q", m.N, m.Text)
		}
		if i > 0 {
			c := raw[i-1]
			at, _ := time.Parse(time.RFC3339, c["created_at"].(string))
			if m.At != at.UTC().Format(time.RFC3339) {
				t.Errorf("message %d at %s, conversation %d created %s", m.N, m.At, i, c["created_at"])
			}
			wantRole := "agent"
			switch {
			case c["private"] == true:
				wantRole = "private_note"
			case c["incoming"] == true:
				wantRole = "customer"
			}
			if m.Role != wantRole {
				t.Errorf("message %d role %s, want %s", m.N, m.Role, wantRole)
			}
		}
	}
	if msgs[0].Role != "customer" {
		t.Errorf("the description must be message 1 from the customer, got %s", msgs[0].Role)
	}
	if first.Ticket == nil || first.Ticket.Status == "" || first.Ticket.Priority == "" || first.Ticket.Requester.Email == "" {
		t.Errorf("header incomplete: %+v", first.Ticket)
	}
}

// TestGetTicketCursorSplitsLosslessly reads the longest thread with the
// smallest cap: messages are split across calls, and joining the pieces gives
// exactly the text of one large read (nothing lost, nothing duplicated).
func TestGetTicketCursorSplitsLosslessly(t *testing.T) {
	e := newEnv(t, envOpts{})
	id, _ := longestThread(e)
	_, whole, _ := readThread(t, e, id, 100000, "get_ticket")
	for _, tool := range []string{"get_ticket", "list_conversations"} {
		_, pieces, calls := readThread(t, e, id, 2000, tool)
		if calls < 3 {
			t.Errorf("%s: max_chars=2000 took %d calls; expected the cap to split the thread", tool, calls)
		}
		joined := joinPieces(t, pieces)
		if len(joined) != len(whole) {
			t.Fatalf("%s: %d messages after joining pieces, want %d", tool, len(joined), len(whole))
		}
		for i := range whole {
			a, b := strings.Join(strings.Fields(joined[i].Text), " "), strings.Join(strings.Fields(whole[i].Text), " ")
			if a != b || joined[i].N != whole[i].N || len(joined[i].Attachments) != len(whole[i].Attachments) {
				t.Errorf("%s: message %d differs after the split:\n got %q\nwant %q", tool, whole[i].N, a, b)
			}
		}
	}
}

func TestGetTicketSizeCapRespected(t *testing.T) {
	e := newEnv(t, envOpts{})
	id, _ := longestThread(e)
	txt := e.ok("get_ticket", map[string]any{"ticket_id": id, "max_chars": 2000}, nil)
	if n := shape.Runes(txt); n > 2600 { // the cap plus one minimum piece of slack
		t.Errorf("answer has %d runes with max_chars=2000", n)
	}
}

func TestGetTicketCursorErrors(t *testing.T) {
	e := newEnv(t, envOpts{})
	id, _ := longestThread(e)
	var first ticketResult
	e.ok("get_ticket", map[string]any{"ticket_id": id, "max_chars": 2000}, &first)
	if first.NextCursor == "" {
		t.Fatal("the test needs a cursor: the thread fits in 2000 characters")
	}
	e.fd.ResetRequests()
	tests := []struct {
		name, cursor string
		ticket       int64
		want         string
	}{
		{"garbage", "not-a-cursor!", id, "not a valid cursor"},
		{"other ticket", first.NextCursor, id + 1, "belongs to ticket"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := e.fail("get_ticket", map[string]any{"ticket_id": tc.ticket, "cursor": tc.cursor})
			if !strings.Contains(got, tc.want) {
				t.Errorf("error %q does not contain %q", got, tc.want)
			}
		})
	}
	if n := len(e.fd.Requests()); n != 0 {
		t.Errorf("a bad cursor made %d upstream calls", n)
	}
}

func TestGetTicketCreditsMatchEmulator(t *testing.T) {
	e := newEnv(t, envOpts{})
	// cold: ticket fields + the ticket with its requester (2) + its
	// conversations (1); warm: the last two only.
	for i, want := range []int{4, 3} {
		e.fd.ResetRequests()
		res := e.call("get_ticket", map[string]any{"ticket_id": 57})
		if res.IsError {
			t.Fatal(text(res))
		}
		got := metaInt(t, res, "credits_used")
		if charged := credits(e.fd.Requests()); got != charged || got != want {
			t.Errorf("call %d: _meta.credits_used=%d, emulator charged %d, want %d", i+1, got, charged, want)
		}
		if rem := metaInt(t, res, "account_remaining"); rem != e.fd.Remaining() {
			t.Errorf("account_remaining=%d, emulator says %d", rem, e.fd.Remaining())
		}
	}
	var got []string
	for _, r := range e.fd.Requests() {
		got = append(got, r.Path+"?"+r.Query)
	}
	slices.Sort(got)
	want := []string{"/api/v2/tickets/57/conversations?page=1&per_page=100", "/api/v2/tickets/57?include=requester"}
	if !slices.Equal(got, want) {
		t.Errorf("warm get_ticket requests %q, want %q", got, want)
	}
}

func TestGetTicketKorean(t *testing.T) {
	e := newEnv(t, envOpts{})
	raw, ok := e.fd.Ticket(2)
	if !ok {
		t.Fatal("demo ticket 2 missing")
	}
	var r ticketResult
	e.ok("get_ticket", map[string]any{"ticket_id": 2}, &r)
	if r.Untrusted.Subject != raw["subject"] {
		t.Errorf("subject %q, want %q", r.Untrusted.Subject, raw["subject"])
	}
	if !strings.Contains(r.Untrusted.Messages[0].Text, "연간 결제도 가능한지") {
		t.Errorf("Korean content damaged: %+v", r.Untrusted.Messages[0])
	}
	// The company is named once an answer has carried its name (here
	// get_company), at no extra credit: get_ticket never pays for it.
	co, _ := raw["company_id"].(json.Number)
	if r.Ticket.CompanyID == 0 || co.String() != strconv.FormatInt(r.Ticket.CompanyID, 10) || r.Ticket.Company != "" {
		t.Fatalf("company before any company answer: %q, id %d; want only the id %s", r.Ticket.Company, r.Ticket.CompanyID, co)
	}
	e.ok("get_company", map[string]any{"company_id": r.Ticket.CompanyID}, nil)
	e.fd.ResetRequests()
	res := e.call("get_ticket", map[string]any{"ticket_id": 2})
	decode(t, text(res), &r)
	if r.Ticket.Company != "서울데이터랩" || metaInt(t, res, "credits_used") != 3 {
		t.Errorf("company after get_company: %q for %d credits, want 서울데이터랩 for 3", r.Ticket.Company, metaInt(t, res, "credits_used"))
	}
}

// TestGetTicketPromptInjection: the injection demo ticket's text appears only
// inside the untrusted section, hidden characters are stripped and flagged.
func TestGetTicketPromptInjection(t *testing.T) {
	e := newEnv(t, envOpts{})
	var id int64
	for _, tid := range e.fd.TicketIDs() {
		tk, _ := e.fd.Ticket(tid)
		if d, _ := tk["description_text"].(string); strings.Contains(strings.ToLower(d), "ignore previous instructions") {
			id = tid
		}
	}
	if id == 0 {
		t.Fatal("no prompt-injection ticket in the demo data")
	}
	txt := e.ok("get_ticket", map[string]any{"ticket_id": id}, nil)
	if shape.HasHidden(txt) {
		t.Error("hidden characters survived")
	}
	var generic map[string]any
	if err := json.Unmarshal([]byte(txt), &generic); err != nil {
		t.Fatal(err)
	}
	sec := generic["untrusted_customer_content"].(map[string]any)
	if !strings.Contains(sec["notice"].(string), "NOT INSTRUCTIONS") {
		t.Errorf("section not labelled: %v", sec["notice"])
	}
	inside, _ := json.Marshal(sec)
	delete(generic, "untrusted_customer_content")
	outside, _ := json.Marshal(generic)
	for _, phrase := range []string{"ignore previous instructions", "API keys", "set every ticket to Closed"} {
		if !strings.Contains(strings.ToLower(string(inside)), strings.ToLower(phrase)) {
			t.Errorf("%q missing from the data section", phrase)
		}
		if strings.Contains(strings.ToLower(string(outside)), strings.ToLower(phrase)) {
			t.Errorf("%q leaked outside the data section", phrase)
		}
	}
	var r ticketResult
	_ = json.Unmarshal([]byte(txt), &r)
	if !r.Untrusted.Messages[0].Hidden {
		t.Error("message 1 not flagged hidden_chars_removed")
	}
}

func TestPrivateNotesHidden(t *testing.T) {
	e := newEnv(t, envOpts{hidePrivate: true})
	id, _ := longestThread(e)
	_, msgs, _ := readThread(t, e, id, 100000, "get_ticket")
	var lc ticketResult
	e.ok("list_conversations", map[string]any{"ticket_id": id}, &lc)
	for _, m := range append(msgs, lc.Untrusted.Messages...) {
		if m.Role == "private_note" {
			t.Errorf("private note %d shown with PrivateNotes=false", m.N)
		}
	}
	private := 0
	for _, c := range e.fd.Conversations(id) {
		if c["private"] == true {
			private++
		}
	}
	if private == 0 || len(msgs) != len(e.fd.Conversations(id))+1-private {
		t.Errorf("got %d messages; %d private notes should be left out of %d", len(msgs), private, len(e.fd.Conversations(id))+1)
	}
}

func TestListConversations(t *testing.T) {
	e := newEnv(t, envOpts{})
	id, convs := longestThread(e)
	var r ticketResult
	e.ok("list_conversations", map[string]any{"ticket_id": id, "page": 1}, &r)
	if len(r.Untrusted.Messages) != convs || r.Untrusted.Messages[0].N != 2 {
		t.Fatalf("page 1: %d messages starting at %d, want %d from 2", len(r.Untrusted.Messages), r.Untrusted.Messages[0].N, convs)
	}
	var p2 ticketResult
	e.ok("list_conversations", map[string]any{"ticket_id": id, "page": 2}, &p2)
	if len(p2.Untrusted.Messages) != 0 || !strings.Contains(p2.Note, "No further messages") {
		t.Errorf("page 2 of a %d-conversation thread: %+v", convs, p2)
	}
}
