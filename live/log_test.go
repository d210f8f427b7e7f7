package live

import (
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/webhook"
)

// TestEventLogCoverage: each ticket once with its latest event; a cursor
// older than the log's start, or than an event dropped past the size
// bound, is not covered (the caller must list from Freshdesk).
func TestEventLogCoverage(t *testing.T) {
	t0 := time.Unix(1000, 0)
	l := newEventLog(3, t0)
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	l.add(webhook.Event{TicketID: 1, Kind: "a"}, at(1))
	l.add(webhook.Event{TicketID: 2, Kind: "b"}, at(2))
	l.add(webhook.Event{TicketID: 1, Kind: "c"}, at(3))

	got, covered := l.since(at(0))
	if !covered || len(got) != 2 || got[0].TicketID != 1 || got[0].Event != "c" || got[1].TicketID != 2 {
		t.Fatalf("since start: %+v covered=%v; want [1 c, 2 b] covered", got, covered)
	}
	if _, covered := l.since(t0.Add(-time.Second)); covered {
		t.Fatal("a cursor before the log started is covered")
	}
	l.add(webhook.Event{TicketID: 3, Kind: "d"}, at(4)) // drops the event at 1s
	if _, covered := l.since(at(0)); covered {
		t.Fatal("a cursor before a dropped event is still covered")
	}
	if got, covered := l.since(at(1)); !covered || len(got) != 3 {
		t.Fatalf("since 1s: %+v covered=%v; want 3 tickets, covered", got, covered)
	}
}
