package fdapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"
)

const testKey = "sekrit-KEY-123"

// fakeClock is an injectable clock whose sleeps advance time instantly.
type fakeClock struct {
	mu     sync.Mutex
	t      time.Time
	sleeps []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)}
}

func (f *fakeClock) now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

func (f *fakeClock) sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.mu.Lock()
	f.sleeps = append(f.sleeps, d)
	f.t = f.t.Add(d)
	f.mu.Unlock()
	return nil
}

func (f *fakeClock) advance(d time.Duration) {
	f.mu.Lock()
	f.t = f.t.Add(d)
	f.mu.Unlock()
}

func (f *fakeClock) slept() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Duration(nil), f.sleeps...)
}

// newTestClient starts an httptest server on 127.0.0.1 with h and returns a
// client wired to a fake clock.
func newTestClient(t *testing.T, h http.Handler, mod ...func(*Config)) (*Client, *fakeClock, *httptest.Server) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	cfg := Config{Domain: srv.URL, APIKey: testKey, UserAgent: "freshdesk-mcp/test"}
	for _, m := range mod {
		m(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	clk := newFakeClock()
	c.now = clk.now
	c.sleep = clk.sleep
	c.rand = func() float64 { return 0.5 }
	return c, clk, srv
}

// rateHeaders sets the X-RateLimit headers Freshdesk sends.
func rateHeaders(w http.ResponseWriter, total, remaining, used int) {
	w.Header().Set("X-RateLimit-Total", itoa(total))
	w.Header().Set("X-RateLimit-Remaining", itoa(remaining))
	w.Header().Set("X-RateLimit-Used-CurrentRequest", itoa(used))
}

func itoa(n int) string { return strconv.Itoa(n) }

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// counter is a concurrency-safe request counter for handlers.
type counter struct {
	mu sync.Mutex
	n  int
}

func (c *counter) inc() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
	return c.n
}

func (c *counter) get() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// recorder is a concurrency-safe list of strings seen by a handler.
type recorder struct {
	mu sync.Mutex
	s  []string
}

func (r *recorder) add(v string) {
	r.mu.Lock()
	r.s = append(r.s, v)
	r.mu.Unlock()
}

func (r *recorder) get() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.s...)
}

func (r *recorder) reset() {
	r.mu.Lock()
	r.s = nil
	r.mu.Unlock()
}
