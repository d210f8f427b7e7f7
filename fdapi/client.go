package fdapi

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"time"
)

// Client is a guarded Freshdesk API v2 client. It is safe for concurrent use.
type Client struct {
	base         *url.URL
	auth         string // "Basic ..." header value; never printed
	key          string // kept only to redact it from transport errors
	ua           string
	hc           *http.Client
	timeout      time.Duration
	reservePct   float64
	maxRetryWait time.Duration
	maxRetries   int
	sem          chan struct{}
	fair         *fairSlots // per-caller share of sem (fair.go)
	obs          Observer   // nil: no metrics
	contact      contactLog // last attempt, for readiness
	cacheTTL     time.Duration
	log          *slog.Logger
	domainHint   string // Config.DomainSetting

	gov    governor
	shared SharedRates // nil: the account's rate state is this process's
	cache  cache
	dir    directory // names of contacts and companies seen in answers

	// Injectable for tests; never package globals.
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
	rand  func() float64 // in [0,1)
}

// New validates cfg and returns a Client.
func New(cfg Config) (*Client, error) {
	base, err := ParseDomain(cfg.Domain)
	if err != nil {
		return nil, err
	}
	if cfg.APIKey == "" {
		return nil, errors.New("freshdesk API key is empty")
	}
	c := &Client{
		base:         base,
		auth:         "Basic " + base64.StdEncoding.EncodeToString([]byte(cfg.APIKey+":X")),
		key:          cfg.APIKey,
		ua:           cfg.UserAgent,
		timeout:      cfg.Timeout,
		reservePct:   cfg.ReservePercent,
		maxRetryWait: cfg.MaxRetryWait,
		maxRetries:   cfg.MaxRetries,
		cacheTTL:     cfg.CacheTTL,
		log:          cfg.Logger,
		domainHint:   cfg.DomainSetting,
		shared:       cfg.SharedRates,
		now:          time.Now,
		sleep:        sleepCtx,
		rand:         rand.Float64,
	}
	if c.domainHint == "" {
		c.domainHint = "the Freshdesk domain setting"
	}
	if c.ua == "" {
		c.ua = DefaultUserAgent
	}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	switch {
	case c.reservePct == 0:
		c.reservePct = DefaultReservePercent
	case c.reservePct < 0:
		c.reservePct = 0
	}
	if c.maxRetryWait <= 0 {
		c.maxRetryWait = DefaultMaxRetryWait
	}
	switch {
	case c.maxRetries == 0:
		c.maxRetries = DefaultMaxRetries
	case c.maxRetries < 0:
		c.maxRetries = 0
	}
	n := cfg.MaxConcurrent
	if n <= 0 {
		n = DefaultMaxConcurrent
	}
	c.sem = make(chan struct{}, n)
	per := cfg.MaxConcurrentPerCaller
	if per <= 0 || per > n {
		per = defaultPerCaller(n)
	}
	c.fair = newFairSlots(per)
	c.obs = cfg.Observer
	switch {
	case c.cacheTTL == 0:
		c.cacheTTL = DefaultCacheTTL
	case c.cacheTTL < 0:
		c.cacheTTL = 0
	}
	hc := http.Client{}
	if cfg.HTTPClient != nil {
		hc = *cfg.HTTPClient //nolint:govet // shallow copy so we can set CheckRedirect without touching the caller's client
	}
	// Redirects could forward the Authorization header; Freshdesk's API never redirects.
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c.hc = &hc
	return c, nil
}

// String describes the client without its credentials.
func (c *Client) String() string { return "fdapi.Client{" + c.base.String() + "}" }

// GoString keeps %#v from printing the credentials.
func (c *Client) GoString() string { return c.String() }

// LogValue keeps slog from printing the credentials.
func (c *Client) LogValue() slog.Value { return slog.StringValue(c.String()) }

// BaseURL returns the API origin, e.g. "https://acme.freshdesk.com".
func (c *Client) BaseURL() string { return c.base.String() }

// RateLimit returns the last rate-limit state Freshdesk reported.
func (c *Client) RateLimit() RateState { return c.gov.snapshot() }

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *Client) logDebug(ctx context.Context, msg string, args ...any) {
	if c.log != nil {
		c.log.DebugContext(ctx, msg, args...)
	}
}

// call describes one logical API call.
type call struct {
	method string
	path   string     // below /api/v2, e.g. "/tickets/5"
	query  url.Values // encoded with url.Values.Encode
	body   any        // JSON-encoded when non-nil
}

// result is what a successful call returns besides the decoded body.
type result struct {
	status int
	header http.Header
}

// getJSON performs a GET and decodes the body into T.
func getJSON[T any](ctx context.Context, c *Client, path string, q url.Values) (T, result, error) {
	var out T
	res, err := c.do(ctx, call{method: http.MethodGet, path: path, query: q}, &out)
	return out, res, err
}

// sendJSON performs a POST/PUT with a JSON body and decodes the response into T.
func sendJSON[T any](ctx context.Context, c *Client, method, path string, body any) (T, error) {
	var out T
	_, err := c.do(ctx, call{method: method, path: path, body: body}, &out)
	return out, err
}

func (c *Client) apiPath(p string) string { return "/api/v2" + p }

// newRequest builds one attempt's request.
func (c *Client) newRequest(ctx context.Context, cl call, body []byte) (*http.Request, error) {
	u := *c.base
	u.Path = c.apiPath(cl.path)
	if len(cl.query) > 0 {
		u.RawQuery = cl.query.Encode()
	}
	var rdr *bytes.Reader
	if body != nil {
		rdr = bytes.NewReader(body)
	}
	var req *http.Request
	var err error
	if rdr != nil {
		req, err = http.NewRequestWithContext(ctx, cl.method, u.String(), rdr)
	} else {
		req, err = http.NewRequestWithContext(ctx, cl.method, u.String(), nil)
	}
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", c.auth)
	req.Header.Set("User-Agent", c.ua)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

// decodeError turns a non-2xx response into an *Error.
func decodeError(method, path string, status int, body []byte) *Error {
	e := &Error{Status: status, Method: method, Path: path}
	if len(bytes.TrimSpace(body)) == 0 {
		return e
	}
	var eb errorBody
	if err := json.Unmarshal(body, &eb); err != nil {
		// Not JSON (proxies, gateways): keep a short excerpt for the caller.
		e.Message = excerpt(body, 200)
		return e
	}
	e.Description, e.Errors, e.Code, e.Message = eb.Description, eb.Errors, eb.Code, eb.Message
	return e
}

func excerpt(b []byte, n int) string {
	s := string(bytes.TrimSpace(b))
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
