package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"unicode"

	"github.com/freshdesk-mcp/freshdesk-mcp/approval"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/metrics"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// maxBodyBytes bounds one HTTP request body (JSON-RPC messages are small).
const maxBodyBytes = 1 << 20

// Headers a caller may send its own Freshdesk credentials in (only with
// --allow-caller-credentials).
const (
	headerFDDomain = "X-Freshdesk-Domain"
	headerFDAPIKey = "X-Freshdesk-Api-Key"
)

// anonymousCaller is the budget identity of unauthenticated loopback callers.
const anonymousCaller = "http:anonymous"

// errAuthRequired refuses to listen beyond loopback without caller tokens.
var errAuthRequired = errors.New("refusing to serve HTTP beyond loopback without caller authentication: " +
	"set --auth-tokens / FRESHDESK_MCP_AUTH_TOKENS (name:token pairs, or @FILE), or listen on 127.0.0.1")

// httpFront is the security layer in front of the MCP endpoints: Host and
// Origin validation (DNS rebinding), bearer-token caller auth, a body size
// limit, per-request tightening headers, and caller-supplied credentials.
// /healthz and unknown paths pass through untouched.
type httpFront struct {
	next           http.Handler
	tokens         *policy.AuthTokens // nil: no auth (loopback only)
	filter         policy.Filter
	allowedHosts   []string
	allowedOrigins []string
	creds          *credentialServers // nil: caller credentials refused
	// pages serves the confirmation page under approval.Path (nil: none);
	// pageHost is the Host of --public-url.
	pages    http.Handler
	pageHost string
	logger   *slog.Logger
}

// newHTTPFront builds the front for c; it fails when tokens are malformed,
// or missing while listening beyond loopback.
func newHTTPFront(c Config, pol *mcppolicy.Policy, next http.Handler, listen net.Addr, creds *credentialServers, logger *slog.Logger) (*httpFront, error) {
	f := &httpFront{next: next, filter: pol.Filter, allowedHosts: c.Policy.AllowedHosts, allowedOrigins: c.Policy.AllowedOrigins, creds: creds, logger: logger}
	if c.Policy.AuthTokens != "" {
		t, err := policy.ParseAuthTokens(c.Policy.AuthTokens)
		if err != nil {
			return nil, usageErrorf("--auth-tokens (FRESHDESK_MCP_AUTH_TOKENS): %w", err)
		}
		f.tokens = t
		logger.Info("HTTP callers must send a bearer token", "callers", t.Names())
	}
	if f.tokens == nil && listen != nil && !isLoopback(listen) {
		return nil, &usageError{errAuthRequired}
	}
	return f, nil
}

