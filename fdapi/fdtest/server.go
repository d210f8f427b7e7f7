// Package fdtest is a strict in-memory Freshdesk API v2 for tests and the
// demo mode: real JSON shapes, error bodies, credits, rate limits, paging and
// search, plus a request log and fault injection.
package fdtest

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options configures a Server.
type Options struct {
	APIKey    string           // accepted Basic-auth username; default "test-key"
	Plan      Plan             // rate-limit plan; default Enterprise
	RateLimit int              // overrides the plan's per-minute credits when > 0
	Now       func() time.Time // clock for the rate window and timestamps; default time.Now
	Demo      bool             // load the embedded demo helpdesk
	MeAgentID int64            // the agent the API key belongs to (default: demo's, or 1)
}

// Request is one entry of the request log.
type Request struct {
	Method    string
	Path      string // URL path, e.g. /api/v2/tickets/1
	Query     string // raw (encoded) query string
	Credits   int    // credits charged (X-RateLimit-Used-CurrentRequest; 0 for a 429)
	Status    int    // status sent (or that would have been sent, when Dropped)
	Dropped   bool   // the connection was closed without a response
	Faulted   bool   // a fault applied to this request
	RequestID string // the X-Request-Id sent
	// Body is the request body exactly as received (POST and PUT, up to
	// 20 MiB), so tests can compare what was sent byte for byte.
	Body string
}

// Server is the emulated Freshdesk account; it is an http.Handler for the
// /api/v2/ paths and safe for concurrent use.
type Server struct {
	opts   Options
	apiKey string
	now    func() time.Time

	mu sync.Mutex // guards st
	st *store

	lim    *limiter
	faults faultSet
	routes []*route
	seq    atomic.Int64

	logMu sync.Mutex
	log   []Request

	hooks webhooks // automation rules that trigger webhooks (webhooks.go)
}

// New returns a Server. With Options.Demo it loads the embedded demo helpdesk
// (and panics if that embedded data is broken, which tests catch).
func New(opts Options) *Server {
	if opts.APIKey == "" {
		opts.APIKey = "test-key"
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	limits := PlanLimits(opts.Plan)
	if opts.RateLimit > 0 {
		limits.PerMinute = opts.RateLimit
	}
	s := &Server{opts: opts, apiKey: opts.APIKey, now: opts.Now, st: newStore(), lim: &limiter{limits: limits}}
	s.routes = s.buildRoutes()
	if opts.Demo {
		if err := s.loadDemo(); err != nil {
			panic(fmt.Sprintf("fdtest: embedded demo data: %v", err))
		}
	} else {
		s.seedBaseline()
	}
	if opts.MeAgentID != 0 {
		s.st.meID = opts.MeAgentID
	}
	return s
}

// NewDemo returns a Server with the demo helpdesk and API key "demo".
func NewDemo() *Server { return New(Options{Demo: true, APIKey: "demo"}) }

// APIKey returns the key the server accepts.
func (s *Server) APIKey() string { return s.apiKey }

// ctx is the state of one request inside a handler.
type ctx struct {
	s      *Server
	r      *http.Request
	p      params
	body   *Obj
	ids    []int64
	bucket string
	extra  int // include credits
	header http.Header
}

// charge adds include credits to the request's cost.
func (c *ctx) charge(n int) { c.extra += n }

// id returns the i-th numeric path parameter.
func (c *ctx) id(i int) int64 { return c.ids[i] }

// ServeHTTP runs the request through Freshdesk's pipeline: rate limit,
// Accept/Content-Type/JSON checks, routing, auth, parameters, handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	reqID := fmt.Sprintf("fdtest-%08d", s.seq.Add(1))
	h := w.Header()
	h.Set("X-Request-Id", reqID)
	entry := Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, RequestID: reqID}
	if (r.Method == http.MethodPost || r.Method == http.MethodPut) && r.Body != nil {
		raw, err := io.ReadAll(io.LimitReader(r.Body, 20<<20))
		if err == nil {
			entry.Body = string(raw)
			r.Body = io.NopCloser(bytes.NewReader(raw))
		}
	}

	f := s.faults.take(r)
	entry.Faulted = f != nil
	if f != nil && f.Delay > 0 {
		if err := sleep(r.Context(), f.Delay); err != nil {
			entry.Dropped = true
			s.record(entry)
			return
		}
	}

	rt, method, ids := s.match(r)
	bucket := bucketNone
	if method != nil {
		bucket = method.bucket
	}
	if retry, ok := s.lim.admit(s.now(), bucket); !ok {
		h.Set("Retry-After", strconv.Itoa(retry))
		h.Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = io.WriteString(w, `{"message":"`+msgRateLimited+`"}`)
		entry.Status = http.StatusTooManyRequests
		s.record(entry)
		return
	}
	c := &ctx{s: s, r: r, p: parseParams(r.URL.RawQuery), ids: ids, bucket: bucket, header: http.Header{}}

	if f != nil && f.Status != 0 {
		s.writeFault(w, f, &entry)
		return
	}

	status, payload := s.process(c, rt, method)
	if c.extra > 0 {
		s.lim.charge(bucket, c.extra)
	}
	entry.Credits = 1 + c.extra
	entry.Status = status
	s.setRateHeaders(h, entry.Credits)
	for k, v := range c.header {
		h[k] = v
	}
	if f != nil && f.DelayAfterApply > 0 {
		if err := sleep(r.Context(), f.DelayAfterApply); err != nil {
			entry.Dropped = true
			s.record(entry)
			return
		}
	}
	if f != nil && f.DropAfterApply {
		entry.Dropped = true
		s.record(entry)
		dropConnection(w)
		return
	}
	if f != nil && f.MalformedJSON {
		payload = malformed(payload)
	}
	if status != http.StatusNoContent {
		h.Set("Content-Type", "application/json; charset=utf-8")
	}
	w.WriteHeader(status)
	if len(payload) > 0 {
		_, _ = w.Write(payload)
	}
	s.record(entry)
}

