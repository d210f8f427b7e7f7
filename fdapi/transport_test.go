package fdapi

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

func TestRetryBehaviour(t *testing.T) {
	const noteOK = `{"id":9,"body":"<p>x</p>","body_text":"x","private":true,"ticket_id":1,"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}`
	const ticketOK = `{"id":1,"subject":"s"}`
	drop := func(w http.ResponseWriter) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}
	type step func(w http.ResponseWriter, r *http.Request)
	status := func(code int, body string, hdr ...string) step {
		return func(w http.ResponseWriter, r *http.Request) {
			for i := 0; i+1 < len(hdr); i += 2 {
				w.Header().Set(hdr[i], hdr[i+1])
			}
			writeJSON(w, code, body)
		}
	}
	dropStep := func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body) // the write is "applied" before the connection drops
		drop(w)
	}
	tests := []struct {
		name        string
		write       bool
		once        bool // WithoutRetries
		steps       []step
		wantReqs    int
		wantErr     bool
		wantUnknown bool
		wantLimited bool
		wantStatus  int
		wantRetry   time.Duration
		wantSleeps  []time.Duration
		wantText    []string
	}{
		{name: "GET 429 short Retry-After waits then succeeds", steps: []step{status(429, `{"message":"You have exceeded the limit of requests per minute"}`, "Retry-After", "2"), status(200, ticketOK)},
			wantReqs: 2, wantSleeps: []time.Duration{2 * time.Second}},
		{name: "GET 429 long Retry-After returns error without waiting", steps: []step{status(429, `{"message":"You have exceeded the limit of requests per minute"}`, "Retry-After", "120")},
			wantReqs: 1, wantErr: true, wantLimited: true, wantStatus: 429, wantRetry: 120 * time.Second,
			wantText: []string{"HTTP 429", "You have exceeded the limit", "retry after 2m0s"}},
		{name: "GET 5xx retried with backoff", steps: []step{status(500, `{"message":"We're sorry, but something went wrong."}`), status(502, ``), status(200, ticketOK)},
			wantReqs: 3, wantSleeps: []time.Duration{187500 * time.Microsecond, 375 * time.Millisecond}},
		{name: "GET 5xx gives up after MaxRetries", steps: []step{status(503, ``), status(503, ``), status(503, ``), status(503, `{"message":"down"}`)},
			wantReqs: 4, wantErr: true, wantStatus: 503, wantText: []string{"HTTP 503", "down"},
			wantSleeps: []time.Duration{187500 * time.Microsecond, 375 * time.Millisecond, 750 * time.Millisecond}},
		{name: "GET 5xx WithoutRetries tried once", once: true, steps: []step{status(500, `{"message":"We're sorry, but something went wrong."}`), status(200, ticketOK)},
			wantReqs: 1, wantErr: true, wantStatus: 500, wantText: []string{"HTTP 500"}},
		{name: "GET 429 WithoutRetries not waited out", once: true, steps: []step{status(429, `{"message":"slow down"}`, "Retry-After", "2"), status(200, ticketOK)},
			wantReqs: 1, wantErr: true, wantLimited: true, wantStatus: 429, wantRetry: 2 * time.Second},
		{name: "GET dropped connection retried", steps: []step{dropStep, status(200, ticketOK)}, wantReqs: 2,
			wantSleeps: []time.Duration{187500 * time.Microsecond}},
		{name: "GET malformed JSON not retried", steps: []step{status(200, `{"id":`)}, wantReqs: 1, wantErr: true, wantStatus: 200,
			wantText: []string{"could not be read"}},
		{name: "GET 404 not retried", steps: []step{status(404, ``)}, wantReqs: 1, wantErr: true, wantStatus: 404,
			wantText: []string{"HTTP 404", "not found"}},
		{name: "POST 500 not retried: outcome unknown", write: true, steps: []step{status(500, `{"message":"We're sorry, but something went wrong."}`), status(201, noteOK)},
			wantReqs: 1, wantErr: true, wantUnknown: true, wantStatus: 500,
			wantText: []string{"HTTP 500", "something went wrong", "OUTCOME UNKNOWN", "check the ticket", "conversations"}},
		{name: "POST dropped after write: outcome unknown", write: true, steps: []step{dropStep, status(201, noteOK)},
			wantReqs: 1, wantErr: true, wantUnknown: true, wantText: []string{"after the request was sent", "OUTCOME UNKNOWN"}},
		{name: "POST 429 retried", write: true, steps: []step{status(429, `{"message":"slow down"}`, "Retry-After", "1"), status(201, noteOK)},
			wantReqs: 2, wantSleeps: []time.Duration{time.Second}},
		{name: "POST 429 without Retry-After retried after backoff", write: true, steps: []step{status(429, ``), status(201, noteOK)},
			wantReqs: 2, wantSleeps: []time.Duration{187500 * time.Microsecond}},
		{name: "POST 400 not retried, not unknown", write: true,
			steps:    []step{status(400, `{"description":"Validation failed","errors":[{"field":"body","message":"It should not be blank","code":"missing_field"}]}`)},
			wantReqs: 1, wantErr: true, wantStatus: 400, wantText: []string{"field body: It should not be blank [code missing_field]"}},
		{name: "POST 201 with malformed body: applied, not unknown", write: true, steps: []step{status(201, `{"id":`)},
			wantReqs: 1, wantErr: true, wantStatus: 201, wantText: []string{"applied", "do not retry"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n counter
			c, clk, _ := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				i := n.inc() - 1
				if i >= len(tt.steps) {
					t.Errorf("unexpected request %d", i+1)
					writeJSON(w, 500, `{}`)
					return
				}
				tt.steps[i](w, r)
			}))
			var err error
			ctx := context.Background()
			if tt.once {
				ctx = WithoutRetries(ctx)
			}
			if tt.write {
				_, err = c.CreateNote(ctx, 1, NoteInput{Body: "<p>x</p>"})
			} else {
				_, err = c.GetTicket(ctx, 1)
			}
			if got := n.get(); got != tt.wantReqs {
				t.Errorf("requests = %d, want %d", got, tt.wantReqs)
			}
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if got := clk.slept(); len(got) != len(tt.wantSleeps) || (len(got) > 0 && !equalDurations(got, tt.wantSleeps)) {
				t.Errorf("sleeps = %v, want %v", got, tt.wantSleeps)
			}
			if err == nil {
				return
			}
			var fe *Error
			if !errors.As(err, &fe) {
				t.Fatalf("not *Error: %T %v", err, err)
			}
			if fe.Status != tt.wantStatus || fe.RetryAfter != tt.wantRetry {
				t.Errorf("status %d retryAfter %v, want %d %v", fe.Status, fe.RetryAfter, tt.wantStatus, tt.wantRetry)
			}
			if errors.Is(err, ErrOutcomeUnknown) != tt.wantUnknown {
				t.Errorf("ErrOutcomeUnknown = %v, want %v (%v)", !tt.wantUnknown, tt.wantUnknown, err)
			}
			if errors.Is(err, ErrRateLimited) != tt.wantLimited {
				t.Errorf("ErrRateLimited mismatch: %v", err)
			}
			for _, s := range tt.wantText {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q lacks %q", err.Error(), s)
				}
			}
		})
	}
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestLongRetryAfterBlocksFollowingCalls: after a long 429 no further call
// reaches the server until Retry-After has passed.
func TestLongRetryAfterBlocksFollowingCalls(t *testing.T) {
	var n counter
	c, clk, _ := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.inc() == 1 {
			w.Header().Set("Retry-After", "30")
			writeJSON(w, 429, `{"message":"limit"}`)
			return
		}
		rateHeaders(w, 200, 150, 1)
		writeJSON(w, 200, `{"id":1}`)
	}))
	ctx := context.Background()
	if _, err := c.GetTicket(ctx, 1); !errors.Is(err, ErrRateLimited) {
		t.Fatalf("first: %v", err)
	}
	_, err := c.GetTicket(ctx, 1)
	var fe *Error
	if !errors.As(err, &fe) || !errors.Is(err, ErrRateLimited) || fe.RetryAfter != 30*time.Second || fe.Status != 0 {
		t.Fatalf("second call should be refused locally: %v", err)
	}
	if n.get() != 1 {
		t.Fatalf("requests = %d, want 1", n.get())
	}
	clk.advance(25 * time.Second) // 5s left: short enough to wait
	if _, err := c.GetTicket(ctx, 1); err != nil {
		t.Fatalf("third: %v", err)
	}
	if got := clk.slept(); len(got) != 1 || got[0] != 5*time.Second {
		t.Fatalf("sleeps = %v", got)
	}
}

