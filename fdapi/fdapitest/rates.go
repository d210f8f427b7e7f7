package fdapitest

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

// NewRates makes a fresh, empty rate state for one account and returns n
// handles on it, one per replica (they may be one value for an in-process
// implementation; for a shared store, one connection each). Every call
// must return state no other call sees.
type NewRates func(t *testing.T, n int) []fdapi.SharedRates

// TestSharedRates runs the fdapi.SharedRates conformance suite against the
// implementation newRates makes: Clients of several replicas against one
// emulated account keep its reserve and pause together on a 429, and
// Admit, Settle and Block keep the accounting the interface documents.
func TestSharedRates(t *testing.T, newRates NewRates) {
	t.Run("Replicas", func(t *testing.T) {
		t.Run("KeepTheReserve", func(t *testing.T) { testKeepTheReserve(t, newRates) })
		t.Run("SeparateGovernorsOvershoot", testSeparateGovernorsOvershoot)
		t.Run("BlockPausesAll", func(t *testing.T) { testBlockPausesAll(t, newRates) })
	})
	t.Run("Accounting", func(t *testing.T) { testAccounting(t, newRates) })
}

// Burst shape: three replicas, an account with 60 credits a minute and a
// 10% reserve, 120 concurrent 3-credit calls (bounded: the emulator
// refuses at once, nothing waits for a window).
const (
	burstReplicas = 3
	burstLimit    = 60
	burstReserve  = 6 // 10% of burstLimit
	burstCalls    = 120
	// probeSlack is how far below limit-reserve a shared burst may stop:
	// the in-flight correction is conservative by at most the calls in
	// flight.
	probeSlack = 12
)

// replicas returns n Clients of one emulated account, each with its own
// handle of rates (nil: each keeps its own governor, as separate
// processes without a shared state do).
func replicas(t *testing.T, fd *fdtest.TestServer, n int, rates []fdapi.SharedRates) []*fdapi.Client {
	t.Helper()
	var out []*fdapi.Client
	for i := range n {
		cfg := fdapi.Config{Domain: fd.URL, APIKey: fd.APIKey, MaxRetryWait: time.Second, MaxRetries: -1}
		if rates != nil {
			cfg.SharedRates = rates[i]
		}
		c, err := fdapi.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

// burstResult is what a burst did to the emulated account.
type burstResult struct{ ok, held, spent, n429 int }

// burst sends burstCalls concurrent get_ticket calls spread over cs.
func burst(t *testing.T, fd *fdtest.TestServer, cs []*fdapi.Client) burstResult {
	t.Helper()
	id := fd.TicketIDs()[0]
	var r burstResult
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := range burstCalls {
		wg.Go(func() {
			_, err := cs[i%len(cs)].GetTicket(context.Background(), id, "requester", "company") // 3 credits
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				r.ok++
			case errors.Is(err, fdapi.ErrRateLimited):
				r.held++
			default:
				t.Errorf("call %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	for _, req := range fd.Requests() {
		r.spent += req.Credits
		if req.Status == http.StatusTooManyRequests {
			r.n429++
		}
	}
	t.Logf("%d ok, %d held back, %d credits spent, %d upstream 429s", r.ok, r.held, r.spent, r.n429)
	return r
}

// testKeepTheReserve: replicas sharing the rate state never get a 429,
// leave at least the reserve, and still use most of what is above it.
func testKeepTheReserve(t *testing.T, newRates NewRates) {
	fd := fdtest.NewServer(t, fdtest.Options{Demo: true, RateLimit: burstLimit})
	r := burst(t, fd, replicas(t, fd, burstReplicas, newRates(t, burstReplicas)))
	if r.n429 != 0 {
		t.Errorf("upstream 429s = %d, want 0", r.n429)
	}
	if r.spent > burstLimit-burstReserve {
		t.Errorf("spent %d credits of %d, want at most %d (reserve %d)", r.spent, burstLimit, burstLimit-burstReserve, burstReserve)
	}
	if 3*r.ok < burstLimit-burstReserve-probeSlack {
		t.Errorf("only %d calls succeeded; sharing must not starve the account", r.ok)
	}
}

// testSeparateGovernorsOvershoot is the suite's control: the same burst
// from replicas that do not share a state must break the limit, or
// KeepTheReserve could not tell a shared state from none.
func testSeparateGovernorsOvershoot(t *testing.T) {
	fd := fdtest.NewServer(t, fdtest.Options{Demo: true, RateLimit: burstLimit})
	r := burst(t, fd, replicas(t, fd, burstReplicas, nil))
	if r.n429 == 0 && r.spent <= burstLimit-burstReserve {
		t.Errorf("separate governors kept the reserve (%d spent, no 429): the burst cannot detect a state that is not shared", r.spent)
	}
}

// testBlockPausesAll: a 429 with Retry-After seen by one replica keeps the
// others from sending until it has passed.
func testBlockPausesAll(t *testing.T, newRates NewRates) {
	fd := fdtest.NewServer(t, fdtest.Options{Demo: true, RateLimit: 1000})
	cs := replicas(t, fd, burstReplicas, newRates(t, burstReplicas))
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