func (f *httpFront) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case pathMCP, pathSSE, pathMessage, pathMetrics:
	default:
		if f.pages != nil && strings.HasPrefix(r.URL.Path, approval.Path) {
			f.servePage(w, r)
			return
		}
		f.next.ServeHTTP(w, r) // /healthz, /readyz, 404s
		return
	}
	if !f.hostAllowed(r.Host) {
		http.Error(w, fmt.Sprintf("forbidden: Host %q is not allowed (DNS-rebinding protection); add it with --allowed-hosts", r.Host), http.StatusForbidden)
		return
	}
	if o := r.Header.Get("Origin"); o != "" && !f.originAllowed(o) {
		http.Error(w, fmt.Sprintf("forbidden: Origin %q is not allowed; add it with --allowed-origins", o), http.StatusForbidden)
		return
	}
	if queryHasSecret(r.URL.Query()) {
		http.Error(w, "bad request: credentials are never accepted in the query string; send a bearer token in Authorization (and Freshdesk credentials in headers)", http.StatusBadRequest)
		return
	}
	caller, scope, ok := f.authenticate(w, r)
	if !ok {
		return
	}
	markAuthenticated(r) // a known caller (or loopback without tokens)
	filter, err := f.filter.Tighten(r.Header.Get(policy.HeaderMode), r.Header.Get(policy.HeaderToolsets))
	if err != nil {
		http.Error(w, "bad request: "+err.Error(), http.StatusBadRequest)
		return
	}
	requester, status, msg := requestRequester(scope, r.Header.Get(policy.HeaderRequester))
	if status != 0 {
		http.Error(w, msg, status)
		return
	}
	filter, caller = scopeFilter(filter, caller, requester)
	next := f.next
	budget := ""
	domain, key := strings.TrimSpace(r.Header.Get(headerFDDomain)), strings.TrimSpace(r.Header.Get(headerFDAPIKey))
	if domain != "" || key != "" {
		if f.creds == nil {
			http.Error(w, "bad request: this server does not accept caller-supplied Freshdesk credentials (start it with --allow-caller-credentials); drop the X-Freshdesk-Domain and X-Freshdesk-Api-Key headers", http.StatusBadRequest)
			return
		}
		if domain == "" || key == "" {
			http.Error(w, "bad request: send both X-Freshdesk-Domain and X-Freshdesk-Api-Key", http.StatusBadRequest)
			return
		}
		h, id, err := f.creds.handlerFor(caller, domain, key)
		if err != nil {
			http.Error(w, "bad request: "+err.Error(), http.StatusBadRequest)
			return
		}
		next = h
		// The budget protects the account whose credits are spent; id is
		// derived from the canonical host, so respelling the domain does not
		// give a fresh budget. The audit log and confirmation tokens keep
		// the bearer-token name too ("token:alice/key:<hash>"), so two
		// token holders sharing one Freshdesk key stay apart.
		budget = id
		if caller != "" {
			caller += "/" + id
		} else {
			caller = id
		}
	}
	if caller == "" {
		caller = anonymousCaller
	}
	if r.Body != nil && r.Method == http.MethodPost {
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
		_ = r.Body.Close()
		if err != nil {
			// Too slow (--request-timeout) or cut: the rest of the body may
			// still be arriving, so the connection cannot be reused.
			w.Header().Set("Connection", "close")
			http.Error(w, "bad request: reading the body failed", http.StatusBadRequest)
			return
		}
		if len(body) > maxBodyBytes {
			http.Error(w, fmt.Sprintf("request body too large: the limit is %d bytes", maxBodyBytes), http.StatusRequestEntityTooLarge)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.ContentLength = int64(len(body))
	}
	ctx := mcppolicy.WithFilter(mcppolicy.WithCaller(r.Context(), caller), filter)
	if !requester.IsZero() {
		ctx = mcppolicy.WithRequester(ctx, requester)
	}
	if budget != "" {
		ctx = mcppolicy.WithBudgetKey(ctx, budget)
	}
	next.ServeHTTP(w, r.WithContext(ctx))
}

// authenticate checks the bearer token (when tokens are configured) and
// returns the caller and its token's scope; ok is false when it has
// answered 401.
func (f *httpFront) authenticate(w http.ResponseWriter, r *http.Request) (caller string, scope policy.TokenScope, ok bool) {
	if f.tokens == nil {
		return "", scope, true
	}
	tok, hasTok := policy.BearerToken(r.Header.Get("Authorization"))
	name, found := "", false
	if hasTok {
		name, found = f.tokens.Lookup(tok)
	}
	if !found {
		w.Header().Set("WWW-Authenticate", `Bearer realm="freshdesk-mcp"`)
		w.Header().Set("Connection", "close") // frees its --max-unauthenticated-conns slot
		msg := "unauthorized: send Authorization: Bearer <token> (one of --auth-tokens)"
		if hasTok {
			msg = "unauthorized: the bearer token is not valid"
		}
		http.Error(w, msg, http.StatusUnauthorized)
		return "", scope, false
	}
	return policy.TokenCaller(name), f.tokens.Scope(name), true
}

