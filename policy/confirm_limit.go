package policy

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Defaults of ConfirmLimit: a person confirms a few writes a minute at
// most, so 50 asked in 15 minutes is far above real use and bounds what
// one caller can make the shared store hold (each pending confirmation
// keeps a preview for up to 15 minutes).
const (
	DefaultMaxConfirmations   = 50
	DefaultConfirmationWindow = 15 * time.Minute
)

// confirmLimitPrefix keys the per-caller counters.
const confirmLimitPrefix = "cfl:"

// ErrTooManyConfirmations is matched by the *ConfirmLimitError of
// ConfirmLimit.Admit.
var ErrTooManyConfirmations = errors.New("too many confirmations asked")

// ConfirmLimitError says that a caller asked for more confirmations than
// the limit allows, and when it may ask again.
type ConfirmLimitError struct {
	Max    int
	Window time.Duration
	Resets time.Time
	// RetryIn is how long from the refusal until Resets.
	RetryIn time.Duration
}

func (e *ConfirmLimitError) Error() string {
	return fmt.Sprintf("this caller has asked for more than %d confirmations within %s; it may ask again after %s",
		e.Max, e.Window, e.Resets.UTC().Format(time.RFC3339))
}

// Is makes the error match ErrTooManyConfirmations.
func (e *ConfirmLimitError) Is(target error) bool { return target == ErrTooManyConfirmations }

// ConfirmLimit bounds the confirmations each caller can ask for: pages,
// confirmation tokens and elicitation request states. Asking costs no
// Freshdesk credit, so the credit budget never stops a caller (or a model
// in a loop) that asks and never confirms; each ask leaves records in the
// store (a page's preview, a used request state) until they expire. The
// count is one Store counter per caller (Incr with an expiry), so replicas
// sharing a store share it. It is safe for concurrent use.
type ConfirmLimit struct {
	store  Store
	max    int
	window time.Duration
	now    func() time.Time
}

// NewConfirmLimit counts in store at most max confirmations per caller
// per window (0 or less: the defaults), with clock now (nil: time.Now).
func NewConfirmLimit(store Store, max int, window time.Duration, now func() time.Time) *ConfirmLimit {
	if max <= 0 {
		max = DefaultMaxConfirmations
	}
	if window <= 0 {
		window = DefaultConfirmationWindow
	}
	if now == nil {
		now = time.Now
	}
	return &ConfirmLimit{store: store, max: max, window: window, now: now}
}

// Admit counts one confirmation asked by caller. It returns a
// *ConfirmLimitError when caller is over the limit of its current window
// (the window starts at its first ask), or the store's error; either way
// nothing may be asked or stored.
func (l *ConfirmLimit) Admit(ctx context.Context, caller string) error {
	n, resets, err := l.store.Incr(ctx, confirmLimitPrefix+caller, 1, l.now().Add(l.window))
	if err != nil {
		return fmt.Errorf("count confirmations: %w", err)
	}
	if n > int64(l.max) {
		return &ConfirmLimitError{Max: l.max, Window: l.window, Resets: resets, RetryIn: resets.Sub(l.now())}
	}
	return nil
}