// TestWriteRetriedWhenNotSent: a dial failure (connection refused) happens
// before the request is written, so a POST is retried and applied once.
func TestWriteRetriedWhenNotSent(t *testing.T) {
	var posts counter
	var dials atomic.Int32
	tr := &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			if dials.Add(1) == 1 {
				return nil, &net.OpError{Op: "dial", Net: network, Err: syscall.ECONNREFUSED}
			}
			var d net.Dialer
			return d.DialContext(ctx, network, addr)
		},
	}
	c, clk, _ := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		posts.inc()
		writeJSON(w, 201, `{"id":77,"body":"b","ticket_id":1}`)
	}), func(cfg *Config) { cfg.HTTPClient = &http.Client{Transport: tr} })
	conv, err := c.CreateReply(context.Background(), 1, ReplyInput{Body: "b"})
	if err != nil {
		t.Fatal(err)
	}
	if conv.ID != 77 || posts.get() != 1 || dials.Load() != 2 || len(clk.slept()) != 1 {
		t.Fatalf("id=%d posts=%d dials=%d sleeps=%v", conv.ID, posts.get(), dials.Load(), clk.slept())
	}

	// With retries exhausted the error says the write was not applied.
	dials.Store(-100)
	tr2 := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		return nil, &net.OpError{Op: "dial", Net: network, Err: syscall.ECONNREFUSED}
	}}
	c2, _, _ := newTestClient(t, http.NotFoundHandler(), func(cfg *Config) { cfg.HTTPClient = &http.Client{Transport: tr2} })
	_, err = c2.CreateReply(context.Background(), 1, ReplyInput{Body: "b"})
	if err == nil || errors.Is(err, ErrOutcomeUnknown) || !strings.Contains(err.Error(), "not applied") {
		t.Fatalf("err = %v", err)
	}
}

