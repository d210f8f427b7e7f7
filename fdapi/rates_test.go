package fdapi_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
)

// replicas returns n Clients of one emulated account, sharing rates when
// it is not nil (nil: each keeps its own governor, as separate processes).
func replicas(t *testing.T, fd *fdtest.TestServer, n int, rates func() fdapi.SharedRates) []*fdapi.Client {
	t.Helper()
	var out []*fdapi.Client
	for range n {
		cfg := fdapi.Config{Domain: fd.URL, APIKey: fd.APIKey, MaxRetryWait: time.Second, MaxRetries: -1}
		if rates != nil {
			cfg.SharedRates = rates()
		}
		c, err := fdapi.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

// upstream429s counts the 429s the emulator answered.
func upstream429s(fd *fdtest.TestServer) int {
	n := 0
	for _, r := range fd.Requests() {
		if r.Status == http.StatusTooManyRequests {
			n++
		}
	}
	return n
}

// credits sums the credits the emulator charged.
func credits(fd *fdtest.TestServer) int {
	n := 0
	for _, r := range fd.Requests() {
		n += r.Credits
	}
	return n
}

// burst sends calls concurrent get_ticket calls spread over cs and returns
// how many succeeded and how many were held back by the reserve.
func burst(t *testing.T, fd *fdtest.TestServer, cs []*fdapi.Client, calls int) (ok, held int) {
	t.Helper()
	id := fd.TicketIDs()[0]
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := range calls {
		wg.Go(func() {
			_, err := cs[i%len(cs)].GetTicket(context.Background(), id, "requester", "company") // 3 credits
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
	return ok, held
}

// TestSharedRatesKeepTheReserve: three replicas calling one account with a
// low limit. Sharing the rate state, they never get a 429 and leave at
// least the reserve. The same burst with separate governors (today's
// replicas) is logged for comparison: it overshoots.
func TestSharedRatesKeepTheReserve(t *testing.T) {
	const limit, reserve = 60, 6 // reserve: 10% of 60
	run := func(shared bool) (ok, held, sent, n429 int) {
		fd := fdtest.NewServer(t, fdtest.Options{Demo: true, RateLimit: limit})
		var rates func() fdapi.SharedRates
		if shared {
			m := &fdapi.MemoryRates{}
			rates = func() fdapi.SharedRates { return m }
		}
		ok, held = burst(t, fd, replicas(t, fd, 3, rates), 120)
		return ok, held, credits(fd), upstream429s(fd)
	}
	ok, held, sent, n429 := run(true)
	t.Logf("shared rates:    %d ok, %d held back, %d credits spent, %d upstream 429s", ok, held, sent, n429)
	if n429 != 0 {
		t.Errorf("upstream 429s = %d, want 0", n429)
	}
	if sent > limit-reserve {
		t.Errorf("spent %d credits of %d, want at most %d (reserve %d)", sent, limit, limit-reserve, reserve)
	}
	if 3*ok < limit-reserve-ProbeSlack {
		t.Errorf("only %d calls succeeded; sharing must not starve the account", ok)
	}
	ok, held, sent, n429 = run(false)
	t.Logf("separate rates:  %d ok, %d held back, %d credits spent, %d upstream 429s", ok, held, sent, n429)
}

// ProbeSlack is how far below limit-reserve the shared burst may stop: the
// in-flight correction is conservative by at most the calls in flight.
const ProbeSlack = 12

// TestSharedRatesBlockPausesAll: a 429 with Retry-After seen by one replica
// keeps the others from sending until it has passed.
func TestSharedRatesBlockPausesAll(t *testing.T) {
	fd := fdtest.NewServer(t, fdtest.Options{Demo: true, RateLimit: 1000})
	m := &fdapi.MemoryRates{}
	cs := replicas(t, fd, 3, func() fdapi.SharedRates { return m })
	id := fd.TicketIDs()[0]
	fd.AddFault(fdtest.Fault{Method: http.MethodGet, Status: http.StatusTooManyRequests, RetryAfter: 30})
	if _, err := cs[0].GetTicket(context.Background(), id); !errors.Is(err, fdapi.ErrRateLimited) {
		t.Fatalf("replica 0: want the 429, got %v", err)
	}
	before := len(fd.Requests())
	for i, c := range cs[1:] {
		_, err := c.GetTicket(context.Background(), id)
		var fe *fdapi.Error
		if !errors.As(err, &fe) || fe.RetryAfter < 25*time.Second {
			t.Errorf("replica %d: want a rate-limit refusal with Retry-After ~30s, got %v", i+1, err)
		}
	}
	if sent := len(fd.Requests()) - before; sent != 0 {
		t.Errorf("the other replicas sent %d requests during the Retry-After, want 0", sent)
	}
}
