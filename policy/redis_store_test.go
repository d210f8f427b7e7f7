package policy_test

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy/redistest"
)

// redisStores starts a real redis-server and returns n stores on it (as n
// replicas would have).
func redisStores(t *testing.T, n int, o redistest.Options) (*redistest.Server, []*policy.RedisStore) {
	t.Helper()
	srv := redistest.Start(t, o)
	var out []*policy.RedisStore
	for range n {
		s, err := policy.NewRedisStore(context.Background(), srv.URL(), policy.RedisOptions{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = s.Close() })
		out = append(out, s)
	}
	return srv, out
}

// TestRedisStoreSemantics runs the Store contract against Redis and, for
// reference, MemoryStore: the same table must hold for both.
func TestRedisStoreSemantics(t *testing.T) {
	_, rs := redisStores(t, 1, redistest.Options{})
	for name, s := range map[string]policy.Store{"redis": rs[0], "memory": policy.NewMemoryStore(nil)} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			exp := time.Now().Add(time.Minute).Truncate(time.Millisecond)
			if ok, err := s.SetNX(ctx, "a", 1, exp); !ok || err != nil {
				t.Fatalf("SetNX new = %v, %v", ok, err)
			}
			if ok, err := s.SetNX(ctx, "a", 2, exp); ok || err != nil {
				t.Errorf("SetNX on an existing key = %v, %v", ok, err)
			}
			if v, e, ok, err := s.Get(ctx, "a"); !ok || v != 1 || !e.Equal(exp) || err != nil {
				t.Errorf("Get = %d %v %v %v, want 1 %v", v, e, ok, err, exp)
			}
			if err := s.Set(ctx, "a", -5, exp.Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
			if v, _, _, _ := s.Get(ctx, "a"); v != -5 {
				t.Errorf("after Set: %d", v)
			}
			if v, e, err := s.Incr(ctx, "n:x", 3, exp); v != 3 || !e.Equal(exp) || err != nil {
				t.Errorf("Incr new = %d %v %v", v, e, err)
			}
			if v, e, _ := s.Incr(ctx, "n:x", -1, exp.Add(time.Hour)); v != 2 || !e.Equal(exp) {
				t.Errorf("Incr keeps the expiry: %d %v", v, e)
			}
			if m, err := s.Scan(ctx, "n:"); err != nil || len(m) != 1 || m["n:x"].Value != 2 || !m["n:x"].Expiry.Equal(exp) {
				t.Errorf("Scan = %v, %v", m, err)
			}
			if err := s.Delete(ctx, "a"); err != nil {
				t.Fatal(err)
			}
			if _, _, ok, _ := s.Get(ctx, "a"); ok {
				t.Error("Get after Delete found the key")
			}
			if ok, _ := s.SetNX(ctx, "short", 1, time.Now().Add(50*time.Millisecond)); !ok {
				t.Fatal("SetNX short")
			}
			time.Sleep(80 * time.Millisecond)
			if _, _, ok, _ := s.Get(ctx, "short"); ok {
				t.Error("an expired key is still visible")
			}
			if ok, _ := s.SetNX(ctx, "short", 1, time.Now().Add(time.Minute)); !ok {
				t.Error("SetNX after expiry refused")
			}
		})
	}
}

