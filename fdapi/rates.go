package fdapi

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// SharedRates is the account's rate-limit state shared by every process
// that calls one Freshdesk account (replicas behind a load balancer), so
// that one replica's 429 pauses them all and together they never take the
// account below its reserve. Freshdesk's limit is per account, not per
// connection: without sharing, N replicas each keep "their" reserve and
// together spend it.
//
// Every call admitted by Admit (wait 0, nil error) is in flight until
// exactly one Settle with the ticket Admit returned. While a call is in
// flight other processes may not yet see its credit in
// X-RateLimit-Remaining, so Settle records the observed Remaining minus the
// calls still in flight. Responses also arrive out of order: an observation
// from a call admitted before the recorded observation was made may be
// older than it, so it can only lower Remaining (within a window Remaining
// only falls); a call admitted after it carries news, a window reset
// included. Tickets order admissions against observations without clocks.
// Implementations: MemoryRates (one process; the reference semantics) and
// policy.RedisRates (across replicas).
//
// An error means the shared state is unreachable: the Client then decides
// with its own per-process governor, and keeps observing into it, so reads
// go on at a local pace.
type SharedRates interface {
	// Admit asks to send one call costing about cost credits at now,
	// keeping reservePct percent of the account's per-minute total. It
	// returns 0 and a ticket to go, or how long to wait.
	Admit(ctx context.Context, now time.Time, reservePct float64, cost int) (wait time.Duration, ticket int64, err error)
	// Settle ends an admitted call (with the cost it was admitted with)
	// with what its response said (obs.Known false: no rate headers, e.g. a
	// transport error or a 429).
	Settle(ctx context.Context, ticket int64, cost int, obs RateState) error
	// Block pauses every process sharing the state until until (a 429's
	// Retry-After).
	Block(ctx context.Context, until time.Time) error
}

// MemoryRates is a SharedRates for the Clients of one process (and the
// reference for shared implementations). It is safe for concurrent use.
type MemoryRates struct {
	mu       sync.Mutex
	state    RateState
	blocked  time.Time
	inFlight int   // credits of the calls in flight
	seq      int64 // admissions and observations, in order
	obsSeq   int64 // seq when state was observed
}

// Without fresh rate headers (first call, or a minute of silence) at most
// ProbeInFlight calls go out together; the others poll every ProbeWait
// until a response tells how much is left. Otherwise a burst would all be
// admitted on no information.
const (
	ProbeInFlight = 4
	ProbeWait     = 20 * time.Millisecond
)

// RateDecision is the pure admission rule shared by every SharedRates
// implementation: given the state, the credits in flight (pass 0 when they
// are not tracked), the time and the call's cost, whether to admit now
// (taking cost credits from Remaining when takeCredit) or how long to
// wait. The reserve is floor(total * reservePct / 100).
func RateDecision(st RateState, blocked, now time.Time, reservePct float64, inFlight, cost int) (wait time.Duration, takeCredit bool) {
	if w := blocked.Sub(now); w > 0 {
		return w, false
	}
	// No fresh information (the window has certainly reset), or an
	// observation older than a Retry-After that has passed.
	if !st.Known || now.Sub(st.At) >= rateWindow || (!blocked.IsZero() && !st.At.After(blocked)) {
		if inFlight >= ProbeInFlight {
			return ProbeWait, false
		}
		return 0, false
	}
	reserve := 0
	if reservePct > 0 {
		reserve = int(math.Floor(float64(st.Total) * reservePct / 100))
	}
	if st.Remaining-max(cost, 1) < reserve {
		return st.At.Add(rateWindow).Sub(now), false
	}
	return 0, true
}

// Admit implements SharedRates.
func (m *MemoryRates) Admit(_ context.Context, now time.Time, reservePct float64, cost int) (time.Duration, int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	cost = max(cost, 1)
	w, take := RateDecision(m.state, m.blocked, now, reservePct, m.inFlight, cost)
	if w > 0 {
		return w, 0, nil
	}
	if take {
		m.state.Remaining -= cost
	}
	m.inFlight += cost
	m.seq++
	return 0, m.seq, nil
}

// Settle implements SharedRates.
func (m *MemoryRates) Settle(_ context.Context, ticket int64, cost int, obs RateState) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.inFlight = max(m.inFlight-max(cost, 1), 0)
	if !obs.Known {
		return nil
	}
	obs.Remaining -= m.inFlight
	if m.state.Known && ticket < m.obsSeq {
		// Possibly older than the recorded observation: only lower.
		obs.Remaining = min(obs.Remaining, m.state.Remaining)
		obs.At = maxTime(obs.At, m.state.At)
	}
	m.seq++
	m.state, m.obsSeq = obs, m.seq
	return nil
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// Block implements SharedRates.
func (m *MemoryRates) Block(_ context.Context, until time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if until.After(m.blocked) {
		m.blocked = until
	}
	if m.state.Known {
		m.state.Remaining = 0
	}
	return nil
}

// Snapshot returns the state (tests, diagnostics).
func (m *MemoryRates) Snapshot() RateState {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.state
}

// rateObservation is what a response's headers say about the account.
func rateObservation(h http.Header, now time.Time) RateState {
	total, okT := headerInt(h, "X-RateLimit-Total")
	remaining, okR := headerInt(h, "X-RateLimit-Remaining")
	if !okT || !okR {
		return RateState{}
	}
	return RateState{Total: total, Remaining: remaining, At: now, Known: true}
}

// admitShared asks the shared state first; when it is unreachable (or not
// configured) the local governor decides. shared reports whether the call
// was admitted by the shared state and must be settled there.
func (c *Client) admitShared(ctx context.Context, now time.Time, cost int) (wait time.Duration, ticket int64, shared bool) {
	if c.shared != nil {
		w, ticket, err := c.shared.Admit(ctx, now, c.reservePct, cost)
		if err == nil {
			return w, ticket, w <= 0
		}
		c.logDebug(ctx, "shared rate state unavailable; the local governor decides", "error", err.Error())
	}
	return c.gov.admit(now, c.reservePct), 0, false
}

// settleShared ends a call admitted by the shared state.
func (c *Client) settleShared(ctx context.Context, ticket int64, cost int, ar attemptResult) {
	obs := RateState{}
	if ar.status > 0 {
		obs = rateObservation(ar.header, c.now())
	}
	if err := c.shared.Settle(context.WithoutCancel(ctx), ticket, cost, obs); err != nil {
		c.logDebug(ctx, "shared rate state: settle failed", "error", err.Error())
	}
}

// block records a 429 locally and in the shared state.
func (c *Client) block(ctx context.Context, until time.Time) {
	c.gov.block(until)
	if c.shared != nil {
		if err := c.shared.Block(context.WithoutCancel(ctx), until); err != nil {
			c.logDebug(ctx, "shared rate state: block failed", "error", err.Error())
		}
	}
}

// callCost estimates the credits cl will cost: 1, plus 1 per include on a
// ticket view and 2 per include on a list (freshdesk-api-v2.md §5:
// "View a ticket: +1 per include"; "List tickets: +2 per include").
func callCost(cl call) int {
	inc := cl.query.Get("include")
	if inc == "" {
		return 1
	}
	n := len(strings.Split(inc, ","))
	last := cl.path[strings.LastIndex(cl.path, "/")+1:]
	if _, err := strconv.ParseInt(last, 10, 64); err == nil {
		return 1 + n // a view: /tickets/5
	}
	return 1 + 2*n
}
