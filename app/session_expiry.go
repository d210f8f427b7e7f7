package app

import (
	"context"
	"crypto/rand"
	"net/http"
	"sync"
	"time"

	"github.com/mark3labs/mcp-go/server"

	"github.com/freshdesk-mcp/freshdesk-mcp/metrics"
)

// Transport names in the session metrics.
const (
	transportStreamable = "streamable"
	transportSSE        = "sse"
)

// liveSessions is the set of streamable-HTTP session ids (without their
// caller tags) this process issued and has not ended. Unlike mcp-go's
// InsecureStatefulSessionIdManager it keeps nothing for an ended session:
// its id is then unknown, which mcp-go answers with 404 as the MCP
// specification prescribes for an ended session, so the client
// re-initializes. A request for a session of another replica gets the same
// 404.
type liveSessions struct {
	mu      sync.Mutex
	ids     map[string]struct{}
	metrics *metrics.Metrics
}

func newLiveSessions(m *metrics.Metrics) *liveSessions {
	return &liveSessions{ids: map[string]struct{}{}, metrics: m}
}

func (l *liveSessions) generate() string {
	id := rand.Text()
	l.mu.Lock()
	l.ids[id] = struct{}{}
	l.mu.Unlock()
	l.metrics.SessionOpened(transportStreamable)
	return id
}

func (l *liveSessions) known(id string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	_, ok := l.ids[id]
	return ok
}

// end forgets id; it reports whether the session was live.
func (l *liveSessions) end(id string) bool {
	l.mu.Lock()
	_, ok := l.ids[id]
	delete(l.ids, id)
	l.mu.Unlock()
	if ok {
		l.metrics.SessionClosed(transportStreamable)
	}
	return ok
}

func (l *liveSessions) len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.ids)
}

// sseExpiry ends legacy SSE sessions that sent no message for ttl. mcp-go
// keeps an SSE session for as long as its event stream is open, and has no
// idle expiry for it; ending the stream's request context makes mcp-go
// unregister the session and free what it holds.
type sseExpiry struct {
	ttl     time.Duration
	metrics *metrics.Metrics
	mu      sync.Mutex
	live    map[string]*sseEntry
	stop    chan struct{}
	once    sync.Once
}

type sseEntry struct {
	cancel context.CancelFunc
	last   time.Time
}

// sseSlot carries a stream's cancel func to the session id generator,
// which learns the id.
type sseSlot struct {
	cancel context.CancelFunc
	w      http.ResponseWriter
	id     string
}

type sseSlotKey struct{}

func newSSEExpiry(ttl time.Duration, m *metrics.Metrics) *sseExpiry {
	e := &sseExpiry{ttl: ttl, metrics: m, live: map[string]*sseEntry{}, stop: make(chan struct{})}
	if ttl > 0 {
		go e.sweepEvery(max(ttl/4, 250*time.Millisecond))
	}
	return e
}

// stream wraps the GET /sse handler so that the session can be ended.
func (e *sseExpiry) stream(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			next.ServeHTTP(w, r)
			return
		}
		ctx, cancel := context.WithCancel(r.Context())
		defer cancel()
		slot := &sseSlot{cancel: cancel, w: w}
		next.ServeHTTP(w, r.WithContext(context.WithValue(ctx, sseSlotKey{}, slot)))
		if slot.id != "" {
			e.forget(slot.id)
		}
	})
}

// opened records the session id of the stream of r.
func (e *sseExpiry) opened(r *http.Request, id string) {
	slot, ok := r.Context().Value(sseSlotKey{}).(*sseSlot)
	if !ok {
		return
	}
	slot.id = id
	// The id is also sent as a header (mcp-go sends it only in the first
	// event), so a load balancer can learn it from the response and route
	// the /message?sessionId= posts to this replica (README: affinity).
	// The stream has not started yet: the generator runs before any write.
	slot.w.Header().Set(server.HeaderKeySessionID, id)
	e.mu.Lock()
	e.live[id] = &sseEntry{cancel: slot.cancel, last: time.Now()}
	e.mu.Unlock()
	e.metrics.SessionOpened(transportSSE)
}

// touch records activity (a POST /message) on session id.
func (e *sseExpiry) touch(id string) {
	e.mu.Lock()
	if s, ok := e.live[id]; ok {
		s.last = time.Now()
	}
	e.mu.Unlock()
}

// isLive reports whether id is an open SSE session of this process.
func (e *sseExpiry) isLive(id string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	_, ok := e.live[id]
	return ok
}

func (e *sseExpiry) forget(id string) {
	e.mu.Lock()
	_, ok := e.live[id]
	delete(e.live, id)
	e.mu.Unlock()
	if ok {
		e.metrics.SessionClosed(transportSSE)
	}
}

func (e *sseExpiry) sweepEvery(every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-e.stop:
			return
		case now := <-t.C:
			e.sweep(now)
		}
	}
}

// sweep ends the streams idle for longer than ttl; the stream handler
// then forgets them.
func (e *sseExpiry) sweep(now time.Time) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, s := range e.live {
		if now.Sub(s.last) > e.ttl {
			s.cancel()
			s.last = now.Add(time.Hour) // count it once; forget follows
			e.metrics.SessionExpired(transportSSE)
		}
	}
}

func (e *sseExpiry) close() { e.once.Do(func() { close(e.stop) }) }
