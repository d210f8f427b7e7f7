package live

import (
	"sort"
	"sync"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/webhook"
)

// Change is one ticket changed since a cursor, with its latest event.
type Change struct {
	TicketID int64     `json:"ticket_id"`
	Event    string    `json:"event"`
	At       time.Time `json:"at"`
}

// eventLog is a bounded ring of recent events.
type eventLog struct {
	mu     sync.Mutex
	max    int
	start  time.Time // the log is complete from here on
	events []Change
}

func newEventLog(max int, start time.Time) *eventLog {
	return &eventLog{max: max, start: start}
}

func (l *eventLog) add(ev webhook.Event, at time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.events = append(l.events, Change{TicketID: ev.TicketID, Event: ev.Kind, At: at})
	if over := len(l.events) - l.max; over > 0 {
		l.start = l.events[over-1].At // what was dropped is no longer covered
		l.events = append([]Change(nil), l.events[over:]...)
	}
}

// since returns each ticket changed after t once, newest event first, and
// whether the log covers t.
func (l *eventLog) since(t time.Time) ([]Change, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	latest := map[int64]Change{}
	for _, c := range l.events {
		if c.At.After(t) {
			latest[c.TicketID] = c
		}
	}
	out := make([]Change, 0, len(latest))
	for _, c := range latest {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].At.After(out[j].At) })
	return out, !t.Before(l.start)
}
