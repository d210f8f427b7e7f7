package app

import (
	"net/http"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy/redistest"
)

// TestLiveUpdatesAcrossReplicas: three servers share a real redis-server;
// a webhook that hits one replica reaches a subscriber on each replica
// exactly once, its retry on another replica is recognised, and a write
// through one replica reaches the others.
func TestLiveUpdatesAcrossReplicas(t *testing.T) {
	rs := redistest.Start(t, redistest.Options{})
	fd := emulator(t)
	shared := map[string]string{"FRESHDESK_MCP_REDIS": rs.URL(), "FRESHDESK_MCP_CONFIRM_SECRET": testSecret}
	var bases []string
	for range 3 {
		bases = append(bases, startLiveOn(t, fd, shared))
	}
	const uri = "freshdesk://tickets/4"
	var subs []*updates
	for _, base := range bases {
		u := newUpdates()
		subscribe(t, liveClient(t, base, nil, u.opts(), "2025-11-25"), uri)
		subs = append(subs, u)
	}
	if code := fireWebhook(t, bases[1], liveSecret, `{"ticket_id": 4, "event": "reply"}`); code != http.StatusAccepted {
		t.Fatalf("webhook: %d", code)
	}
	for i, u := range subs {
		u.wait(t, "subscriber on replica "+string(rune('A'+i)), uri)
	}
	// Freshdesk's retry of the same delivery reaching another replica.
	if code := fireWebhook(t, bases[0], liveSecret, `{"ticket_id": 4, "event": "reply"}`); code != http.StatusOK {
		t.Fatalf("retry on another replica: %d, want 200 (recognised as a duplicate)", code)
	}
	writer := liveClient(t, bases[2], nil, nil, "")
	if text, isErr := call(t, writer, "add_note", map[string]any{"ticket_id": 4, "body": "note through replica C"}); isErr {
		t.Fatalf("add_note: %s", text)
	}
	for i, u := range subs {
		u.wait(t, "subscriber on replica "+string(rune('A'+i))+" (write)", uri)
	}
	time.Sleep(300 * time.Millisecond)
	for i, u := range subs {
		u.mu.Lock()
		n := len(u.uris)
		u.mu.Unlock()
		if n != 2 {
			t.Errorf("subscriber on replica %c told %d times, want exactly 2 (once per event)", 'A'+i, n)
		}
	}
}
