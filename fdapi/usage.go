package fdapi

import (
	"context"
	"sync"
)

// Usage meters the Freshdesk calls and credits spent with one context. It is
// safe for concurrent use; attach it with WithUsage.
type Usage struct {
	mu      sync.Mutex
	credits int
	calls   int
}

// Credits returns the sum of X-RateLimit-Used-CurrentRequest over the calls
// made with the metered context. A response without the header counts 1
// (every call costs at least one credit); a 429 without it counts 0.
func (u *Usage) Credits() int {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.credits
}

// Calls returns the number of HTTP responses received, retries included.
func (u *Usage) Calls() int {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.calls
}

func (u *Usage) add(credits int) {
	u.mu.Lock()
	u.credits += credits
	u.calls++
	u.mu.Unlock()
}

type usageKey struct{}
type noCacheKey struct{}

type noRetryKey struct{}

// WithoutRetries returns a context whose calls are tried once: a failure
// (a 5xx, a dropped connection, a 429) is returned at once instead of being
// retried. For optional reads with a credit cap, where every retry would
// cost another credit.
func WithoutRetries(ctx context.Context) context.Context {
	return context.WithValue(ctx, noRetryKey{}, true)
}

func retriesOff(ctx context.Context) bool {
	b, _ := ctx.Value(noRetryKey{}).(bool)
	return b
}

// WithUsage returns a context whose Freshdesk calls add to u.
// Meters nest: a call charges every Usage attached to its context chain.
func WithUsage(ctx context.Context, u *Usage) context.Context {
	prev, _ := ctx.Value(usageKey{}).([]*Usage)
	next := make([]*Usage, 0, len(prev)+1)
	next = append(next, prev...)
	return context.WithValue(ctx, usageKey{}, append(next, u))
}

func chargeUsage(ctx context.Context, credits int) {
	us, _ := ctx.Value(usageKey{}).([]*Usage)
	for _, u := range us {
		u.add(credits)
	}
}

// WithoutCache returns a context whose calls bypass (and refresh) the cache of
// ticket fields, agents and groups.
func WithoutCache(ctx context.Context) context.Context {
	return context.WithValue(ctx, noCacheKey{}, true)
}

func cacheBypassed(ctx context.Context) bool {
	b, _ := ctx.Value(noCacheKey{}).(bool)
	return b
}
