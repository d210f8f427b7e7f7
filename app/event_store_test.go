package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/server"
)

// TestBoundedEventStore: a session keeps only its recent events, replay
// follows one stream, and evicted ids are unknown.
func TestBoundedEventStore(t *testing.T) {
	ctx := context.Background()
	s := newBoundedEventStore(100)
	var ids []string
	for i := range 10 {
		stream := []string{"a", "b"}[i%2]
		id, err := s.StoreEvent(ctx, "s1", stream, json.RawMessage(fmt.Sprintf(`"%s%017d"`, stream, i))) // 20 bytes each
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if got := s.sessionBytes("s1"); got > 100 {
		t.Errorf("session holds %d bytes, cap 100", got)
	}
	replay := func(last string) ([]string, string, error) {
		var got []string
		stream, err := s.ReplayEventsAfter(ctx, "s1", last, func(_ string, m json.RawMessage) error {
			got = append(got, strings.Trim(string(m), `"`)[:1]+strings.TrimLeft(strings.Trim(string(m), `"`)[1:], "0"))
			return nil
		})
		return got, stream, err
	}
	tests := []struct {
		name       string
		last       string
		want       []string
		wantStream string
		unknown    bool
	}{
		{"recent event of stream a", ids[6], []string{"a8"}, "a", false},
		{"recent event of stream b", ids[5], []string{"b7", "b9"}, "b", false},
		{"last event", ids[9], nil, "b", false},
		{"evicted event", ids[0], nil, "", true},
		{"not a number", "x", nil, "", true},
		{"never issued", "999", nil, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, stream, err := replay(tt.last)
			if tt.unknown {
				if !errors.Is(err, server.ErrUnknownEventID) {
					t.Fatalf("err %v, want ErrUnknownEventID", err)
				}
				return
			}
			if err != nil || stream != tt.wantStream || !slices.Equal(got, tt.want) {
				t.Errorf("replay after %s: %v %q %v; want %v %q", tt.last, got, stream, err, tt.want, tt.wantStream)
			}
		})
	}
	// One message larger than the cap is still kept (the last one always is).
	big := json.RawMessage(`"` + strings.Repeat("x", 500) + `"`)
	id, _ := s.StoreEvent(ctx, "s1", "c", big)
	if _, err := s.ReplayEventsAfter(ctx, "s1", id, func(string, json.RawMessage) error { return nil }); err != nil {
		t.Errorf("the last event is gone: %v", err)
	}
	_ = s.PurgeSession(ctx, "s1")
	if got := s.sessionBytes("s1"); got != 0 {
		t.Errorf("purged session holds %d bytes", got)
	}
}

// TestLongSessionMemoryBounded: a session that makes many tool calls keeps
// at most maxSessionEventBytes of them for resumption (mcp-go's in-memory
// store kept every result until the session ended).
func TestLongSessionMemoryBounded(t *testing.T) {
	ts := emulator(t)
	id, _ := demoTicket(t, ts)
	h := newHTTPHandler(testServer(t, ts, nil), discardLogger())
	hs := httptest.NewServer(h)
	defer hs.Close()
	c := hs.Client()
	sid := openSession(t, c, hs.URL)
	// A progress token makes the answer a stream of events (progress, then
	// the result), which is what the event store records.
	call := fmt.Sprintf(`{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"draft_reply","arguments":{"ticket_id":%d},"_meta":{"progressToken":"p1"}}}`, id)
	sent := 0
	for range 120 {
		code, _, body := mcpPost(t, c, hs.URL, sid, call)
		if code != 200 {
			t.Fatalf("get_ticket: %d %.200s", code, body)
		}
		sent += len(body)
	}
	held := h.events.sessionBytes(sid)
	t.Logf("%d bytes of results sent, %d held for resumption", sent, held)
	if sent <= 2*maxSessionEventBytes {
		t.Fatalf("only %d bytes sent: the test needs more than twice the cap", sent)
	}
	if held == 0 {
		t.Fatal("nothing held: the results do not go through the event store, so this test shows nothing")
	}
	if held > maxSessionEventBytes {
		t.Errorf("session holds %d bytes, cap %d", held, maxSessionEventBytes)
	}
}
