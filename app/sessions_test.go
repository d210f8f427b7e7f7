package app

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
)

// TestSessionsBoundToCaller: a streamable HTTP session opened with one
// bearer token cannot be used, listened to or ended with another; its owner
// is unaffected, and a tampered tag is refused even for the owner.
func TestSessionsBoundToCaller(t *testing.T) {
	ts := emulator(t)
	base := liveServer(t, ts, map[string]string{"FRESHDESK_MCP_AUTH_TOKENS": "alice:" + aliceToken + ",bob:" + bobToken})
	as := func(tok, session string) map[string]string {
		h := map[string]string{"Authorization": "Bearer " + tok, "MCP-Protocol-Version": "2025-11-25"}
		if session != "" {
			h["Mcp-Session-Id"] = session
		}
		return h
	}
	resp, body := post(t, base+pathMCP, as(aliceToken, ""), initBody)
	session := resp.Header.Get("Mcp-Session-Id")
	if resp.StatusCode != http.StatusOK || session == "" {
		t.Fatalf("initialize: %d %q, session %q", resp.StatusCode, body, session)
	}
	if strings.Contains(session, "alice") {
		t.Errorf("session id %q names its caller", session)
	}
	post(t, base+pathMCP, as(aliceToken, session), `{"jsonrpc":"2.0","method":"notifications/initialized"}`)
	const list = `{"jsonrpc":"2.0","id":2,"method":"tools/list"}`
	send := func(method, tok, id, body string) (int, string) {
		t.Helper()
		req, err := http.NewRequest(method, base+pathMCP, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range as(tok, id) {
			req.Header.Set(k, v)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json, text/event-stream")
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		resp, err := http.DefaultClient.Do(req.WithContext(ctx))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if method == http.MethodGet && resp.StatusCode == http.StatusOK {
			return resp.StatusCode, "" // an open event stream
		}
		b := new(strings.Builder)
		_, _ = bufio.NewReader(resp.Body).WriteTo(b)
		return resp.StatusCode, b.String()
	}

	if code, body := send(http.MethodPost, aliceToken, session, list); code != http.StatusOK || !strings.Contains(body, "get_ticket") {
		t.Fatalf("owner's tools/list: %d %.200s", code, body)
	}
	for _, c := range []struct{ name, method, body string }{
		{"request", http.MethodPost, list},
		{"listen", http.MethodGet, ""},
		{"end", http.MethodDelete, ""},
	} {
		if code, body := send(c.method, bobToken, session, c.body); code != http.StatusNotFound || !strings.Contains(body, "session not found") {
			t.Errorf("another caller's %s with the session: %d %.200s, want 404 session not found", c.name, code, body)
		}
	}
	if code, _ := send(http.MethodPost, aliceToken, session, list); code != http.StatusOK {
		t.Errorf("owner's session after another caller's attempts: %d, want 200", code)
	}
	id, _, _ := strings.Cut(session, sessionTagSep)
	if code, _ := send(http.MethodPost, aliceToken, id+sessionTagSep+"AAAAAAAAAAAAAAAAAAAAAA", list); code != http.StatusNotFound {
		t.Errorf("tampered tag: %d, want 404", code)
	}
	// Bob cannot move the tag of a session of his own onto Alice's id.
	resp, body = post(t, base+pathMCP, as(bobToken, ""), initBody)
	bobSession := resp.Header.Get("Mcp-Session-Id")
	if resp.StatusCode != http.StatusOK || bobSession == "" {
		t.Fatalf("bob's initialize: %d %q", resp.StatusCode, body)
	}
	_, bobTag, _ := strings.Cut(bobSession, sessionTagSep)
	forged := id + sessionTagSep + bobTag
	for _, m := range []string{http.MethodDelete, http.MethodPost} {
		if code, _ := send(m, bobToken, forged, list); code != http.StatusNotFound {
			t.Errorf("bob's %s with Alice's id under his own tag: %d, want 404", m, code)
		}
	}
	if code, _ := send(http.MethodPost, aliceToken, session, list); code != http.StatusOK {
		t.Errorf("owner's session after a forged DELETE: %d, want 200", code)
	}
	if code, body := send(http.MethodDelete, aliceToken, "", ""); code != http.StatusOK {
		t.Errorf("DELETE without a session id: %d %.200s, want 200 (nothing to end)", code, body)
	}
	if code, body := send(http.MethodDelete, aliceToken, session, ""); code != http.StatusOK {
		t.Errorf("owner ends the session: %d %.200s", code, body)
	}
	if code, _ := send(http.MethodPost, aliceToken, session, list); code != http.StatusNotFound {
		t.Errorf("ended session still answers: %d, want 404", code)
	}
}

// TestSSESessionsBoundToCaller: a legacy SSE session's message endpoint
// refuses every caller but the one holding the event stream.
func TestSSESessionsBoundToCaller(t *testing.T) {
	ts := emulator(t)
	base := liveServer(t, ts, map[string]string{"FRESHDESK_MCP_AUTH_TOKENS": "alice:" + aliceToken + ",bob:" + bobToken})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+pathSSE, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+aliceToken)
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	endpoint := ""
	sc := bufio.NewScanner(resp.Body)
	for endpoint == "" && sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "data: "); ok && strings.Contains(rest, "sessionId=") {
			endpoint = rest
		}
	}
	if endpoint == "" {
		t.Fatalf("no endpoint event: %v", sc.Err())
	}
	if !strings.HasPrefix(endpoint, "http") {
		endpoint = base + endpoint
	}
	bearer := func(tok string) map[string]string { return map[string]string{"Authorization": "Bearer " + tok} }
	if resp, body := post(t, endpoint, bearer(bobToken), initBody); resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "session not found") {
		t.Errorf("another caller posting to the session: %d %q, want 404 session not found", resp.StatusCode, body)
	}
	if resp, body := post(t, endpoint, bearer(aliceToken), initBody); resp.StatusCode != http.StatusAccepted {
		t.Errorf("owner posting to the session: %d %q, want 202", resp.StatusCode, body)
	}
}

