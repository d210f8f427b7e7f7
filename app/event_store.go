package app

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"sync"

	"github.com/mark3labs/mcp-go/server"
)

// maxSessionEventBytes bounds the events one streamable-HTTP session keeps
// for resumption: the most recent ones, at least the last.
const maxSessionEventBytes = 1 << 20

// boundedEventStore is a server.EventStore that keeps, per session, only
// the most recent events up to maxBytes. mcp-go's InMemoryEventStore keeps
// every message a session was ever sent (each tool result) until the
// session ends, so a long chat session grows without bound. Resumption
// (MCP streamable HTTP, "Resumability and Redelivery") needs only the
// events a client missed while reconnecting: the recent ones.
type boundedEventStore struct {
	maxBytes int
	mu       sync.Mutex
	seq      int64
	sessions map[string]*eventLog
}

type eventLog struct {
	events []storedEvent // oldest first; ids ascending
	bytes  int
}

type storedEvent struct {
	id     int64
	stream string
	msg    json.RawMessage
}

func newBoundedEventStore(maxBytes int) *boundedEventStore {
	return &boundedEventStore{maxBytes: maxBytes, sessions: map[string]*eventLog{}}
}

// StoreEvent implements server.EventStore.
func (s *boundedEventStore) StoreEvent(_ context.Context, sessionID, streamID string, message json.RawMessage) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.sessions[sessionID]
	if l == nil {
		l = &eventLog{}
		s.sessions[sessionID] = l
	}
	s.seq++
	l.events = append(l.events, storedEvent{id: s.seq, stream: streamID, msg: append(json.RawMessage(nil), message...)})
	l.bytes += len(message)
	for l.bytes > s.maxBytes && len(l.events) > 1 {
		l.bytes -= len(l.events[0].msg)
		l.events[0] = storedEvent{} // let the message be collected
		l.events = l.events[1:]
	}
	return strconv.FormatInt(s.seq, 10), nil
}

// ReplayEventsAfter implements server.EventStore: an evicted or unknown id
// is server.ErrUnknownEventID, as for an ended session.
func (s *boundedEventStore) ReplayEventsAfter(_ context.Context, sessionID, lastEventID string, send func(eventID string, message json.RawMessage) error) (string, error) {
	id, err := strconv.ParseInt(lastEventID, 10, 64)
	s.mu.Lock()
	l := s.sessions[sessionID]
	i := -1
	if err == nil && l != nil {
		i = sort.Search(len(l.events), func(k int) bool { return l.events[k].id >= id })
		if i == len(l.events) || l.events[i].id != id {
			i = -1
		}
	}
	if i < 0 {
		s.mu.Unlock()
		return "", fmt.Errorf("%w: %s", server.ErrUnknownEventID, lastEventID)
	}
	stream := l.events[i].stream
	var tail []storedEvent
	for _, e := range l.events[i+1:] {
		if e.stream == stream {
			tail = append(tail, e)
		}
	}
	s.mu.Unlock()
	for _, e := range tail {
		if err := send(strconv.FormatInt(e.id, 10), e.msg); err != nil {
			return "", err
		}
	}
	return stream, nil
}

// PurgeSession implements server.EventStore.
func (s *boundedEventStore) PurgeSession(_ context.Context, sessionID string) error {
	s.mu.Lock()
	delete(s.sessions, sessionID)
	s.mu.Unlock()
	return nil
}

// sessionBytes is what session id holds, for tests.
func (s *boundedEventStore) sessionBytes(id string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if l := s.sessions[id]; l != nil {
		return l.bytes
	}
	return 0
}
