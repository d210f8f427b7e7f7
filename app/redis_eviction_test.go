package app

import (
	"maps"
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy/redistest"
)

// TestRedisEvictionPolicy: a Redis that may evict keys is refused at start
// (single-use records could vanish while an approval survives); one whose
// CONFIG command is disabled, as on managed services, is used with a
// warning; noeviction starts quietly.
func TestRedisEvictionPolicy(t *testing.T) {
	ts := emulator(t)
	cases := []struct {
		name     string
		args     []string
		wantCode int
		want     []string // in stderr
		wantNot  []string
	}{
		{name: "allkeys-lru refused", args: []string{"--maxmemory-policy", "allkeys-lru"}, wantCode: exitError,
			want: []string{"maxmemory-policy allkeys-lru", "twice", "redis-server --maxmemory-policy noeviction", "CONFIG SET maxmemory-policy noeviction"}},
		{name: "volatile-ttl refused", args: []string{"--maxmemory-policy", "volatile-ttl"}, wantCode: exitError,
			want: []string{"maxmemory-policy volatile-ttl", "noeviction"}},
		{name: "CONFIG disabled warns", args: []string{"--maxmemory-policy", "allkeys-lru", "--rename-command", "CONFIG", ""}, wantCode: exitOK,
			want: []string{"could not verify that Redis never evicts keys", "maxmemory-policy noeviction"}},
		{name: "noeviction starts", args: []string{"--maxmemory-policy", "noeviction"}, wantCode: exitOK,
			wantNot: []string{"could not verify", "refusing"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := redistest.Start(t, redistest.Options{Args: tc.args})
			e := maps.Clone(emulatorEnv(ts))
			e["FRESHDESK_MCP_CONFIRM_SECRET"] = testSecret
			e["FRESHDESK_MCP_REDIS"] = srv.URL()
			code, stdout, stderr := runMain(t, e, "call", "get_ticket", `{"ticket_id": 1}`)
			if code != tc.wantCode {
				t.Fatalf("exit %d, want %d; stderr %q", code, tc.wantCode, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q: %q", w, stderr)
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(stderr, w) {
					t.Errorf("stderr has %q: %q", w, stderr)
				}
			}
			if tc.wantCode == exitOK && !strings.Contains(stdout, `"id"`) {
				t.Errorf("the read did not run: stdout %q", stdout)
			}
		})
	}
}
