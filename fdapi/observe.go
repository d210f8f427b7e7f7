package fdapi

import (
	"context"
	"sync"
	"time"
)

// Observer is told about every Freshdesk HTTP exchange and rate-limit
// pause; the app's Prometheus metrics implement it. Methods must be cheap
// and safe for concurrent use. Nothing passed carries credentials, paths
// with ids, or customer text.
type Observer interface {
	// Response reports one HTTP response: its method, status, the credits
	// it used, and the account's rate-limit state after it.
	Response(method string, status, credits int, rate RateState)
	// TransportError reports an attempt that got no HTTP response.
	TransportError(method string)
	// Cooldown reports a pause in sending: reason "429" after a
	// Retry-After, or "reserve" when the reserve holds calls back.
	Cooldown(reason string, wait time.Duration)
}

// Attempt is the outcome of the last attempt to reach Freshdesk.
type Attempt struct {
	At     time.Time // zero: no attempt yet
	Status int       // HTTP status; 0 when no response came back
	Err    string    // the transport error class, when Status is 0
}

// contactLog keeps the last Attempt; readiness reads it instead of
// spending a credit on a probe when traffic is flowing.
type contactLog struct {
	mu   sync.Mutex
	last Attempt
}

func (l *contactLog) set(c Attempt) {
	l.mu.Lock()
	l.last = c
	l.mu.Unlock()
}

// LastAttempt returns the outcome of the most recent HTTP attempt.
func (c *Client) LastAttempt() Attempt {
	c.contact.mu.Lock()
	defer c.contact.mu.Unlock()
	return c.contact.last
}

// Probe makes one cheap authenticated call (GET /api/v2/agents/me, one
// credit) to learn whether Freshdesk is reachable and accepts the key.
func (c *Client) Probe(ctx context.Context) error {
	_, err := c.Me(ctx)
	return err
}

func (c *Client) observeResponse(method string, status, credits int) {
	c.contact.set(Attempt{At: c.now(), Status: status})
	if c.obs != nil {
		c.obs.Response(method, status, credits, c.gov.snapshot())
	}
}

func (c *Client) observeFailure(ctx context.Context, method string) {
	if ctx.Err() != nil {
		return // the caller gave up; says nothing about Freshdesk
	}
	c.contact.set(Attempt{At: c.now(), Err: "no response"})
	if c.obs != nil {
		c.obs.TransportError(method)
	}
}

func (c *Client) observeCooldown(reason string, wait time.Duration) {
	if c.obs != nil {
		c.obs.Cooldown(reason, wait)
	}
}
