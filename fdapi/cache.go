package fdapi

import (
	"context"
	"slices"
	"sync"
	"time"
)

// cache holds rarely changing lookups (ticket fields, agents, groups) with a
// TTL, and collapses concurrent loads of the same key into one request.
type cache struct {
	mu       sync.Mutex
	entries  map[string]cacheEntry
	inflight map[string]*cacheCall
}

type cacheEntry struct {
	val     any
	expires time.Time
}

type cacheCall struct {
	done chan struct{}
	val  any
	err  error
}

// load returns the cached value for key or calls fn once for all concurrent
// callers. The load runs with the first caller's context, so its credits are
// charged to that caller. A bypassing caller always loads and refreshes.
func (c *cache) load(ctx context.Context, key string, now time.Time, ttl time.Duration, bypass bool, fn func(context.Context) (any, error)) (any, error) {
	c.mu.Lock()
	if c.entries == nil {
		c.entries = map[string]cacheEntry{}
		c.inflight = map[string]*cacheCall{}
	}
	if !bypass && ttl > 0 {
		if e, ok := c.entries[key]; ok && now.Before(e.expires) {
			c.mu.Unlock()
			return e.val, nil
		}
		if cl, ok := c.inflight[key]; ok {
			c.mu.Unlock()
			select {
			case <-cl.done:
				return cl.val, cl.err
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
	}
	cl := &cacheCall{done: make(chan struct{})}
	if !bypass {
		c.inflight[key] = cl
	}
	c.mu.Unlock()

	cl.val, cl.err = fn(ctx)

	c.mu.Lock()
	if !bypass {
		delete(c.inflight, key)
	}
	if cl.err == nil && ttl > 0 {
		c.entries[key] = cacheEntry{val: cl.val, expires: now.Add(ttl)}
	}
	c.mu.Unlock()
	close(cl.done)
	return cl.val, cl.err
}

// invalidate drops every cached entry.
func (c *cache) invalidate() {
	c.mu.Lock()
	clear(c.entries)
	c.mu.Unlock()
}

// cached runs a typed cached load and returns a copy of the slice so callers
// cannot mutate the cache.
func cached[T any](ctx context.Context, c *Client, key string, fn func(context.Context) ([]T, error)) ([]T, error) {
	v, err := c.cache.load(ctx, key, c.now(), c.cacheTTL, cacheBypassed(ctx), func(ctx context.Context) (any, error) {
		return fn(ctx)
	})
	if err != nil {
		return nil, err
	}
	return slices.Clone(v.([]T)), nil
}

// InvalidateCache drops cached ticket fields, agents and groups.
func (c *Client) InvalidateCache() { c.cache.invalidate() }
