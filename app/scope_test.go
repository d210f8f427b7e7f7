package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
)

const (
	botToken     = "bot-token-0123456789abcdef"
	mailBotToken = "mail-bot-token-0123456789abcdef"
	backendToken = "backend-token-0123456789abcdef"
)

// scopeFixture finds, in the demo helpdesk, a requester with a ticket that
// has a private note, and a ticket of another requester.
type scopeFixture struct {
	requester, other int64 // contact ids
	email            string
	own, foreign     int64 // ticket ids
}

func findScopeFixture(t *testing.T, ts *fdtest.TestServer) scopeFixture {
	t.Helper()
	var f scopeFixture
	num := func(v any) int64 { n, _ := v.(json.Number).Int64(); return n }
	for _, id := range ts.TicketIDs() {
		tk, _ := ts.Ticket(id)
		if tk["deleted"] == true || tk["spam"] == true {
			continue
		}
		req := num(tk["requester_id"])
		if f.own == 0 && slices.ContainsFunc(ts.Conversations(id), func(c map[string]any) bool { return c["private"] == true }) {
			f.own, f.requester = id, req
		}
	}
	for _, id := range ts.TicketIDs() {
		tk, _ := ts.Ticket(id)
		if req := num(tk["requester_id"]); f.own != 0 && req != f.requester && tk["deleted"] != true && tk["spam"] != true {
			f.foreign, f.other = id, req
			break
		}
	}
	if f.own == 0 || f.foreign == 0 {
		t.Fatal("demo helpdesk lacks a ticket with a private note and a ticket of another requester")
	}
	var c struct {
		Email string `json:"email"`
	}
	if err := json.Unmarshal(ts.Get(t, fmt.Sprintf("/contacts/%d", f.requester)), &c); err != nil || c.Email == "" {
		t.Fatalf("contact %d: %v", f.requester, err)
	}
	f.email = c.Email
	return f
}

// refusal returns the text of a tool call that must be refused.
func refusal(t *testing.T, cs *gomcp.ClientSession, tool string, args map[string]any) string {
	t.Helper()
	res, err := cs.CallTool(context.Background(), &gomcp.CallToolParams{Name: tool, Arguments: args})
	if err != nil {
		return err.Error()
	}
	if !res.IsError {
		t.Fatalf("%s(%v) answered for a customer-scoped caller: %.300s", tool, args, resultText(res))
	}
	return resultText(res)
}

// TestCustomerScopedCaller: a caller bound to one requester (by contact id
// in its token, by e-mail in its token, or by a delegating backend's
// header) sees only that requester's tickets and public conversations, by
// every path; another requester's ticket gets the same refusal as a
// ticket that does not exist, and costs no more than the ownership check.
// On the old code these callers did not exist (every token saw everything).
func TestCustomerScopedCaller(t *testing.T) {
	ts := emulator(t)
	fx := findScopeFixture(t, ts)
	tokens := fmt.Sprintf("agent:%s,bot:%s requester=%d,mailbot:%s requester=%s,backend:%s delegate",
		aliceToken, botToken, fx.requester, mailBotToken, fx.email, backendToken)
	base := liveServer(t, ts, map[string]string{"FRESHDESK_MCP_AUTH_TOKENS": tokens}, "--mode", "confirm")
	sessions := map[string]*gomcp.ClientSession{
		"token bound by id":    httpSession(t, base, map[string]string{"Authorization": "Bearer " + botToken}),
		"token bound by email": httpSession(t, base, map[string]string{"Authorization": "Bearer " + mailBotToken}),
		"delegated by header": httpSession(t, base, map[string]string{"Authorization": "Bearer " + backendToken,
			"X-Freshdesk-MCP-Requester": fmt.Sprint(fx.requester)}),
	}
	for name, cs := range sessions {
		t.Run(name, func(t *testing.T) {
			checkScoped(t, ts, cs, fx)
		})
	}
}

