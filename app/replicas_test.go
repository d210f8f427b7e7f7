package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// confirmHeader tightens a request to --mode confirm.
var confirmHeader = map[string]string{policy.HeaderMode: "confirm"}

// servedBy runs fn (one or more requests) and returns the replicas that
// received them, in order of their counters.
func (c *cluster) servedBy(fn func()) []int {
	before := c.hitCounts()
	fn()
	var out []int
	for i, n := range c.hitCounts() {
		for range n - before[i] {
			out = append(out, i)
		}
	}
	return out
}

// TestReplicasShareState drives three real replicas behind a round-robin
// proxy through a real MCP client (stateless protocol) and shows with
// counts that writes, confirmations and elicitations hold across replicas,
// and what happens while Redis is down.
func TestReplicasShareState(t *testing.T) {
	// The token fallback (an explicit operator choice) is what issues the
	// tokens whose single use across replicas this checks.
	c := startCluster(t, fdtest.Options{RateLimit: 1 << 20}, "--confirm-fallback", "token")
	id, _ := demoTicket(t, c.fd)
	plain := c.client(t, nil, nil)

	t.Run("cached lookups stay per process", func(t *testing.T) { replicaLookups(t, c, plain, id) })
	t.Run("same note through every replica is written once", func(t *testing.T) { replicaSameNote(t, c, plain, id) })
	t.Run("token from one replica is redeemed once by another", func(t *testing.T) { replicaToken(t, c, plain, id) })
	t.Run("multi-round-trip confirmation spans replicas", func(t *testing.T) { replicaElicitation(t, c, plain, id) })
	t.Run("redis down refuses writes, reads go on, recovery", func(t *testing.T) { replicaRedisDown(t, c, plain, id) })
}

func replicaLookups(t *testing.T, c *cluster, plain *gomcp.ClientSession, id int64) {
	// Measure what per-process caches cost the account: lookups
	// (ticket fields, agents, groups) fetched by 3 replicas for 30 reads.
	c.fd.ResetRequests()
	for range 15 {
		call(t, plain, "get_ticket", map[string]any{"ticket_id": id})
		call(t, plain, "list_tickets", map[string]any{})
	}
	lookups, total := 0, 0
	for _, r := range c.fd.Requests() {
		total += r.Credits
		if strings.Contains(r.Path, "/ticket_fields") || strings.Contains(r.Path, "/agents") || strings.Contains(r.Path, "/groups") {
			lookups += r.Credits
		}
	}
	t.Logf("30 reads through 3 replicas: %d credits, of which %d for lookups (at most once per replica and kind per --cache-ttl)", total, lookups)
	if lookups > 3*3 {
		t.Errorf("lookups cost %d credits; each replica should fetch each kind once", lookups)
	}
}

func replicaSameNote(t *testing.T, c *cluster, plain *gomcp.ClientSession, id int64) {
	body := "Customer called back; waiting for the invoice copy."
	written, dup := 0, 0
	served := c.servedBy(func() {
		for range 6 {
			text, isErr := call(t, plain, "add_note", map[string]any{"ticket_id": id, "body": body})
			switch {
			case !isErr && strings.Contains(text, `"status":"written"`):
				written++
			case isErr && strings.Contains(text, "refused as a duplicate"):
				dup++
			default:
				t.Errorf("unexpected answer: %s", text)
			}
		}
	})
	n := countNotes(c.fd, id, body)
	t.Logf("6 identical add_note calls on replicas %v: %d written, %d refused as duplicates, %d notes in Freshdesk", served, written, dup, n)
	if written != 1 || dup != 5 || n != 1 || distinct(served) != 3 {
		t.Errorf("want 1 written, 5 duplicates, 1 note, 3 replicas used")
	}
}

func replicaToken(t *testing.T, c *cluster, plain *gomcp.ClientSession, id int64) {
	cs := c.client(t, nil, confirmHeader)
	body := "Refund approved by finance."
	args := map[string]any{"ticket_id": id, "body": body}
	var text string
	issuer := c.servedBy(func() { text, _ = call(t, cs, "add_note", args) })
	var cr struct {
		Status string `json:"status"`
		Token  string `json:"confirmation_token"`
	}
	if err := json.Unmarshal([]byte(text), &cr); err != nil || cr.Status != "confirmation_required" || cr.Token == "" {
		t.Fatalf("first call: %s", text)
	}
	args[policy.TokenArg] = cr.Token
	var redeemed string
	var isErr bool
	redeemer := c.servedBy(func() { redeemed, isErr = call(t, cs, "add_note", args) })
	if isErr || !strings.Contains(redeemed, `"status":"written"`) {
		t.Fatalf("redeeming on another replica: %s", redeemed)
	}
	refused := 0
	replays := c.servedBy(func() {
		for range 3 {
			if text, isErr := call(t, cs, "add_note", args); isErr && strings.Contains(text, "already been used") {
				refused++
			} else {
				t.Errorf("replay: %s", text)
			}
		}
	})
	n := countNotes(c.fd, id, body)
	t.Logf("token issued by replica %v, redeemed by %v; replays on %v: %d of 3 refused; %d note(s)", issuer, redeemer, replays, refused, n)
	if issuer[0] == redeemer[0] || refused != 3 || distinct(replays) != 3 || n != 1 {
		t.Error("want redeemed on another replica, every replay refused on every replica, 1 note")
	}
}

