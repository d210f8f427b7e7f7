package approval

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

const (
	testCaller   = "token:support-bot"
	testApprover = "correct horse battery staple"
)

// fakeClock is a settable clock shared by Approvals, its store and records.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// env is an Approvals served on a real loopback HTTP server.
type env struct {
	a     *Approvals
	srv   *httptest.Server
	clock *fakeClock
	store *policy.MemoryStore
}

// newEnv starts a server; with a nil clock the real clock is used.
func newEnv(t *testing.T, clock *fakeClock, ttl time.Duration) *env {
	t.Helper()
	now := time.Now
	if clock != nil {
		now = clock.Now
	}
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	store := policy.NewMemoryStore(now)
	a, err := New(Config{BaseURL: srv.URL, Store: store, TTL: ttl, Now: now,
		ApproverSecret: testApprover, PollInterval: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	mux.Handle(Path, a.Handler())
	return &env{a: a, srv: srv, clock: clock, store: store}
}

func testPreview() Preview {
	return Preview{
		Tool: "send_reply", Action: "Send a reply to the customer on ticket #42", TicketID: 42,
		Subject: "Printer <b>on fire</b>", CustomerVisible: true,
		Body:    "Hello Ana,\n\nThanks, we are looking into it.\n\n<script>alert(1)</script>",
		CC:      []string{"boss@example.com"},
		Removed: []Removal{{CodePoint: "U+202E", Name: "RIGHT-TO-LEFT OVERRIDE", Count: 1}},
	}
}

func testArgs() map[string]any {
	return map[string]any{"ticket_id": 42, "body": "Hello Ana"}
}

func digestOf(t *testing.T, args map[string]any) string {
	t.Helper()
	d, err := ArgsDigest("send_reply", args)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// create makes a pending confirmation for testCaller and testArgs.
func (e *env) create(t *testing.T, guard Guard) Confirmation {
	t.Helper()
	c, err := e.a.Create(context.Background(), Request{Caller: testCaller, ArgsDigest: digestOf(t, testArgs()), Preview: testPreview(), Guard: guard})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// browser is a minimal same-origin form client (cookie jar, Origin header,
// no redirects followed) for protocol-level tests.
type browser struct {
	t      *testing.T
	client *http.Client
	origin string
}

func newBrowser(t *testing.T, origin string) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, origin: origin, client: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

func (b *browser) get(u string) (int, http.Header, string) {
	b.t.Helper()
	resp, err := b.client.Get(u)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(body)
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// token GETs the page and returns its form token.
func (b *browser) token(u string) string {
	b.t.Helper()
	code, _, body := b.get(u)
	m := csrfRE.FindStringSubmatch(body)
	if code != http.StatusOK || m == nil {
		b.t.Fatalf("GET %s: %d, no form token in page:\n%s", u, code, body)
	}
	return m[1]
}

// post submits form to u with extra headers and returns the status and body.
func (b *browser) post(u string, form url.Values, headers map[string]string) (int, string) {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if b.origin != "" {
		req.Header.Set("Origin", b.origin)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// decide GETs the page and posts decision with its token.
func (b *browser) decide(u, decision, secret string) (int, string) {
	b.t.Helper()
	form := url.Values{"csrf": {b.token(u)}, "decision": {decision}}
	if secret != "" {
		form.Set("approver_secret", secret)
	}
	return b.post(u, form, nil)
}

func (e *env) status(t *testing.T, id string) Decision {
	t.Helper()
	d, err := e.a.Status(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
