package fdapi

import (
	"net/http"
	"testing"
	"time"
)

// Answers to parallel requests can arrive out of order; the older, higher
// Remaining must not replace the newer one (the reserve would be overrun).
func TestObserveOutOfOrder(t *testing.T) {
	var g governor
	at := time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)
	h := func(remaining int) http.Header {
		x := http.Header{}
		x.Set("X-RateLimit-Total", "700")
		x.Set("X-RateLimit-Remaining", itoa(remaining))
		x.Set("X-RateLimit-Used-CurrentRequest", "1")
		return x
	}
	for _, step := range []struct {
		after     time.Duration
		remaining int
		want      int
	}{
		{0, 690, 690},
		{50 * time.Millisecond, 692, 690}, // the other parallel answer, sent earlier
		{100 * time.Millisecond, 688, 688},
		{61 * time.Second, 699, 699}, // a new window
	} {
		g.observe(h(step.remaining), http.StatusOK, at.Add(step.after))
		if got := g.snapshot().Remaining; got != step.want {
			t.Errorf("after %s: Remaining %d, want %d", step.after, got, step.want)
		}
	}
}