func TestTimeoutsAndCancellation(t *testing.T) {
	release := make(chan struct{})
	var n counter
	c, _, _ := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.inc()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}), func(cfg *Config) { cfg.Timeout = 50 * time.Millisecond; cfg.MaxRetries = 1 })
	defer close(release)

	_, err := c.GetTicket(context.Background(), 1)
	if err == nil || !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrOutcomeUnknown) {
		t.Fatalf("GET timeout: %v", err)
	}
	if n.get() != 2 {
		t.Fatalf("GET attempts = %d, want 2", n.get())
	}
	_, err = c.CreateNote(context.Background(), 1, NoteInput{Body: "x"})
	if !errors.Is(err, ErrOutcomeUnknown) {
		t.Fatalf("POST timeout after send should be outcome unknown: %v", err)
	}
	if n.get() != 3 {
		t.Fatalf("POST must not be retried: attempts = %d", n.get())
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for n.get() < 4 {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	_, err = c.UpdateTicket(ctx, 1, TicketUpdate{Status: new(int)})
	if !errors.Is(err, ErrOutcomeUnknown) || !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled PUT after send: %v", err)
	}
	done, cancel2 := context.WithCancel(context.Background())
	cancel2()
	before := n.get()
	if _, err := c.GetTicket(done, 1); !errors.Is(err, context.Canceled) || n.get() != before {
		t.Fatalf("cancelled ctx: %v, requests %d->%d", err, before, n.get())
	}
}

