package fdapi

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// RateState is the last rate-limit state Freshdesk reported.
type RateState struct {
	Total     int       // X-RateLimit-Total: calls allowed per minute
	Remaining int       // X-RateLimit-Remaining (decremented locally for calls in flight)
	At        time.Time // when it was observed
	Known     bool      // false until a response carried the headers
}

// rateWindow is Freshdesk's per-minute rate-limit window.
const rateWindow = time.Minute

// reorderWindow is how close together two observations must be for a
// higher Remaining to count as a late answer rather than a reset window.
const reorderWindow = 2 * time.Second

// governor tracks the account's rate-limit state and refuses or delays calls
// that would eat into the reserve.
type governor struct {
	mu           sync.Mutex
	state        RateState
	reported     int       // the Remaining Freshdesk last reported (state.Remaining also counts calls in flight)
	blockedUntil time.Time // set by a 429's Retry-After
}

// observe records the rate headers of a response and returns the credits the
// call used.
func (g *governor) observe(h http.Header, status int, now time.Time) int {
	total, okT := headerInt(h, "X-RateLimit-Total")
	remaining, okR := headerInt(h, "X-RateLimit-Remaining")
	used, okU := headerInt(h, "X-RateLimit-Used-CurrentRequest")
	g.mu.Lock()
	defer g.mu.Unlock()
	if okT && okR {
		// Responses to requests sent in parallel can arrive out of order: a
		// higher Remaining seen right after a lower one is older news, not
		// a new window, so the lower one stands.
		late := g.state.Known && g.state.Total == total && remaining > g.reported && now.Sub(g.state.At) < reorderWindow
		if !late {
			g.state = RateState{Total: total, Remaining: remaining, At: now, Known: true}
			g.reported = remaining
		}
	}
	if okU {
		return used
	}
	if status == http.StatusTooManyRequests {
		return 0
	}
	return 1
}

// block records a 429 so that other calls do not hit the server before
// Retry-After has passed.
func (g *governor) block(until time.Time) {
	g.mu.Lock()
	if until.After(g.blockedUntil) {
		g.blockedUntil = until
	}
	if g.state.Known {
		g.state.Remaining = 0
	}
	g.mu.Unlock()
}

// admit decides whether a call may be sent now. It returns how long to wait
// first (0 = go) and takes one credit from the local Remaining estimate when
// admitting, so concurrent calls do not all pass the reserve check at once.
func (g *governor) admit(now time.Time, reservePct float64) time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	w, take := RateDecision(g.state, g.blockedUntil, now, reservePct, 0, 1)
	if take {
		g.state.Remaining--
	}
	return w
}

// forget drops the observed state after waiting for a window reset.
func (g *governor) forget(now time.Time) {
	g.mu.Lock()
	if g.state.Known && now.Sub(g.state.At) >= rateWindow {
		g.state.Known = false
	}
	g.mu.Unlock()
}

func (g *governor) snapshot() RateState {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.state
}

func headerInt(h http.Header, name string) (int, bool) {
	v := strings.TrimSpace(h.Get(name))
	if v == "" {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, false
	}
	return n, true
}

// parseRetryAfter reads Retry-After as seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			n = 0
		}
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

// acquire takes a concurrency slot, respecting ctx.
func (c *Client) acquire(ctx context.Context) error {
	select {
	case c.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *Client) release() { <-c.sem }

// waitForReserve blocks while the reserve is exhausted if the wait is short,
// else returns a rate-limited *Error carrying RetryAfter. shared reports
// that the shared rate state admitted the call (settle it there with ticket).
func (c *Client) waitForReserve(ctx context.Context, method, path string, cost int) (ticket int64, shared bool, err error) {
	polled := time.Duration(0)
	for i := 0; ; i++ {
		now := c.now()
		w, ticket, shared := c.admitShared(ctx, now, cost)
		if w <= 0 {
			return ticket, shared, nil
		}
		if w == ProbeWait && polled < c.timeout {
			// Waiting for the first rate headers (shared state only).
			polled += w
			i--
		} else {
			c.observeCooldown("reserve", w)
			if w > c.maxRetryWait || i >= 2 {
				st := c.gov.snapshot()
				return 0, false, &Error{Method: method, Path: path, RetryAfter: w, reserve: true,
					Message: fmt.Sprintf("rate-limit reserve reached (%d of %d calls/minute left, %.0f%% kept for other integrations)", st.Remaining, st.Total, c.reservePct)}
			}
			c.logDebug(ctx, "freshdesk rate-limit wait", "wait", w.String())
		}
		if err := c.sleep(ctx, w); err != nil {
			return 0, false, &Error{Method: method, Path: path, Message: "cancelled while waiting for the rate-limit window", cause: err}
		}
		c.gov.forget(c.now())
	}
}
