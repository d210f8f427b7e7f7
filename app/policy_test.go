package app

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
)

const writeTicket = 62

func readAudit(t *testing.T, path string) []map[string]any {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if st, _ := f.Stat(); st.Mode().Perm() != 0o600 {
		t.Errorf("audit log mode %v, want 0600", st.Mode().Perm())
	}
	var out []map[string]any
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("audit line %q: %v", sc.Text(), err)
		}
		out = append(out, m)
	}
	return out
}

func callMCP(t *testing.T, cs *gomcp.ClientSession, name string, args map[string]any) *gomcp.CallToolResult {
	t.Helper()
	res, err := cs.CallTool(context.Background(), &gomcp.CallToolParams{Name: name, Arguments: args})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return res
}

// TestConfirmedNoteOverHTTP is the token flow through the real program over
// streamable HTTP with two authenticated callers and an audit log.
func TestConfirmedNoteOverHTTP(t *testing.T) {
	ts := emulator(t)
	audit := filepath.Join(t.TempDir(), "audit.jsonl")
	base := liveServer(t, ts, map[string]string{"FRESHDESK_MCP_AUTH_TOKENS": "alice:" + aliceToken + ",bob:" + bobToken}, "--confirm-fallback", "token", "--audit-log", audit)
	alice := httpSession(t, base, map[string]string{"Authorization": "Bearer " + aliceToken})
	bob := httpSession(t, base, map[string]string{"Authorization": "Bearer " + bobToken})
	args := map[string]any{"ticket_id": writeTicket, "body": "Confirmed over HTTP"}

	res := callMCP(t, alice, "add_note", args)
	var cr struct {
		Status string `json:"status"`
		Token  string `json:"confirmation_token"`
	}
	if err := json.Unmarshal([]byte(resultText(res)), &cr); err != nil || res.IsError || cr.Status != "confirmation_required" {
		t.Fatalf("first call: %s", resultText(res))
	}
	// Bob cannot use Alice's token.
	stolen := map[string]any{"ticket_id": writeTicket, "body": "Confirmed over HTTP", "confirmation_token": cr.Token}
	if res := callMCP(t, bob, "add_note", stolen); !res.IsError || !strings.Contains(resultText(res), "another caller") && !strings.Contains(resultText(res), "different caller") {
		t.Errorf("bob with alice's token: %s", resultText(res))
	}
	res = callMCP(t, alice, "add_note", stolen)
	if res.IsError || !strings.Contains(resultText(res), `"written"`) {
		t.Fatalf("confirmed call: %s", resultText(res))
	}
	n := 0
	for _, c := range ts.Conversations(writeTicket) {
		if strings.Contains(c["body_text"].(string)+c["body"].(string), "Confirmed over HTTP") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d notes written, want 1", n)
	}
	lines := readAudit(t, audit)
	var got []string
	for _, l := range lines {
		got = append(got, l["caller"].(string)+"/"+l["decision"].(string)+"/"+l["outcome"].(string))
	}
	want := []string{"token:alice/confirmation_required/not_attempted", "token:bob/token_invalid/not_attempted", "token:alice/confirmed/ok"}
	if !slices.Equal(got, want) {
		t.Errorf("audit %v, want %v", got, want)
	}
	if ids, _ := lines[2]["created_ids"].([]any); len(ids) != 1 {
		t.Errorf("no created id in %v", lines[2])
	}
	raw, _ := os.ReadFile(audit)
	if strings.Contains(string(raw), "Confirmed over HTTP") || strings.Contains(string(raw), aliceToken) {
		t.Error("the audit log holds a body or a token")
	}
}

// TestBudgetOverHTTP: the caller's budget is enforced before any upstream
// call; the emulator's request log proves nothing was sent.
func TestBudgetOverHTTP(t *testing.T) {
	ts := emulator(t)
	base := liveServer(t, ts, map[string]string{"FRESHDESK_MCP_AUTH_TOKENS": "alice:" + aliceToken + ",bob:" + bobToken}, "--budget", "5/1h", "--mode", "unattended")
	alice := httpSession(t, base, map[string]string{"Authorization": "Bearer " + aliceToken})
	res := callMCP(t, alice, "get_ticket", map[string]any{"ticket_id": writeTicket})
	if res.IsError {
		t.Fatal(resultText(res))
	}
	before := len(ts.Requests())
	res = callMCP(t, alice, "add_note", map[string]any{"ticket_id": writeTicket, "body": "too expensive"})
	if !res.IsError || !strings.Contains(resultText(res), "no Freshdesk call") {
		t.Errorf("over budget: %s", resultText(res))
	}
	if after := len(ts.Requests()); after != before {
		t.Errorf("over-budget call sent %d requests to Freshdesk", after-before)
	}
	// Budgets are per caller: Bob is unaffected.
	bob := httpSession(t, base, map[string]string{"Authorization": "Bearer " + bobToken})
	if res := callMCP(t, bob, "get_ticket_fields", map[string]any{}); res.IsError {
		t.Errorf("bob: %s", resultText(res))
	}
	rr, err := alice.ReadResource(context.Background(), &gomcp.ReadResourceParams{URI: "freshdesk://usage"})
	if err != nil {
		t.Fatal(err)
	}
	if txt := rr.Contents[0].Text; !strings.Contains(txt, `"token:alice"`) || !strings.Contains(txt, `"you":"token:alice"`) || !strings.Contains(txt, `"5/1h"`) {
		t.Errorf("usage resource: %s", txt)
	}
	// Each caller sees only its own usage (review 3 item 5), though both spent.
	if res := callMCP(t, bob, "get_ticket", map[string]any{"ticket_id": writeTicket}); res.IsError {
		t.Fatalf("bob: %s", resultText(res))
	}
	for _, c := range []struct {
		cs        *gomcp.ClientSession
		own, hide string
	}{{alice, "token:alice", "token:bob"}, {bob, "token:bob", "token:alice"}} {
		rr, err := c.cs.ReadResource(context.Background(), &gomcp.ReadResourceParams{URI: "freshdesk://usage"})
		if err != nil {
			t.Fatal(err)
		}
		var u struct {
			Callers []struct {
				Caller string `json:"caller"`
				Used   int    `json:"used"`
			} `json:"callers"`
		}
		txt := rr.Contents[0].Text
		if err := json.Unmarshal([]byte(txt), &u); err != nil {
			t.Fatal(err)
		}
		if len(u.Callers) != 1 || u.Callers[0].Caller != c.own || u.Callers[0].Used <= 0 || strings.Contains(txt, c.hide) {
			t.Errorf("%s's usage resource shows other callers or lacks its own: %s", c.own, txt)
		}
	}
}

