package fdapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestCacheTTLAndBypass(t *testing.T) {
	var hits sync.Map // path -> *atomic.Int32
	hit := func(p string) int32 {
		v, _ := hits.LoadOrStore(p, new(atomic.Int32))
		return v.(*atomic.Int32).Load()
	}
	c, clk, _ := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, _ := hits.LoadOrStore(r.URL.Path, new(atomic.Int32))
		n := v.(*atomic.Int32).Add(1)
		switch r.URL.Path {
		case "/api/v2/agents":
			page := r.URL.Query().Get("page")
			if page == "" {
				w.Header().Set("Link", fmt.Sprintf(`<http://%s/api/v2/agents?per_page=100&page=2>; rel="next"`, r.Host))
				writeJSON(w, 200, `[{"id":1,"contact":{"name":"A"}}]`)
				return
			}
			writeJSON(w, 200, `[{"id":2,"contact":{"name":"B"}}]`)
		case "/api/v2/groups":
			writeJSON(w, 200, `[{"id":`+strconv.Itoa(int(n))+`,"name":"G","auto_ticket_assign":1}]`)
		case "/api/v2/ticket_fields":
			writeJSON(w, 200, `[{"id":1,"name":"status","type":"default_status","choices":{"2":["Open","Being Processed"],"6":["Waiting","Waiting"]}}]`)
		}
	}), func(cfg *Config) { cfg.CacheTTL = time.Minute })
	ctx := context.Background()

	agents, err := c.ListAgents(ctx)
	if err != nil || len(agents) != 2 || agents[1].Contact.Name != "B" {
		t.Fatalf("agents = %+v, %v", agents, err)
	}
	agents[0].ID = 999 // callers get a copy
	if again, _ := c.ListAgents(ctx); again[0].ID != 1 || hit("/api/v2/agents") != 2 {
		t.Fatalf("cached agents mutated or refetched: %+v hits=%d", again, hit("/api/v2/agents"))
	}

	g1, _ := c.ListGroups(ctx)
	g2, _ := c.ListGroups(ctx)
	if g1[0].ID != 1 || g2[0].ID != 1 || hit("/api/v2/groups") != 1 {
		t.Fatalf("groups not cached: %v %v", g1, g2)
	}
	u := &Usage{}
	g3, _ := c.ListGroups(WithUsage(WithoutCache(ctx), u))
	if g3[0].ID != 2 || u.Calls() != 1 {
		t.Fatalf("bypass: %v calls=%d", g3, u.Calls())
	}
	if g4, _ := c.ListGroups(ctx); g4[0].ID != 2 { // the bypass refreshed the cache
		t.Fatalf("bypass did not refresh: %v", g4)
	}
	clk.advance(61 * time.Second)
	if g5, _ := c.ListGroups(ctx); g5[0].ID != 3 {
		t.Fatalf("TTL not honoured: %v", g5)
	}
	st, err := c.Statuses(ctx)
	if err != nil || len(st) != 2 || st[1].ID != 6 {
		t.Fatalf("statuses = %v %v", st, err)
	}
	if _, err := c.Statuses(ctx); err != nil || hit("/api/v2/ticket_fields") != 1 {
		t.Fatalf("ticket fields not cached: %v", err)
	}
	c.InvalidateCache()
	if _, _ = c.TicketFields(ctx); hit("/api/v2/ticket_fields") != 2 {
		t.Fatal("InvalidateCache did not drop ticket fields")
	}
}

func TestCacheDedupesConcurrentLoads(t *testing.T) {
	const callers = 8
	var n atomic.Int32
	release := make(chan struct{})
	c, _, _ := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		<-release
		writeJSON(w, 200, `[{"id":1,"name":"status","type":"default_status","choices":{"2":["Open","Open"]}}]`)
	}))
	// Barrier: every caller but the leader has joined the in-flight load
	// before the server answers, so the test cannot pass without coalescing.
	joined := make(chan struct{}, callers)
	c.cache.onJoin = func(string) { joined <- struct{}{} }
	var wg sync.WaitGroup
	errs := make(chan error, callers)
	for range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f, err := c.TicketFields(context.Background())
			if err == nil && len(f) != 1 {
				err = fmt.Errorf("got %d fields", len(f))
			}
			errs <- err
		}()
	}
	for range callers - 1 {
		<-joined
	}
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n.Load() != 1 {
		t.Fatalf("%d loads, want 1", n.Load())
	}
}

func TestCacheErrorsNotCachedAndNoStatusField(t *testing.T) {
	var n atomic.Int32
	c, _, _ := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			writeJSON(w, 403, `{"code":"access_denied","message":"no"}`)
			return
		}
		writeJSON(w, 200, `[{"id":1,"name":"subject","type":"default_subject"}]`)
	}))
	ctx := context.Background()
	if _, err := c.TicketFields(ctx); err == nil {
		t.Fatal("want error")
	}
	if _, err := c.Statuses(ctx); err == nil || n.Load() != 2 {
		t.Fatalf("want no-status error after a reload: %v (loads %d)", err, n.Load())
	}
	// A waiter whose context ends stops waiting for the in-flight load.
	var cc cache
	started, release, finished := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		_, _ = cc.load(ctx, "k", time.Now(), time.Minute, time.Minute, false, func(context.Context) (any, error) {
			close(started)
			<-release
			return 1, nil
		})
	}()
	<-started
	wctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := cc.load(wctx, "k", time.Now(), time.Minute, time.Minute, false, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled waiter: err = %v, want context.Canceled", err)
	}
	close(release)
	<-finished // nothing outlives the test
}
