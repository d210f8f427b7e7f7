package app

import (
	"fmt"
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// TestReadmeRedisLimits keeps the README's numbers on confirmations and
// Redis memory equal to the code's.
func TestReadmeRedisLimits(t *testing.T) {
	r := readme(t)
	for _, want := range []string{
		fmt.Sprintf("at most %d confirmations", policy.DefaultMaxConfirmations),
		fmt.Sprintf("per %d minutes", int(policy.DefaultConfirmationWindow.Minutes())),
		fmt.Sprintf("at most %d KiB", policy.MaxRecordBytes>>10),
		"`maxmemory-policy noeviction`",
		"redis-server --maxmemory-policy noeviction",
	} {
		if n := strings.Count(r, want); n == 0 {
			t.Errorf("README does not say %q", want)
		}
	}
	if strings.Contains(r, "previews (at most 64 KiB") {
		t.Error("README still gives the old 64 KiB preview limit")
	}
}
