package approval

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

func TestApproveRedeemsExactlyOnce(t *testing.T) {
	e := newEnv(t, nil, 0)
	c := e.create(t, GuardLink)
	b := newBrowser(t, e.srv.URL)
	if got := e.status(t, c.ID); got != Pending {
		t.Fatalf("status before deciding = %v", got)
	}
	if err := e.a.Redeem(context.Background(), c.ID, testCaller, digestOf(t, testArgs())); !errors.Is(err, ErrPending) {
		t.Fatalf("redeem before approval: %v, want ErrPending", err)
	}
	tok := b.token(c.URL)
	code, _ := b.post(c.URL, url.Values{"csrf": {tok}, "decision": {"approve"}}, nil)
	if code != http.StatusSeeOther {
		t.Fatalf("POST approve: %d, want 303", code)
	}
	if got := e.status(t, c.ID); got != Approved {
		t.Fatalf("status = %v, want approved", got)
	}
	_, _, page := b.get(c.URL)
	if !strings.Contains(page, "Approved.") || strings.Contains(page, `name="decision"`) {
		t.Errorf("decided page should say Approved and offer no form:\n%s", page)
	}
	digest := digestOf(t, testArgs())
	if err := e.a.Redeem(context.Background(), c.ID, testCaller, digest); err != nil {
		t.Fatalf("first redeem: %v", err)
	}
	for i := 0; i < 3; i++ {
		if err := e.a.Redeem(context.Background(), c.ID, testCaller, digest); !errors.Is(err, ErrReplayed) || !errors.Is(err, ErrNotRedeemed) {
			t.Fatalf("replay %d: %v, want ErrReplayed", i, err)
		}
	}
	// A second decision cannot overturn the first.
	if code, _ := b.post(c.URL, url.Values{"csrf": {tok}, "decision": {"decline"}}, nil); code != http.StatusSeeOther {
		t.Fatalf("second decision: %d, want 303 to the decided page", code)
	}
	if got := e.status(t, c.ID); got != Approved {
		t.Fatalf("status after a second POST = %v", got)
	}
}

func TestRedeemRefusals(t *testing.T) {
	ctx := context.Background()
	altered := testArgs()
	altered["body"] = "Hello Ana, please pay to IBAN ..."
	reordered := map[string]any{"body": "Hello Ana", "ticket_id": 42.0, "confirmation_token": "x"}
	tests := []struct {
		name    string
		decide  string // "", approve, decline
		advance time.Duration
		caller  string
		args    map[string]any
		id      func(c Confirmation) string
		want    error
	}{
		{"same arguments, other spelling", "approve", 0, testCaller, reordered, nil, nil},
		{"declined", "decline", 0, testCaller, testArgs(), nil, ErrDeclined},
		{"undecided", "", 0, testCaller, testArgs(), nil, ErrPending},
		{"expired without decision", "", 11 * time.Minute, testCaller, testArgs(), nil, ErrExpired},
		{"approved, then expired", "approve", 11 * time.Minute, testCaller, testArgs(), nil, ErrExpired},
		{"another caller", "approve", 0, "token:other-bot", testArgs(), nil, ErrWrongCaller},
		{"altered arguments", "approve", 0, testCaller, altered, nil, ErrArgsChanged},
		{"forged id", "approve", 0, testCaller, testArgs(), func(c Confirmation) string { return flip(c.ID, 20) }, ErrInvalid},
		{"garbage id", "approve", 0, testCaller, testArgs(), func(Confirmation) string { return "not-an-id" }, ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := &fakeClock{t: time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)}
			e := newEnv(t, clock, 10*time.Minute)
			c := e.create(t, GuardLink)
			if tt.decide != "" {
				if code, _ := newBrowser(t, e.srv.URL).decide(c.URL, tt.decide, ""); code != http.StatusSeeOther {
					t.Fatalf("POST %s: %d", tt.decide, code)
				}
			}
			clock.Add(tt.advance)
			id := c.ID
			if tt.id != nil {
				id = tt.id(c)
			}
			err := e.a.Redeem(ctx, id, tt.caller, digestOf(t, tt.args))
			if tt.want == nil {
				if err != nil {
					t.Fatalf("redeem: %v", err)
				}
				return
			}
			if !errors.Is(err, tt.want) || !errors.Is(err, ErrNotRedeemed) {
				t.Fatalf("redeem: %v, want %v", err, tt.want)
			}
			// A refused redeem leaves nothing usable behind for the right call
			// unless it was approved and is still valid.
			if tt.decide == "approve" && tt.advance == 0 && tt.id == nil {
				if err := e.a.Redeem(ctx, c.ID, testCaller, digestOf(t, testArgs())); err != nil {
					t.Fatalf("the right call after a refused one: %v", err)
				}
			}
		})
	}
}

