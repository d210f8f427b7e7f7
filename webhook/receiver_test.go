package webhook

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

type sink struct {
	ch chan Event
}

func newSink() *sink { return &sink{ch: make(chan Event, 100)} }

func (s *sink) add(_ context.Context, e Event) { s.ch <- e }

func newTestReceiver(t *testing.T, o Options, s *sink) *Receiver {
	t.Helper()
	if o.Secrets == nil {
		o.Secrets = []string{"old-secret", "new-secret"}
	}
	o.Sink = s.add
	r, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.Close)
	return r
}

func post(r http.Handler, secret, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/webhooks/freshdesk", strings.NewReader(body))
	if secret != "" {
		req.Header.Set(DefaultHeader, secret)
	}
	w := httptest.NewRecorder()
	r.ServeHTTP(w, req)
	return w
}

func TestReceiverAuth(t *testing.T) {
	s := newSink()
	r := newTestReceiver(t, Options{}, s)
	cases := []struct {
		secret string
		want   int
	}{
		{"", http.StatusUnauthorized},
		{"wrong", http.StatusUnauthorized},
		{"old-secre", http.StatusUnauthorized},
		{"old-secret", http.StatusAccepted}, // both secrets of a rotation work
		{"new-secret", http.StatusAccepted},
	}
	for i, c := range cases {
		body := `{"ticket_id": ` + string(rune('1'+i)) + `}`
		if w := post(r, c.secret, body); w.Code != c.want {
			t.Errorf("secret %q: status %d, want %d", c.secret, w.Code, c.want)
		}
	}
	for range 2 {
		select {
		case <-s.ch:
		case <-time.After(time.Second):
			t.Fatal("accepted event never reached the sink")
		}
	}
	select {
	case e := <-s.ch:
		t.Fatalf("unauthorised delivery reached the sink: %+v", e)
	default:
	}
}

func TestReceiverEmptySecretRefused(t *testing.T) {
	if _, err := New(Options{Secrets: []string{" ", ""}}); err == nil {
		t.Fatal("New accepted only blank secrets")
	}
}

func TestReceiverDuplicate(t *testing.T) {
	s := newSink()
	now := time.Unix(1000, 0)
	r := newTestReceiver(t, Options{Now: func() time.Time { return now }, DedupeWindow: time.Minute}, s)
	body := `{"ticket_id": 5, "event": "note"}`
	if w := post(r, "new-secret", body); w.Code != http.StatusAccepted {
		t.Fatalf("first delivery: %d", w.Code)
	}
	if w := post(r, "new-secret", body); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "duplicate") {
		t.Fatalf("retry: %d %q, want 200 duplicate", w.Code, w.Body.String())
	}
	now = now.Add(2 * time.Minute)
	if w := post(r, "new-secret", body); w.Code != http.StatusAccepted {
		t.Fatalf("after the window: %d, want 202", w.Code)
	}
	for range 2 {
		<-s.ch
	}
	select {
	case e := <-s.ch:
		t.Fatalf("duplicate reached the sink: %+v", e)
	case <-time.After(50 * time.Millisecond):
	}
}

func TestReceiverRefusals(t *testing.T) {
	s := newSink()
	r := newTestReceiver(t, Options{MaxBody: 64}, s)
	big := `{"ticket_id": 1, "x": "` + strings.Repeat("a", 100) + `"}`
	cases := []struct {
		name, body string
		want       int
	}{
		{"too big", big, http.StatusRequestEntityTooLarge},
		{"malformed", `{"ticket_id":`, http.StatusBadRequest},
		{"unknown shape", `{"id": 3}`, http.StatusBadRequest},
	}
	for _, c := range cases {
		w := post(r, "old-secret", c.body)
		if w.Code != c.want {
			t.Errorf("%s: status %d, want %d", c.name, w.Code, c.want)
		}
	}
	req := httptest.NewRequest(http.MethodGet, "/webhooks/freshdesk", nil)
	req.Header.Set(DefaultHeader, "old-secret")
	w := httptest.NewRecorder()
	r.ServeHTTP(w, req)
	if w.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET: %d, want 405", w.Code)
	}
}

func TestReceiverRateLimit(t *testing.T) {
	s := newSink()
	r := newTestReceiver(t, Options{Rate: 0.001, Burst: 2}, s)
	codes := []int{}
	for i := range 3 {
		codes = append(codes, post(r, "old-secret", `{"ticket_id": `+string(rune('1'+i))+`}`).Code)
	}
	if codes[0] != 202 || codes[1] != 202 || codes[2] != http.StatusTooManyRequests {
		t.Fatalf("codes %v, want [202 202 429]", codes)
	}
}

// TestReceiverAcksBeforeWork: the 2xx is sent while the sink is still busy.
func TestReceiverAcksBeforeWork(t *testing.T) {
	release := make(chan struct{})
	r, err := New(Options{Secrets: []string{"s"}, Sink: func(context.Context, Event) { <-release }})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer close(release)
	start := time.Now()
	if w := post(r, "s", `{"ticket_id": 1}`); w.Code != http.StatusAccepted {
		t.Fatalf("status %d", w.Code)
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Fatalf("ack took %v while the sink was blocked", d)
	}
}

func TestReceiverQueueFullRetryNotDuplicate(t *testing.T) {
	release := make(chan struct{})
	r, err := New(Options{Secrets: []string{"s"}, Queue: 1, Sink: func(context.Context, Event) { <-release }})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer close(release)
	// 1 is taken by the worker, 2 fills the queue, 3 is refused.
	codes := []int{}
	for i := range 4 {
		codes = append(codes, post(r, "s", `{"ticket_id": `+string(rune('1'+min(i, 2)))+`}`).Code)
		time.Sleep(20 * time.Millisecond)
	}
	if codes[2] != http.StatusServiceUnavailable || codes[3] != http.StatusServiceUnavailable {
		t.Fatalf("codes %v: want the third delivery and its retry refused with 503 (not taken for a duplicate)", codes)
	}
}
