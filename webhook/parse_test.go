package webhook

import (
	"errors"
	"testing"
)

func TestParse(t *testing.T) {
	cases := []struct {
		name string
		body string
		want Event
		err  bool
	}{
		{"number id", `{"ticket_id": 42, "event": "Note added"}`, Event{TicketID: 42, Kind: "note added"}, false},
		{"quoted id", `{"ticket_id": "42"}`, Event{TicketID: 42, Kind: "updated"}, false},
		{"lookups", `{"ticket_id": 7, "event": "created", "lookups_changed": "true"}`, Event{TicketID: 7, Kind: "created", Lookups: true}, false},
		{"extra fields allowed", `{"ticket_id": 7, "status": "Open"}`, Event{TicketID: 7, Kind: "updated"}, false},
		{"missing id", `{"event": "created"}`, Event{}, true},
		{"zero id", `{"ticket_id": 0}`, Event{}, true},
		{"negative id", `{"ticket_id": -3}`, Event{}, true},
		{"unsubstituted placeholder", `{"ticket_id": "{{ticket.id}}"}`, Event{}, true},
		{"float id", `{"ticket_id": 4.5}`, Event{}, true},
		{"not json", `ticket_id=4`, Event{}, true},
		{"array", `[1]`, Event{}, true},
		{"trailing", `{"ticket_id": 4} {}`, Event{}, true},
		{"bad lookups", `{"ticket_id": 4, "lookups_changed": "maybe"}`, Event{}, true},
		{"empty", ``, Event{}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Parse([]byte(c.body))
			if c.err {
				if !errors.Is(err, ErrPayload) {
					t.Fatalf("Parse(%q) error = %v, want ErrPayload", c.body, err)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("Parse(%q) = %+v, %v; want %+v", c.body, got, err, c.want)
			}
		})
	}
}

// FuzzParse: any body either parses to a positive ticket id with a bounded
// event text, or fails with ErrPayload; never a panic.
func FuzzParse(f *testing.F) {
	for _, s := range []string{`{"ticket_id": 42, "event": "note"}`, `{"ticket_id": "9", "lookups_changed": true}`, `{}`, `[]`, `{"ticket_id": 1e3}`, "\x00"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		ev, err := Parse(body)
		if err != nil {
			if !errors.Is(err, ErrPayload) {
				t.Fatalf("error not wrapping ErrPayload: %v", err)
			}
			return
		}
		if ev.TicketID <= 0 || ev.Kind == "" || len(ev.Kind) > maxKindLen {
			t.Fatalf("accepted an invalid event %+v from %q", ev, body)
		}
	})
}