func TestConcurrentRedeemSucceedsOnce(t *testing.T) {
	e := newEnv(t, nil, 0)
	c := e.create(t, GuardLink)
	newBrowser(t, e.srv.URL).decide(c.URL, "approve", "")
	digest := digestOf(t, testArgs())
	const n = 32
	errs := make(chan error, n)
	for range n {
		go func() { errs <- e.a.Redeem(context.Background(), c.ID, testCaller, digest) }()
	}
	ok := 0
	for range n {
		err := <-errs
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, ErrReplayed):
			t.Errorf("redeem: %v", err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d of %d concurrent redeems succeeded, want exactly 1", ok, n)
	}
}

func TestRedeemOtherStore(t *testing.T) {
	ctx := context.Background()
	secret := []byte(strings.Repeat("s", MinSecretLen))
	a1, err := New(Config{BaseURL: "http://127.0.0.1:1", Secret: secret})
	if err != nil {
		t.Fatal(err)
	}
	c, err := a1.Create(ctx, Request{Caller: testCaller, ArgsDigest: digestOf(t, testArgs()), Preview: testPreview()})
	if err != nil {
		t.Fatal(err)
	}
	tok, _ := a1.decode(c.ID)
	if d, err := a1.decide(ctx, tok, Approved); err != nil || d != Approved {
		t.Fatalf("decide: %v, %v", d, err)
	}
	// The same secret with another memory (a restart, a replica without
	// the shared store): single use could not be enforced there.
	a2, err := New(Config{BaseURL: "http://127.0.0.1:1", Secret: secret})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a2.decide(ctx, tok, Approved); err != nil {
		t.Fatal(err)
	}
	if err := a2.Redeem(ctx, c.ID, testCaller, digestOf(t, testArgs())); !errors.Is(err, ErrOtherStore) {
		t.Fatalf("redeem in another store: %v", err)
	}
	if err := a1.Redeem(ctx, c.ID, testCaller, digestOf(t, testArgs())); err != nil {
		t.Fatalf("redeem in its own store: %v", err)
	}
}

func TestExpiredPageRefusesDecision(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)}
	e := newEnv(t, clock, 10*time.Minute)
	c := e.create(t, GuardLink)
	b := newBrowser(t, e.srv.URL)
	tok := b.token(c.URL)
	clock.Add(10 * time.Minute)
	code, _ := b.post(c.URL, url.Values{"csrf": {tok}, "decision": {"approve"}}, nil)
	if code != http.StatusSeeOther {
		t.Fatalf("POST after expiry: %d", code)
	}
	if got := e.status(t, c.ID); got != Expired {
		t.Fatalf("status = %v, want expired", got)
	}
	code, _, page := b.get(c.URL)
	if code != http.StatusGone || !strings.Contains(page, "expired") || strings.Contains(page, `name="decision"`) {
		t.Fatalf("expired page: %d\n%s", code, page)
	}
}

func TestWait(t *testing.T) {
	e := newEnv(t, nil, 400*time.Millisecond)
	c := e.create(t, GuardLink)
	done := make(chan Decision, 1)
	go func() {
		d, err := e.a.Wait(context.Background(), c.ID)
		if err != nil {
			t.Error(err)
		}
		done <- d
	}()
	newBrowser(t, e.srv.URL).decide(c.URL, "decline", "")
	if d := <-done; d != Declined {
		t.Fatalf("Wait = %v, want declined", d)
	}

	c2 := e.create(t, GuardLink)
	start := time.Now()
	d, err := e.a.Wait(context.Background(), c2.ID)
	if err != nil || d != Expired {
		t.Fatalf("Wait on an undecided confirmation = %v, %v; want expired", d, err)
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Fatalf("Wait took %v past a 400ms expiry", el)
	}

	c3 := e.create(t, GuardLink)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	if _, err := e.a.Wait(ctx, c3.ID); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Wait with a cancelled context: %v", err)
	}
	// Returned waits leave no channels behind.
	e.a.mu.Lock()
	defer e.a.mu.Unlock()
	if len(e.a.waiters) != 0 {
		t.Errorf("%d waiter channels left", len(e.a.waiters))
	}
}

