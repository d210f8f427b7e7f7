package app

import (
	"strings"
	"testing"
)

// TestBackendErrorHidesDomainCredentials: a key pasted into FRESHDESK_DOMAIN
// as userinfo never reaches the error message or stderr.
func TestBackendErrorHidesDomainCredentials(t *testing.T) {
	const secret = "SECRETKEY"
	tests := []struct {
		name   string
		domain string
	}{
		{name: "https userinfo", domain: "https://SECRETKEY:X@acme.freshdesk.com"},
		{name: "bare userinfo", domain: "SECRETKEY:X@acme.freshdesk.com"},
		{name: "userinfo on a subdomain", domain: "SECRETKEY@acme"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newBackend(Config{Domain: tt.domain, APIKey: "k"}, discardLogger())
			if err == nil {
				t.Fatal("want error")
			}
			if strings.Contains(err.Error(), secret) {
				t.Fatalf("error echoes the key: %v", err)
			}
			if !strings.Contains(err.Error(), "FRESHDESK_DOMAIN") || !strings.Contains(err.Error(), "[REDACTED]") {
				t.Fatalf("error %q should name FRESHDESK_DOMAIN and show a redacted value", err)
			}
			code, stdout, stderr := runMain(t, map[string]string{"FRESHDESK_DOMAIN": tt.domain, "FRESHDESK_API_KEY": "k"})
			if code == 0 || !strings.Contains(stderr, "FRESHDESK_DOMAIN") || strings.Contains(stderr+stdout, secret) {
				t.Fatalf("exit %d: output echoes the key: %s%s", code, stdout, stderr)
			}
		})
	}
}
