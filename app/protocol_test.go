package app

import (
	"bufio"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestProtocolEdgeCases: the answers a protocol probe found wrong.
func TestProtocolEdgeCases(t *testing.T) {
	base := liveServer(t, emulator(t), nil)
	c := &http.Client{}
	sid := openSession(t, c, base)
	tests := []struct {
		name     string
		host     string
		sid      string
		body     string
		wantCode int
		wantBody string
	}{
		{"batch", "", sid, `[{"jsonrpc":"2.0","id":1,"method":"ping"}]`, 400, `"code":-32600`},
		{"batch names batching", "", sid, ` [{"jsonrpc":"2.0","id":1,"method":"ping"}]`, 400, `batches are not supported`},
		{"object id", "", sid, `{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}`, 400, `id must be a string or an integer`},
		{"array id", "", sid, `{"jsonrpc":"2.0","id":[1],"method":"ping"}`, 400, `"code":-32600`},
		{"fractional id", "", sid, `{"jsonrpc":"2.0","id":1.5,"method":"ping"}`, 400, `"code":-32600`},
		{"string id accepted", "", sid, `{"jsonrpc":"2.0","id":"a","method":"ping"}`, 200, `"id":"a"`},
		{"integer id accepted", "", sid, `{"jsonrpc":"2.0","id":7,"method":"ping"}`, 200, `"id":7`},
		{"no session id", "", "", `{"jsonrpc":"2.0","id":1,"method":"tools/list"}`, 400, `Mcp-Session-Id header is missing`},
		{"notification without session id", "", "", `{"jsonrpc":"2.0","method":"notifications/initialized"}`, 400, `Mcp-Session-Id`},
		{"unknown session id (another replica's)", "", "LZ2FWJ3V4QNWCPLLYWTHZ5RQ7I.AAAAAAAAAAAAAAAAAAAAAA", `{"jsonrpc":"2.0","id":1,"method":"tools/list"}`, 404, ""},
		{"Host evil.localhost", "evil.localhost", sid, `{"jsonrpc":"2.0","id":1,"method":"ping"}`, 403, "not allowed"},
		{"Host evil.localhost with port", "evil.localhost:8080", "", initMsg, 403, "not allowed"},
		{"Host localhost", "localhost", sid, `{"jsonrpc":"2.0","id":1,"method":"ping"}`, 200, `"result"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, base+pathMCP, strings.NewReader(tt.body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Accept", "application/json, text/event-stream")
			if tt.sid != "" {
				req.Header.Set("Mcp-Session-Id", tt.sid)
				req.Header.Set("Mcp-Protocol-Version", "2025-11-25")
			}
			if tt.host != "" {
				req.Host = tt.host
			}
			body := doBody(t, req, tt.wantCode)
			if !strings.Contains(body, tt.wantBody) {
				t.Errorf("body %q lacks %q", body, tt.wantBody)
			}
		})
	}
}

// TestSSESessionIDHeader: GET /sse sends the session id in Mcp-Session-Id
// too (so a load balancer can learn it, README: affinity), and a message for
// an SSE session that is no longer open on this replica gets 404.
func TestSSESessionIDHeader(t *testing.T) {
	base := liveServer(t, emulator(t), nil)
	resp, err := http.Get(base + pathSSE)
	if err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(resp.Body)
	_, _ = br.ReadString('\n')
	data, _ := br.ReadString('\n')
	sid := resp.Header.Get("Mcp-Session-Id")
	if sid == "" || !strings.Contains(data, "sessionId="+sid) {
		t.Fatalf("header Mcp-Session-Id %q, endpoint event %q", sid, data)
	}
	ping := `{"jsonrpc":"2.0","id":1,"method":"ping"}`
	req, _ := http.NewRequest(http.MethodPost, base+pathMessage+"?sessionId="+sid, strings.NewReader(ping))
	req.Header.Set("Content-Type", "application/json")
	doBody(t, req, http.StatusAccepted)
	_ = resp.Body.Close() // the client goes away: the session ends
	deadline := time.Now().Add(5 * time.Second)
	for {
		req, _ := http.NewRequest(http.MethodPost, base+pathMessage+"?sessionId="+sid, strings.NewReader(ping))
		req.Header.Set("Content-Type", "application/json")
		r, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = r.Body.Close()
		if r.StatusCode == http.StatusNotFound {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("message for a closed SSE session: %d, want 404", r.StatusCode)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
