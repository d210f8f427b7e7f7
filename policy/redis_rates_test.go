package policy_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy/redistest"
)

// TestRedisRatesAcrossReplicas: three clients (replicas) of one account
// share its rate state through Redis: a burst with a low limit gets no
// upstream 429 and leaves the reserve; a 429 seen by one pauses the others.
func TestRedisRatesAcrossReplicas(t *testing.T) {
	const limit, reserve = 60, 6
	_, rs := redisStores(t, 3, redistest.Options{})
	fd := fdtest.NewServer(t, fdtest.Options{Demo: true, RateLimit: limit})
	var cs []*fdapi.Client
	for _, s := range rs {
		c, err := fdapi.New(fdapi.Config{Domain: fd.URL, APIKey: fd.APIKey, MaxRetryWait: time.Second, MaxRetries: -1,
			SharedRates: s.Rates(fd.URL)})
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	id := fd.TicketIDs()[0]
	var mu sync.Mutex
	ok, held := 0, 0
	var wg sync.WaitGroup
	for i := range 120 {
		wg.Go(func() {
			_, err := cs[i%3].GetTicket(context.Background(), id, "requester", "company") // 3 credits
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				ok++
			case errors.Is(err, fdapi.ErrRateLimited):
				held++
			default:
				t.Errorf("call %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	n429, spent := 0, 0
	for _, r := range fd.Requests() {
		spent += r.Credits
		if r.Status == http.StatusTooManyRequests {
			n429++
		}
	}
	t.Logf("%d ok, %d held back, %d credits spent, %d upstream 429s", ok, held, spent, n429)
	if n429 != 0 || spent > limit-reserve || 3*ok < limit-reserve-12 {
		t.Errorf("want no 429, at most %d credits spent and most of them used; got %d 429s, %d spent, %d ok", limit-reserve, n429, spent, ok)
	}

	// A 429 with Retry-After on one replica pauses the others.
	fd2 := fdtest.NewServer(t, fdtest.Options{Demo: true, RateLimit: 1000})
	var cs2 []*fdapi.Client
	for _, s := range rs {
		c, _ := fdapi.New(fdapi.Config{Domain: fd2.URL, APIKey: fd2.APIKey, MaxRetryWait: time.Second, MaxRetries: -1, SharedRates: s.Rates(fd2.URL)})
		cs2 = append(cs2, c)
	}
	fd2.AddFault(fdtest.Fault{Method: http.MethodGet, Status: http.StatusTooManyRequests, RetryAfter: 30})
	if _, err := cs2[0].GetTicket(context.Background(), id); !errors.Is(err, fdapi.ErrRateLimited) {
		t.Fatalf("want the 429, got %v", err)
	}
	before := len(fd2.Requests())
	for i, c := range cs2[1:] {
		var fe *fdapi.Error
		if _, err := c.GetTicket(context.Background(), id); !errors.As(err, &fe) || fe.RetryAfter < 25*time.Second {
			t.Errorf("replica %d: %v, want a refusal with Retry-After ~30s", i+1, err)
		}
	}
	if n := len(fd2.Requests()) - before; n != 0 {
		t.Errorf("other replicas sent %d requests during Retry-After", n)
	}
}
