package approval

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy/redistest"
)

// replica is one process's Approvals on its own listener, sharing Redis.
type replica struct {
	a   *Approvals
	srv *httptest.Server
}

// redisReplicas starts a real redis-server and n replicas that share it
// (each with its own connections, store and records) and one secret.
func redisReplicas(t *testing.T, n int) (*redistest.Server, []replica) {
	t.Helper()
	rs := redistest.Start(t, redistest.Options{})
	secret := []byte(strings.Repeat("s", MinSecretLen))
	var out []replica
	for range n {
		st, err := policy.NewRedisStore(context.Background(), rs.URL(), policy.RedisOptions{Timeout: 200 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = st.Close() })
		mux := http.NewServeMux()
		srv := httptest.NewServer(mux)
		t.Cleanup(srv.Close)
		a, err := New(Config{BaseURL: srv.URL, Secret: secret, Store: st, Records: st.Records(), PollInterval: 20 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		mux.Handle(Path, a.Handler())
		out = append(out, replica{a: a, srv: srv})
	}
	return rs, out
}

// TestApprovalAcrossRedisReplicas: a confirmation created by replica A is
// shown and approved on replica B's page, A's Wait sees the decision, it
// redeems exactly once whichever replica redeems, and with Redis down the
// page and Create fail closed.
func TestApprovalAcrossRedisReplicas(t *testing.T) {
	rs, r := redisReplicas(t, 2)
	ctx := context.Background()
	digest := digestOf(t, testArgs())
	c, err := r[0].a.Create(ctx, Request{Caller: testCaller, ArgsDigest: digest, Preview: testPreview(), Guard: GuardLink})
	if err != nil {
		t.Fatal(err)
	}
	onB := r[1].srv.URL + strings.TrimPrefix(c.URL, r[0].srv.URL)
	waited := make(chan Decision, 1)
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	go func() {
		d, _ := r[0].a.Wait(wctx, c.ID)
		waited <- d
	}()
	b := newBrowser(t, r[1].srv.URL)
	if code, _, body := b.get(onB); code != http.StatusOK || !strings.Contains(body, "looking into it") {
		t.Fatalf("A's confirmation on B's page: HTTP %d, want the preview:\n%s", code, body)
	}
	if code, body := b.decide(onB, "approve", ""); code != http.StatusSeeOther {
		t.Fatalf("approve on B: HTTP %d:\n%s", code, body)
	}
	if d := <-waited; d != Approved {
		t.Fatalf("A's Wait = %v, want approved (decided on B)", d)
	}
	if id, ok, err := r[1].a.Find(ctx, testCaller, digest, GuardLink); err != nil || !ok || id != c.ID {
		t.Errorf("Find on B = %q, %v, %v; want A's confirmation", id, ok, err)
	}
	if err := r[1].a.Redeem(ctx, c.ID, testCaller, digest); err != nil {
		t.Fatalf("Redeem on B of A's approval: %v", err)
	}
	for i, rep := range r {
		if err := rep.a.Redeem(ctx, c.ID, testCaller, digest); !errors.Is(err, ErrReplayed) {
			t.Errorf("second Redeem on replica %d = %v, want ErrReplayed", i, err)
		}
	}
	rs.Kill()
	if code, _, body := newBrowser(t, "").get(onB); code != http.StatusServiceUnavailable {
		t.Errorf("page with Redis down: HTTP %d, want 503:\n%s", code, body)
	}
	// The store refuses at once while down (one probe per interval); wait
	// past it so this Create really reaches for Redis.
	time.Sleep(250 * time.Millisecond)
	if _, err := r[0].a.Create(ctx, Request{Caller: testCaller, ArgsDigest: digest, Preview: testPreview(), Guard: GuardLink}); !errors.Is(err, policy.ErrSharedStateUnavailable) {
		t.Errorf("Create with Redis down = %v, want ErrSharedStateUnavailable", err)
	}
}

func TestMain(m *testing.M) {
	// Keep go-redis's pool messages (Redis killed on purpose) out of the output.
	policy.RouteRedisClientLogs(slog.New(slog.DiscardHandler))
	os.Exit(m.Run())
}
