package fdapi

import (
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Defaults applied by New when the corresponding Config field is zero.
const (
	DefaultTimeout        = 30 * time.Second
	DefaultReservePercent = 10
	DefaultMaxRetryWait   = 10 * time.Second
	DefaultMaxRetries     = 3
	DefaultMaxConcurrent  = 4
	DefaultCacheTTL       = 5 * time.Minute
	DefaultUserAgent      = "freshdesk-mcp/dev"
)

// Config configures a Client. Zero values take the defaults above; a negative
// ReservePercent, MaxRetries or CacheTTL disables the feature.
type Config struct {
	Domain         string        // "acme", "acme.freshdesk.com", "https://acme.freshdesk.com", or http://127.0.0.1:port (loopback only)
	APIKey         string        // sent as Basic auth "<key>:X"; never logged
	HTTPClient     *http.Client  // optional; redirects are never followed (they could carry the key elsewhere)
	Timeout        time.Duration // per request attempt, default 30s
	UserAgent      string        // default "freshdesk-mcp/dev"; the app passes its version
	ReservePercent float64       // keep this % of X-RateLimit-Total for others (default 10)
	MaxRetryWait   time.Duration // Retry-After longer than this -> *Error with RetryAfter, no wait (default 10s)
	MaxRetries     int           // retries per call (default 3)
	MaxConcurrent  int           // concurrent requests (default 4)
	// MaxConcurrentPerCaller bounds the in-flight requests of one caller
	// (WithCaller); default half of MaxConcurrent, at least 1.
	MaxConcurrentPerCaller int
	// Observer, when set, is told about every response and cooldown (metrics).
	Observer Observer
	CacheTTL time.Duration // ticket fields/agents/groups (default 5m)
	Logger   *slog.Logger  // optional; never logs the key
	// SharedRates, when set, shares the account's rate-limit state with
	// other processes (replicas); nil keeps it in this Client.
	SharedRates SharedRates
	// DomainSetting names where the domain was configured (e.g.
	// "FRESHDESK_DOMAIN"), so that a network failure says what to check.
	// Default "the Freshdesk domain setting".
	DomainSetting string
}

// String describes the config without the API key.
func (c Config) String() string {
	return fmt.Sprintf("fdapi.Config{Domain:%q APIKey:%s}", c.Domain, redactedKey(c.APIKey))
}

// GoString keeps %#v from printing the API key.
func (c Config) GoString() string { return c.String() }

// LogValue keeps slog from printing the API key.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(slog.String("domain", c.Domain), slog.String("api_key", redactedKey(c.APIKey)))
}

func redactedKey(k string) string {
	if k == "" {
		return "(empty)"
	}
	return "[REDACTED]"
}

// ParseDomain turns the accepted domain forms into the API origin
// (scheme://host[:port], lower case, no path, default port dropped), so every
// spelling of one helpdesk yields the same origin. Plain http is accepted only
// for loopback hosts (tests, the demo, local emulators). Errors never echo
// credentials that may have been pasted into the value (see RedactDomain).
func ParseDomain(domain string) (*url.URL, error) {
	d := strings.TrimSpace(domain)
	if d == "" {
		return nil, fmt.Errorf("freshdesk domain is empty: set it to e.g. \"acme\" or \"acme.freshdesk.com\"")
	}
	if strings.Contains(d, "@") {
		// Likely "key:X@host": refuse without quoting any of it.
		return nil, fmt.Errorf("freshdesk domain %s must not contain credentials ('@'); set the API key separately", RedactDomain(d))
	}
	shown := RedactDomain(d)
	if !strings.Contains(d, "://") {
		host := strings.TrimSuffix(strings.ToLower(d), "/")
		if !strings.Contains(host, ".") {
			if !isSubdomainLabel(host) {
				return nil, fmt.Errorf("freshdesk domain %s is not a valid subdomain (letters, digits and '-')", shown)
			}
			host += ".freshdesk.com"
		}
		d = "https://" + host
	}
	u, err := url.Parse(d)
	if err != nil {
		return nil, fmt.Errorf("freshdesk domain %s is not a valid URL: %w", shown, err)
	}
	if u.User != nil {
		return nil, fmt.Errorf("freshdesk domain must not contain credentials; set the API key separately")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("freshdesk domain %q must not contain a query or fragment", u.Host)
	}
	if p := strings.TrimSuffix(u.Path, "/"); p != "" && p != "/api/v2" {
		return nil, fmt.Errorf("freshdesk domain %q must not contain a path (got %q)", u.Host, u.Path)
	}
	host := u.Hostname()
	if host == "" {
		return nil, fmt.Errorf("freshdesk domain %s has no host", shown)
	}
	scheme := strings.ToLower(u.Scheme)
	switch scheme {
	case "https":
	case "http":
		if !isLoopback(host) {
			return nil, fmt.Errorf("freshdesk domain %q: plain http is allowed only for loopback hosts; Freshdesk requires https", u.Host)
		}
	default:
		return nil, fmt.Errorf("freshdesk domain %q: scheme %q is not supported, use https", u.Host, u.Scheme)
	}
	// The port is compared as a number, so ":0443" is the default port too
	// and every spelling of one origin is the same string (it keys caches,
	// caller identities and duplicate memory).
	port, err := canonicalPort(u.Port(), scheme)
	if err != nil {
		return nil, fmt.Errorf("freshdesk domain %q: %w", u.Host, err)
	}
	hostport := strings.ToLower(host)
	if strings.Contains(hostport, ":") { // IPv6 literal
		hostport = "[" + hostport + "]"
	}
	if port != "" {
		hostport += ":" + port
	}
	return &url.URL{Scheme: scheme, Host: hostport}, nil
}

// canonicalPort returns port in decimal without leading zeros, or "" when
// it is empty or the scheme's default (443 for https, 80 for http).
func canonicalPort(port, scheme string) (string, error) {
	if port == "" {
		return "", nil
	}
	n, err := strconv.ParseUint(port, 10, 16)
	if err != nil || n == 0 {
		return "", fmt.Errorf("port %q is not a number from 1 to 65535", port)
	}
	if (scheme == "https" && n == 443) || (scheme == "http" && n == 80) {
		return "", nil
	}
	return strconv.FormatUint(n, 10), nil
}

// RedactDomain returns a form of a domain setting that is safe to show in
// errors and logs: the value quoted, or, when it contains '@' (userinfo such
// as "KEY:X@acme.freshdesk.com" may carry the API key), only the part after
// the last '@'. A url.Parse error of such a value would quote it whole, so
// ParseDomain refuses it before parsing.
func RedactDomain(domain string) string {
	d := strings.TrimSpace(domain)
	i := strings.LastIndex(d, "@")
	if i < 0 {
		return fmt.Sprintf("%q", d)
	}
	scheme := ""
	if j := strings.Index(d, "://"); j >= 0 && j < i {
		scheme = d[:j+3]
	}
	return fmt.Sprintf("%q", scheme+"[REDACTED]@"+d[i+1:])
}

func isSubdomainLabel(s string) bool {
	if s == "" || len(s) > 63 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
