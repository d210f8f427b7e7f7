package fdapitest

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
)

// accountingReplicas is how many handles each accounting scenario uses.
const accountingReplicas = 3

// window is Freshdesk's rate-limit window (per minute; fdapi's rateWindow).
const window = time.Minute

// op is what one step of an accounting scenario does.
type op int

const (
	admit  op = iota // Admit at base+at with pct and cost; want wait
	settle           // Settle admission number adm with total/rem observed at base+at (total 0: no headers)
	block            // Block until base+at
)

// step is one call on the handle of replica on.
type step struct {
	on         int
	op         op
	at         time.Duration
	pct        float64
	cost       int
	wait       time.Duration
	adm        int
	total, rem int
}

// admitted returns n steps admitting a cost-1 call at at on replicas in turn.
func admitted(n int, at time.Duration) []step {
	var out []step
	for i := range n {
		out = append(out, step{on: i % accountingReplicas, op: admit, at: at, cost: 1})
	}
	return out
}

// seq joins step lists.
func seq(parts ...[]step) []step {
	var out []step
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// accountingCases are the Admit/Settle/Block rules fdapi.SharedRates
// documents, each on three replicas' handles of one fresh state.
var accountingCases = []struct {
	name  string
	steps []step
}{
	{"ProbesWithoutInformation", seq(admitted(fdapi.ProbeInFlight, 0), []step{
		{on: 1, op: admit, cost: 1, wait: fdapi.ProbeWait},
		{on: 2, op: settle, adm: 0}, // no headers: frees the probe
		{on: 2, op: admit, cost: 1},
		{on: 0, op: admit, cost: 1, wait: fdapi.ProbeWait},
	})},
	{"ReserveKeptExactly", seq(admitted(1, 0), []step{
		{on: 1, op: settle, adm: 0, total: 100, rem: 20}, // reserve 10% = 10
		{on: 2, op: admit, at: 5 * time.Second, pct: 10, cost: 3},
		{on: 0, op: admit, at: 5 * time.Second, pct: 10, cost: 3},
		{on: 1, op: admit, at: 5 * time.Second, pct: 10, cost: 3},                         // 11 left
		{on: 2, op: admit, at: 5 * time.Second, pct: 10, cost: 3, wait: 55 * time.Second}, // would leave 8
		{on: 0, op: admit, at: 5 * time.Second, pct: 10, cost: 1},                         // leaves exactly the reserve
		{on: 1, op: admit, at: 5 * time.Second, pct: 10, cost: 1, wait: 55 * time.Second},
		{on: 2, op: admit, at: 5 * time.Second, cost: 10},                        // no reserve: all of it
		{on: 0, op: admit, at: 5 * time.Second, cost: 0, wait: 55 * time.Second}, // cost 0 counts as 1
	})},
	{"SettleSubtractsCallsInFlight", seq(admitted(3, 0), []step{
		{on: 0, op: settle, adm: 0, total: 100, rem: 50}, // 2 still in flight: 48
		{on: 1, op: admit, at: time.Second, cost: 49, wait: 59 * time.Second},
		{on: 2, op: admit, at: time.Second, cost: 48},
		{on: 0, op: admit, at: time.Second, cost: 1, wait: 59 * time.Second},
	})},
	{"OlderObservationCannotRaise", seq(admitted(2, 0), []step{
		{on: 1, op: settle, adm: 1, total: 100, rem: 30},                   // 1 in flight: 29
		{on: 0, op: settle, adm: 0, at: -time.Second, total: 100, rem: 40}, // admitted before: ignored upward
		{on: 2, op: admit, at: time.Second, cost: 30, wait: 59 * time.Second},
		{on: 1, op: admit, at: time.Second, cost: 29},
	})},
	{"OlderObservationLowers", seq(admitted(2, 0), []step{
		{on: 1, op: settle, adm: 1, total: 100, rem: 30},
		{on: 0, op: settle, adm: 0, total: 100, rem: 10},
		{on: 2, op: admit, at: time.Second, cost: 11, wait: 59 * time.Second},
		{on: 1, op: admit, at: time.Second, cost: 10},
	})},
	{"NewerAdmissionCarriesAReset", seq(admitted(1, 0), []step{
		{on: 0, op: settle, adm: 0, total: 100, rem: 5},
		{on: 1, op: admit, at: time.Second, cost: 1},
		{on: 2, op: settle, adm: 1, at: 2 * time.Second, total: 100, rem: 90}, // the window reset
		{on: 0, op: admit, at: 3 * time.Second, cost: 91, wait: 59 * time.Second},
		{on: 1, op: admit, at: 3 * time.Second, cost: 90},
	})},
	{"SettleWithoutHeadersKeepsTheCount", seq(admitted(1, 0), []step{
		{on: 0, op: settle, adm: 0, total: 100, rem: 10},
		{on: 1, op: admit, at: time.Second, cost: 4},
		{on: 2, op: settle, adm: 1}, // a transport error: the credits stay spent
		{on: 0, op: admit, at: time.Second, cost: 7, wait: 59 * time.Second},
		{on: 1, op: admit, at: time.Second, cost: 6},
	})},
	{"WindowPassedProbesAgain", seq(admitted(1, 0), []step{
		{on: 0, op: settle, adm: 0, total: 100, rem: 0},
		{on: 1, op: admit, at: window - time.Second, cost: 1, wait: time.Second},
	}, admitted(fdapi.ProbeInFlight, window), []step{
		{on: 2, op: admit, at: window, cost: 1, wait: fdapi.ProbeWait},
	})},
	{"BlockPausesEveryReplica", []step{
		{on: 0, op: block, at: 30 * time.Second},
		{on: 1, op: admit, cost: 1, wait: 30 * time.Second},
		{on: 2, op: admit, at: 10 * time.Second, cost: 1, wait: 20 * time.Second},
		{on: 2, op: block, at: 10 * time.Second}, // an earlier end does not shorten it
		{on: 1, op: admit, at: 10 * time.Second, cost: 1, wait: 20 * time.Second},
		{on: 0, op: admit, at: 30 * time.Second, cost: 1},
	}},
	{"ObservationBeforeABlockIsStale", seq(admitted(1, 0), []step{
		{on: 0, op: settle, adm: 0, total: 100, rem: 50},
		{on: 1, op: block, at: 5 * time.Second},
		{on: 2, op: admit, at: 4 * time.Second, cost: 1, wait: time.Second},
	}, admitted(fdapi.ProbeInFlight, 5*time.Second), []step{ // probes, not the old 50
		{on: 0, op: admit, at: 5 * time.Second, cost: 1, wait: fdapi.ProbeWait},
	})},
}

// testAccounting runs accountingCases and the concurrent admission check.
func testAccounting(t *testing.T, newRates NewRates) {
	for _, tc := range accountingCases {
		t.Run(tc.name, func(t *testing.T) { runSteps(t, newRates(t, accountingReplicas), tc.steps) })
	}
	t.Run("ConcurrentAdmitsTakeEachCreditOnce", func(t *testing.T) { testConcurrentAdmits(t, newRates) })
}

// runSteps plays steps against rs, from a base time in whole milliseconds
// (what a shared store keeps).
func runSteps(t *testing.T, rs []fdapi.SharedRates, steps []step) {
	ctx := context.Background()
	base := time.Now().Truncate(time.Millisecond)
	type admission struct {
		ticket int64
		cost   int
	}
	var adms []admission
	for i, s := range steps {
		r, now := rs[s.on], base.Add(s.at)
		switch s.op {
		case admit:
			wait, ticket, err := r.Admit(ctx, now, s.pct, s.cost)
			if err != nil || wait != s.wait {
				t.Fatalf("step %d: Admit(+%v, %v%%, cost %d) = wait %v, %v; want wait %v", i, s.at, s.pct, s.cost, wait, err, s.wait)
			}
			if wait == 0 {
				if n := len(adms); n > 0 && ticket <= adms[n-1].ticket {
					t.Fatalf("step %d: ticket %d after %d; tickets must order admissions", i, ticket, adms[n-1].ticket)
				}
				adms = append(adms, admission{ticket, s.cost})
			}
		case settle:
			obs := fdapi.RateState{}
			if s.total > 0 {
				obs = fdapi.RateState{Total: s.total, Remaining: s.rem, At: now, Known: true}
			}
			if err := r.Settle(ctx, adms[s.adm].ticket, adms[s.adm].cost, obs); err != nil {
				t.Fatalf("step %d: Settle: %v", i, err)
			}
		case block:
			if err := r.Block(ctx, now); err != nil {
				t.Fatalf("step %d: Block: %v", i, err)
			}
		}
	}
}

// testConcurrentAdmits: 100 concurrent admissions on three replicas with
// 50 credits left and a reserve of 10 admit exactly 40.
func testConcurrentAdmits(t *testing.T, newRates NewRates) {
	const calls, rem, want = 100, 50, 40
	rs := newRates(t, accountingReplicas)
	ctx := context.Background()
	base := time.Now().Truncate(time.Millisecond)
	_, ticket, err := rs[0].Admit(ctx, base, 10, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := rs[0].Settle(ctx, ticket, 1, fdapi.RateState{Total: 100, Remaining: rem, At: base, Known: true}); err != nil {
		t.Fatal(err)
	}
	var ok atomic.Int64
	var tickets sync.Map
	var wg sync.WaitGroup
	for i := range calls {
		wg.Go(func() {
			wait, ticket, err := rs[i%accountingReplicas].Admit(ctx, base.Add(time.Second), 10, 1)
			switch {
			case err != nil:
				t.Errorf("Admit: %v", err)
			case wait == 0:
				ok.Add(1)
				if _, dup := tickets.LoadOrStore(ticket, true); dup {
					t.Errorf("ticket %d given twice", ticket)
				}
			case wait != window-time.Second:
				t.Errorf("held back with wait %v, want %v", wait, window-time.Second)
			}
		})
	}
	wg.Wait()
	if ok.Load() != want {
		t.Errorf("%d of %d concurrent calls admitted with %d credits left and a reserve of 10, want %d", ok.Load(), calls, rem, want)
	}
}
