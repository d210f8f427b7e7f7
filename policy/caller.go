package policy

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/user"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Caller identities are prefixed by where they come from, so a bearer token
// named "alice" and the local user alice are different callers.
const (
	callerLocal = "user:"
	callerToken = "token:"
	callerCreds = "key:"
)

// LocalCaller is the identity of a stdio caller: "user:" + the local OS
// user name (from os/user, then $USER / $USERNAME via getenv, which may be
// nil), or "user:unknown".
func LocalCaller(getenv func(string) string) string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return callerLocal + u.Username
	}
	if getenv != nil {
		for _, k := range []string{"USER", "USERNAME"} {
			if v := getenv(k); v != "" {
				return callerLocal + v
			}
		}
	}
	return callerLocal + "unknown"
}

// TokenCaller is the identity of an HTTP caller authenticated by the bearer
// token called name: "token:" + name.
func TokenCaller(name string) string { return callerToken + name }

// CredentialsCaller is the identity of an HTTP caller that brings its own
// Freshdesk credentials: "key:" + the first 16 hex digits of
// SHA-256(NormalizeDomain(domain) + NUL + apiKey). The key is never part of
// it. Every spelling of one helpdesk gives the same identity, so a caller
// cannot get a fresh budget by respelling its domain.
func CredentialsCaller(domain, apiKey string) string {
	sum := sha256.Sum256([]byte(NormalizeDomain(domain) + "\x00" + apiKey))
	return callerCreds + hex.EncodeToString(sum[:8])
}

// credentialsOnly is IdentityOf's answer for callers that are credentials
// alone (no bearer token).
const credentialsOnly = "credentials-without-identity"

// IdentityOf is the authenticated identity of caller, without the
// credentials a request brought ("token:alice/key:<hash>" is "token:alice").
// Credentials are not checked before a confirmation is asked, so a limit
// counted per credentials would give a fresh count to every made-up key;
// callers that are credentials alone share one identity.
func IdentityOf(caller string) string {
	if i := strings.Index(caller, "/"+callerCreds); i >= 0 {
		return caller[:i]
	}
	if strings.HasPrefix(caller, callerCreds) {
		return credentialsOnly
	}
	return caller
}

// NormalizeDomain reduces a Freshdesk domain setting to a canonical host,
// with the semantics of fdapi.ParseDomain (duplicated here because policy
// imports no other package of this module): lower case, scheme, userinfo,
// path ("/api/v2"), query and the default port (443 for https or no scheme,
// 80 for http) dropped. Freshdesk hosts give their account name: "acme",
// "acme.freshdesk.com", "https://acme.freshdesk.com/api/v2" and
// "https://ACME.freshdesk.com:443" all give "acme". Other hosts keep a
// non-default port ("127.0.0.1:8080").
func NormalizeDomain(domain string) string {
	d := strings.ToLower(strings.TrimSpace(domain))
	scheme := "https"
	if s, rest, ok := strings.Cut(d, "://"); ok {
		scheme, d = s, rest
	}
	if i := strings.IndexAny(d, "/?#"); i >= 0 {
		d = d[:i]
	}
	if i := strings.LastIndex(d, "@"); i >= 0 {
		d = d[i+1:]
	}
	d = strings.TrimSuffix(d, ":")
	if i := strings.LastIndex(d, ":"); i >= 0 && !strings.Contains(d[i:], "]") {
		// The port is compared as a number (":0443" is the default port).
		if n, err := strconv.ParseUint(d[i+1:], 10, 16); err == nil {
			switch {
			case scheme == "https" && n == 443, scheme == "http" && n == 80:
				d = d[:i]
			default:
				d = d[:i+1] + strconv.FormatUint(n, 10)
			}
		}
	}
	return strings.TrimSuffix(d, ".freshdesk.com")
}

// MinAuthTokenLen is the shortest accepted bearer token, in characters.
const MinAuthTokenLen = 16

// ErrAuthTokens is wrapped by every ParseAuthTokens error. The errors name
// entries by position and name, never by token.
var ErrAuthTokens = errors.New("invalid auth tokens")

// AuthTokens is a set of named bearer tokens for HTTP callers. Lookups are
// constant-time over all entries. It is immutable and safe for concurrent use.
type AuthTokens struct {
	names  []string
	hashes [][32]byte // SHA-256 of each token: fixed length, so no length leak
	scopes []TokenScope
}

// ParseAuthTokens parses an --auth-tokens / FRESHDESK_MCP_AUTH_TOKENS value:
//
//   - "name:token,name2:token2" — pairs inline;
//   - "@/path/file" — a file with one name:token per line;
//   - "/path/file" — the same, when the value contains no ':' and no ','.
//
// In files, blank lines and lines starting with '#' are skipped. Names must
// be non-empty, unique and free of spaces, ':' and ','; tokens must be at
// least MinAuthTokenLen characters, unique, and free of whitespace.
// After the token, separated by spaces, an entry may carry options:
// "requester=<e-mail or contact id>" binds the caller to one requester (a
// customer-facing bot), "delegate" lets it name the requester of each
// request in HeaderRequester (a trusted backend).
func ParseAuthTokens(value string) (*AuthTokens, error) {
	v := strings.TrimSpace(value)
	if v == "" {
		return nil, fmt.Errorf("%w: empty value; want name:token[,name2:token2] or @/path/to/file", ErrAuthTokens)
	}
	if path, ok := strings.CutPrefix(v, "@"); ok {
		return loadAuthTokens(path)
	}
	if !strings.ContainsAny(v, ":,") {
		// Do not echo v when it is not a file: it may be a bare token.
		if st, err := os.Stat(v); err != nil || !st.Mode().IsRegular() {
			return nil, fmt.Errorf("%w: the value has no name:token pair and is not a readable file; "+
				"want name:token[,name2:token2] or @/path/to/file", ErrAuthTokens)
		}
		return loadAuthTokens(v)
	}
	var entries []authEntry
	for i, item := range strings.Split(v, ",") {
		if strings.TrimSpace(item) == "" {
			continue
		}
		entries = append(entries, authEntry{where: fmt.Sprintf("entry %d", i+1), text: item})
	}
	return buildAuthTokens(entries)
}