// requestPolicyContext copies the caller and filter the front put in the
// request's context into the context mcp-go hands to tool handlers.
func requestPolicyContext(ctx context.Context, r *http.Request) context.Context {
	if c, ok := mcppolicy.CallerFromContext(r.Context()); ok {
		ctx = mcppolicy.WithCaller(ctx, c)
	}
	if f, ok := mcppolicy.FilterFromContext(r.Context()); ok {
		ctx = mcppolicy.WithFilter(ctx, f)
	}
	if req, ok := mcppolicy.RequesterFromContext(r.Context()); ok {
		ctx = mcppolicy.WithRequester(ctx, req)
	}
	if k, ok := mcppolicy.BudgetKeyFromContext(r.Context()); ok {
		ctx = mcppolicy.WithBudgetKey(ctx, k)
	}
	if c, ok := mcppolicy.CallerFromContext(r.Context()); ok && c != anonymousCaller {
		// Each known caller gets its own share of the Freshdesk slots
		// (fdapi/fair.go); loopback callers without tokens are one user.
		ctx = fdapi.WithCaller(ctx, c)
	}
	if t, ok := r.Context().Value(telemetryKey{}).(telemetry); ok {
		ctx = withTelemetry(ctx, t)
		ctx = metrics.NewContext(ctx, t.metrics) // for refusal counts in tools/
	}
	return ctx
}

// hostAllowed accepts loopback hosts and --allowed-hosts.
func (f *httpFront) hostAllowed(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.Trim(host, "[]"))
	if isLoopbackName(host) {
		return true
	}
	for _, a := range f.allowedHosts {
		if strings.EqualFold(a, host) || strings.EqualFold(a, hostport) {
			return true
		}
	}
	return false
}

// originAllowed accepts loopback origins and --allowed-origins.
func (f *httpFront) originAllowed(origin string) bool {
	for _, a := range f.allowedOrigins {
		if strings.EqualFold(strings.TrimSuffix(a, "/"), strings.TrimSuffix(origin, "/")) {
			return true
		}
	}
	u, err := url.Parse(origin)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && isLoopbackName(strings.ToLower(u.Hostname()))
}

