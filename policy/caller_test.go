package policy

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	tokA = "aaaaaaaaaaaaaaaa-secret-1"
	tokB = "bbbbbbbbbbbbbbbb-secret-2"
)

// TestTokenScopes: options after a token bind it to a requester or make it
// delegating; other entries stay agent-level.
func TestTokenScopes(t *testing.T) {
	a, err := ParseAuthTokens("bot:" + strings.Repeat("a", 20) + " requester=Ann@Example.com,backend:" + strings.Repeat("b", 20) + " delegate,agent:" + strings.Repeat("c", 20) + ",idbot:" + strings.Repeat("d", 20) + " requester=42")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]TokenScope{"bot": {Requester: Requester{Email: "ann@example.com"}}, "backend": {Delegate: true}, "agent": {}, "idbot": {Requester: Requester{ID: 42}}}
	for name, w := range want {
		if got := a.Scope(name); got != w {
			t.Errorf("%s: scope %+v, want %+v", name, got, w)
		}
	}
	if n, ok := a.Lookup(strings.Repeat("a", 20)); !ok || n != "bot" {
		t.Errorf("lookup of a scoped token: %q %v", n, ok)
	}
}

func TestParseAuthTokens(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "tokens")
	if err := os.WriteFile(file, []byte("# callers\n\nbot: "+tokA+"\r\n  ops-team:"+tokB+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty")
	os.WriteFile(empty, []byte("# nothing\n"), 0o600)
	dupFile := filepath.Join(dir, "dup")
	os.WriteFile(dupFile, []byte("a:"+tokA+"\na:"+tokB+"\n"), 0o600)

	tests := []struct {
		name    string
		in      string
		names   string
		wantErr string
	}{
		{"inline", "bot:" + tokA + ", ops-team:" + tokB, "bot,ops-team", ""},
		{"token with colon", "bot:" + tokA + ":x", "bot", ""},
		{"@file", "@" + file, "bot,ops-team", ""},
		{"bare path", file, "bot,ops-team", ""},
		{"empty", "  ", "", "empty value"},
		{"no colon", "bot:" + tokA + "," + tokB, "", "entry 2 has no ':'"},
		{"empty name", ":" + tokA, "", "empty name"},
		{"space in name", "my bot:" + tokA, "", "may not contain spaces"},
		{"duplicate name", "bot:" + tokA + ",bot:" + tokB, "", `name "bot" is used twice`},
		{"short token", "bot:short-token", "", "token is 11 characters; use at least 16"},
		{"empty token", "bot:", "", "token is 0 characters"},
		{"duplicate token", "bot:" + tokA + ",ops:" + tokA, "", `same token as "bot"`},
		{"space in token", "bot:" + tokA + " x", "", "unknown option"},
		{"bad requester", "bot:" + tokA + " requester=not-an-address", "", "neither a contact id nor"},
		{"requester and delegate", "bot:" + tokA + " requester=7 delegate", "", "not both"},
		{"missing @file", "@" + filepath.Join(dir, "nope"), "", "read token file"},
		{"empty file", "@" + empty, "", "holds no name:token lines"},
		{"duplicate in file", "@" + dupFile, "", "dup line 2"},
		{"bare token is not a path", tokA, "", "not a readable file"},
	}
	for _, tt := range tests {
		got, err := ParseAuthTokens(tt.in)
		if tt.wantErr != "" {
			if err == nil || !errors.Is(err, ErrAuthTokens) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: err = %v, want %q", tt.name, err, tt.wantErr)
				continue
			}
			for _, secret := range []string{tokA, tokB, "short-token"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("%s: error %q echoes a token", tt.name, err)
				}
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if n := strings.Join(got.Names(), ","); n != tt.names {
			t.Errorf("%s: names %s, want %s", tt.name, n, tt.names)
		}
		if s := got.String(); strings.Contains(s, tokA) || strings.Contains(s, tokB) {
			t.Errorf("%s: String() leaks a token: %s", tt.name, s)
		}
	}
}

func TestAuthTokensLookup(t *testing.T) {
	ts, err := ParseAuthTokens("bot:" + tokA + ",ops:" + tokB)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		token, name string
		ok          bool
	}{
		{tokA, "bot", true},
		{tokB, "ops", true},
		{"", "", false},
		{tokA[:20], "", false},
		{tokA + "x", "", false},
		{strings.ToUpper(tokA), "", false},
		{"bot", "", false},
	}
	for _, tt := range tests {
		name, ok := ts.Lookup(tt.token)
		if name != tt.name || ok != tt.ok {
			t.Errorf("Lookup(%q) = %q, %v; want %q, %v", tt.token, name, ok, tt.name, tt.ok)
		}
	}
	var nilSet *AuthTokens
	if _, ok := nilSet.Lookup(tokA); ok || nilSet.Len() != 0 || ts.Len() != 2 {
		t.Error("nil AuthTokens / Len")
	}
}

