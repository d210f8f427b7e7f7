package app

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
)

// rawConn dials the server at base (http://host:port).
func rawConn(t *testing.T, base string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// closedWithin reads c until the server closes it and reports how long
// that took, or ok=false if it was still open after limit.
func closedWithin(c net.Conn, limit time.Duration) (time.Duration, bool) {
	start := time.Now()
	_ = c.SetReadDeadline(start.Add(limit))
	_, err := io.Copy(io.Discard, c)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return time.Since(start), false
	}
	return time.Since(start), true
}

// TestSlowBodyClosedWithinRequestTimeout: a connection that sends its
// headers and then its body one byte at a time is closed once
// --request-timeout has passed, with or without a valid token (before the
// fix, such connections stayed open for as long as the client trickled).
func TestSlowBodyClosedWithinRequestTimeout(t *testing.T) {
	const timeout = time.Second
	tests := []struct {
		name string
		env  map[string]string
		auth string
	}{
		{"loopback caller without tokens", nil, ""},
		{"caller with a valid token", map[string]string{"FRESHDESK_MCP_AUTH_TOKENS": "alice:" + aliceToken}, "Authorization: Bearer " + aliceToken + "\r\n"},
		{"caller without a token", map[string]string{"FRESHDESK_MCP_AUTH_TOKENS": "alice:" + aliceToken}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := liveServer(t, emulator(t), tt.env, "--request-timeout", timeout.String())
			c := rawConn(t, base)
			head := "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n" +
				tt.auth + "Content-Length: 10000\r\n\r\n{"
			if _, err := io.WriteString(c, head); err != nil {
				t.Fatal(err)
			}
			stop := make(chan struct{})
			defer close(stop)
			go func() { // one byte every 100ms: never finishes within the test
				tick := time.NewTicker(100 * time.Millisecond)
				defer tick.Stop()
				for {
					select {
					case <-stop:
						return
					case <-tick.C:
						if _, err := c.Write([]byte(" ")); err != nil {
							return
						}
					}
				}
			}()
			took, closed := closedWithin(c, 4*timeout)
			if !closed {
				t.Fatalf("a connection trickling its body was still open after %v (--request-timeout %v)", took, timeout)
			}
			t.Logf("closed after %v", took)
		})
	}
}

// TestUnauthenticatedConnectionsBounded: beyond --max-unauthenticated-conns
// connections that have not authenticated, new ones are closed at once, all
// remote addresses together; a connection that authenticates frees its slot.
func TestUnauthenticatedConnectionsBounded(t *testing.T) {
	base := liveServer(t, emulator(t), map[string]string{"FRESHDESK_MCP_AUTH_TOKENS": "alice:" + aliceToken},
		"--max-unauthenticated-conns", "3")
	idle := []net.Conn{rawConn(t, base), rawConn(t, base), rawConn(t, base)}
	time.Sleep(100 * time.Millisecond) // let the server accept them
	if _, closed := closedWithin(rawConn(t, base), 2*time.Second); !closed {
		t.Fatal("a 4th unauthenticated connection was kept open (bound 3)")
	}
	// Authenticate on one of the three: its slot is freed.
	if _, err := io.WriteString(idle[0], "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "+aliceToken+
		"\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: 2\r\n\r\n{}"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(idle[0]), nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	fresh := rawConn(t, base)
	if _, closed := closedWithin(fresh, 500*time.Millisecond); closed {
		t.Fatal("after one connection authenticated, a new connection was still refused")
	}
	// Closing connections frees their slots too.
	for _, c := range append(idle[1:], fresh) {
		_ = c.Close()
	}
	time.Sleep(100 * time.Millisecond)
	req, _ := http.NewRequest(http.MethodGet, base+pathMetrics, nil)
	req.Header.Set("Authorization", "Bearer "+aliceToken)
	body := doBody(t, req, http.StatusOK)
	if !strings.Contains(body, "freshdesk_mcp_http_connections_refused_total 1\n") {
		t.Errorf("metrics do not count the refused connection:\n%s", grepLines(body, "refused"))
	}
}

// doBody sends req and returns its body, failing unless the status is want.
func doBody(t *testing.T, req *http.Request, want int) string {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d: %s", req.Method, req.URL.Path, resp.StatusCode, want, b)
	}
	return string(b)
}

// grepLines returns the lines of s containing sub.
func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestSlowToolCallOutlivesRequestTimeout: --request-timeout bounds how long
// the request takes to arrive, not the answer: a tool call that takes longer
// than it still completes (a server-wide WriteTimeout, the naive fix, would
// cut it: checked).
func TestSlowToolCallOutlivesRequestTimeout(t *testing.T) {
	ts := emulator(t)
	id, _ := demoTicket(t, ts)
	base := liveServer(t, ts, nil, "--request-timeout", "1s")
	ts.AddFault(fdtest.Fault{Method: http.MethodGet, PathPrefix: "/api/v2/tickets/", Delay: 1500 * time.Millisecond})
	c := &http.Client{}
	sid := openSession(t, c, base)
	start := time.Now()
	code, _, body := mcpPost(t, c, base, sid, fmt.Sprintf(`{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"get_ticket","arguments":{"ticket_id":%d}}}`, id))
	if code != http.StatusOK || !strings.Contains(body, `"result"`) || strings.Contains(body, `"isError":true`) {
		t.Fatalf("slow get_ticket: %d %.300s", code, body)
	}
	if took := time.Since(start); took < 1500*time.Millisecond {
		t.Fatalf("the call took %v: the fault did not delay it, so this test shows nothing", took)
	}
}
