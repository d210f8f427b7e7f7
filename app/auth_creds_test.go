package app

import (
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// TestCredentialCallerIgnoresDomainSpelling: every spelling of one helpdesk
// maps to the same caller identity (budget) and the same cached server, built
// with the canonical origin; another account or key does not.
func TestCredentialCallerIgnoresDomainSpelling(t *testing.T) {
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
		same        bool
	}{
		{domain: "acme.freshdesk.com", key: key, same: true},
		{domain: "ACME.freshdesk.com", key: key, same: true},
		{domain: "https://acme.freshdesk.com/api/v2", key: key, same: true},
		{domain: "https://acme.freshdesk.com:443", key: key, same: true},
		{domain: "https://acme.freshdesk.com:443/api/v2/", key: key, same: true},
		{domain: "globex", key: key, same: false},
		{domain: "acme", key: key + "x", same: false},
	}
	for _, tt := range tests {
		t.Run(tt.domain, func(t *testing.T) {
			_, id, err := cs.handler(tt.domain, tt.key)
			if err != nil {
				t.Fatal(err)
			}
			if (id == want) != tt.same {
				t.Errorf("id %q vs %q, want same=%v", id, want, tt.same)
			}
			if strings.Contains(id, tt.key) || !strings.HasPrefix(id, "key:") {
				t.Errorf("id %q", id)
			}
		})
	}
	if want != policy.CredentialsCaller("https://acme.freshdesk.com", key) {
		t.Errorf("id %q is not the canonical CredentialsCaller", want)
	}
	if len(built) != 3 || built[0] != "https://acme.freshdesk.com" {
		t.Errorf("servers built for %v, want 3 (acme, globex, other key) with canonical origins", built)
	}
}
