package policy_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy/redistest"
)

// TestConfirmLimit: two limits on one store (two replicas) share each
// caller's count; the refusal says when the window resets, after which
// the caller may ask again; callers are counted apart. Memory and Redis
// behave the same.
func TestConfirmLimit(t *testing.T) {
	_, rs := redisStores(t, 2, redistest.Options{})
	mem := policy.NewMemoryStore(nil)
	const window = 600 * time.Millisecond
	for name, stores := range map[string][2]policy.Store{"memory": {mem, mem}, "redis": {rs[0], rs[1]}} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			lims := []*policy.ConfirmLimit{policy.NewConfirmLimit(stores[0], 3, window, nil), policy.NewConfirmLimit(stores[1], 3, window, nil)}
			start := time.Now()
			for i := range 3 {
				if err := lims[i%2].Admit(ctx, "token:alice"); err != nil {
					t.Fatalf("ask %d: %v", i+1, err)
				}
			}
			err := lims[1].Admit(ctx, "token:alice")
			var le *policy.ConfirmLimitError
			if !errors.As(err, &le) || !errors.Is(err, policy.ErrTooManyConfirmations) || le.Max != 3 {
				t.Fatalf("fourth ask: %v, want a ConfirmLimitError", err)
			}
			if le.Resets.Before(start) || le.Resets.After(start.Add(window+100*time.Millisecond)) || le.RetryIn > window {
				t.Errorf("resets at %s (in %s), want within %s of %s", le.Resets, le.RetryIn, window, start)
			}
			if err := lims[0].Admit(ctx, "token:bob"); err != nil {
				t.Errorf("bob: %v", err)
			}
			time.Sleep(time.Until(le.Resets) + 50*time.Millisecond)
			if err := lims[0].Admit(ctx, "token:alice"); err != nil {
				t.Errorf("after the window: %v", err)
			}
		})
	}
}

// TestConfirmLimitFailsClosed: when the count cannot be kept, Admit fails.
func TestConfirmLimitFailsClosed(t *testing.T) {
	srv, rs := redisStores(t, 1, redistest.Options{})
	srv.Kill()
	err := policy.NewConfirmLimit(rs[0], 0, 0, nil).Admit(context.Background(), "token:alice")
	if !errors.Is(err, policy.ErrSharedStateUnavailable) {
		t.Fatalf("Admit with Redis down: %v", err)
	}
}

// TestCheckEviction reads maxmemory-policy from real redis-servers.
func TestCheckEviction(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		user string // connect as this ACL user (password "pw-for-tests")
		want error
	}{
		{name: "noeviction", args: []string{"--maxmemory-policy", "noeviction"}},
		{name: "allkeys-lru", args: []string{"--maxmemory-policy", "allkeys-lru"}, want: policy.ErrRedisEvicts},
		{name: "volatile-lru", args: []string{"--maxmemory-policy", "volatile-lru"}, want: policy.ErrRedisEvicts},
		{name: "CONFIG renamed away", args: []string{"--rename-command", "CONFIG", ""}, want: policy.ErrEvictionUnknown},
		{name: "CONFIG forbidden by ACL", args: []string{"--user", "app", "on", ">pw-for-tests", "~*", "&*", "+@all", "-config"}, user: "app", want: policy.ErrEvictionUnknown},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := redistest.Start(t, redistest.Options{Args: tc.args})
			u := srv.URL()
			if tc.user != "" {
				u = "redis://" + tc.user + ":pw-for-tests@" + srv.Addr()
			}
			s, err := policy.NewRedisStore(context.Background(), u, policy.RedisOptions{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			err = s.CheckEviction(context.Background())
			if (tc.want == nil) != (err == nil) || tc.want != nil && !errors.Is(err, tc.want) {
				t.Fatalf("CheckEviction = %v, want %v", err, tc.want)
			}
		})
	}
}
