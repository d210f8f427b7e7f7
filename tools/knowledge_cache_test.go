package tools

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
)

// gate holds requests whose path contains match until release is closed,
// and signals each one's arrival on started.
type gate struct {
	match   string
	started chan struct{}
	release chan struct{}
	hits    atomic.Int32
	next    http.RoundTripper
}

func (g *gate) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasSuffix(r.URL.Path, g.match) {
		g.hits.Add(1)
		g.started <- struct{}{}
		<-g.release
	}
	return g.next.RoundTrip(r)
}

// TestCannedCacheLoadDoesNotHoldLock: while one call lists the canned
// responses (1 + N network calls), the cache's mutex is free, so
// get_canned_response's folder lookup is not stuck behind the load, and a
// concurrent load waits for the one in flight instead of listing again.
func TestCannedCacheLoadDoesNotHoldLock(t *testing.T) {
	fd := fdtest.NewServer(t, fdtest.Options{Demo: true})
	g := &gate{match: "/canned_response_folders", started: make(chan struct{}, 4), release: make(chan struct{}), next: http.DefaultTransport}
	client, err := fdapi.New(fdapi.Config{Domain: fd.URL, APIKey: fd.APIKey, HTTPClient: &http.Client{Transport: g}, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	b := newBuilder(Deps{Client: client})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	var wg sync.WaitGroup
	loads := make([]int, 2)
	errs := make([]error, 2)
	load := func(i int) {
		defer wg.Done()
		_, byID, err := b.canned.load(ctx, client)
		loads[i], errs[i] = len(byID), err
	}
	wg.Add(1)
	go load(0)
	<-g.started // the first load is now inside its network call

	got := make(chan error, 1)
	go func() {
		_, err := b.getCanned(ctx, getCannedIn{CannedResponseID: 67071000001})
		got <- err
	}()
	select {
	case err := <-got:
		if err != nil {
			t.Errorf("get_canned_response during a load: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("get_canned_response is blocked by a canned-response load in flight: the cache lock is held across network calls")
	}

	wg.Add(1)
	go load(1)
	close(g.release)
	wg.Wait()
	for i := range loads {
		if errs[i] != nil || loads[i] == 0 {
			t.Errorf("load %d: %d folders, %v", i, loads[i], errs[i])
		}
	}
	if n := g.hits.Load(); n != 1 {
		t.Errorf("folders listed %d times, want 1 (the second load must reuse the first)", n)
	}
}
