package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/webhook"
)

const liveSecret = "webhook-secret-0123456789"

// startLive runs Main's HTTP server against the emulator with webhooks on
// and returns its base URL and the emulator.
func startLive(t *testing.T, extra map[string]string, args ...string) (string, *fdtest.TestServer) {
	t.Helper()
	ts := emulator(t)
	return startLiveOn(t, ts, extra, args...), ts
}

// startLiveOn is startLive against the emulator ts.
func startLiveOn(t *testing.T, ts *fdtest.TestServer, extra map[string]string, args ...string) string {
	t.Helper()
	e := emulatorEnv(ts)
	e["FRESHDESK_MCP_WEBHOOK_SECRETS"] = "old-" + liveSecret + "," + liveSecret
	for k, v := range extra {
		e[k] = v
	}
	addrc := make(chan net.Addr, 1)
	var stderr bytes.Buffer
	r := &runner{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &lockedWriter{w: &stderr},
		lookupEnv: env(e), onListen: func(a net.Addr) { addrc <- a }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- r.run(ctx, append([]string{"--http", "127.0.0.1:0", "--mode", "unattended"}, args...))
	}()
	t.Cleanup(func() { cancel(); <-done })
	select {
	case a := <-addrc:
		return "http://" + a.String()
	case code := <-done:
		t.Fatalf("server exited early with %d: %s", code, stderr.String())
	case <-time.After(10 * time.Second):
		t.Fatal("server did not start")
	}
	return ""
}

// updates collects the notifications/resources/updated a client receives.
type updates struct {
	mu   sync.Mutex
	uris []string
	ch   chan string
}

func newUpdates() *updates { return &updates{ch: make(chan string, 16)} }

func (u *updates) opts() *gomcp.ClientOptions {
	return &gomcp.ClientOptions{
		ResourceUpdatedHandler: func(_ context.Context, req *gomcp.ResourceUpdatedNotificationRequest) {
			u.mu.Lock()
			u.uris = append(u.uris, req.Params.URI)
			u.mu.Unlock()
			u.ch <- req.Params.URI
		}}
}

func (u *updates) wait(t *testing.T, who, uri string) {
	t.Helper()
	select {
	case got := <-u.ch:
		if got != uri {
			t.Fatalf("%s: updated %s, want %s", who, got, uri)
		}
	case <-time.After(time.Second):
		t.Fatalf("%s: no notifications/resources/updated for %s within 1s", who, uri)
	}
}

func (u *updates) none(t *testing.T, who string) {
	t.Helper()
	u.mu.Lock()
	defer u.mu.Unlock()
	if len(u.uris) > 0 {
		t.Fatalf("%s received %v, want nothing", who, u.uris)
	}
}

// liveClient connects a go-sdk client to base; version "" is the newest
// (2026-07-28).
func liveClient(t *testing.T, base string, h map[string]string, o *gomcp.ClientOptions, version string) *gomcp.ClientSession {
	t.Helper()
	tr := &gomcp.StreamableClientTransport{Endpoint: base + pathMCP,
		HTTPClient: &http.Client{Transport: headerTransport{h: h, next: http.DefaultTransport}}}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	cs, err := gomcp.NewClient(&gomcp.Implementation{Name: "live-test", Version: "1"}, o).Connect(ctx, tr, &gomcp.ClientSessionOptions{ProtocolVersion: version})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cs.Close() })
	return cs
}

func fireWebhook(t *testing.T, base, secret, body string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, base+pathWebhook, strings.NewReader(body))
	req.Header.Set(webhook.DefaultHeader, secret)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	return resp.StatusCode
}

// subscribe subscribes cs to uri; under 2026-07-28 the SDK's Subscribe holds
// a subscriptions/listen stream open, so it runs in the background and the
// test waits until the server has recorded it.
func subscribe(t *testing.T, cs *gomcp.ClientSession, uri string) {
	t.Helper()
	errc := make(chan error, 1)
	go func() { errc <- cs.Subscribe(context.Background(), &gomcp.SubscribeParams{URI: uri}) }()
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("subscribe %s: %v", uri, err)
		}
	case <-time.After(300 * time.Millisecond): // a listen stream stays open
	}
}

