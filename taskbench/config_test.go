package taskbench

import (
	"slices"
	"testing"
)

// TestHelpdeskConfigInParallel: get_helpdesk_config's lookups (products,
// SLA policies, business hours, mailboxes, ticket fields for names) are
// independent: on a cold server each is read once, all sent at once within
// the caller's share of in-flight requests (4 of the client's slots with
// no other caller), so the five take two round trips (five before).
func TestHelpdeskConfigInParallel(t *testing.T) {
	u := newUpstream(t)
	s := start(t, u, "--toolsets", "all")
	u.take()
	s.call(t, "get_helpdesk_config", nil)
	spans := u.take()
	cost := costOf(spans)
	var paths []string
	for _, sp := range spans {
		paths = append(paths, sp.path)
	}
	slices.Sort(paths)
	if cost.RoundTrips > 2 || len(slices.Compact(slices.Clone(paths))) != len(paths) {
		t.Errorf("cold get_helpdesk_config: %d requests in %d round trips, want each lookup once in at most two: %v", cost.Requests, cost.RoundTrips, paths)
	}
}