func checkScoped(t *testing.T, ts *fdtest.TestServer, cs *gomcp.ClientSession, fx scopeFixture) {
	ctx := context.Background()
	lt, err := cs.ListTools(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tl := range lt.Tools {
		names = append(names, tl.Name)
	}
	slices.Sort(names)
	if want := slices.Sorted(slices.Values(tools.CustomerTools)); !slices.Equal(names, want) {
		t.Errorf("tools %v, want only %v", names, want)
	}
	// Own ticket: readable, without private notes.
	own := callMCP(t, cs, "get_ticket", map[string]any{"ticket_id": fx.own})
	if own.IsError || strings.Contains(resultText(own), `"role":"private_note"`) {
		t.Errorf("own ticket: isError=%v, private notes shown: %.300s", own.IsError, resultText(own))
	}
	// Another requester's ticket and a missing one: the same refusal.
	ts.ResetRequests()
	foreign := refusal(t, cs, "get_ticket", map[string]any{"ticket_id": fx.foreign})
	for _, r := range ts.Requests() {
		if strings.Contains(r.Query, "conversations") || strings.Contains(r.Path, "/conversations") {
			t.Errorf("the foreign ticket's conversations were read: %s?%s", r.Path, r.Query)
		}
	}
	missing := refusal(t, cs, "get_ticket", map[string]any{"ticket_id": 999999})
	if strings.ReplaceAll(foreign, fmt.Sprint(fx.foreign), "N") != strings.ReplaceAll(missing, "999999", "N") {
		t.Errorf("not yours and not found differ:\n%s\n%s", foreign, missing)
	}
	refusal(t, cs, "list_conversations", map[string]any{"ticket_id": fx.foreign})
	refusal(t, cs, "get_ticket", map[string]any{"ticket_id": fx.foreign, "cursor": "eyJ0Ijo1fQ"})
	// Lists: only the requester's tickets, filtered in the Freshdesk query.
	ts.ResetRequests()
	var list struct {
		Tickets []struct {
			ID          int64 `json:"id"`
			RequesterID int64 `json:"requester_id"`
		} `json:"tickets"`
	}
	res := callMCP(t, cs, "list_tickets", map[string]any{})
	if err := json.Unmarshal([]byte(resultText(res)), &list); err != nil || len(list.Tickets) == 0 {
		t.Fatalf("list_tickets: %s", resultText(res))
	}
	for _, tk := range list.Tickets {
		if tk.RequesterID != fx.requester {
			t.Errorf("list_tickets shows ticket %d of requester %d", tk.ID, tk.RequesterID)
		}
	}
	if !slices.ContainsFunc(ts.Requests(), func(r fdtest.Request) bool {
		return r.Path == "/api/v2/tickets" && (strings.Contains(r.Query, "requester_id=") || strings.Contains(r.Query, "email="))
	}) {
		t.Errorf("the list was not scoped in the Freshdesk query: %+v", ts.Requests())
	}
	refusal(t, cs, "list_tickets", map[string]any{"requester_id": fx.other})
	refusal(t, cs, "list_tickets", map[string]any{"filter": "deleted"})
	// Hidden tools: search, contacts, companies, writes.
	refusal(t, cs, "search_tickets", map[string]any{"status": []any{"open"}})
	refusal(t, cs, "get_contact", map[string]any{"contact_id": fx.other})
	refusal(t, cs, "search_contacts", map[string]any{"email": fx.email})
	refusal(t, cs, "add_note", map[string]any{"ticket_id": fx.own, "body": "x"})
	checkScopedData(t, cs, fx)
}

// checkScopedData: the ticket resource and the prompts are scoped too.
func checkScopedData(t *testing.T, cs *gomcp.ClientSession, fx scopeFixture) {
	ctx := context.Background()
	if _, err := cs.ReadResource(ctx, &gomcp.ReadResourceParams{URI: fmt.Sprintf("freshdesk://tickets/%d", fx.foreign)}); err == nil {
		t.Error("the foreign ticket's resource was readable")
	}
	if _, err := cs.ReadResource(ctx, &gomcp.ReadResourceParams{URI: fmt.Sprintf("freshdesk://tickets/%d", fx.own)}); err != nil {
		t.Errorf("own ticket resource: %v", err)
	}
	for _, p := range []struct {
		name string
		args map[string]string
	}{
		{"summarize_ticket", map[string]string{"ticket_id": fmt.Sprint(fx.foreign)}},
		{"draft_reply", map[string]string{"ticket_id": fmt.Sprint(fx.foreign)}},
		{"triage_queue", map[string]string{}},
	} {
		if gp, err := cs.GetPrompt(ctx, &gomcp.GetPromptParams{Name: p.name, Arguments: p.args}); err == nil {
			b, _ := json.Marshal(gp)
			t.Errorf("prompt %s answered for a scoped caller: %.3000s", p.name, b)
		}
	}
}

// TestRequesterHeaderOnlyForDelegates: a token that is not delegating
// (bound or agent-level) may not name a requester.
func TestRequesterHeaderOnlyForDelegates(t *testing.T) {
	ts := emulator(t)
	tokens := fmt.Sprintf("agent:%s,bot:%s requester=7", aliceToken, botToken)
	base := liveServer(t, ts, map[string]string{"FRESHDESK_MCP_AUTH_TOKENS": tokens})
	for _, tok := range []string{aliceToken, botToken} {
		resp, body := post(t, base+pathMCP, map[string]string{"Authorization": "Bearer " + tok, "X-Freshdesk-MCP-Requester": "8"},
			`{"jsonrpc":"2.0","id":1,"method":"ping"}`)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("requester header with a non-delegating token: %d %s", resp.StatusCode, body)
		}
	}
}
