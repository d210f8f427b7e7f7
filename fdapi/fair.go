package fdapi

import (
	"context"
	"sync"
)

// defaultPerCaller is the share of the in-flight slots one
// caller may hold when Config.MaxConcurrentPerCaller is 0: half of them, so
// a caller whose calls are slow leaves the other half to everyone else.
func defaultPerCaller(total int) int { return max(1, total/2) }

type callerCtxKey struct{}

// WithCaller returns a context whose Freshdesk calls count against caller's
// share of the in-flight slots (Config.MaxConcurrentPerCaller). Calls
// without a caller (stdio, the CLI: one user) have no share of their own
// and may use every slot.
func WithCaller(ctx context.Context, caller string) context.Context {
	return context.WithValue(ctx, callerCtxKey{}, caller)
}

func callerOf(ctx context.Context) string {
	c, _ := ctx.Value(callerCtxKey{}).(string)
	return c
}

// fairSlots bounds the in-flight requests of each caller. A caller takes
// one of its own slots before it queues for the client's shared ones, so
// at most per of its calls hold or wait for a shared slot: one caller with
// slow calls can delay another by at most the calls already in flight, not
// by its whole queue (the shared semaphore serves waiters in order).
type fairSlots struct {
	per     int
	mu      sync.Mutex
	callers map[string]*callerSlots // entries live while a call uses them
}

type callerSlots struct {
	sem   chan struct{}
	users int // calls holding or waiting for sem; guarded by fairSlots.mu
}

func newFairSlots(per int) *fairSlots {
	return &fairSlots{per: per, callers: map[string]*callerSlots{}}
}

// acquire takes one of caller's slots, respecting ctx.
func (f *fairSlots) acquire(ctx context.Context, caller string) (release func(), err error) {
	f.mu.Lock()
	cs := f.callers[caller]
	if cs == nil {
		cs = &callerSlots{sem: make(chan struct{}, f.per)}
		f.callers[caller] = cs
	}
	cs.users++
	f.mu.Unlock()
	select {
	case cs.sem <- struct{}{}:
		return func() { <-cs.sem; f.leave(caller, cs) }, nil
	case <-ctx.Done():
		f.leave(caller, cs)
		return nil, ctx.Err()
	}
}

// leave forgets a caller with no call left, so the map does not grow with
// every caller ever seen.
func (f *fairSlots) leave(caller string, cs *callerSlots) {
	f.mu.Lock()
	cs.users--
	if cs.users == 0 {
		delete(f.callers, caller)
	}
	f.mu.Unlock()
}

// acquireSlot takes the caller's slot, then a shared one; release returns both.
func (c *Client) acquireSlot(ctx context.Context) (release func(), err error) {
	mine := func() {}
	if caller := callerOf(ctx); caller != "" {
		if mine, err = c.fair.acquire(ctx, caller); err != nil {
			return nil, err
		}
	}
	if err := c.acquire(ctx); err != nil {
		mine()
		return nil, err
	}
	return func() { c.release(); mine() }, nil
}
