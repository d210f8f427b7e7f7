package app

import (
	"strings"
	"testing"
)

// With one credential set, the error names the other one (issue 12).
func TestMissingCredentialNamed(t *testing.T) {
	for _, tc := range []struct {
		name        string
		env         map[string]string
		want, never string
	}{
		{"domain only", map[string]string{"FRESHDESK_DOMAIN": "acme.freshdesk.com"}, "FRESHDESK_API_KEY is not set (FRESHDESK_DOMAIN is)", "set FRESHDESK_DOMAIN"},
		{"key only", map[string]string{"FRESHDESK_API_KEY": "k-123456789"}, "FRESHDESK_DOMAIN is not set (FRESHDESK_API_KEY is)", "k-123456789"},
		{"neither", map[string]string{}, "set FRESHDESK_DOMAIN (e.g. acme.freshdesk.com) and FRESHDESK_API_KEY", "is not set"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runMain(t, tc.env, "check")
			if code != exitUsage || !strings.Contains(stderr, tc.want) || strings.Contains(stderr, tc.never) {
				t.Errorf("exit %d, stderr %q; want exit %d with %q and without %q", code, stderr, exitUsage, tc.want, tc.never)
			}
		})
	}
}

// --http with a bare port suggests the loopback address, which is accepted,
// not ":PORT", which is refused without caller authentication (issue 12).
func TestHTTPAddrSuggestion(t *testing.T) {
	for in, want := range map[string]string{
		"8096":      `e.g. 127.0.0.1:8096`,
		":":         `e.g. 127.0.0.1:8080`,
		"localhost": `e.g. localhost:8080`,
		"::1":       `e.g. [::1]:8080`,
	} {
		code, _, stderr := runMain(t, nil, "--demo", "--http", in, "tools")
		if code != exitUsage || !strings.Contains(stderr, want) || strings.Contains(stderr, " :8080") {
			t.Errorf("--http %s: exit %d, stderr %q; want %q", in, code, stderr, want)
		}
	}
	// The suggestion itself is a valid listen address.
	var c Config
	if err := (addrValue{&c.HTTPAddr}).Set(suggestAddr("8096")); err != nil || c.HTTPAddr != "127.0.0.1:8096" {
		t.Errorf("suggested address refused: %v", err)
	}
}

// An unknown tool is named once with the nearest tool this configuration
// serves (issue 12: "not found" twice, no suggestion); hidden tools are not
// suggested.
func TestUnknownToolSuggestion(t *testing.T) {
	for _, tc := range []struct {
		args        []string
		want, never string
	}{
		{[]string{"--demo", "call", "get_tiket", `{"ticket_id": 57}`}, `unknown tool "get_tiket"; did you mean "get_ticket"?`, "not found"},
		{[]string{"--demo", "--mode", "read-only", "call", "add_nte", `{}`}, `unknown tool "add_nte" (run`, "add_note"},
	} {
		code, _, stderr := runMain(t, nil, tc.args...)
		if code != exitUsage || !strings.Contains(stderr, tc.want) || strings.Contains(stderr, tc.never) {
			t.Errorf("%v: exit %d, stderr %q; want %q without %q", tc.args, code, stderr, tc.want, tc.never)
		}
	}
}
