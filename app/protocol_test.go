package app

import (
	"net/http"
	"strings"
	"testing"
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
