package fdapi

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestFairSlotsBoundHeadOfLineDelay: one caller queues many slow calls;
// another caller's fast call must not wait behind that queue. With a single
// shared semaphore (before fair.go) the fast call waited for two rounds of
// slow calls (about 2×slow); with per-caller shares it finds a free slot.
func TestFairSlotsBoundHeadOfLineDelay(t *testing.T) {
	const slow = 400 * time.Millisecond
	var inFlight atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inFlight.Add(1)
		defer inFlight.Add(-1)
		if r.URL.Path == "/api/v2/tickets/1" {
			select {
			case <-time.After(slow):
			case <-r.Context().Done():
				return
			}
		}
		writeJSON(w, http.StatusOK, `{"id":1}`)
	})
	c, _, _ := newTestClient(t, h, func(cfg *Config) { cfg.MaxConcurrent = 4 })
	ctx := context.Background()
	slowCtx, fastCtx := WithCaller(ctx, "token:slow"), WithCaller(ctx, "token:fast")

	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.GetTicket(slowCtx, 1); err != nil {
				t.Errorf("slow caller: %v", err)
			}
		}()
	}
	// Let the slow caller's calls take their slots and queue.
	deadline := time.Now().Add(slow / 2)
	for inFlight.Load() < 2 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)

	start := time.Now()
	if _, err := c.GetTicket(fastCtx, 2); err != nil {
		t.Fatalf("fast caller: %v", err)
	}
	delay := time.Since(start)
	wg.Wait()
	t.Logf("fast caller's call took %v with 8 slow calls (%v each) of another caller queued", delay, slow)
	if delay > slow/2 {
		t.Errorf("head-of-line delay %v: a fast caller waited behind another caller's slow calls (want < %v)", delay, slow/2)
	}
}

// TestFairSlotsPerCallerCap: one caller never holds more than its share.
func TestFairSlotsPerCallerCap(t *testing.T) {
	tests := []struct {
		total, per, want int
	}{
		{4, 0, 2}, {4, 1, 1}, {4, 9, 2}, {1, 0, 1}, {6, 3, 3},
	}
	for _, tt := range tests {
		var cur, peak atomic.Int32
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			n := cur.Add(1)
			defer cur.Add(-1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			time.Sleep(20 * time.Millisecond)
			writeJSON(w, http.StatusOK, `{"id":1}`)
		})
		c, _, _ := newTestClient(t, h, func(cfg *Config) { cfg.MaxConcurrent, cfg.MaxConcurrentPerCaller = tt.total, tt.per })
		ctx := WithCaller(context.Background(), "one")
		var wg sync.WaitGroup
		for range 10 {
			wg.Add(1)
			go func() { defer wg.Done(); _, _ = c.GetTicket(ctx, 1) }()
		}
		wg.Wait()
		if got := int(peak.Load()); got != tt.want {
			t.Errorf("total %d per %d: one caller peaked at %d in flight, want %d", tt.total, tt.per, got, tt.want)
		}
		if n := len(c.fair.callers); n != 0 {
			t.Errorf("fair slots still track %d callers after all calls ended", n)
		}
	}
}