func TestToolsVerbFollowsMode(t *testing.T) {
	tests := []struct {
		mode string
		want []string
	}{
		{"read-only", nil},
		{"notes", []string{"add_note"}},
		{"confirm", []string{"add_note", "send_reply", "update_ticket"}},
		{"unattended", []string{"add_note", "send_reply", "update_ticket"}},
	}
	for _, tt := range tests {
		code, out, errOut := runMain(t, nil, "tools", "--json", "--mode", tt.mode)
		if code != 0 {
			t.Fatalf("%s: exit %d %s", tt.mode, code, errOut)
		}
		var got []struct {
			Name   string `json:"name"`
			Access string `json:"access"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		var writes []string
		for _, g := range got {
			if g.Access != "read" {
				writes = append(writes, g.Name)
			}
		}
		if !slices.Equal(writes, tt.want) {
			t.Errorf("--mode %s: write tools %v, want %v", tt.mode, writes, tt.want)
		}
	}
	if code, _, errOut := runMain(t, nil, "tools", "--mode", "yolo"); code != exitUsage || !strings.Contains(errOut, "read-only") {
		t.Errorf("bad mode: exit %d %q", code, errOut)
	}
}

func TestPrivateNotesFlag(t *testing.T) {
	ts := emulator(t)
	const secret = "PRIVATE-ONLY-NOTE-FOR-AGENTS"
	if _, err := ts.AddConversation(writeTicket, fdtest.Record{"body": "<p>" + secret + "</p>", "body_text": secret, "private": true, "source": 2}); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"show", "hide"} {
		code, out, errOut := runMain(t, emulatorEnv(ts), "call", "get_ticket", `{"ticket_id":62}`, "--private-notes", mode)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if strings.Contains(out, secret) != (mode == "show") {
			t.Errorf("--private-notes %s: note visible=%v", mode, strings.Contains(out, secret))
		}
	}
}

// TestCallerCredentials: with --allow-caller-credentials a caller's own
// Freshdesk account is used (and budgeted by the hash of its credentials).
func TestCallerCredentials(t *testing.T) {
	ts := emulator(t)
	other := fdtest.NewServer(t, fdtest.Options{Demo: true, APIKey: "other-account-key", RateLimit: 1 << 30})
	base := liveServer(t, ts, map[string]string{"FRESHDESK_MCP_AUTH_TOKENS": "alice:" + aliceToken}, "--allow-caller-credentials", "--mode", "unattended")
	cs := httpSession(t, base, map[string]string{"Authorization": "Bearer " + aliceToken, "X-Freshdesk-Domain": other.URL, "X-Freshdesk-Api-Key": other.APIKey})
	res := callMCP(t, cs, "add_note", map[string]any{"ticket_id": writeTicket, "body": "written to the caller's account"})
	if res.IsError {
		t.Fatal(resultText(res))
	}
	count := func(s *fdtest.TestServer) int {
		n := 0
		for _, c := range s.Conversations(writeTicket) {
			if strings.Contains(c["body_text"].(string), "caller's account") {
				n++
			}
		}
		return n
	}
	if count(other) != 1 || count(ts) != 0 {
		t.Errorf("note in caller's account: %d, in server's: %d", count(other), count(ts))
	}
	rr, err := cs.ReadResource(context.Background(), &gomcp.ReadResourceParams{URI: "freshdesk://usage"})
	if err != nil {
		t.Fatal(err)
	}
	if txt := rr.Contents[0].Text; !strings.Contains(txt, `"you":"token:alice/key:`) || strings.Contains(txt, other.APIKey) {
		t.Errorf("usage: %s", txt)
	}
	// A non-Freshdesk host is refused (no SSRF through the header).
	resp, body := post(t, base+pathMCP, map[string]string{"Authorization": "Bearer " + aliceToken, "X-Freshdesk-Domain": "https://internal.example.com", "X-Freshdesk-Api-Key": "k"}, initBody)
	if resp.StatusCode != 400 || !strings.Contains(body, "freshdesk.com") {
		t.Errorf("foreign domain: %d %s", resp.StatusCode, body)
	}
}
