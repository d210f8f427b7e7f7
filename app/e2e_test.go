package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
)

// TestTransports drives the real server with the official Go SDK client over
// every transport, against the demo helpdesk: list tools, call get_ticket,
// read a resource, get a prompt, and check real content each time.
func TestTransports(t *testing.T) {
	ts := emulator(t)
	id, subject := demoTicket(t, ts)

	cases := []struct {
		name    string
		connect func(t *testing.T) *gomcp.ClientSession
	}{
		{"in-process stdio (io.Pipe)", func(t *testing.T) *gomcp.ClientSession {
			return connect(t, pipeTransport(t, testServer(t, ts, nil)))
		}},
		{"streamable HTTP", func(t *testing.T) *gomcp.ClientSession {
			hs := httptest.NewServer(newHTTPHandler(testServer(t, ts, nil), discardLogger()))
			t.Cleanup(hs.Close)
			return connect(t, &gomcp.StreamableClientTransport{Endpoint: hs.URL + pathMCP})
		}},
		{"streamable HTTP 2025-11-25", func(t *testing.T) *gomcp.ClientSession {
			hs := httptest.NewServer(newHTTPHandler(testServer(t, ts, nil), discardLogger()))
			t.Cleanup(hs.Close)
			c := gomcp.NewClient(&gomcp.Implementation{Name: "freshdesk-mcp-test", Version: "1.0.0"}, nil)
			ctx, cancel := context.WithCancel(context.Background())
			t.Cleanup(cancel)
			cs, err := c.Connect(ctx, &gomcp.StreamableClientTransport{Endpoint: hs.URL + pathMCP},
				&gomcp.ClientSessionOptions{ProtocolVersion: "2025-11-25"})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = cs.Close() })
			if got := cs.InitializeResult().ProtocolVersion; got != "2025-11-25" {
				t.Errorf("negotiated %q, want 2025-11-25", got)
			}
			return cs
		}},
		{"legacy SSE", func(t *testing.T) *gomcp.ClientSession {
			hs := httptest.NewServer(newHTTPHandler(testServer(t, ts, nil), discardLogger()))
			t.Cleanup(hs.Close)
			return connect(t, &gomcp.SSEClientTransport{Endpoint: hs.URL + pathSSE})
		}},
		{"stdio (built binary)", func(t *testing.T) *gomcp.ClientSession {
			cmd := exec.Command(builtBinary(t), "--log-level", "debug")
			cmd.Env = []string{"FRESHDESK_DOMAIN=" + ts.URL, "FRESHDESK_API_KEY=" + ts.APIKey, "PATH=/usr/bin:/bin"}
			return connect(t, &gomcp.CommandTransport{Command: cmd})
		}},
		{"stdio (built binary, --demo)", func(t *testing.T) *gomcp.ClientSession {
			cmd := exec.Command(builtBinary(t), "--demo")
			return connect(t, &gomcp.CommandTransport{Command: cmd})
		}},
	}
	for _, tc := range cases {
		// Not parallel: mcp-go's stdio server keeps one package-level session.
		t.Run(tc.name, func(t *testing.T) {
			cs := tc.connect(t)
			exerciseSession(t, cs, id, subject)
		})
	}
}

