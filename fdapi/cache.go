package fdapi

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"sync"
	"time"
)

// maxCacheJoins bounds how often a caller retries after joining loads that
// failed with another caller's context error.
const maxCacheJoins = 3

// cache holds rarely changing lookups (ticket fields, agents, groups) with a
// TTL, and collapses concurrent loads of the same key into one request.
type cache struct {
	mu       sync.Mutex
	entries  map[string]cacheEntry
	inflight map[string]*cacheCall
	onJoin   func(key string) // test hook: a caller joined an in-flight load
}

type cacheEntry struct {
	val     any
	expires time.Time
}

type cacheCall struct {
	done     chan struct{}
	val      any
	err      error
	panicked any // the value fn panicked with, if it did
}

// errCacheLoadPanicked is what waiters get when the shared load panicked.
var errCacheLoadPanicked = errors.New("loading cached data failed unexpectedly")

// load returns the cached value for key or runs fn once for all concurrent
// callers. fn runs detached from the caller's cancellation
// (context.WithoutCancel, keeping its values such as the Usage meter, so the
// credits are charged to the caller that started it) and bounded by timeout:
// one caller giving up must not fail the others. Each caller still stops
// waiting when its own ctx ends. A bypassing caller always loads and refreshes.
func (c *cache) load(ctx context.Context, key string, now time.Time, ttl, timeout time.Duration, bypass bool, fn func(context.Context) (any, error)) (any, error) {
	for joins := 0; ; {
		cl, leader, val, hit := c.join(key, now, ttl, bypass)
		if hit {
			return val, nil
		}
		if leader {
			go c.run(ctx, key, now, ttl, timeout, bypass, cl, fn)
		}
		select {
		case <-cl.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if cl.panicked != nil {
			if leader {
				// Surface the bug on the caller's stack rather than swallow it.
				panic(fmt.Sprintf("fdapi: cache load %q panicked: %v", key, cl.panicked))
			}
			return nil, fmt.Errorf("%w (%s)", errCacheLoadPanicked, key)
		}
		// Someone else's load hit its own deadline: our ctx is still fine, so try ourselves.
		if !leader && isContextErr(cl.err) && ctx.Err() == nil && joins < maxCacheJoins {
			joins++
			continue
		}
		return cl.val, cl.err
	}
}

// join returns a fresh cached value (hit), the in-flight load to wait for, or
// a new call the caller must run (leader).
func (c *cache) join(key string, now time.Time, ttl time.Duration, bypass bool) (cl *cacheCall, leader bool, val any, hit bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string]cacheEntry{}
		c.inflight = map[string]*cacheCall{}
	}
	if !bypass && ttl > 0 {
		if e, ok := c.entries[key]; ok && now.Before(e.expires) {
			return nil, false, e.val, true
		}
		if cl, ok := c.inflight[key]; ok {
			if c.onJoin != nil {
				c.onJoin(key)
			}
			return cl, false, nil, false
		}
	}
	cl = &cacheCall{done: make(chan struct{})}
	if !bypass {
		c.inflight[key] = cl
	}
	return cl, true, nil, false
}

// run performs one shared load. The deferred cleanup runs even if fn panics,
// so the key is never left in flight and no waiter blocks forever.
func (c *cache) run(ctx context.Context, key string, now time.Time, ttl, timeout time.Duration, bypass bool, cl *cacheCall, fn func(context.Context) (any, error)) {
	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), timeout)
	defer cancel()
	defer func() {
		if r := recover(); r != nil {
			cl.val, cl.err = nil, errCacheLoadPanicked
			cl.panicked = fmt.Sprintf("%v\n%s", r, debug.Stack())
		}
		c.mu.Lock()
		if !bypass && c.inflight[key] == cl {
			delete(c.inflight, key)
		}
		if cl.err == nil && ttl > 0 {
			c.entries[key] = cacheEntry{val: cl.val, expires: now.Add(ttl)}
		}
		c.mu.Unlock()
		close(cl.done)
	}()
	cl.val, cl.err = fn(lctx)
}

func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
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
	v, err := c.cache.load(ctx, key, c.now(), c.cacheTTL, c.timeout, cacheBypassed(ctx), func(ctx context.Context) (any, error) {
		return fn(ctx)
	})
	if err != nil {
		return nil, err
	}
	return slices.Clone(v.([]T)), nil
}

// InvalidateCache drops cached ticket fields, agents and groups, and the
// remembered contact and company names.
func (c *Client) InvalidateCache() {
	c.cache.invalidate()
	c.dir.clear()
}