// TestSessionTags: the tag depends on the caller and on a key of this
// process only.
func TestSessionTags(t *testing.T) {
	req := func(caller string) *http.Request {
		r := httptest.NewRequest(http.MethodPost, pathMCP, nil)
		if caller != "" {
			r = r.WithContext(mcppolicy.WithCaller(r.Context(), caller))
		}
		return r
	}
	b1, b2 := newSessionBinder(0, nil), newSessionBinder(0, nil)
	alice, bob := req("token:alice"), req("token:bob")
	if b1.tag(alice, "s1") != b1.tag(req("token:alice"), "s1") {
		t.Error("the same caller and session got two tags")
	}
	if b1.tag(alice, "s1") == b1.tag(bob, "s1") || b1.tag(alice, "s1") == b1.tag(req(""), "s1") {
		t.Error("two callers share a tag")
	}
	if b1.tag(alice, "s1") == b1.tag(alice, "s2") {
		t.Error("two sessions of one caller share a tag: a caller's tag could be moved onto another id")
	}
	if b1.tag(alice, "s1") == b2.tag(alice, "s1") {
		t.Error("two processes (keys) give the same tag")
	}
	id := b1.ResolveSessionIdManager(alice).Generate()
	if !b1.owns(alice, id) || b1.owns(bob, id) || b2.owns(alice, id) {
		t.Errorf("ownership of %q is wrong", id)
	}
	if _, err := b1.ResolveSessionIdManager(bob).Validate(id); err == nil {
		t.Error("another caller's manager validates the id")
	}
	if terminated, err := b1.ResolveSessionIdManager(alice).Validate(id); err != nil || terminated {
		t.Errorf("owner's manager: terminated %v, err %v", terminated, err)
	}
	if notAllowed, err := b1.ResolveSessionIdManager(bob).Terminate(""); err != nil || notAllowed {
		t.Errorf("ending no session: %v %v, want nothing to do", notAllowed, err)
	}
	// mcp-go's idle sweeper resolves with no request: it may end any session.
	if _, err := b1.ResolveSessionIdManager(nil).Terminate(id); err != nil {
		t.Fatal(err)
	}
	// An ended session is forgotten: its id is refused (404) like an unknown one.
	if terminated, err := b1.ResolveSessionIdManager(alice).Validate(id); !terminated && err == nil {
		t.Error("a session ended by the sweeper is still accepted")
	}
	if n := b1.sessions.len(); n != 0 {
		t.Errorf("%d session ids still held after the only session ended", n)
	}
}
