package policy

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultUsageWindow is the accounting window when the budget is unlimited
// (usage is still counted for the freshdesk://usage resource).
const DefaultUsageWindow = time.Hour

// Limit is a credit budget: Credits per Window. The zero Limit is unlimited.
type Limit struct {
	Credits int
	Window  time.Duration
}

// ParseLimit parses "CREDITS/WINDOW", e.g. "300/1h", "50/10m", "1000/24h" or
// "1000/1d" (WINDOW is a Go duration, or whole days with "d"). "", "off",
// "none" and "unlimited" give the zero (unlimited) Limit.
func ParseLimit(s string) (Limit, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	switch t {
	case "", "off", "none", "unlimited":
		return Limit{}, nil
	}
	bad := func(why string) (Limit, error) {
		return Limit{}, fmt.Errorf("invalid budget %q: %s; want CREDITS/WINDOW such as 300/1h, 50/10m or 1000/24h (or \"off\")", s, why)
	}
	cs, ws, ok := strings.Cut(t, "/")
	if !ok {
		return bad("missing \"/\"")
	}
	n, err := strconv.Atoi(strings.TrimSpace(cs))
	if err != nil || n <= 0 {
		return bad("credits must be a whole number above 0")
	}
	ws = strings.TrimSpace(ws)
	var w time.Duration
	if d, ok := strings.CutSuffix(ws, "d"); ok {
		days, err := strconv.Atoi(d)
		if err != nil || days <= 0 {
			return bad("window must be a duration such as 10m, 1h or 1d")
		}
		w = time.Duration(days) * 24 * time.Hour
	} else if w, err = time.ParseDuration(ws); err != nil {
		return bad("window must be a duration such as 10m, 1h or 1d")
	}
	if w < time.Second {
		return bad("window must be at least 1s")
	}
	return Limit{Credits: n, Window: w}, nil
}

// Unlimited reports whether l sets no limit.
func (l Limit) Unlimited() bool { return l.Credits <= 0 }

// String returns "300/1h", or "unlimited".
func (l Limit) String() string {
	if l.Unlimited() {
		return "unlimited"
	}
	return strconv.Itoa(l.Credits) + "/" + shortDuration(l.Window)
}

// ErrOverBudget is wrapped by *BudgetError.
var ErrOverBudget = errors.New("credit budget exhausted")

// BudgetError is returned by Budget.Check when a call would exceed the
// caller's budget. No upstream call may be made.
type BudgetError struct {
	Caller    string
	Used      int
	Limit     int
	Estimated int
	Window    time.Duration
	Resets    time.Time
	// Now is when the check ran (for the "in 12m" part of the text).
	Now time.Time
}

// Error is text a model can act on: used, limit, reset time, what to do.
func (e *BudgetError) Error() string {
	wait := e.Resets.Sub(e.Now).Round(time.Second)
	if wait < 0 {
		wait = 0
	}
	resets := fmt.Sprintf("The budget resets at %s (in %s).", e.Resets.UTC().Format(time.RFC3339), wait)
	if e.Estimated > e.Limit {
		return fmt.Sprintf("credit budget: this call needs about %d Freshdesk API credits, more than the whole budget of %d per %s "+
			"for caller %q, so no request was sent to Freshdesk. Ask for less in one call (fewer includes, smaller pages, a narrower search).",
			e.Estimated, e.Limit, shortDuration(e.Window), e.Caller)
	}
	return fmt.Sprintf("credit budget exhausted: caller %q has used %d of %d Freshdesk API credits in the current %s window "+
		"and this call needs about %d, so no request was sent to Freshdesk. %s "+
		"Until then, answer from what you already have or tell the user when you can continue.",
		e.Caller, e.Used, e.Limit, shortDuration(e.Window), e.Estimated, resets)
}

// Unwrap returns ErrOverBudget.
func (e *BudgetError) Unwrap() error { return ErrOverBudget }

// BudgetConfig configures a Budget.
type BudgetConfig struct {
	// Limit per caller; the zero Limit only counts usage.
	Limit Limit
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Store holds the counters; nil means a new MemoryStore.
	Store Store
}