func TestCreditsAndRateState(t *testing.T) {
	c, _, _ := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		used := 1 + strings.Count(r.URL.Query().Get("include"), ",")
		if r.URL.Query().Get("include") != "" {
			used++
		}
		if r.URL.Path == "/api/v2/tickets" {
			used = 1 + 2*len(strings.Split(r.URL.Query().Get("include"), ","))
		}
		if r.URL.Path == "/api/v2/groups" { // no rate headers: counted as 1
			writeJSON(w, 200, `[]`)
			return
		}
		rateHeaders(w, 700, 600, used)
		writeJSON(w, 200, map[string]string{"/api/v2/tickets/1": `{"id":1}`, "/api/v2/tickets": `[]`}[r.URL.Path])
	}))
	if c.RateLimit().Known {
		t.Fatal("rate state known before any call")
	}
	outer, inner := &Usage{}, &Usage{}
	ctx := WithUsage(context.Background(), outer)
	tests := []struct {
		name string
		call func(ctx context.Context) error
		want int
	}{
		{"view, no include", func(ctx context.Context) error { _, err := c.GetTicket(ctx, 1); return err }, 1},
		{"view, 2 includes", func(ctx context.Context) error { _, err := c.GetTicket(ctx, 1, "requester", "company"); return err }, 3},
		{"list, 3 includes", func(ctx context.Context) error {
			_, err := c.ListTickets(ctx, ListTicketsParams{Include: []string{"description", "requester", "stats"}})
			return err
		}, 7},
		{"no headers", func(ctx context.Context) error { _, err := c.ListGroups(WithoutCache(ctx)); return err }, 1},
	}
	total := 0
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := &Usage{}
			if err := tt.call(WithUsage(WithUsage(ctx, inner), u)); err != nil {
				t.Fatal(err)
			}
			if u.Credits() != tt.want || u.Calls() != 1 {
				t.Fatalf("credits %d calls %d, want %d 1", u.Credits(), u.Calls(), tt.want)
			}
			total += tt.want
		})
	}
	if outer.Credits() != total || inner.Credits() != total || outer.Calls() != len(tests) {
		t.Fatalf("nested meters: outer %d inner %d calls %d, want %d", outer.Credits(), inner.Credits(), outer.Calls(), total)
	}
	st := c.RateLimit()
	// 600 reported, minus the header-less call admitted afterwards.
	if !st.Known || st.Total != 700 || st.Remaining != 599 {
		t.Fatalf("rate state = %+v", st)
	}
}

func TestReserve(t *testing.T) {
	var n counter
	var remaining atomic.Int32
	remaining.Store(11)
	c, clk, _ := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.inc()
		rateHeaders(w, 100, int(remaining.Add(-1)), 1)
		writeJSON(w, 200, `{"id":1}`)
	}), func(cfg *Config) { cfg.ReservePercent = 10 })
	ctx := context.Background()
	if _, err := c.GetTicket(ctx, 1); err != nil { // Remaining 10 = reserve
		t.Fatal(err)
	}
	_, err := c.GetTicket(ctx, 1)
	var fe *Error
	if !errors.As(err, &fe) || !errors.Is(err, ErrRateLimited) || fe.RetryAfter != time.Minute || !strings.Contains(err.Error(), "reserve") {
		t.Fatalf("reserve: %v", err)
	}
	if n.get() != 1 {
		t.Fatalf("requests = %d, the reserve must not send", n.get())
	}
	clk.advance(52 * time.Second) // 8s to the worst-case reset: wait
	remaining.Store(100)
	if _, err := c.GetTicket(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if s := clk.slept(); len(s) != 1 || s[0] != 8*time.Second || n.get() != 2 {
		t.Fatalf("sleeps %v requests %d", s, n.get())
	}
	// Disabled reserve: a call goes out even with few credits left.
	c2, _, _ := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rateHeaders(w, 100, 1, 1)
		writeJSON(w, 200, `{"id":1}`)
	}), func(cfg *Config) { cfg.ReservePercent = -1 })
	for range 2 {
		if _, err := c2.GetTicket(ctx, 1); err != nil {
			t.Fatal(err)
		}
	}
}

func TestConcurrencyCap(t *testing.T) {
	var inFlight, peak atomic.Int32
	release := make(chan struct{})
	c, _, _ := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cur := inFlight.Add(1)
		for {
			p := peak.Load()
			if cur <= p || peak.CompareAndSwap(p, cur) {
				break
			}
		}
		<-release
		inFlight.Add(-1)
		writeJSON(w, 200, `{"id":1}`)
	}), func(cfg *Config) { cfg.MaxConcurrent = 2 })
	var wg sync.WaitGroup
	errs := make(chan error, 6)
	for range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.GetTicket(context.Background(), 1)
			errs <- err
		}()
	}
	deadline := time.Now().Add(5 * time.Second)
	for inFlight.Load() < 2 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond) // give a third request the chance to (wrongly) arrive
	if got := inFlight.Load(); got != 2 {
		t.Fatalf("in flight = %d, want 2", got)
	}
	// A caller whose context ends while waiting for a slot gives up.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := c.GetTicket(ctx, 1); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("waiting caller: %v", err)
	}
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if peak.Load() != 2 {
		t.Fatalf("peak = %d, want 2", peak.Load())
	}
}

