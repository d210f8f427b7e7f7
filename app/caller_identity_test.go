package app

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// TestCredentialHeadersCanonical: a respelled port or a key with a ':' must
// not make a new identity (fresh budget, new cached server) for one
// helpdesk (review 3 item 2).
func TestCredentialHeadersCanonical(t *testing.T) {
	const key = "caller-key-123"
	var built []string
	cs := &credentialServers{entries: map[string]*httpHandler{}, build: func(domain, k string) (*httpHandler, error) {
		built = append(built, domain)
		return &httpHandler{}, nil
	}}
	_, want, err := cs.handler("acme", key)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		domain, key string
		wantErr     string // "": same identity as "acme"
	}{
		{domain: "https://acme.freshdesk.com:0443", key: key},
		{domain: "https://acme.freshdesk.com:00443/api/v2", key: key},
		{domain: "acme.freshdesk.com:443", key: key},
		{domain: "https://acme.freshdesk.com:8443", key: key, wantErr: "port other than 443"},
		{domain: "https://acme.freshdesk.com:08443", key: key, wantErr: "port other than 443"},
		{domain: "https://acme.freshdesk.com:0", key: key, wantErr: "not a number"},
		{domain: "acme", key: key + ":X", wantErr: "must not contain ':'"},
		{domain: "acme", key: "caller key-123", wantErr: "must not contain ':'"},
		{domain: "acme", key: "caller-key\t123", wantErr: "must not contain ':'"},
	}
	for _, tt := range tests {
		t.Run(tt.domain+" "+tt.key, func(t *testing.T) {
			_, id, err := cs.handler(tt.domain, tt.key)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("handler = %q, %v; want error containing %q", id, err, tt.wantErr)
				}
				if strings.Contains(err.Error(), tt.key) {
					t.Errorf("error echoes the key: %v", err)
				}
				return
			}
			if err != nil || id != want {
				t.Errorf("handler = %q, %v; want the identity of \"acme\" %q", id, err, want)
			}
		})
	}
	if len(built) != 1 {
		t.Errorf("servers built for %v, want only one (every accepted spelling is acme)", built)
	}
}

// TestCallerCredentialsIdentity: with caller credentials and bearer tokens,
// audit lines and confirmation tokens name both ("token:alice/key:<hash>"),
// so two token holders sharing one Freshdesk key cannot use each other's
// tokens, while the credit budget is keyed by the credentials hash and so
// protects the account whoever spends it (review 3 item 3).
func TestCallerCredentialsIdentity(t *testing.T) {
	ts := emulator(t)
	acct := fdtest.NewServer(t, fdtest.Options{Demo: true, APIKey: "shared-account-key", RateLimit: 1 << 30})
	audit := filepath.Join(t.TempDir(), "audit.jsonl")
	const limit = 50
	base := liveServer(t, ts, map[string]string{"FRESHDESK_MCP_AUTH_TOKENS": "alice:" + aliceToken + ",bob:" + bobToken},
		"--allow-caller-credentials", "--mode", "confirm", "--confirm-fallback", "token", "--budget", "50/1h", "--audit-log", audit)
	creds := func(tok string) map[string]string {
		return map[string]string{"Authorization": "Bearer " + tok, "X-Freshdesk-Domain": acct.URL, "X-Freshdesk-Api-Key": acct.APIKey}
	}
	alice, bob := httpSession(t, base, creds(aliceToken)), httpSession(t, base, creds(bobToken))
	keyID := policy.CredentialsCaller(acct.URL, acct.APIKey)
	const body = "Note under shared credentials"
	args := map[string]any{"ticket_id": writeTicket, "body": body}

	res := callMCP(t, alice, "add_note", args)
	var cr struct {
		Status string `json:"status"`
		Token  string `json:"confirmation_token"`
	}
	if err := json.Unmarshal([]byte(resultText(res)), &cr); err != nil || res.IsError || cr.Status != "confirmation_required" {
		t.Fatalf("first call: %s", resultText(res))
	}
	aliceSpent := metaInt(t, res, "credits_used")
	// Bob's first call: his remaining budget already lacks what Alice spent.
	res = callMCP(t, bob, "list_groups", map[string]any{})
	if res.IsError {
		t.Fatal(resultText(res))
	}
	if rem, used := metaInt(t, res, "budget_remaining"), metaInt(t, res, "credits_used"); aliceSpent <= 0 || rem != limit-aliceSpent-used {
		t.Errorf("bob's budget_remaining %d after alice spent %d and bob %d, want %d (one budget per account)", rem, aliceSpent, used, limit-aliceSpent-used)
	}
	stolen := map[string]any{"ticket_id": writeTicket, "body": body, "confirmation_token": cr.Token}
	if res := callMCP(t, bob, "add_note", stolen); !res.IsError || !strings.Contains(resultText(res), "different caller") {
		t.Errorf("bob with alice's token under the same credentials: %s", resultText(res))
	}
	if res := callMCP(t, alice, "add_note", stolen); res.IsError {
		t.Fatalf("alice's confirmed call: %s", resultText(res))
	}
	var got []string
	for _, l := range readAudit(t, audit) {
		got = append(got, l["caller"].(string)+" "+l["decision"].(string))
	}
	want := []string{"token:alice/" + keyID + " confirmation_required", "token:bob/" + keyID + " token_invalid", "token:alice/" + keyID + " confirmed"}
	if !slices.Equal(got, want) {
		t.Errorf("audit %v, want %v", got, want)
	}
}

// metaInt reads an integer from a result's _meta.
func metaInt(t *testing.T, res *gomcp.CallToolResult, k string) int {
	t.Helper()
	v, ok := res.Meta[k].(float64)
	if !ok {
		t.Fatalf("_meta[%s] = %v in %v", k, res.Meta[k], res.Meta)
	}
	return int(v)
}
