package fdapi

import (
	"strings"
	"testing"
)

// TestParseDomainPortCanonical: the port is compared as a number, so every
// spelling of the default port gives the same origin (review 3 item 2:
// ":0443" kept as written gave a new caller identity and fresh budget).
func TestParseDomainPortCanonical(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr string
	}{
		{in: "https://acme.freshdesk.com:0443", want: "https://acme.freshdesk.com"},
		{in: "https://acme.freshdesk.com:00443", want: "https://acme.freshdesk.com"},
		{in: "acme.freshdesk.com:000443", want: "https://acme.freshdesk.com"},
		{in: "http://127.0.0.1:0080", want: "http://127.0.0.1"},
		{in: "http://127.0.0.1:08080", want: "http://127.0.0.1:8080"},
		{in: "http://[::1]:00080", want: "http://[::1]"},
		{in: "https://acme.freshdesk.com:0", wantErr: "not a number from 1 to 65535"},
		{in: "https://acme.freshdesk.com:65536", wantErr: "not a number from 1 to 65535"},
		{in: "https://acme.freshdesk.com:99999999999999999999", wantErr: "not a number from 1 to 65535"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			u, err := ParseDomain(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseDomain(%q) = %v, %v; want error containing %q", tt.in, u, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDomain(%q): %v", tt.in, err)
			}
			if got := u.String(); got != tt.want {
				t.Errorf("ParseDomain(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