func (s *Server) setRateHeaders(h http.Header, used int) {
	total, remaining := s.lim.headers()
	h.Set("X-RateLimit-Total", total)
	h.Set("X-RateLimit-Remaining", remaining)
	h.Set("X-RateLimit-Used-CurrentRequest", strconv.Itoa(used))
	h.Set("X-Freshdesk-API-Version", "latest=v2; requested=v2")
}

func (s *Server) writeFault(w http.ResponseWriter, f *Fault, entry *Request) {
	h := w.Header()
	if f.Status != http.StatusTooManyRequests {
		s.setRateHeaders(h, 1)
		entry.Credits = 1
	}
	if f.RetryAfter > 0 {
		h.Set("Retry-After", strconv.Itoa(f.RetryAfter))
	}
	body := faultBody(f)
	if len(body) > 0 {
		h.Set("Content-Type", "application/json; charset=utf-8")
	}
	w.WriteHeader(f.Status)
	_, _ = w.Write(body)
	entry.Status = f.Status
	s.record(*entry)
}

// malformed cuts a JSON body so it no longer parses.
func malformed(b []byte) []byte {
	if len(b) < 2 {
		return []byte(`{"`)
	}
	return b[:len(b)/2]
}

// process runs the checks and the handler and returns status and body.
func (s *Server) process(c *ctx, rt *route, m *methodRoute) (status int, payload []byte) {
	defer func() {
		// A handler bug answers like Freshdesk's 500 instead of killing the connection.
		if v := recover(); v != nil {
			status, payload = http.StatusInternalServerError, []byte(`{"message":"`+msgServerError+`"}`)
		}
	}()
	status, body, err := s.dispatch(c, rt, m)
	if err != nil {
		status = err.status
		if err.body == nil {
			return status, nil
		}
		body = err.body
	}
	if body == nil {
		return status, nil
	}
	b, mErr := marshalNoEscape(body)
	if mErr != nil {
		return http.StatusInternalServerError, []byte(`{"message":"` + msgServerError + `"}`)
	}
	return status, b
}

func (s *Server) dispatch(c *ctx, rt *route, m *methodRoute) (int, any, *apiError) {
	r := c.r
	if acc := r.Header.Get("Accept"); acc != "" && !acceptsJSON(acc) {
		return 0, nil, requestError(http.StatusNotAcceptable, "invalid_accept_header", msgAccept)
	}
	if r.Method == http.MethodPost || r.Method == http.MethodPut {
		raw, err := io.ReadAll(io.LimitReader(r.Body, 20<<20))
		if err != nil {
			return 0, nil, requestError(http.StatusBadRequest, "invalid_json", msgInvalidJSON)
		}
		if len(bytes.TrimSpace(raw)) > 0 {
			mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if mt != "application/json" {
				return 0, nil, requestError(http.StatusUnsupportedMediaType, "invalid_content_type", msgContentType)
			}
			v, err := decodeJSON(raw)
			o, isObj := v.(*Obj)
			if err != nil || !isObj || o == nil {
				return 0, nil, requestError(http.StatusBadRequest, "invalid_json", msgInvalidJSON)
			}
			c.body = o
		} else {
			c.body = newObj()
		}
	}
	if rt == nil {
		return 0, nil, notFound()
	}
	if m == nil {
		return 0, nil, baseError(http.StatusMethodNotAllowed, fmt.Sprintf(
			"%s method is not allowed. It should be one of these method(s): %s", r.Method, strings.Join(rt.allowed(), ", ")))
	}
	if !s.authorized(r) {
		return 0, nil, errUnauthorized()
	}
	if err := c.p.allow(m.params...); err != nil {
		return 0, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return m.fn(c)
}

// acceptsJSON reports whether an Accept header allows a JSON response. Like
// Freshdesk, only application/json (with any parameters) and */* count;
// application/* does not (reference §1: 406 invalid_accept_header).
func acceptsJSON(accept string) bool {
	for _, part := range strings.Split(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		if mt == "application/json" || mt == "*/*" {
			return true
		}
	}
	return false
}

func (s *Server) record(e Request) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	s.log = append(s.log, e)
}

// Requests returns a copy of the request log.
func (s *Server) Requests() []Request {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	return append([]Request(nil), s.log...)
}

// ResetRequests clears the request log.
func (s *Server) ResetRequests() {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	s.log = nil
}
