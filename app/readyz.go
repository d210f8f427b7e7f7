package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
)

// readyTimeout bounds all /readyz checks together.
const readyTimeout = 5 * time.Second

// upstreamFresh is how old the last Freshdesk response may be for /readyz
// to trust it instead of probing; it is also the least time between probes,
// so an idle replica spends at most one credit per upstreamFresh on
// readiness, and a busy one none.
const upstreamFresh = 30 * time.Second

// readyHandler serves /readyz: 200 when every check passes, else 503, with
// each check's result. It is unauthenticated, like /healthz, so results
// are short fixed texts.
func readyHandler(checks func() []ReadinessCheck) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
		defer cancel()
		list := checks()
		results := make(map[string]string, len(list))
		var mu sync.Mutex
		var wg sync.WaitGroup
		ready := true
		for _, c := range list {
			wg.Go(func() {
				res := "ok"
				if err := c.Check(ctx); err != nil {
					res = err.Error()
				}
				mu.Lock()
				results[c.Name] = res
				ready = ready && res == "ok"
				mu.Unlock()
			})
		}
		wg.Wait()
		status, code := "ready", http.StatusOK
		if !ready {
			status, code = "not ready", http.StatusServiceUnavailable
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(code)
		_ = json.NewEncoder(w).Encode(map[string]any{"status": status, "checks": results})
	}
}

// upstreamCheck is the "freshdesk" readiness check: it judges the last
// Freshdesk response when it is recent, and otherwise probes (one credit,
// GET /agents/me) at most once per every.
type upstreamCheck struct {
	client *fdapi.Client
	every  time.Duration
	mu     sync.Mutex
	probed time.Time
	err    error
}

func newUpstreamCheck(c *fdapi.Client, every time.Duration) ReadinessCheck {
	u := &upstreamCheck{client: c, every: every}
	return ReadinessCheck{Name: "freshdesk", Check: u.check}
}

func (u *upstreamCheck) check(ctx context.Context) error {
	if a := u.client.LastAttempt(); !a.At.IsZero() && time.Since(a.At) < u.every {
		return judgeAttempt(a)
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	if time.Since(u.probed) < u.every {
		return u.err
	}
	start := time.Now()
	perr := u.client.Probe(ctx)
	u.probed = time.Now()
	if a := u.client.LastAttempt(); !a.At.Before(start) {
		u.err = judgeAttempt(a)
	} else if perr != nil {
		u.err = errors.New("no answer from Freshdesk")
	}
	return u.err
}

// judgeAttempt says whether Freshdesk answered usefully: any response but
// a refused key or a server error (a 429 means reachable, just busy).
func judgeAttempt(a fdapi.Attempt) error {
	switch {
	case a.Status == 0:
		return errors.New("no answer from Freshdesk")
	case a.Status == http.StatusUnauthorized || a.Status == http.StatusForbidden:
		return fmt.Errorf("API key refused by Freshdesk (HTTP %d)", a.Status)
	case a.Status >= 500:
		return fmt.Errorf("server error from Freshdesk (HTTP %d)", a.Status)
	}
	return nil
}
