package app

import (
	"bufio"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/server"
)

const initMsg = `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}`

// mcpPost posts one JSON-RPC message to /mcp (with session id sid unless
// empty) and returns the status, the session id header and the body.
func mcpPost(t testing.TB, c *http.Client, base, sid, body string) (int, string, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, base+pathMCP, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json, text/event-stream")
	if sid != "" {
		req.Header.Set(server.HeaderKeySessionID, sid)
		req.Header.Set("Mcp-Protocol-Version", "2025-11-25")
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get(server.HeaderKeySessionID), string(b)
}

// openSession initializes a streamable-HTTP session, lists the tools in
// it, and returns its id.
func openSession(t testing.TB, c *http.Client, base string) string {
	t.Helper()
	code, sid, body := mcpPost(t, c, base, "", initMsg)
	if code != http.StatusOK || sid == "" {
		t.Fatalf("initialize: %d %q %s", code, sid, body)
	}
	if code, _, body := mcpPost(t, c, base, sid, `{"jsonrpc":"2.0","method":"notifications/initialized"}`); code != http.StatusAccepted {
		t.Fatalf("initialized: %d %s", code, body)
	}
	if code, _, body := mcpPost(t, c, base, sid, `{"jsonrpc":"2.0","id":2,"method":"tools/list"}`); code != http.StatusOK || !strings.Contains(body, "get_ticket") {
		t.Fatalf("tools/list: %d %.200s", code, body)
	}
	return sid
}

func heapInUse() uint64 {
	var m runtime.MemStats
	for range 3 {
		runtime.GC()
	}
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestAbandonedSessionsExpire: sessions that are never deleted (streamable
// HTTP) or never used (a legacy SSE stream left open) are ended after
// --session-idle-ttl, their memory is returned, and a request naming an
// expired session gets 404 so the client re-initializes. Before the fix no
// session ever expired and each held about 17 KB.
func TestAbandonedSessionsExpire(t *testing.T) {
	// ttl is longer than opening all sessions takes, so none expires early.
	const ttl = 5 * time.Second
	const n, nSSE = 200, 20
	base := liveServer(t, emulator(t), nil, "--session-idle-ttl", ttl.String())
	c := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	defer c.CloseIdleConnections()
	openSession(t, c, base) // warm up: lazy caches and pools are not sessions
	before := heapInUse()

	ids := make([]string, n)
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := w; i < n; i += 8 {
				ids[i] = openSession(t, c, base)
			}
		})
	}
	wg.Wait()
	var streams []*bufio.Reader
	for range nSSE {
		resp, err := http.Get(base + pathSSE)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		br := bufio.NewReader(resp.Body)
		if line, _ := br.ReadString('\n'); !strings.HasPrefix(line, "event: endpoint") {
			t.Fatalf("SSE stream starts with %q", line)
		}
		streams = append(streams, br)
	}
	open := heapInUse()
	// 200 or 201: the warm-up session may have expired already.
	if m := scrape(t, base); !(strings.Contains(m, `freshdesk_mcp_sessions_open{transport="streamable"} 201`+"\n") ||
		strings.Contains(m, `freshdesk_mcp_sessions_open{transport="streamable"} 200`+"\n")) ||
		!strings.Contains(m, `freshdesk_mcp_sessions_open{transport="sse"} 20`+"\n") {
		t.Fatalf("sessions open, want 200 streamable and 20 SSE:\n%s", grepLines(m, "sessions_open"))
	}

	// Every abandoned SSE stream is ended by the server.
	deadline := time.Now().Add(4 * ttl)
	for i, br := range streams {
		done := make(chan struct{})
		go func() { _, _ = io.Copy(io.Discard, br); close(done) }()
		select {
		case <-done:
		case <-time.After(time.Until(deadline)):
			t.Fatalf("SSE stream %d still open %v after it was abandoned (--session-idle-ttl %v)", i, 4*ttl, ttl)
		}
	}
	time.Sleep(ttl * 3 / 4) // the streamable sweeper runs every ttl/2
	after := heapInUse()
	grown, left := int64(open)-int64(before), int64(after)-int64(before)
	t.Logf("heap: %d B before, %d B with %d+%d sessions (%d B each), %d B after expiry", before, open, n, nSSE, grown/(n+nSSE), after)
	if left > grown/4 {
		t.Errorf("memory not returned: %d of %d bytes held by abandoned sessions remain after expiry", left, grown)
	}
	if code, _, body := mcpPost(t, c, base, ids[0], `{"jsonrpc":"2.0","id":3,"method":"tools/list"}`); code != http.StatusNotFound {
		t.Errorf("request in an expired session: %d %s, want 404 (re-initialize)", code, body)
	}
	m := scrape(t, base)
	for _, want := range []string{
		`freshdesk_mcp_sessions_open{transport="streamable"} 0`,
		`freshdesk_mcp_sessions_open{transport="sse"} 0`,
		`freshdesk_mcp_sessions_expired_total{transport="sse"} 20`,
	} {
		if !strings.Contains(m, want+"\n") {
			t.Errorf("metrics lack %s:\n%s", want, grepLines(m, "sessions_"))
		}
	}
	if !strings.Contains(m, `freshdesk_mcp_sessions_expired_total{transport="streamable"} 201`) {
		t.Errorf("expired streamable sessions: want 201 (with the warm-up one):\n%s", grepLines(m, "sessions_"))
	}
}

// scrape returns the server's /metrics (loopback, no tokens).
func scrape(t *testing.T, base string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+pathMetrics, nil)
	return doBody(t, req, http.StatusOK)
}