// Budget meters Freshdesk API credits per caller in a fixed window that
// starts at the caller's first charged call and lasts Limit.Window; the
// next charge after it ends starts a new window. (Fixed windows give an
// exact reset time a model can be told and map onto one Redis counter with
// an expiry.) It is safe for concurrent use.
//
// Use Reserve before the upstream call and Settle after it: Reserve adds the
// estimate atomically (one Store Incr), so concurrent calls cannot together
// overshoot by their estimates. The older Check (no reservation) and Charge
// remain for callers not yet switched.
type Budget struct {
	limit Limit
	win   time.Duration
	now   func() time.Time
	store Store
}

// NewBudget builds a Budget from cfg.
func NewBudget(cfg BudgetConfig) (*Budget, error) {
	b := &Budget{limit: cfg.Limit, win: cfg.Limit.Window, now: cfg.Now, store: cfg.Store}
	if !b.limit.Unlimited() && b.win <= 0 {
		return nil, fmt.Errorf("budget %d credits needs a window above 0", b.limit.Credits)
	}
	if b.win <= 0 {
		b.win = DefaultUsageWindow
	}
	if b.now == nil {
		b.now = time.Now
	}
	if b.store == nil {
		b.store = NewMemoryStore(b.now)
	}
	return b, nil
}

// Limit returns the configured limit.
func (b *Budget) Limit() Limit { return b.limit }

const budgetPrefix = "bud:"

// Check returns a *BudgetError (errors.Is ErrOverBudget) if charging
// estimated more credits would exceed caller's budget, or a Store error
// (fail closed: make no upstream call).
//
// Check does not reserve: concurrent calls that each pass Check may together
// overshoot by their estimates. Prefer Reserve.
func (b *Budget) Check(ctx context.Context, caller string, estimated int) error {
	if b.limit.Unlimited() {
		return nil
	}
	u, err := b.Status(ctx, caller)
	if err != nil {
		return err
	}
	if u.Used+max(estimated, 0) <= b.limit.Credits {
		return nil
	}
	return b.overBudget(caller, u.Used, estimated, u.Resets)
}

func (b *Budget) overBudget(caller string, used, estimated int, resets time.Time) *BudgetError {
	return &BudgetError{Caller: caller, Used: used, Limit: b.limit.Credits, Estimated: estimated,
		Window: b.win, Resets: resets, Now: b.now()}
}

// Charge adds actual credits to caller's usage (after the call, whatever its
// outcome). Non-positive amounts are ignored. With Reserve, use
// Reservation.Settle instead.
func (b *Budget) Charge(ctx context.Context, caller string, actual int) error {
	if actual <= 0 {
		return nil
	}
	if _, _, err := b.store.Incr(ctx, budgetPrefix+caller, int64(actual), b.now().Add(b.win)); err != nil {
		return fmt.Errorf("charge credit budget: %w", err)
	}
	return nil
}

// Reservation is an estimate of credits held for one call by Reserve until
// Settle replaces it with the actual amount. It is safe for concurrent use;
// only the first Settle has an effect.
type Reservation struct {
	b      *Budget
	caller string
	expiry time.Time // end of the window the reservation was made in

	mu       sync.Mutex
	reserved int // credits added to the store by Reserve, 0 once settled
	settled  bool
	err      error
}

// Reserve atomically adds estimated credits to caller's usage before an
// upstream call. If that takes the caller over the limit the addition is
// rolled back and a *BudgetError (errors.Is ErrOverBudget) is returned: no
// upstream call may be made. A Store error is returned as is (fail closed).
// With an unlimited budget nothing is reserved and Settle just counts usage.
// Every successful Reserve must be followed by Settle, even when the call
// fails, or the estimate stays charged until the window ends.
func (b *Budget) Reserve(ctx context.Context, caller string, estimated int) (*Reservation, error) {
	est := max(estimated, 0)
	r := &Reservation{b: b, caller: caller}
	if b.limit.Unlimited() {
		return r, nil
	}
	if est == 0 || est > b.limit.Credits {
		// Nothing to add (or can never fit): a read decides, as in Check.
		if err := b.Check(ctx, caller, est); err != nil {
			return nil, err
		}
		return r, nil
	}
	key := budgetPrefix + caller
	v, exp, err := b.store.Incr(ctx, key, int64(est), b.now().Add(b.win))
	if err != nil {
		return nil, fmt.Errorf("reserve credit budget: %w", err)
	}
	if v > int64(b.limit.Credits) {
		if rerr := b.add(context.WithoutCancel(ctx), key, -int64(est), exp); rerr != nil {
			return nil, fmt.Errorf("reserve credit budget: rolling back: %w", rerr)
		}
		return nil, b.overBudget(caller, int(v)-est, est, exp)
	}
	r.reserved, r.expiry = est, exp
	return r, nil
}