// exerciseSession lists tools, calls get_ticket, reads the ticket resource
// and gets a prompt, checking content against the emulator's data.
func exerciseSession(t *testing.T, cs *gomcp.ClientSession, id int64, subject string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	if got := cs.InitializeResult().ServerInfo.Name; got != serverName {
		t.Errorf("serverInfo.name = %q, want %q", got, serverName)
	}
	if cs.InitializeResult().Instructions == "" {
		t.Error("initialize result has no instructions")
	}

	lt, err := cs.ListTools(ctx, nil)
	if err != nil {
		t.Fatalf("tools/list: %v", err)
	}
	var names []string
	for _, tool := range lt.Tools {
		names = append(names, tool.Name)
		if tool.Description == "" || tool.InputSchema == nil {
			t.Errorf("tool %s lacks a description or input schema", tool.Name)
		}
	}
	for _, want := range catalogueNames() {
		if !slices.Contains(names, want) {
			t.Errorf("tools/list lacks %s; got %v", want, names)
		}
	}

	res, err := cs.CallTool(ctx, &gomcp.CallToolParams{Name: "get_ticket", Arguments: map[string]any{"ticket_id": id}})
	if err != nil {
		t.Fatalf("get_ticket: %v", err)
	}
	text := resultText(res)
	if res.IsError {
		t.Fatalf("get_ticket returned an error: %s", text)
	}
	if !strings.Contains(text, subject) {
		t.Errorf("get_ticket text lacks the subject %q:\n%.500s", subject, text)
	}
	if res.StructuredContent == nil {
		t.Error("get_ticket has no structuredContent")
	} else if sc, _ := json.Marshal(res.StructuredContent); !strings.Contains(string(sc), subject) {
		t.Errorf("structuredContent lacks the subject %q", subject)
	}
	if c, ok := res.Meta["credits_used"].(float64); !ok || c < 1 {
		t.Errorf("_meta.credits_used = %v, want >= 1", res.Meta["credits_used"])
	}

	// A tool error reaches the model as isError, not as a protocol error.
	bad, err := cs.CallTool(ctx, &gomcp.CallToolParams{Name: "get_ticket", Arguments: map[string]any{"ticket_id": id, "bogus": 1}})
	if err != nil {
		t.Fatalf("get_ticket with a bad argument: protocol error %v, want a tool error", err)
	}
	if !bad.IsError || !strings.Contains(resultText(bad), "ticket_id") {
		t.Errorf("bad argument: isError=%v text=%q; want an error naming the valid arguments", bad.IsError, resultText(bad))
	}

	rr, err := cs.ReadResource(ctx, &gomcp.ReadResourceParams{URI: fmt.Sprintf("freshdesk://tickets/%d", id)})
	if err != nil {
		t.Fatalf("resources/read: %v", err)
	}
	if len(rr.Contents) == 0 || !strings.Contains(rr.Contents[0].Text, subject) {
		t.Errorf("ticket resource lacks the subject %q", subject)
	}
	lr, err := cs.ListResources(ctx, nil)
	if err != nil {
		t.Fatalf("resources/list: %v", err)
	}
	var uris []string
	for _, r := range lr.Resources {
		uris = append(uris, r.URI)
	}
	if !slices.Contains(uris, "freshdesk://ticket-fields") {
		t.Errorf("resources/list lacks freshdesk://ticket-fields: %v", uris)
	}

	lp, err := cs.ListPrompts(ctx, nil)
	if err != nil {
		t.Fatalf("prompts/list: %v", err)
	}
	var prompts []string
	for _, p := range lp.Prompts {
		prompts = append(prompts, p.Name)
	}
	for _, want := range []string{"summarize_ticket", "draft_reply", "triage_queue"} {
		if !slices.Contains(prompts, want) {
			t.Errorf("prompts/list lacks %s: %v", want, prompts)
		}
	}
	gp, err := cs.GetPrompt(ctx, &gomcp.GetPromptParams{Name: "summarize_ticket", Arguments: map[string]string{"ticket_id": fmt.Sprint(id)}})
	if err != nil {
		t.Fatalf("prompts/get: %v", err)
	}
	raw, _ := json.Marshal(gp.Messages)
	if len(gp.Messages) == 0 || !strings.Contains(string(raw), fmt.Sprint(id)) {
		t.Errorf("summarize_ticket prompt does not refer to ticket %d: %.300s", id, raw)
	}
	comp, err := cs.Complete(ctx, &gomcp.CompleteParams{Ref: &gomcp.CompleteReference{Type: "ref/prompt", Name: "triage_queue"},
		Argument: gomcp.CompleteParamsArgument{Name: "filter", Value: "u"}})
	if err != nil || !slices.Equal(comp.Completion.Values, []string{"unassigned", "urgent"}) {
		t.Errorf("completion/complete for triage_queue's filter: %+v %v", comp, err)
	}
}

// resultText joins the text blocks of a tool result.
func resultText(res *gomcp.CallToolResult) string {
	var b strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(*gomcp.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String()
}

// catalogueNames is every read tool name of the catalogue (the default
// read-only mode serves them all).
func catalogueNames() []string {
	var out []string
	for _, t := range tools.All(tools.Deps{}) {
		if t.Access == tools.Read {
			out = append(out, t.Def.Name)
		}
	}
	return out
}

// TestReadToolNames pins the public tool names of the read toolsets (issue 3).
func TestReadToolNames(t *testing.T) {
	want := []string{
		"search_tickets", "list_tickets", "get_ticket", "list_conversations",
		"get_contact", "search_contacts", "get_company", "search_companies",
		"search_solutions", "get_solution_article", "search_canned_responses", "get_canned_response",
		"list_agents", "list_groups", "get_ticket_fields",
	}
	got := catalogueNames()
	for _, name := range want {
		if !slices.Contains(got, name) {
			t.Errorf("catalogue lacks %s", name)
		}
	}
}