func TestErrorFormats(t *testing.T) {
	tests := []struct {
		name     string
		status   int
		body     string
		want     []string
		notFound bool
	}{
		{"validation", 400, `{"description":"Validation failed","errors":[{"field":"status","message":"It should be one of these values: '2,3,4,5'","code":"invalid_value"},{"field":"custom_fields","nested_field":"custom_fields.cf_x","message":"It should be a/an Integer","code":"datatype_mismatch"}]}`,
			[]string{"HTTP 400 Bad Request", "Validation failed", "field status: It should be one of these values: '2,3,4,5' [code invalid_value]",
				"field custom_fields (nested_field custom_fields.cf_x): It should be a/an Integer [code datatype_mismatch]"}, false},
		{"code and message", 401, `{"code":"invalid_credentials","message":"You have to be logged in to perform this action."}`,
			[]string{"HTTP 401 Unauthorized", "invalid_credentials: You have to be logged in to perform this action."}, false},
		{"duplicate 409", 409, `{"code":"duplicate_value","message":"Record already exists."}`, []string{"HTTP 409", "duplicate_value: Record already exists."}, false},
		{"message only", 405, `{"message":"PUT method is not allowed. It should be one of these method(s): GET, POST"}`,
			[]string{"HTTP 405 Method Not Allowed", "PUT method is not allowed"}, false},
		{"empty 404", 404, ``, []string{"HTTP 404 Not Found", "not found (unknown id, path or domain)"}, true},
		{"non-JSON body", 403, `<html>Forbidden</html>`, []string{"HTTP 403 Forbidden", "<html>Forbidden</html>"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, _ := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				writeJSON(w, tt.status, tt.body)
			}))
			_, err := c.GetTicket(context.Background(), 3)
			var fe *Error
			if !errors.As(err, &fe) || fe.Status != tt.status || fe.Method != "GET" || fe.Path != "/api/v2/tickets/3" {
				t.Fatalf("err = %#v", err)
			}
			for _, s := range append(tt.want, "GET /api/v2/tickets/3") {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("%q lacks %q", err.Error(), s)
				}
			}
			if IsNotFound(err) != tt.notFound {
				t.Errorf("IsNotFound = %v", !tt.notFound)
			}
			if errors.Is(err, ErrRateLimited) || errors.Is(err, ErrOutcomeUnknown) {
				t.Errorf("unexpected sentinel match: %v", err)
			}
		})
	}
	if IsNotFound(errors.New("x")) || IsNotFound(nil) {
		t.Fatal("IsNotFound on non-API errors")
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"30", 30 * time.Second, true},
		{" 0 ", 0, true},
		{"-5", 0, true},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{"", 0, false},
		{"soon", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseRetryAfter(%q) = %v %v, want %v %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestShortRetryAfterWithKnownRateState: after a 429 whose Retry-After has
// passed, the stale Remaining=0 must not trip the reserve.
func TestShortRetryAfterWithKnownRateState(t *testing.T) {
	var n counter
	c, clk, _ := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch n.inc() {
		case 2:
			w.Header().Set("Retry-After", "3")
			writeJSON(w, 429, `{"message":"limit"}`)
		default:
			rateHeaders(w, 200, 50, 1)
			writeJSON(w, 200, `{"id":1}`)
		}
	}))
	ctx := context.Background()
	for i := range 2 {
		if _, err := c.GetTicket(ctx, 1); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if s := clk.slept(); len(s) != 1 || s[0] != 3*time.Second || n.get() != 3 {
		t.Fatalf("sleeps %v requests %d", s, n.get())
	}
	if st := c.RateLimit(); !st.Known || st.Remaining != 50 {
		t.Fatalf("state = %+v", st)
	}
}