// TestLiveUpdates is the end-to-end check: subscribers of a ticket
// (legacy resources/subscribe and 2026-07-28 subscriptions/listen) are told
// within a second when another caller adds a note through the server and
// when a Freshdesk webhook arrives; a client subscribed elsewhere and a
// client hidden from tickets are told nothing.
func TestLiveUpdates(t *testing.T) {
	base, _ := startLive(t, nil)
	id := int64(1)
	uri := fmt.Sprintf("freshdesk://tickets/%d", id)

	legacy, modern, other, hidden := newUpdates(), newUpdates(), newUpdates(), newUpdates()
	subscribe(t, liveClient(t, base, nil, legacy.opts(), "2025-11-25"), uri)
	subscribe(t, liveClient(t, base, nil, modern.opts(), ""), uri)
	subscribe(t, liveClient(t, base, nil, other.opts(), "2025-11-25"), "freshdesk://tickets/2")
	subscribe(t, liveClient(t, base, map[string]string{policy.HeaderToolsets: "customers"}, hidden.opts(), "2025-11-25"), uri)

	b := liveClient(t, base, nil, nil, "")
	if text, isErr := call(t, b, "add_note", map[string]any{"ticket_id": id, "body": "live update test note"}); isErr {
		t.Fatalf("add_note: %s", text)
	}
	legacy.wait(t, "legacy subscriber", uri)
	modern.wait(t, "2026-07-28 subscriber", uri)

	if code := fireWebhook(t, base, liveSecret, fmt.Sprintf(`{"ticket_id": %d, "event": "reply"}`, id)); code != http.StatusAccepted {
		t.Fatalf("webhook: status %d", code)
	}
	legacy.wait(t, "legacy subscriber (webhook)", uri)
	modern.wait(t, "2026-07-28 subscriber (webhook)", uri)

	time.Sleep(200 * time.Millisecond)
	other.none(t, "a client subscribed to another ticket")
	hidden.none(t, "a client hidden from tickets")
}

// TestWebhookMount: the receiver is served without a bearer token (it has
// its own secret) and refuses a wrong secret, even with --auth-tokens.
func TestWebhookMount(t *testing.T) {
	base, _ := startLive(t, map[string]string{"FRESHDESK_MCP_AUTH_TOKENS": "alice:" + strings.Repeat("a", 32)})
	if code := fireWebhook(t, base, liveSecret, `{"ticket_id": 1}`); code != http.StatusAccepted {
		t.Fatalf("right secret: %d, want 202", code)
	}
	if code := fireWebhook(t, base, "wrong-"+liveSecret, `{"ticket_id": 1}`); code != http.StatusUnauthorized {
		t.Fatalf("wrong secret: %d, want 401", code)
	}
	if code := fireWebhook(t, base, liveSecret, `not json`); code != http.StatusBadRequest {
		t.Fatalf("malformed: %d, want 400", code)
	}
}

// TestLiveUpdatesFromEmulatorRule: the emulator, set up with the README's
// automation rule, fires the webhook when the ticket changes in Freshdesk
// itself; the subscriber is told within a second, and a retried delivery
// of the same body is not handled twice.
func TestLiveUpdatesFromEmulatorRule(t *testing.T) {
	base, fd := startLive(t, nil)
	fd.AddWebhook(fdtest.WebhookRule{URL: base + pathWebhook,
		Headers: map[string]string{webhook.DefaultHeader: liveSecret},
		Payload: `{"ticket_id": {{ticket.id}}, "event": "{{triggered_event}}"}`})
	u := newUpdates()
	subscribe(t, liveClient(t, base, nil, u.opts(), "2025-11-25"), "freshdesk://tickets/3")

	fd.ChangeTicket(3, fdtest.EventReply)
	u.wait(t, "subscriber", "freshdesk://tickets/3")
	fd.WebhookDeliveries()                // the first delivery is recorded first
	fd.ChangeTicket(3, fdtest.EventReply) // Freshdesk's retry: same body
	d := fd.WebhookDeliveries()
	if len(d) != 2 || d[0].Status != http.StatusAccepted || d[1].Status != http.StatusOK {
		t.Fatalf("deliveries %+v: want 202, then 200 for the retry", d)
	}
	time.Sleep(200 * time.Millisecond)
	u.mu.Lock()
	defer u.mu.Unlock()
	if len(u.uris) != 1 {
		t.Fatalf("subscriber told %d times (%v), want once", len(u.uris), u.uris)
	}
}