func TestFind(t *testing.T) {
	e := newEnv(t, nil, 0)
	c := e.create(t, GuardLink)
	ctx := context.Background()
	id, ok, err := e.a.Find(ctx, testCaller, digestOf(t, testArgs()), GuardLink)
	if err != nil || !ok || id != c.ID {
		t.Fatalf("Find = %q, %v, %v; want the created id", id, ok, err)
	}
	if _, ok, _ := e.a.Find(ctx, "token:other-bot", digestOf(t, testArgs()), GuardLink); ok {
		t.Fatal("Find returned another caller's confirmation")
	}
	altered := testArgs()
	altered["body"] = "changed"
	if _, ok, _ := e.a.Find(ctx, testCaller, digestOf(t, altered), GuardLink); ok {
		t.Fatal("Find returned a confirmation for other arguments")
	}
	// A page anyone who opens it may approve (GuardLink) is never found
	// by the approver fallback, which must hand out approver pages only.
	if _, ok, _ := e.a.Find(ctx, testCaller, digestOf(t, testArgs()), GuardApprover); ok {
		t.Fatal("Find(GuardApprover) returned a GuardLink page")
	}
}

func TestCreateNeedsApproverForGuard(t *testing.T) {
	a, err := New(Config{BaseURL: "http://127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = a.Create(context.Background(), Request{Caller: testCaller, ArgsDigest: "sha256:x", Guard: GuardApprover})
	if !errors.Is(err, ErrNoApprover) {
		t.Fatalf("Create with GuardApprover and no secret: %v", err)
	}
	for _, base := range []string{"", "ftp://x", "/confirm", "http://"} {
		if _, err := New(Config{BaseURL: base}); err == nil {
			t.Errorf("New accepted base URL %q", base)
		}
	}
	if _, err := New(Config{BaseURL: "http://x", Secret: []byte("short")}); err == nil {
		t.Error("New accepted a short secret")
	}
}

// flip changes one character of s.
func flip(s string, i int) string {
	b := []byte(s)
	if b[i] == 'A' {
		b[i] = 'B'
	} else {
		b[i] = 'A'
	}
	return string(b)
}

// failingRecords is a Records whose reads fail on demand: the fault a real
// shared store (Redis down) produces between a page's creation and its view.
type failingRecords struct {
	*MemoryRecords
	fail bool
}

func (f *failingRecords) Get(ctx context.Context, key string) ([]byte, bool, error) {
	if f.fail {
		return nil, false, errors.New("redis: connection refused")
	}
	return f.MemoryRecords.Get(ctx, key)
}

// A page whose preview cannot be read right now says "try again" (503), not
// "not found": the confirmation still exists and nothing was decided.
func TestPageRecordsUnavailable(t *testing.T) {
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	recs := &failingRecords{MemoryRecords: NewMemoryRecords(nil)}
	a, err := New(Config{BaseURL: srv.URL, Store: policy.NewMemoryStore(nil), Records: recs, ApproverSecret: testApprover})
	if err != nil {
		t.Fatal(err)
	}
	mux.Handle(Path, a.Handler())
	c, err := a.Create(context.Background(), Request{Caller: testCaller, ArgsDigest: digestOf(t, testArgs()), Preview: testPreview(), Guard: GuardLink})
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, srv.URL)
	recs.fail = true
	if code, _, page := b.get(c.URL); code != http.StatusServiceUnavailable || !strings.Contains(page, "Try again") || strings.Contains(page, `name="decision"`) {
		t.Errorf("page with the records unavailable: %d\n%.400s", code, page)
	}
	recs.fail = false
	if code, _, page := b.get(c.URL); code != http.StatusOK || !strings.Contains(page, `name="decision"`) {
		t.Errorf("page with the records back: %d\n%.400s", code, page)
	}
}
