package app

import (
	"context"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
)

const (
	aliceToken = "alice-token-0123456789abcdef"
	bobToken   = "bob-token-0123456789abcdef00"
)

// liveServer runs the real program (runner.run) with --http on a run-time
// loopback port against the emulator and returns its base URL.
func liveServer(t *testing.T, ts *fdtest.TestServer, envm map[string]string, args ...string) string {
	t.Helper()
	return liveServerLogs(t, ts, envm, io.Discard, args...)
}

// liveServerLogs is liveServer with the server's log written to stderr.
func liveServerLogs(t *testing.T, ts *fdtest.TestServer, envm map[string]string, stderr io.Writer, args ...string) string {
	t.Helper()
	e := emulatorEnv(ts)
	for k, v := range envm {
		e[k] = v
	}
	addrc := make(chan net.Addr, 1)
	r := &runner{stdin: strings.NewReader(""), stdout: io.Discard, stderr: stderr,
		lookupEnv: env(e), onListen: func(a net.Addr) { addrc <- a }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- r.run(ctx, append([]string{"--http", "127.0.0.1:0", "--shutdown-timeout", "2s", "--log-level", "error"}, args...))
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("server did not stop")
		}
	})
	select {
	case a := <-addrc:
		return "http://" + a.String()
	case code := <-done:
		t.Fatalf("server exited early with %d", code)
	case <-time.After(10 * time.Second):
		t.Fatal("server did not start")
	}
	return ""
}

// headerTransport adds headers to every request of a go-sdk client.
type headerTransport struct {
	h    map[string]string
	next http.RoundTripper
}

func (ht headerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	for k, v := range ht.h {
		r.Header.Set(k, v)
	}
	return ht.next.RoundTrip(r)
}

// httpSession connects the go-sdk client to base/mcp with extra headers.
func httpSession(t *testing.T, base string, h map[string]string) *gomcp.ClientSession {
	t.Helper()
	return connect(t, &gomcp.StreamableClientTransport{Endpoint: base + pathMCP,
		HTTPClient: &http.Client{Transport: headerTransport{h: h, next: http.DefaultTransport}}})
}

func post(t *testing.T, url string, h map[string]string, body string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json, text/event-stream")
	for k, v := range h {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

const initBody = `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}`

func TestHTTPAuth(t *testing.T) {
	ts := emulator(t)
	base := liveServer(t, ts, map[string]string{"FRESHDESK_MCP_AUTH_TOKENS": "alice:" + aliceToken + ",bob:" + bobToken})
	bearer := func(tok string) map[string]string { return map[string]string{"Authorization": "Bearer " + tok} }
	tests := []struct {
		name       string
		path       string
		h          map[string]string
		wantStatus int
		wantBody   string
	}{
		{"missing token /mcp", pathMCP, nil, 401, "Bearer"},
		{"wrong token /mcp", pathMCP, bearer("not-a-valid-token-xxxxxxxx"), 401, "not valid"},
		{"basic auth is not bearer", pathMCP, map[string]string{"Authorization": "Basic " + aliceToken}, 401, ""},
		{"missing token /message", pathMessage + "?sessionId=x", nil, 401, ""},
		{"valid token", pathMCP, bearer(aliceToken), 200, "serverInfo"},
		{"token in the query string", pathMCP + "?token=" + aliceToken, bearer(aliceToken), 400, "query string"},
		{"bad mode header", pathMCP, map[string]string{"Authorization": "Bearer " + aliceToken, "X-Freshdesk-MCP-Mode": "yolo"}, 400, "read-only"},
		{"bad toolsets header", pathMCP, map[string]string{"Authorization": "Bearer " + aliceToken, "X-Freshdesk-MCP-Toolsets": "tickets,nope"}, 400, "nope"},
		{"foreign Host", pathMCP, map[string]string{"Authorization": "Bearer " + aliceToken, "Host": "evil.example"}, 403, "Host"},
		{"foreign Origin", pathMCP, map[string]string{"Authorization": "Bearer " + aliceToken, "Origin": "https://evil.example"}, 403, "Origin"},
		{"loopback Origin", pathMCP, map[string]string{"Authorization": "Bearer " + aliceToken, "Origin": "http://localhost:3000"}, 200, "serverInfo"},
		{"caller credentials not allowed", pathMCP, map[string]string{"Authorization": "Bearer " + aliceToken, "X-Freshdesk-Domain": ts.URL, "X-Freshdesk-Api-Key": ts.APIKey}, 400, "--allow-caller-credentials"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := post(t, base+tt.path, tt.h, initBody)
			if resp.StatusCode != tt.wantStatus || !strings.Contains(body, tt.wantBody) {
				t.Errorf("status %d body %q, want %d with %q", resp.StatusCode, body, tt.wantStatus, tt.wantBody)
			}
			if tt.wantStatus == 401 && resp.Header.Get("WWW-Authenticate") != `Bearer realm="freshdesk-mcp"` {
				t.Errorf("WWW-Authenticate %q", resp.Header.Get("WWW-Authenticate"))
			}
		})
	}
	// GET /sse needs the token too; /healthz does not.
	for _, c := range []struct {
		path string
		want int
	}{{pathSSE, 401}, {pathHealth, 200}} {
		resp, err := http.Get(base + c.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("GET %s without token: %d, want %d", c.path, resp.StatusCode, c.want)
		}
	}
	// Body limit.
	big := `{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":"` + strings.Repeat("x", maxBodyBytes) + `"}}`
	if resp, _ := post(t, base+pathMCP, bearer(aliceToken), big); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized body: %d, want 413", resp.StatusCode)
	}
	// A real client with the token works end to end.
	cs := httpSession(t, base, bearer(bobToken))
	res, err := cs.CallTool(context.Background(), &gomcp.CallToolParams{Name: "get_ticket_fields", Arguments: map[string]any{}})
	if err != nil || res.IsError {
		t.Fatalf("authenticated call: %v %v", err, res)
	}
}