// Reserved returns the credits the reservation holds (0 once settled, or
// when the budget is unlimited or the estimate was 0).
func (r *Reservation) Reserved() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.reserved
}

// Settle replaces the reserved estimate with the actual credits the call
// used: it adds actual minus reserved, which may be negative. Call it after
// the call whatever its outcome (actual 0 releases the reservation). It runs
// even if ctx is cancelled (the accounting must not be lost). If the window
// ended since Reserve, the reserved credits ended with it and actual is
// charged to the new window. Later calls return the first call's error.
func (r *Reservation) Settle(ctx context.Context, actual int) error {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.settled {
		return r.err
	}
	r.settled = true
	b := r.b
	actual = max(actual, 0)
	delta := int64(actual - r.reserved)
	if r.reserved > 0 && !b.now().Before(r.expiry) {
		delta = int64(actual) // the reservation expired with its window
	}
	if delta != 0 {
		if err := b.add(context.WithoutCancel(ctx), budgetPrefix+r.caller, delta, r.expiry); err != nil {
			r.err = fmt.Errorf("settle credit budget: %w", err)
		}
	}
	r.reserved = 0
	return r.err
}

// add applies delta to key. A negative delta belongs to the window ending at
// expiry: if that window is gone (the Incr opened a new one), the delta is
// undone so a new window never starts below zero.
func (b *Budget) add(ctx context.Context, key string, delta int64, expiry time.Time) error {
	_, exp, err := b.store.Incr(ctx, key, delta, b.now().Add(b.win))
	if err != nil {
		return err
	}
	if delta < 0 && !exp.Equal(expiry) {
		if _, _, err := b.store.Incr(ctx, key, -delta, exp); err != nil {
			return err
		}
	}
	return nil
}

// Remaining returns the credits caller has left in the current window, or
// -1 when the budget is unlimited.
func (b *Budget) Remaining(ctx context.Context, caller string) (int, error) {
	u, err := b.Status(ctx, caller)
	if err != nil {
		return 0, err
	}
	return u.Remaining, nil
}

// CallerUsage is one caller's usage in the current window.
type CallerUsage struct {
	Caller string `json:"caller"`
	Used   int    `json:"used"`
	// Limit is 0 and Remaining -1 when the budget is unlimited.
	Limit     int       `json:"limit"`
	Remaining int       `json:"remaining"`
	Window    string    `json:"window"`
	Resets    time.Time `json:"resets"`
}

// Status returns caller's usage. A caller with no window open has Used 0
// and Resets one window from now.
func (b *Budget) Status(ctx context.Context, caller string) (CallerUsage, error) {
	v, exp, ok, err := b.store.Get(ctx, budgetPrefix+caller)
	if err != nil {
		return CallerUsage{}, fmt.Errorf("read credit budget: %w", err)
	}
	if !ok {
		v, exp = 0, b.now().Add(b.win)
	}
	return b.usage(caller, v, exp), nil
}

// Usage returns every caller with an open window, sorted by caller, for the
// freshdesk://usage resource. With a shared Store it covers all replicas.
func (b *Budget) Usage(ctx context.Context) ([]CallerUsage, error) {
	m, err := b.store.Scan(ctx, budgetPrefix)
	if err != nil {
		return nil, fmt.Errorf("read credit budgets: %w", err)
	}
	out := make([]CallerUsage, 0, len(m))
	for k, e := range m {
		out = append(out, b.usage(strings.TrimPrefix(k, budgetPrefix), e.Value, e.Expiry))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Caller < out[j].Caller })
	return out, nil
}

func (b *Budget) usage(caller string, used int64, resets time.Time) CallerUsage {
	u := CallerUsage{Caller: caller, Used: int(used), Remaining: -1, Window: shortDuration(b.win), Resets: resets.UTC()}
	if !b.limit.Unlimited() {
		u.Limit = b.limit.Credits
		u.Remaining = max(b.limit.Credits-u.Used, 0)
	}
	return u
}

// shortDuration formats 1h0m0s as "1h", 10m0s as "10m", 24h as "24h".
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