func TestBearerToken(t *testing.T) {
	tests := []struct {
		in, tok string
		ok      bool
	}{
		{"Bearer abc", "abc", true},
		{"bearer  abc ", "abc", true},
		{"Basic abc", "", false},
		{"Bearer", "", false},
		{"Bearer ", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		tok, ok := BearerToken(tt.in)
		if tok != tt.tok || ok != tt.ok {
			t.Errorf("BearerToken(%q) = %q, %v", tt.in, tok, ok)
		}
	}
}

func TestCallerIdentities(t *testing.T) {
	const key = "Xy7secretFreshdeskKey"
	base := CredentialsCaller("acme", key)
	tests := []struct {
		name string
		got  string
		same bool
	}{
		{"full host", CredentialsCaller("acme.freshdesk.com", key), true},
		{"url", CredentialsCaller(" https://ACME.freshdesk.com/ ", key), true},
		{"api path", CredentialsCaller("https://acme.freshdesk.com/api/v2", key), true},
		{"default port", CredentialsCaller("https://acme.freshdesk.com:443", key), true},
		{"host with default port", CredentialsCaller("acme.freshdesk.com:443/api/v2/", key), true},
		{"other key", CredentialsCaller("acme", key+"2"), false},
		{"other domain", CredentialsCaller("globex", key), false},
	}
	for _, tt := range tests {
		if (tt.got == base) != tt.same {
			t.Errorf("%s: %q vs %q, same=%v", tt.name, tt.got, base, tt.same)
		}
		if strings.Contains(tt.got, key) || strings.Contains(tt.got, "acme") {
			t.Errorf("%s: identity %q reveals credentials", tt.name, tt.got)
		}
	}
	if !strings.HasPrefix(base, "key:") || len(base) != len("key:")+16 {
		t.Errorf("CredentialsCaller = %q", base)
	}
	if TokenCaller("bot") != "token:bot" {
		t.Error("TokenCaller")
	}
	if c := LocalCaller(func(string) string { return "" }); !strings.HasPrefix(c, "user:") || c == "user:" {
		t.Errorf("LocalCaller = %q", c)
	}
}

func TestNormalizeDomain(t *testing.T) {
	tests := []struct{ in, want string }{
		{in: "acme", want: "acme"},
		{in: " ACME ", want: "acme"},
		{in: "acme.freshdesk.com", want: "acme"},
		{in: "acme.freshdesk.com/", want: "acme"},
		{in: "https://acme.freshdesk.com", want: "acme"},
		{in: "https://acme.freshdesk.com/api/v2", want: "acme"},
		{in: "https://acme.freshdesk.com/api/v2/", want: "acme"},
		{in: "https://acme.freshdesk.com:443", want: "acme"},
		{in: "HTTPS://Acme.Freshdesk.com:443/api/v2", want: "acme"},
		{in: "acme.freshdesk.com:443", want: "acme"},
		{in: "https://acme.freshdesk.com:", want: "acme"},
		{in: "https://acme.freshdesk.com?x=1", want: "acme"},
		{in: "https://acme.freshdesk.com:8443", want: "acme.freshdesk.com:8443"},
		{in: "http://127.0.0.1:8080", want: "127.0.0.1:8080"},
		{in: "http://127.0.0.1:80/api/v2", want: "127.0.0.1"},
		{in: "http://127.0.0.1:443", want: "127.0.0.1:443"},
		{in: "https://user:pw@acme.freshdesk.com", want: "acme"},
		{in: "globex", want: "globex"},
		// The port is a number: leading zeros do not make another helpdesk.
		{in: "https://acme.freshdesk.com:0443", want: "acme"},
		{in: "acme.freshdesk.com:00443", want: "acme"},
		{in: "http://127.0.0.1:0080", want: "127.0.0.1"},
		{in: "http://127.0.0.1:08080", want: "127.0.0.1:8080"},
		{in: "http://[::1]:0080", want: "[::1]"},
	}
	for _, tt := range tests {
		if got := NormalizeDomain(tt.in); got != tt.want {
			t.Errorf("NormalizeDomain(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIdentityOf(t *testing.T) {
	key := CredentialsCaller("acme.freshdesk.com", "k")
	for _, c := range []struct{ caller, want string }{
		{"token:alice/" + key, "token:alice"},
		{"token:alice", "token:alice"},
		{key, credentialsOnly},
		{"stdio", "stdio"},
		{"token:bob/key:", "token:bob"},
	} {
		if got := IdentityOf(c.caller); got != c.want {
			t.Errorf("IdentityOf(%q) = %q, want %q", c.caller, got, c.want)
		}
	}
}
