package policy_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdapitest"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy/redistest"
)

// TestRedisRates runs the SharedRates conformance suite against RedisRates
// on a real redis-server: each replica has its own RedisStore (connection
// pool), and each scenario its own account key.
func TestRedisRates(t *testing.T) {
	_, rs := redisStores(t, 3, redistest.Options{})
	fdapitest.TestSharedRates(t, func(t *testing.T, n int) []fdapi.SharedRates {
		if n > len(rs) {
			t.Fatalf("%d replicas asked, %d stores", n, len(rs))
		}
		out := make([]fdapi.SharedRates, n)
		for i := range out {
			out[i] = rs[i].Rates("https://" + t.Name() + ".freshdesk.test") // a fresh key per scenario
		}
		return out
	})
}

// TestRedisRatesUnavailable: with Redis gone every method fails with
// ErrSharedStateUnavailable, so the Client falls back to its own governor.
func TestRedisRatesUnavailable(t *testing.T) {
	srv := redistest.Start(t, redistest.Options{})
	s, err := policy.NewRedisStore(context.Background(), srv.URL(), policy.RedisOptions{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r := s.Rates("https://down.freshdesk.test")
	ctx, now := context.Background(), time.Now()
	if _, _, err := r.Admit(ctx, now, 10, 1); err != nil {
		t.Fatalf("Admit with Redis up: %v", err)
	}
	srv.Kill()
	_, _, errA := r.Admit(ctx, now, 10, 1)
	errS := r.Settle(ctx, 1, 1, fdapi.RateState{})
	errB := r.Block(ctx, now.Add(time.Second))
	for name, err := range map[string]error{"Admit": errA, "Settle": errS, "Block": errB} {
		if !errors.Is(err, policy.ErrSharedStateUnavailable) {
			t.Errorf("%s with Redis down = %v, want ErrSharedStateUnavailable", name, err)
		}
	}
}