// isLoopbackName accepts "localhost" and loopback IPs. Subdomains of
// localhost ("evil.localhost") are foreign hosts: nothing here serves them,
// and a browser would send them for a page of another origin.
func isLoopbackName(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// queryHasSecret reports a query parameter that looks like a credential.
func queryHasSecret(q url.Values) bool {
	for k := range q {
		switch strings.ToLower(strings.NewReplacer("-", "_").Replace(k)) {
		case "api_key", "apikey", "key", "token", "access_token", "auth", "authorization", "password", "x_freshdesk_api_key":
			return true
		}
	}
	return false
}

// credentialServers builds and caches one MCP server per caller-supplied
// Freshdesk account (keyed by the hash of domain and key, never the key),
// sharing the process-wide policy. At most maxCredentialServers are kept.
type credentialServers struct {
	mu      sync.Mutex
	entries map[string]*httpHandler
	order   []string
	// owners records which bearer caller added each entry, so one caller
	// cannot evict everyone's servers with made-up keys.
	owners map[string]string
	build  func(domain, key string) (*httpHandler, error)
	// loopbackOK lets callers point at a loopback http emulator (only when
	// the server itself is configured with one: tests and local emulators).
	loopbackOK bool
}

const maxCredentialServers = 64

// maxCredentialServersPerCaller bounds the cached servers one authenticated
// caller adds: beyond it the caller's own oldest is evicted, not others'.
const maxCredentialServersPerCaller = 8

func newCredentialServers(c Config, pol *mcppolicy.Policy, logger *slog.Logger) *credentialServers {
	cs := &credentialServers{entries: map[string]*httpHandler{}}
	if u, err := fdapi.ParseDomain(c.Domain); err == nil && u.Scheme == "http" {
		cs.loopbackOK = true
	}
	cs.build = func(domain, key string) (*httpHandler, error) {
		cc := c
		cc.Domain, cc.APIKey, cc.Demo = domain, key, false
		cc.Policy.runtime = pol
		fc := clientConfig(cc, logger)
		fc.DomainSetting = headerFDDomain
		fc.Observer = c.HTTP.metrics.Upstream(false) // counted, not the account gauges
		client, err := fdapi.New(fc)
		if err != nil {
			return nil, fmt.Errorf("X-Freshdesk-Domain: %w", err)
		}
		s, _, err := buildServer(cc, &backend{client: client, close: func() error { return nil }}, logger)
		if err != nil {
			return nil, err
		}
		return newHTTPHandlerWith(s, logger, httpOptions{ownHostCheck: true,
			settings: HTTPSettings{SessionIdleTTL: c.HTTP.SessionIdleTTL}, metrics: c.HTTP.metrics}), nil
	}
	return cs
}

// handler returns the server for caller-supplied credentials and the
// caller identity, both keyed by the canonical origin from fdapi.ParseDomain
// (lower case, no path, default port dropped), never by the raw spelling.
func (cs *credentialServers) handler(domain, key string) (*httpHandler, string, error) {
	return cs.handlerFor("", domain, key)
}

// handlerFor is handler for the authenticated caller owner ("" without
// bearer tokens: only the global bound applies).
func (cs *credentialServers) handlerFor(owner, domain, key string) (*httpHandler, string, error) {
	if strings.ContainsFunc(key, func(r rune) bool { return r == ':' || unicode.IsSpace(r) || unicode.IsControl(r) }) {
		// A ':' would move the Basic-auth user/password split (same account,
		// new identity); Freshdesk keys have neither it nor whitespace.
		return nil, "", errors.New("X-Freshdesk-Api-Key must not contain ':', spaces or control characters; send the API key alone")
	}
	u, err := fdapi.ParseDomain(domain)
	if err != nil {
		return nil, "", fmt.Errorf("X-Freshdesk-Domain: %w", err)
	}
	isFreshdesk := strings.HasSuffix(strings.ToLower(u.Hostname()), ".freshdesk.com")
	if !isFreshdesk && !(cs.loopbackOK && u.Scheme == "http") {
		return nil, "", fmt.Errorf("X-Freshdesk-Domain %q: only <account>.freshdesk.com helpdesks are accepted", u.Host)
	}
	if isFreshdesk && u.Port() != "" {
		// Freshdesk serves https on 443 only; another port would be a new
		// identity and cache entry for the same (or no) helpdesk.
		return nil, "", fmt.Errorf("X-Freshdesk-Domain %q: a port other than 443 is not accepted for *.freshdesk.com; send the domain without a port", u.Host)
	}
	origin := u.String()
	id := policy.CredentialsCaller(origin, key)
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if h, ok := cs.entries[id]; ok {
		return h, id, nil
	}
	h, err := cs.build(origin, key)
	if err != nil {
		return nil, "", err
	}
	if cs.owners == nil {
		cs.owners = map[string]string{}
	}
	mine := -1 // index in order of owner's oldest entry
	n := 0
	for i, e := range cs.order {
		if owner != "" && cs.owners[e] == owner {
			if mine < 0 {
				mine = i
			}
			n++
		}
	}
	switch {
	case owner != "" && n >= maxCredentialServersPerCaller:
		cs.evict(mine)
	case len(cs.order) >= maxCredentialServers:
		cs.evict(0)
	}
	cs.entries[id] = h
	cs.owners[id] = owner
	cs.order = append(cs.order, id)
	return h, id, nil
}

// evict drops the cached server at index i of order. Callers hold cs.mu.
func (cs *credentialServers) evict(i int) {
	old := cs.order[i]
	cs.order = append(cs.order[:i:i], cs.order[i+1:]...)
	if oh := cs.entries[old]; oh != nil {
		oh.closeStreams(context.Background())
	}
	delete(cs.entries, old)
	delete(cs.owners, old)
}
