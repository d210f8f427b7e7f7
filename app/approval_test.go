package app

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/tools/toolstest"
)

const testApproverSecret = "approver secret for the tests"

// urlSession connects a client that declares URL-mode elicitation only; each
// URL it is asked to open is sent on urls and accepted.
func urlSession(t *testing.T, base string, h map[string]string, urls chan<- string) *gomcp.ClientSession {
	t.Helper()
	return urlSessionAnswering(t, base, h, func(req *gomcp.ElicitRequest) string {
		urls <- req.Params.URL
		return "accept"
	})
}

// urlSessionAnswering connects a client that declares URL-mode elicitation
// only and answers each request with the action answer returns.
func urlSessionAnswering(t *testing.T, base string, h map[string]string, answer func(*gomcp.ElicitRequest) string) *gomcp.ClientSession {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	c := gomcp.NewClient(&gomcp.Implementation{Name: "freshdesk-mcp-test", Version: "1.0.0"}, &gomcp.ClientOptions{
		Capabilities: &gomcp.ClientCapabilities{Elicitation: &gomcp.ElicitationCapabilities{URL: &gomcp.URLElicitationCapabilities{}}},
		ElicitationHandler: func(_ context.Context, req *gomcp.ElicitRequest) (*gomcp.ElicitResult, error) {
			return &gomcp.ElicitResult{Action: answer(req)}, nil
		},
	})
	cs, err := c.Connect(ctx, &gomcp.StreamableClientTransport{Endpoint: base + pathMCP,
		HTTPClient: &http.Client{Transport: headerTransport{h: h, next: http.DefaultTransport}}}, nil)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { _ = cs.Close() })
	return cs
}

// callAsync runs a tool call in the background (it waits for a person's
// decision) and delivers its result, a transport error as an error result.
func callAsync(ctx context.Context, cs *gomcp.ClientSession, name string, args map[string]any) <-chan *gomcp.CallToolResult {
	done := make(chan *gomcp.CallToolResult, 1)
	go func() {
		res, err := cs.CallTool(ctx, &gomcp.CallToolParams{Name: name, Arguments: args})
		if err != nil {
			res = &gomcp.CallToolResult{IsError: true, Content: []gomcp.Content{&gomcp.TextContent{Text: err.Error()}}}
		}
		done <- res
	}()
	return done
}

// TestURLElicitationOverHTTP: the real program over streamable HTTP serves
// the confirmation page on its listener; a URL-mode client's write completes
// once after a person approves there.
func TestURLElicitationOverHTTP(t *testing.T) {
	ts := emulator(t)
	base := liveServer(t, ts, map[string]string{"FRESHDESK_MCP_AUTH_TOKENS": "alice:" + aliceToken}, "--mode", "confirm")
	urls := make(chan string, 1)
	cs := urlSession(t, base, map[string]string{"Authorization": "Bearer " + aliceToken}, urls)
	const body = "Confirmed on the page over HTTP"
	done := callAsync(context.Background(), cs, "add_note", map[string]any{"ticket_id": writeTicket, "body": body})
	var u string
	select {
	case u = <-urls:
	case <-time.After(10 * time.Second):
		t.Fatal("no URL elicitation")
	}
	if !strings.HasPrefix(u, base+"/confirm/") {
		t.Fatalf("page URL %q is not on the server's listener %s", u, base)
	}
	if code, html := toolstest.NewPage(t).Decide(u, "approve", ""); code != http.StatusOK || !strings.Contains(html, body) && !strings.Contains(strings.ToLower(html), "approved") {
		t.Fatalf("approve: HTTP %d:\n%s", code, html)
	}
	res := <-done
	if res.IsError || !strings.Contains(resultText(res), `"status":"written"`) {
		t.Fatalf("add_note after approval: %s", resultText(res))
	}
	if n := countNotes(ts, writeTicket, body); n != 1 {
		t.Errorf("%d notes written, want 1", n)
	}
}

// TestApproverFallbackOverHTTP: a client without elicitation gets a page
// link that needs the approver secret; another caller's identical call
// does not use alice's approval; alice's identical call writes once.
func TestApproverFallbackOverHTTP(t *testing.T) {
	ts := emulator(t)
	base := liveServer(t, ts, map[string]string{"FRESHDESK_MCP_AUTH_TOKENS": "alice:" + aliceToken + ",bob:" + bobToken,
		"FRESHDESK_MCP_APPROVER_SECRET": testApproverSecret}, "--mode", "confirm")
	alice := httpSession(t, base, map[string]string{"Authorization": "Bearer " + aliceToken})
	bob := httpSession(t, base, map[string]string{"Authorization": "Bearer " + bobToken})
	const body = "Approved by a person with the approver secret"
	args := map[string]any{"ticket_id": writeTicket, "body": body}
	var a struct {
		Status      string `json:"status"`
		ApprovalURL string `json:"approval_url"`
	}
	res := callMCP(t, alice, "add_note", args)
	if err := json.Unmarshal([]byte(resultText(res)), &a); err != nil || a.Status != "approval_required" {
		t.Fatalf("first call: %s", resultText(res))
	}
	if code, html := toolstest.NewPage(t).Decide(a.ApprovalURL, "approve", testApproverSecret); code != http.StatusOK {
		t.Fatalf("approve: HTTP %d:\n%s", code, html)
	}
	if res := callMCP(t, bob, "add_note", args); strings.Contains(resultText(res), `"status":"written"`) {
		t.Fatalf("bob's identical call used alice's approval: %s", resultText(res))
	}
	if n := countNotes(ts, writeTicket, body); n != 0 {
		t.Fatalf("%d notes written before alice repeated her call", n)
	}
	if res := callMCP(t, alice, "add_note", args); !strings.Contains(resultText(res), `"status":"written"`) {
		t.Fatalf("alice after approval: %s", resultText(res))
	}
	if n := countNotes(ts, writeTicket, body); n != 1 {
		t.Errorf("%d notes written, want 1", n)
	}
}
