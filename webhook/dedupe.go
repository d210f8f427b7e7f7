package webhook

import (
	"crypto/sha256"
	"sync"
	"time"
)

// seen remembers the bodies of recent deliveries, by hash, so a retried
// delivery is recognised. Bounded: past max entries the oldest go first.
type seen struct {
	mu     sync.Mutex
	window time.Duration
	max    int
	at     map[[32]byte]time.Time
	order  []seenEntry // insertion order, for expiry
}

type seenEntry struct {
	key [32]byte
	at  time.Time
}

func newSeen(window time.Duration, max int) *seen {
	return &seen{window: window, max: max, at: map[[32]byte]time.Time{}}
}

// first records body at now and reports whether it was not seen within
// the window.
func (s *seen) first(body []byte, now time.Time) bool {
	key := sha256.Sum256(body)
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.order) > 0 {
		e := s.order[0]
		if now.Sub(e.at) < s.window && len(s.order) < s.max {
			break
		}
		if s.at[e.key].Equal(e.at) { // not re-recorded since
			delete(s.at, e.key)
		}
		s.order = s.order[1:]
	}
	if t, ok := s.at[key]; ok && now.Sub(t) < s.window {
		return false
	}
	s.at[key] = now
	s.order = append(s.order, seenEntry{key, now})
	return true
}

// forget drops body, so its next delivery counts as new.
func (s *seen) forget(body []byte) {
	key := sha256.Sum256(body)
	s.mu.Lock()
	delete(s.at, key)
	s.mu.Unlock()
}