func TestRefuseUnauthenticatedBeyondLoopback(t *testing.T) {
	ts := emulator(t)
	code, _, stderr := runMain(t, emulatorEnv(ts), "--http", "0.0.0.0:0")
	if code != exitUsage || !strings.Contains(stderr, "--auth-tokens") || !strings.Contains(stderr, "refusing") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	// Malformed tokens are refused at start too, without echoing the token.
	e := emulatorEnv(ts)
	e["FRESHDESK_MCP_AUTH_TOKENS"] = "alice:short"
	code, _, stderr = runMain(t, e, "--http", "127.0.0.1:0")
	if code != exitUsage || strings.Contains(stderr, "short") && !strings.Contains(stderr, "alice") {
		t.Errorf("bad tokens: exit %d, stderr %q", code, stderr)
	}
}

// TestHeadersTightenNeverLoosen: per-request headers can hide tools and
// force stricter modes, but never loosen the server's mode.
func TestHeadersTightenNeverLoosen(t *testing.T) {
	ts := emulator(t)
	tok := map[string]string{"Authorization": "Bearer " + aliceToken}
	with := func(extra map[string]string) map[string]string {
		m := map[string]string{}
		for k, v := range tok {
			m[k] = v
		}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	names := func(cs *gomcp.ClientSession) []string {
		lt, err := cs.ListTools(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, tl := range lt.Tools {
			out = append(out, tl.Name)
		}
		return out
	}

	// Server in unattended mode.
	base := liveServer(t, ts, map[string]string{"FRESHDESK_MCP_AUTH_TOKENS": "alice:" + aliceToken}, "--mode", "unattended", "--confirm-fallback", "token")
	ro := httpSession(t, base, with(map[string]string{"X-Freshdesk-MCP-Mode": "read-only"}))
	if n := names(ro); slices.Contains(n, "add_note") || !slices.Contains(n, "get_ticket") {
		t.Errorf("read-only header: tools %v", n)
	}
	if _, err := ro.CallTool(context.Background(), &gomcp.CallToolParams{Name: "add_note", Arguments: map[string]any{"ticket_id": 62, "body": "x"}}); err == nil {
		t.Error("read-only header: add_note was callable")
	}
	notes := httpSession(t, base, with(map[string]string{"X-Freshdesk-MCP-Mode": "notes", "X-Freshdesk-MCP-Toolsets": "tickets,writes"}))
	n := names(notes)
	if !slices.Contains(n, "add_note") || slices.Contains(n, "send_reply") || slices.Contains(n, "list_agents") {
		t.Errorf("notes + toolsets headers: tools %v", n)
	}
	confirm := httpSession(t, base, with(map[string]string{"X-Freshdesk-MCP-Mode": "confirm"}))
	res, err := confirm.CallTool(context.Background(), &gomcp.CallToolParams{Name: "add_note", Arguments: map[string]any{"ticket_id": 62, "body": "tightened to confirm"}})
	if err != nil || res.IsError || !strings.Contains(toolText(res), "confirmation_required") {
		t.Errorf("confirm header on an unattended server: %v %s", err, toolText(res))
	}

	// Server in read-only mode: an unattended header does not loosen it.
	base2 := liveServer(t, ts, map[string]string{"FRESHDESK_MCP_AUTH_TOKENS": "alice:" + aliceToken}, "--mode", "read-only")
	loose := httpSession(t, base2, with(map[string]string{"X-Freshdesk-MCP-Mode": "unattended"}))
	if n := names(loose); slices.Contains(n, "add_note") || slices.Contains(n, "update_ticket") {
		t.Errorf("unattended header on a read-only server listed %v", n)
	}
	if _, err := loose.CallTool(context.Background(), &gomcp.CallToolParams{Name: "add_note", Arguments: map[string]any{"ticket_id": 62, "body": "x"}}); err == nil {
		t.Error("unattended header loosened a read-only server")
	}
	if c := len(ts.Conversations(62)); c != len(fdtest.NewDemo().Conversations(62)) {
		t.Errorf("ticket 62 has %d conversations: something was written", c)
	}
}

// toolText is resultText that tolerates a nil result.
func toolText(res *gomcp.CallToolResult) string {
	if res == nil {
		return ""
	}
	return resultText(res)
}