type authEntry struct{ where, text string }

func loadAuthTokens(path string) (*AuthTokens, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: read token file: %w", ErrAuthTokens, err)
	}
	var entries []authEntry
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		entries = append(entries, authEntry{where: fmt.Sprintf("%s line %d", path, n), text: line})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: read token file: %w", ErrAuthTokens, err)
	}
	if len(entries) == 0 {
		return nil, fmt.Errorf("%w: %s holds no name:token lines", ErrAuthTokens, path)
	}
	return buildAuthTokens(entries)
}

func buildAuthTokens(entries []authEntry) (*AuthTokens, error) {
	if len(entries) == 0 {
		return nil, fmt.Errorf("%w: no name:token pairs", ErrAuthTokens)
	}
	t := &AuthTokens{}
	seenName := map[string]bool{}
	seenTok := map[[32]byte]string{}
	for _, e := range entries {
		name, rest, ok := strings.Cut(strings.TrimSpace(e.text), ":")
		fields := strings.Fields(rest)
		tok := ""
		if len(fields) > 0 {
			tok = fields[0]
		}
		name = strings.TrimSpace(name)
		var opts []string
		if len(fields) > 1 {
			opts = fields[1:]
		}
		scope, serr := parseScope(opts)
		switch {
		case !ok:
			return nil, fmt.Errorf("%w: %s has no ':' (want name:token)", ErrAuthTokens, e.where)
		case name == "":
			return nil, fmt.Errorf("%w: %s has an empty name (want name:token)", ErrAuthTokens, e.where)
		case strings.ContainsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || !unicode.IsPrint(r) || r == ',' }):
			return nil, fmt.Errorf("%w: %s: name %q may not contain spaces, commas or control characters", ErrAuthTokens, e.where, name)
		case seenName[name]:
			return nil, fmt.Errorf("%w: %s: name %q is used twice; names must be unique", ErrAuthTokens, e.where, name)
		case len([]rune(tok)) < MinAuthTokenLen:
			return nil, fmt.Errorf("%w: %s (name %q): token is %d characters; use at least %d (for example `openssl rand -hex 32`)",
				ErrAuthTokens, e.where, name, len([]rune(tok)), MinAuthTokenLen)
		case strings.ContainsFunc(tok, func(r rune) bool { return unicode.IsSpace(r) || !unicode.IsPrint(r) }):
			return nil, fmt.Errorf("%w: %s (name %q): token may not contain spaces or control characters", ErrAuthTokens, e.where, name)
		case serr != nil:
			return nil, fmt.Errorf("%w: %s (name %q): %w", ErrAuthTokens, e.where, name, serr)
		}
		h := sha256.Sum256([]byte(tok))
		if other, dup := seenTok[h]; dup {
			return nil, fmt.Errorf("%w: %s (name %q) has the same token as %q; every caller needs its own token", ErrAuthTokens, e.where, name, other)
		}
		seenName[name], seenTok[h] = true, name
		t.names = append(t.names, name)
		t.hashes = append(t.hashes, h)
		t.scopes = append(t.scopes, scope)
	}
	return t, nil
}

// Lookup returns the name of the entry whose token equals token. It compares
// the SHA-256 of token with every entry in constant time, without early exit.
func (t *AuthTokens) Lookup(token string) (name string, ok bool) {
	if t == nil || token == "" {
		return "", false
	}
	h := sha256.Sum256([]byte(token))
	found := -1
	for i := range t.hashes {
		eq := subtle.ConstantTimeCompare(h[:], t.hashes[i][:])
		found = subtle.ConstantTimeSelect(eq, i, found)
	}
	if found < 0 {
		return "", false
	}
	return t.names[found], true
}

// Scope returns the scope of the entry called name (zero for agent-level
// callers and unknown names).
func (t *AuthTokens) Scope(name string) TokenScope {
	if t == nil {
		return TokenScope{}
	}
	for i, n := range t.names {
		if n == name {
			return t.scopes[i]
		}
	}
	return TokenScope{}
}

// Len returns the number of tokens.
func (t *AuthTokens) Len() int {
	if t == nil {
		return 0
	}
	return len(t.names)
}

// Names returns the token names, sorted (safe to log).
func (t *AuthTokens) Names() []string {
	if t == nil {
		return nil
	}
	out := append([]string(nil), t.names...)
	sort.Strings(out)
	return out
}

// String lists the names only, so printing an AuthTokens never leaks a token.
func (t *AuthTokens) String() string {
	return fmt.Sprintf("AuthTokens%v", t.Names())
}

// BearerToken extracts the token from an Authorization header value
// ("Bearer <token>", scheme case-insensitive).
func BearerToken(header string) (string, bool) {
	scheme, tok, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	tok = strings.TrimSpace(tok)
	return tok, tok != ""
}