// changedCall calls list_changed_tickets and decodes its answer.
func changedCall(t *testing.T, cs *gomcp.ClientSession, since time.Time) (source string, credits int, ids []int64) {
	t.Helper()
	text, isErr := call(t, cs, "list_changed_tickets", map[string]any{"since": since.UTC().Format(time.RFC3339Nano)})
	if isErr {
		t.Fatalf("list_changed_tickets: %s", text)
	}
	var out struct {
		Source  string `json:"source"`
		Credits int    `json:"credits"`
		Tickets []struct {
			ID int64 `json:"ticket_id"`
		} `json:"tickets"`
	}
	if err := json.Unmarshal([]byte(text), &out); err != nil {
		t.Fatalf("decode %q: %v", text, err)
	}
	for _, tk := range out.Tickets {
		ids = append(ids, tk.ID)
	}
	return out.Source, out.Credits, ids
}

func listRequests(fd *fdtest.TestServer) int {
	n := 0
	for _, r := range fd.Requests() {
		if r.Method == http.MethodGet && r.Path == "/api/v2/tickets" {
			n++
		}
	}
	return n
}

// TestChangedTickets: with webhooks, list_changed_tickets answers from the
// event log without a Freshdesk request (source webhooks, 0 credits); for a
// cursor older than the log, and on a server without webhooks, it lists
// with updated_since (source freshdesk, 1 credit).
func TestChangedTickets(t *testing.T) {
	t.Run("webhooks", func(t *testing.T) {
		base, fd := startLive(t, nil, "--toolsets", "default,reporting")
		cs := liveClient(t, base, nil, nil, "2025-11-25")
		since := time.Now()
		for _, id := range []int64{5, 7, 5} {
			if code := fireWebhook(t, base, liveSecret, fmt.Sprintf(`{"ticket_id": %d, "event": "e%d"}`, id, time.Now().UnixNano())); code != http.StatusAccepted {
				t.Fatalf("webhook: %d", code)
			}
		}
		deadline := time.Now().Add(time.Second)
		var ids []int64
		for time.Now().Before(deadline) {
			var src string
			var credits int
			src, credits, ids = changedCall(t, cs, since)
			if src != "webhooks" || credits != 0 {
				t.Fatalf("source %s, %d credits; want webhooks, 0", src, credits)
			}
			if len(ids) == 2 {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		if fmt.Sprint(ids) != "[7 5]" {
			t.Fatalf("changed tickets %v, want [7 5] (each once, oldest change first)", ids)
		}
		if n := listRequests(fd); n != 0 {
			t.Fatalf("%d Freshdesk listings for the event log", n)
		}
		if src, credits, _ := changedCall(t, cs, since.Add(-time.Hour)); src != "freshdesk" || credits != 1 || listRequests(fd) != 1 {
			t.Fatalf("cursor before the log: source %s, %d credits, %d listings; want freshdesk, 1, 1", src, credits, listRequests(fd))
		}
	})
	t.Run("no webhooks", func(t *testing.T) {
		base, fd := startLive(t, map[string]string{"FRESHDESK_MCP_WEBHOOK_SECRETS": ""}, "--toolsets", "default,reporting")
		cs := liveClient(t, base, nil, nil, "2025-11-25")
		src, credits, ids := changedCall(t, cs, time.Now().Add(-365*24*time.Hour))
		if src != "freshdesk" || credits != 1 || len(ids) == 0 || listRequests(fd) != 1 {
			t.Fatalf("source %s, %d credits, %d tickets, %d listings; want freshdesk, 1, some, 1", src, credits, len(ids), listRequests(fd))
		}
	})
}
