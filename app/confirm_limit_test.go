package app

import (
	"fmt"
	"maps"
	"strconv"
	"strings"
	"testing"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy/redistest"
)

// TestConfirmLimitPerCaller: a caller that asks for confirmations and
// never confirms (a looping model, or a caller filling the shared store)
// gets policy.DefaultMaxConfirmations of them per window, then a refusal
// saying nothing was written, why and when to retry; another caller is
// not affected. Same in memory (one server) and with --redis, where two
// servers share the count and a refused ask stores nothing in Redis.
func TestConfirmLimitPerCaller(t *testing.T) {
	for _, tc := range []struct {
		name, fallback string
		redis          bool
		elicit         bool   // the client declines each URL elicitation
		want           string // in the answer of an admitted ask
	}{
		{"memory approver page", "approver", false, false, `"status":"approval_required"`},
		{"memory token", "token", false, false, `"status":"confirmation_required"`},
		{"memory URL elicitation", "approver", false, true, "declined"},
		{"redis approver page", "approver", true, false, `"status":"approval_required"`},
		{"redis token", "token", true, false, `"status":"confirmation_required"`},
		{"redis URL elicitation", "approver", true, true, "declined"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := emulator(t)
			e := map[string]string{"FRESHDESK_MCP_AUTH_TOKENS": "alice:" + aliceToken + ",bob:" + bobToken,
				"FRESHDESK_MCP_APPROVER_SECRET": testApproverSecret}
			var srv *redistest.Server
			if tc.redis {
				srv = redistest.Start(t, redistest.Options{})
				e["FRESHDESK_MCP_REDIS"], e["FRESHDESK_MCP_CONFIRM_SECRET"] = srv.URL(), testSecret
			}
			args := []string{"--mode", "confirm", "--confirm-fallback", tc.fallback}
			var alices []*gomcp.ClientSession // one per server
			bases := []string{liveServer(t, ts, maps.Clone(e), args...)}
			if tc.redis {
				bases = append(bases, liveServer(t, ts, maps.Clone(e), args...))
			}
			session := func(base, token string) *gomcp.ClientSession {
				h := map[string]string{"Authorization": "Bearer " + token}
				if tc.elicit {
					return urlSessionAnswering(t, base, h, func(*gomcp.ElicitRequest) string { return "decline" })
				}
				return httpSession(t, base, h)
			}
			for _, b := range bases {
				alices = append(alices, session(b, aliceToken))
			}
			note := func(i int) map[string]any {
				return map[string]any{"ticket_id": writeTicket, "body": fmt.Sprintf("Looping note %d", i)}
			}
			for i := range policy.DefaultMaxConfirmations {
				res := callMCP(t, alices[i%len(alices)], "add_note", note(i))
				if res.IsError != tc.elicit || !strings.Contains(resultText(res), tc.want) {
					t.Fatalf("ask %d: %s", i+1, resultText(res))
				}
			}
			keys := dbSize(t, srv)
			res := callMCP(t, alices[0], "add_note", note(policy.DefaultMaxConfirmations))
			txt := resultText(res)
			for _, w := range []string{"too many confirmations", "Nothing was written", "Try this add_note again after", "more than 50 confirmations"} {
				if !res.IsError || !strings.Contains(txt, w) {
					t.Errorf("over the limit: want an error with %q, got error=%v %s", w, res.IsError, txt)
				}
			}
			if after := dbSize(t, srv); after != keys {
				t.Errorf("the refused ask changed the Redis key count from %d to %d", keys, after)
			}
			bob := session(bases[len(bases)-1], bobToken)
			if res := callMCP(t, bob, "add_note", note(0)); res.IsError != tc.elicit || !strings.Contains(resultText(res), tc.want) {
				t.Errorf("bob is limited by alice's asks: %s", resultText(res))
			}
			if n := countNotes(ts, writeTicket, "Looping note"); n != 0 {
				t.Errorf("%d notes written", n)
			}
		})
	}
}

// dbSize is the number of keys in srv, -1 without a server.
func dbSize(t *testing.T, srv *redistest.Server) int {
	t.Helper()
	if srv == nil {
		return -1
	}
	out, err := srv.Do("DBSIZE")
	if err != nil {
		t.Fatalf("DBSIZE: %v", err)
	}
	n, err := strconv.Atoi(strings.TrimPrefix(out, ":"))
	if err != nil {
		t.Fatalf("DBSIZE answered %q", out)
	}
	return n
}

// The limit counts the authenticated identity, not the Freshdesk
// credentials a request brings: credentials are not checked before a
// confirmation is asked, so made-up keys (each its own "key:<hash>" caller)
// must not buy a fresh count each (found by a security review: 150 pages
// for one bearer token).
func TestConfirmLimitIgnoresCallerCredentials(t *testing.T) {
	ts := emulator(t)
	acct := fdtest.NewServer(t, fdtest.Options{Demo: true, APIKey: "real-key", RateLimit: 1 << 30})
	srv := redistest.Start(t, redistest.Options{})
	e := map[string]string{"FRESHDESK_MCP_AUTH_TOKENS": "alice:" + aliceToken,
		"FRESHDESK_MCP_APPROVER_SECRET": testApproverSecret,
		"FRESHDESK_MCP_REDIS":           srv.URL(), "FRESHDESK_MCP_CONFIRM_SECRET": testSecret}
	base := liveServer(t, ts, e, "--allow-caller-credentials", "--mode", "confirm", "--confirm-fallback", "approver", "--toolsets", "all")
	admitted, refused := 0, 0
	for i := range policy.DefaultMaxConfirmations + 5 {
		h := map[string]string{"Authorization": "Bearer " + aliceToken, "X-Freshdesk-Domain": acct.URL,
			"X-Freshdesk-Api-Key": fmt.Sprintf("made-up-%d", i)}
		s := httpSession(t, base, h)
		text := resultText(callMCP(t, s, "create_contact", map[string]any{"name": fmt.Sprint("N ", i), "email": fmt.Sprintf("n%d@x.example", i)}))
		switch {
		case strings.Contains(text, "approval_required"):
			admitted++
		case strings.Contains(text, "too many confirmations"):
			refused++
		default:
			t.Fatalf("ask %d: %s", i, text)
		}
		_ = s.Close()
	}
	if admitted != policy.DefaultMaxConfirmations || refused != 5 {
		t.Errorf("one bearer token with %d made-up keys: %d asks admitted, %d refused; want %d and 5",
			policy.DefaultMaxConfirmations+5, admitted, refused, policy.DefaultMaxConfirmations)
	}
}
