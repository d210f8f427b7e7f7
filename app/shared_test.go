package app

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy/redistest"
)

// testSecret is a confirmation secret shared by the test replicas.
const testSecret = "0123456789abcdef0123456789abcdef-test"

// countNotes counts the conversations of ticket id whose body contains text.
func countNotes(fd *fdtest.TestServer, id int64, text string) int {
	n := 0
	for _, c := range fd.Conversations(id) {
		if strings.Contains(fmt.Sprint(c["body_text"], c["body"]), text) {
			n++
		}
	}
	return n
}

func TestRedisStartupChecks(t *testing.T) {
	srv := redistest.Start(t, redistest.Options{})
	ts := emulator(t)
	t.Run("no shared secret", func(t *testing.T) {
		code, _, stderr := runMain(t, emulatorEnv(ts), "--redis", srv.URL(), "call", "get_ticket", `{"ticket_id": 1}`)
		if code != exitUsage || !strings.Contains(stderr, "FRESHDESK_MCP_CONFIRM_SECRET") || !strings.Contains(stderr, "same random value") {
			t.Errorf("exit %d, stderr %q: want exit 2 saying what to set", code, stderr)
		}
	})
	t.Run("redis unavailable", func(t *testing.T) {
		dead := redistest.Start(t, redistest.Options{})
		dead.Kill()
		e := maps.Clone(emulatorEnv(ts))
		e["FRESHDESK_MCP_CONFIRM_SECRET"] = testSecret
		e["FRESHDESK_MCP_REDIS"] = "redis://:s3cretpassw0rd@" + dead.Addr() + "/2"
		code, stdout, stderr := runMain(t, e, "call", "get_ticket", `{"ticket_id": 1}`)
		if code != exitError || !strings.Contains(stderr, dead.Addr()) || !strings.Contains(stderr, "unavailable") ||
			strings.Contains(stderr+stdout, "s3cretpassw0rd") {
			t.Errorf("exit %d, stderr %q: want exit 1 naming the URL without its password", code, stderr)
		}
	})
	t.Run("config hides the password", func(t *testing.T) {
		code, stdout, _ := runMain(t, map[string]string{"FRESHDESK_MCP_REDIS": "redis://u:pw-123456@h:6379/0"}, "config")
		if code != exitOK || strings.Contains(stdout, "pw-123456") || !strings.Contains(stdout, "redis://u:xxxxx@h:6379/0") {
			t.Errorf("config printed %q", stdout)
		}
	})
}

// TestRedisSeparateRunsWriteOnce: two processes (here two `call` runs)
// given the same add_note write it once when they share Redis; without
// --redis each run has its own memory and the note is written twice.
func TestRedisSeparateRunsWriteOnce(t *testing.T) {
	srv := redistest.Start(t, redistest.Options{})
	for _, shared := range []bool{true, false} {
		ts := emulator(t)
		id, _ := demoTicket(t, ts)
		e := maps.Clone(emulatorEnv(ts))
		e["FRESHDESK_MCP_CONFIRM_SECRET"] = testSecret
		if shared {
			e["FRESHDESK_MCP_REDIS"] = srv.URL()
		}
		body := fmt.Sprintf("Escalated to billing (shared=%v)", shared)
		args := fmt.Sprintf(`{"ticket_id": %d, "body": %q}`, id, body)
		var outs []string
		for range 2 {
			_, stdout, stderr := runMain(t, e, "--mode", "unattended", "call", "add_note", args)
			outs = append(outs, stdout+stderr)
		}
		n := countNotes(ts, id, body)
		t.Logf("shared=%v: %d notes written", shared, n)
		switch {
		case shared && n != 1:
			t.Errorf("with --redis: %d notes, want 1; outputs:\n%s", n, strings.Join(outs, "\n---\n"))
		case shared && !strings.Contains(outs[1], "refused as a duplicate"):
			t.Errorf("second run did not say duplicate:\n%s", outs[1])
		case !shared && n != 2:
			t.Errorf("without --redis: %d notes, want 2 (per-process memory, as documented)", n)
		}
	}
}

// TestSharedReadiness: the "redis" readiness check follows Redis.
func TestSharedReadiness(t *testing.T) {
	if checks := (*sharedState)(nil).readinessChecks(); checks != nil {
		t.Errorf("without --redis: %v, want no checks", checks)
	}
	srv := redistest.Start(t, redistest.Options{})
	c, err := newConfig(env(map[string]string{"FRESHDESK_MCP_REDIS": srv.URL(), "FRESHDESK_MCP_CONFIRM_SECRET": testSecret}))
	if err != nil {
		t.Fatal(err)
	}
	s, err := newSharedState(context.Background(), c, discardLogger(), policy.RedisHooks{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	checks := s.readinessChecks()
	if len(checks) != 1 || checks[0].Name != "redis" {
		t.Fatalf("checks = %v, want one named redis", checks)
	}
	check := checks[0].Check
	if err := check(context.Background()); err != nil {
		t.Errorf("ready with Redis up: %v", err)
	}
	srv.Kill()
	if err := check(context.Background()); !errors.Is(err, policy.ErrSharedStateUnavailable) {
		t.Errorf("with Redis down: %v, want ErrSharedStateUnavailable", err)
	}
}
