package fdapi

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestDecodeBodyMatchesUnmarshal checks that the fast ticket decoding in
// decodeBody gives exactly what json.Unmarshal (through Ticket.UnmarshalJSON)
// gives, for single tickets, list pages and search envelopes.
func TestDecodeBodyMatchesUnmarshal(t *testing.T) {
	fixture := func(name string) string {
		b, err := os.ReadFile(filepath.Join(fixturesDir, "python-freshdesk", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	tests := []struct {
		name string
		body string
		new  func() any // a fresh out value of the type getJSON would pass
	}{
		{"ticket fixture", fixture("ticket_1.json"), func() any { return new(*Ticket) }},
		{"updated ticket fixture", fixture("ticket_1_updated.json"), func() any { return new(*Ticket) }},
		{"ticket list fixture", fixture("all_tickets.json"), func() any { return new([]Ticket) }},
		{"search fixture", fixture("search_tickets.json"), func() any { return new(searchBody[Ticket]) }},
		{"empty company is nil", `{"id":1,"company":{}}`, func() any { return new(*Ticket) }},
		{"real company kept", `{"id":1,"company":{"id":7,"name":"Acme"}}`, func() any { return new(*Ticket) }},
		{"null company", `{"id":1,"company":null}`, func() any { return new(*Ticket) }},
		{"null ticket", `null`, func() any { return new(*Ticket) }},
		{"list with empty companies", `[{"id":1,"company":{}},{"id":2,"company":{"id":3,"name":"B"}}]`, func() any { return new([]Ticket) }},
		{"empty list", `[]`, func() any { return new([]Ticket) }},
		{"null list", `null`, func() any { return new([]Ticket) }},
		{"search empty", `{"results":[],"total":0}`, func() any { return new(searchBody[Ticket]) }},
		{"search with empty company", `{"results":[{"id":4,"company":{}}],"total":31}`, func() any { return new(searchBody[Ticket]) }},
		{"other type", `{"id":5,"name":"Acme"}`, func() any { return new(*Company) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want, got := tc.new(), tc.new()
			if err := json.Unmarshal([]byte(tc.body), want); err != nil {
				t.Fatal(err)
			}
			if err := decodeBody([]byte(tc.body), got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("decodeBody = %+v\nwant %+v", got, want)
			}
		})
	}
}

// TestDecodeBodyErrors checks that malformed and mistyped bodies still fail.
func TestDecodeBodyErrors(t *testing.T) {
	tests := []struct {
		name string
		body string
		out  any
	}{
		{"truncated ticket", `{"id":1,`, new(*Ticket)},
		{"mistyped ticket", `{"id":"x"}`, new(*Ticket)},
		{"mistyped list", `[{"status":"open"}]`, new([]Ticket)},
		{"mistyped search", `{"results":{},"total":1}`, new(searchBody[Ticket])},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := decodeBody([]byte(tc.body), tc.out)
			if err == nil || !isDecodeError(err) {
				t.Errorf("decodeBody(%s) = %v, want a JSON decode error", tc.body, err)
			}
		})
	}
}