func replicaElicitation(t *testing.T, c *cluster, plain *gomcp.ClientSession, id int64) {
	var asked int
	var mu sync.Mutex
	cs := c.client(t, &gomcp.ClientOptions{ElicitationHandler: func(context.Context, *gomcp.ElicitRequest) (*gomcp.ElicitResult, error) {
		mu.Lock()
		asked++
		mu.Unlock()
		return &gomcp.ElicitResult{Action: "accept", Content: map[string]any{}}, nil
	}}, confirmHeader)
	body := "Shipped the replacement by courier."
	var text string
	var isErr bool
	served := c.servedBy(func() { text, isErr = call(t, cs, "add_note", map[string]any{"ticket_id": id, "body": body}) })
	n := countNotes(c.fd, id, body)
	t.Logf("elicitation round trips on replicas %v: user asked %d time(s), %d note(s)", served, asked, n)
	if isErr || asked != 1 || n != 1 || len(served) != 2 || served[0] == served[1] {
		t.Errorf("want one question, one note, two requests on two replicas; got %s", text)
	}
}

func replicaRedisDown(t *testing.T, c *cluster, plain *gomcp.ClientSession, id int64) {
	before := "Customer called back; waiting for the invoice copy." // written in the first subtest
	body := "Called the customer while Redis was down."
	c.redis.Kill()
	refused, reads := 0, 0
	for range 3 {
		if text, isErr := call(t, plain, "add_note", map[string]any{"ticket_id": id, "body": body}); isErr &&
			strings.Contains(text, "shared state unavailable: nothing was written") {
			refused++
		} else {
			t.Errorf("write while Redis is down: %s", text)
		}
		if _, isErr := call(t, plain, "get_ticket", map[string]any{"ticket_id": id}); !isErr {
			reads++
		}
	}
	tk, _ := c.fd.Ticket(id)
	prio := tk["priority"]
	target := "urgent"
	if fmt.Sprint(prio) == "4" {
		target = "low"
	}
	upd, updErr := call(t, plain, "update_ticket", map[string]any{"ticket_id": id, "priority": target})
	if tk2, _ := c.fd.Ticket(id); !updErr || !strings.Contains(upd, "shared state unavailable: nothing was written") || tk2["priority"] != prio {
		t.Errorf("update_ticket while Redis is down: %s (priority %v -> %v)", upd, prio, tk2["priority"])
	}
	during := countNotes(c.fd, id, body)
	for i, r := range c.replicas {
		if code, text := replicaGet(t, r, "/readyz"); code != http.StatusServiceUnavailable || !strings.Contains(text, "redis") {
			t.Errorf("replica %d /readyz with Redis down: %d %s; want 503 naming redis", i, code, text)
		}
		if _, text := replicaGet(t, r, "/metrics"); !strings.Contains(text, "freshdesk_mcp_redis_errors_total{") {
			t.Errorf("replica %d /metrics counts no Redis error while Redis is down", i)
		}
	}
	c.redis.Restart()
	var text string
	var isErr bool
	deadline := time.Now().Add(10 * time.Second)
	attempts := 0
	for time.Now().Before(deadline) {
		attempts++
		text, isErr = call(t, plain, "add_note", map[string]any{"ticket_id": id, "body": body})
		if !isErr {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	// Each replica notices the recovery on its own reconnect loop (every
	// 200ms); the next calls may land on either, so wait until all are ready.
	for i, r := range c.replicas {
		for code := 0; code != http.StatusOK && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			code, _ = replicaGet(t, r, "/readyz")
		}
		if code, text := replicaGet(t, r, "/readyz"); code != http.StatusOK {
			t.Fatalf("replica %d /readyz after Redis is back: %d %s; want 200 within 10s", i, code, text)
		}
	}
	again, _ := call(t, plain, "add_note", map[string]any{"ticket_id": id, "body": body})
	old, _ := call(t, plain, "add_note", map[string]any{"ticket_id": id, "body": before})
	logged := 0
	for _, r := range c.replicas {
		if strings.Contains(r.logs(), "shared state unavailable") && strings.Contains(r.logs(), "shared state available again") {
			logged++
		}
	}
	t.Logf("Redis down: %d/3 writes refused, %d/3 reads served, %d notes written; after restart: written after %d attempt(s), "+
		"%d note(s); replicas that logged down+up: %d", refused, reads, during, attempts, countNotes(c.fd, id, body), logged)
	if refused != 3 || reads != 3 || during != 0 || isErr || countNotes(c.fd, id, body) != 1 || countNotes(c.fd, id, before) != 1 {
		t.Errorf("want 3 refused, 3 reads, nothing written while down, one note after; last answer: %s", text)
	}
	if !strings.Contains(again, "refused as a duplicate") || !strings.Contains(old, "refused as a duplicate") {
		t.Errorf("after recovery the duplicate memory must hold (new and pre-outage notes): %q / %q", again, old)
	}
	if logged == 0 {
		t.Error("no replica logged the outage and the recovery")
	}
	for i, r := range c.replicas {
		if code, text := replicaGet(t, r, "/readyz"); code != http.StatusOK {
			t.Errorf("replica %d /readyz after Redis is back: %d %s; want 200", i, code, text)
		}
	}
}

func distinct(xs []int) int {
	m := map[int]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return len(m)
}

// TestReplicasShareBudget: a budget of 10 credits per hour holds across
// three replicas (each alone would allow 10).
func TestReplicasShareBudget(t *testing.T) {
	c := startCluster(t, fdtest.Options{RateLimit: 1 << 20}, "--budget", "10/1h")
	id, _ := demoTicket(t, c.fd)
	cs := c.client(t, nil, nil)
	ok, refused := 0, 0
	served := c.servedBy(func() {
		for range 9 {
			text, isErr := call(t, cs, "get_ticket", map[string]any{"ticket_id": id})
			switch {
			case !isErr:
				ok++
			case strings.Contains(text, "credit budget"):
				refused++
			default:
				t.Errorf("get_ticket: %s", text)
			}
		}
	})
	_, _, credits := upstream(c.fd)
	t.Logf("9 get_ticket calls on replicas %v with --budget 10/1h: %d served, %d refused by the budget, %d credits spent upstream", served, ok, refused, credits)
	if credits > 10 || refused == 0 || ok == 0 || distinct(served) != 3 {
		t.Errorf("want at most 10 credits across replicas, some refusals")
	}
}

// TestReplicasShareRateLimit: with a low account limit, concurrent reads
// through all replicas get no upstream 429 and leave the reserve; then a
// 429 with Retry-After seen by one replica pauses the others.
func TestReplicasShareRateLimit(t *testing.T) {
	const limit, reserve = 80, 8
	c := startCluster(t, fdtest.Options{RateLimit: limit})
	id, _ := demoTicket(t, c.fd)
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok, held := 0, 0
	for range 4 {
		cs := c.client(t, nil, nil)
		for range 10 {
			wg.Go(func() {
				text, isErr := call(t, cs, "get_ticket", map[string]any{"ticket_id": id})
				mu.Lock()
				defer mu.Unlock()
				switch {
				case !isErr:
					ok++
				case strings.Contains(strings.ToLower(text), "rate"):
					held++
				default:
					t.Errorf("get_ticket: %s", text)
				}
			})
		}
	}
	wg.Wait()
	reqs, n429, credits := upstream(c.fd)
	t.Logf("40 concurrent get_ticket through 3 replicas, limit %d/min: %d served, %d held back, %d upstream requests, %d upstream 429s, %d credits spent (reserve %d), hits %v",
		limit, ok, held, reqs, n429, credits, reserve, c.hitCounts())
	if n429 != 0 || credits > limit-reserve || ok == 0 {
		t.Errorf("want no 429 and at most %d credits spent", limit-reserve)
	}

	c2 := startCluster(t, fdtest.Options{RateLimit: 1 << 20})
	cs := c2.client(t, nil, nil)
	c2.fd.AddFault(fdtest.Fault{Method: http.MethodGet, PathPrefix: fmt.Sprintf("/tickets/%d", id), Status: http.StatusTooManyRequests, RetryAfter: 30})
	first := c2.servedBy(func() {
		if text, isErr := call(t, cs, "get_ticket", map[string]any{"ticket_id": id}); !isErr {
			t.Errorf("want the 429 reported, got %s", text)
		}
	})
	reqBefore, _, _ := upstream(c2.fd)
	paused := 0
	others := c2.servedBy(func() {
		for range 4 {
			if text, isErr := call(t, cs, "get_ticket", map[string]any{"ticket_id": id}); isErr && strings.Contains(strings.ToLower(text), "rate") {
				paused++
			} else {
				t.Errorf("during Retry-After: %s", text)
			}
		}
	})
	reqAfter, _, _ := upstream(c2.fd)
	t.Logf("429 (Retry-After 30s) seen by replica %v; then %d/4 calls on replicas %v paused, %d upstream requests sent meanwhile", first, paused, others, reqAfter-reqBefore)
	if reqAfter != reqBefore || paused != 4 || distinct(others) != 3 {
		t.Error("want every replica paused with no upstream request")
	}
}