// TestRedisStoreAtomicAcrossReplicas: of many concurrent SetNX on one key
// through three stores, exactly one wins; concurrent Incr lose nothing.
func TestRedisStoreAtomicAcrossReplicas(t *testing.T) {
	_, rs := redisStores(t, 3, redistest.Options{})
	ctx := context.Background()
	exp := time.Now().Add(time.Minute)
	var wins atomic.Int64
	var wg sync.WaitGroup
	for i := range 90 {
		wg.Go(func() {
			ok, err := rs[i%3].SetNX(ctx, "tok:race", 1, exp)
			if err != nil {
				t.Error(err)
			}
			if ok {
				wins.Add(1)
			}
			if _, _, err := rs[i%3].Incr(ctx, "bud:race", 2, exp); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Errorf("SetNX winners = %d, want 1", wins.Load())
	}
	if v, _, _, _ := rs[0].Get(ctx, "bud:race"); v != 180 {
		t.Errorf("counter = %d, want 180", v)
	}
	if rs[0].ID() != rs[1].ID() || !strings.HasPrefix(rs[0].ID(), "redis:") {
		t.Errorf("replicas on one Redis must share the store ID: %q %q", rs[0].ID(), rs[1].ID())
	}
}

// TestRedisConfirmationAcrossReplicas: a token issued by one replica is
// redeemed once by another and refused on replay by every replica.
func TestRedisConfirmationAcrossReplicas(t *testing.T) {
	_, rs := redisStores(t, 3, redistest.Options{})
	secret := []byte(strings.Repeat("s", 32))
	var cs []*policy.Confirmer
	for _, s := range rs {
		c, err := policy.NewConfirmer(policy.ConfirmConfig{Secret: secret, Store: s})
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	ctx := context.Background()
	args := map[string]any{"ticket_id": 7, "body": "hello"}
	tok, _, err := cs[0].Issue("alice", "add_note", args)
	if err != nil {
		t.Fatal(err)
	}
	if err := cs[1].Redeem(ctx, "alice", "add_note", args, tok); err != nil {
		t.Fatalf("redeem on another replica: %v", err)
	}
	for i, c := range cs {
		if err := c.Redeem(ctx, "alice", "add_note", args, tok); !errors.Is(err, policy.ErrTokenReplayed) {
			t.Errorf("replica %d: replay = %v, want ErrTokenReplayed", i, err)
		}
	}
	// Without a shared secret another replica cannot even read the token.
	other, _ := policy.NewConfirmer(policy.ConfirmConfig{Store: rs[2]})
	tok2, _, _ := cs[0].Issue("alice", "add_note", args)
	if err := other.Redeem(ctx, "alice", "add_note", args, tok2); !errors.Is(err, policy.ErrTokenMalformed) {
		t.Errorf("another secret: %v, want ErrTokenMalformed", err)
	}
}

// TestRedisGuardAndBudgetAcrossReplicas: the duplicate guard and a budget
// hold across replicas.
func TestRedisGuardAndBudgetAcrossReplicas(t *testing.T) {
	_, rs := redisStores(t, 2, redistest.Options{})
	ctx := context.Background()
	g0, g1 := policy.NewGuard(policy.GuardConfig{Store: rs[0]}), policy.NewGuard(policy.GuardConfig{Store: rs[1]})
	w := policy.Write{Helpdesk: "acme.freshdesk.com", TicketID: 3, Kind: policy.PrivateNote, Body: "Same note"}
	p, err := g0.Begin(ctx, w, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g1.Begin(ctx, w, false); !errors.Is(err, policy.ErrDuplicate) {
		t.Errorf("in flight on another replica: %v", err)
	}
	if err := p.Done(ctx, policy.OutcomeOK); err != nil {
		t.Fatal(err)
	}
	var de *policy.DuplicateError
	if _, err := g1.Begin(ctx, w, false); !errors.As(err, &de) || de.InFlight || de.At.IsZero() {
		t.Errorf("written on another replica: %v", err)
	}

	lim := policy.Limit{Credits: 10, Window: time.Hour}
	b0, _ := policy.NewBudget(policy.BudgetConfig{Limit: lim, Store: rs[0]})
	b1, _ := policy.NewBudget(policy.BudgetConfig{Limit: lim, Store: rs[1]})
	granted := 0
	for i := range 8 {
		b := []*policy.Budget{b0, b1}[i%2]
		r, err := b.Reserve(ctx, "bot", 2)
		if errors.Is(err, policy.ErrOverBudget) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		granted += 2
		if err := r.Settle(ctx, 2); err != nil {
			t.Fatal(err)
		}
	}
	if granted != 10 {
		t.Errorf("granted %d credits across replicas, want exactly the budget of 10", granted)
	}
	if u, _ := b1.Usage(ctx); len(u) != 1 || u[0].Used != 10 {
		t.Errorf("usage = %+v", u)
	}
}

// TestRedisUnavailable: with Redis gone, operations fail with
// ErrSharedStateUnavailable (hooks called, one transition; while down only
// one operation per probe interval reaches for Redis), LocalFallback
// goes on locally, and all works again once Redis is back, with nothing
// forgotten (the server keeps its data: persistence on).
func TestRedisUnavailable(t *testing.T) {
	srv := redistest.Start(t, redistest.Options{Persist: true})
	var errs, downs, ups atomic.Int64
	s, err := policy.NewRedisStore(context.Background(), srv.URL(), policy.RedisOptions{Timeout: 200 * time.Millisecond,
		Hooks: policy.RedisHooks{
			Error: func(string, error) { errs.Add(1) },
			Availability: func(up bool) {
				if up {
					ups.Add(1)
				} else {
					downs.Add(1)
				}
			},
		}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	exp := time.Now().Add(time.Minute)
	if ok, err := s.SetNX(ctx, "tok:1", 1, exp); !ok || err != nil {
		t.Fatal(ok, err)
	}
	srv.Kill()
	for range 3 {
		if _, err := s.SetNX(ctx, "tok:2", 1, exp); !errors.Is(err, policy.ErrSharedStateUnavailable) ||
			!strings.Contains(err.Error(), "shared state unavailable: nothing was written") {
			t.Fatalf("with Redis down: %v", err)
		}
	}
	fb := policy.LocalFallback(s, policy.NewMemoryStore(nil))
	if v, _, err := fb.Incr(ctx, "bud:x", 1, exp); v != 1 || err != nil {
		t.Errorf("fallback Incr = %d, %v", v, err)
	}
	// Within probeEvery only the first of the three calls reached for Redis.
	if s.Available() || errs.Load() != 1 || downs.Load() != 1 {
		t.Errorf("available=%v errors=%d downs=%d, want false, 1, 1", s.Available(), errs.Load(), downs.Load())
	}
	srv.Restart()
	var ok bool
	for range 50 { // the pool reconnects on its own
		if ok, err = s.SetNX(ctx, "tok:1", 1, exp); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil || ok {
		t.Fatalf("after restart SetNX of a used token = %v, %v; want refused (remembered)", ok, err)
	}
	if !s.Available() || ups.Load() != 1 {
		t.Errorf("available=%v ups=%d after recovery", s.Available(), ups.Load())
	}
}

// TestRedisLostData: a Redis that comes back empty (no persistence, or
// FLUSHALL) is noticed: the operation fails closed and the store ID
// changes, so tokens issued before are refused instead of redeemable again.
func TestRedisLostData(t *testing.T) {
	srv, rs := redisStores(t, 1, redistest.Options{})
	s := rs[0]
	ctx := context.Background()
	c, _ := policy.NewConfirmer(policy.ConfirmConfig{Secret: []byte(strings.Repeat("k", 32)), Store: s})
	args := map[string]any{"ticket_id": 1}
	tok, _, _ := c.Issue("a", "add_note", args)
	if err := c.Redeem(ctx, "a", "add_note", args, tok); err != nil {
		t.Fatal(err)
	}
	before := s.ID()
	if r, err := srv.Do("FLUSHALL"); err != nil || r != "+OK" {
		t.Fatal(r, err)
	}
	if err := c.Redeem(ctx, "a", "add_note", args, tok); !errors.Is(err, policy.ErrSharedStateUnavailable) {
		t.Fatalf("first call after the loss = %v, want ErrSharedStateUnavailable", err)
	}
	if s.ID() == before {
		t.Fatal("store ID unchanged after Redis lost its data")
	}
	if err := c.Redeem(ctx, "a", "add_note", args, tok); !errors.Is(err, policy.ErrTokenOtherProcess) {
		t.Errorf("replaying a token from before the loss = %v, want refused (ErrTokenOtherProcess)", err)
	}
}

// TestRedisStartErrors: an unreachable Redis fails at start with the URL
// but never its password.
func TestRedisStartErrors(t *testing.T) {
	srv := redistest.Start(t, redistest.Options{})
	srv.Kill()
	url := "redis://user:hunter2secret@" + srv.Addr() + "/0"
	_, err := policy.NewRedisStore(context.Background(), url, policy.RedisOptions{Timeout: 200 * time.Millisecond})
	if err == nil {
		t.Fatal("no error for a dead Redis")
	}
	if strings.Contains(err.Error(), "hunter2secret") || !strings.Contains(err.Error(), srv.Addr()) || !strings.Contains(err.Error(), "unavailable") {
		t.Errorf("error = %q: want the address, 'unavailable', and no password", err)
	}
	if _, err := policy.NewRedisStore(context.Background(), "http://x:pw@host", policy.RedisOptions{}); err == nil || strings.Contains(err.Error(), ":pw@") {
		t.Errorf("bad scheme: %v", err)
	}
}

func TestMain(m *testing.M) {
	// Keep go-redis's pool messages out of the test output.
	policy.RouteRedisClientLogs(slog.New(slog.DiscardHandler))
	os.Exit(m.Run())
}
