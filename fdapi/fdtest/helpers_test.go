package fdtest

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fakeClock is a settable clock for Options.Now.
type fakeClock struct{ t time.Time }

func (f *fakeClock) now() time.Time { return f.t }

var testNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// call sends a raw request with the server's key unless a header overrides it.
func call(t *testing.T, ts *TestServer, method, path, body string, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, ts.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(ts.APIKey, "X")
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		if hdr[i] == "Authorization" && hdr[i+1] == "" {
			req.Header.Del("Authorization")
			continue
		}
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// decode unmarshals b or fails.
func decode[T any](t *testing.T, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("decode %q: %v", b, err)
	}
	return v
}

// keysOf returns the top-level keys of a JSON object in order.
func keysOf(t *testing.T, b []byte) []string {
	t.Helper()
	v, err := decodeJSON(b)
	if err != nil {
		t.Fatalf("decode %q: %v", b, err)
	}
	o, ok := v.(*Obj)
	if !ok {
		t.Fatalf("not an object: %s", b)
	}
	return o.Keys()
}

// newSeeded starts a server with a small account at testNow.
func newSeeded(t *testing.T, opts Options) (*TestServer, *fakeClock) {
	t.Helper()
	clk := &fakeClock{t: testNow}
	if opts.Now == nil {
		opts.Now = clk.now
	}
	ts := NewServer(t, opts)
	day := 24 * time.Hour
	err := ts.Seed(Dataset{
		Companies: []Record{{"id": 501, "name": "Acme", "domains": []string{"acme.test"}}},
		Contacts: []Record{
			{"id": 201, "name": "Ann", "email": "ann@acme.test", "company_id": 501},
			{"id": 202, "name": "Bob", "email": "bob@example.test", "phone": "555"},
		},
		Groups: []Record{{"id": 301, "name": "Billing", "agent_ids": []int64{1}}},
		TicketFields: []Record{
			{"id": 2001, "name": "cf_sector", "label": "Sector", "type": "custom_dropdown", "position": 20,
				"choices": []string{"finance", "marketing"}},
			{"id": 2002, "name": "cf_locked", "label": "Locked", "type": "custom_checkbox", "position": 21},
			{"id": 2003, "name": "cf_note", "label": "Note", "type": "custom_text", "position": 22},
			{"id": 2004, "name": "cf_count", "label": "Count", "type": "custom_number", "position": 23},
		},
		Tickets: []Record{
			{"id": 1, "subject": "Refund please", "requester_id": 201, "company_id": 501, "status": 2, "priority": 3,
				"group_id": 301, "created_at": testNow.Add(-2 * day), "updated_at": testNow.Add(-day),
				"tags": []string{"billing"}, "custom_fields": map[string]any{"cf_sector": "finance", "cf_locked": true}},
			{"id": 2, "subject": "Old one", "requester_id": 202, "status": 4, "priority": 1,
				"created_at": testNow.Add(-60 * day), "updated_at": testNow.Add(-50 * day)},
			{"id": 3, "subject": "Spam", "requester_id": 202, "spam": true, "created_at": testNow.Add(-day)},
			{"id": 4, "subject": "Pending", "requester_id": 202, "status": 3, "priority": 2, "responder_id": 1,
				"created_at": testNow.Add(-3 * day), "description": "<p>Hello <b>there</b></p>"},
		},
		Conversations: []Record{
			{"id": 9001, "ticket_id": 1, "body": "<p>first</p>", "incoming": true, "source": 0, "created_at": testNow.Add(-2 * day)},
			{"id": 9002, "ticket_id": 1, "body": "<p>answer</p>", "user_id": 1, "created_at": testNow.Add(-day)},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return ts, clk
}

func itoa(n int) string { return strconv.Itoa(n) }
