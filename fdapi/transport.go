package fdapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync/atomic"
	"time"
)

// maxBody caps a response body; Freshdesk pages are far smaller.
const maxBody = 32 << 20

// Backoff for retried GETs: base * 2^attempt, capped, with jitter in [d/2, d).
const (
	backoffBase = 250 * time.Millisecond
	backoffCap  = 5 * time.Second
)

// attemptResult is what one HTTP attempt produced.
type attemptResult struct {
	status  int
	header  http.Header
	body    []byte
	sent    bool  // a connection was obtained, so the server may have received the request
	err     error // transport error (status == 0) or body read error (status > 0)
	credits int
}

// do runs one logical call: reserve check, concurrency cap, attempts, retries
// that never duplicate a write, and decoding of the body into out.
func (c *Client) do(ctx context.Context, cl call, out any) (result, error) {
	path := c.apiPath(cl.path)
	var body []byte
	if cl.body != nil {
		b, err := json.Marshal(cl.body)
		if err != nil {
			return result{}, &Error{Local: true, Method: cl.method, Path: path, Message: "request body could not be encoded", cause: err}
		}
		body = b
	}
	idempotent := cl.method == http.MethodGet || cl.method == http.MethodHead
	for attempt := 0; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return result{}, &Error{Method: cl.method, Path: path, Message: "not sent", cause: err}
		}
		ticket, shared, err := c.waitForReserve(ctx, cl.method, path, callCost(cl))
		if err != nil {
			return result{}, err
		}
		ar := c.attempt(ctx, cl, body)
		if shared {
			c.settleShared(ctx, ticket, callCost(cl), ar)
		}
		retry, wait, err := c.judge(ctx, cl, path, idempotent, attempt, ar, out)
		if !retry {
			if err != nil {
				return result{status: ar.status, header: ar.header}, c.scrub(err)
			}
			return result{status: ar.status, header: ar.header}, nil
		}
		c.logDebug(ctx, "freshdesk retry", "method", cl.method, "path", path, "status", ar.status, "attempt", attempt+1, "wait", wait.String())
		if serr := c.sleep(ctx, wait); serr != nil {
			return result{}, &Error{Method: cl.method, Path: path, Message: "cancelled while waiting to retry", cause: serr}
		}
	}
}

// judge decides what an attempt means: success, a retry after wait, or an error.
func (c *Client) judge(ctx context.Context, cl call, path string, idempotent bool, attempt int, ar attemptResult, out any) (retry bool, wait time.Duration, err error) {
	canRetry := attempt < c.maxRetries && !retriesOff(ctx)
	if ar.status == 0 {
		cause := c.redact(ar.err)
		if ctx.Err() != nil {
			e := &Error{Method: cl.method, Path: path, Message: "cancelled", cause: ctx.Err()}
			e.outcomeUnknown = !idempotent && ar.sent
			return false, 0, e
		}
		if idempotent || !ar.sent {
			if canRetry {
				return true, c.backoff(attempt), nil
			}
			msg := c.unreachable(cause)
			if !idempotent {
				msg = "not sent, so not applied and safe to retry: " + msg
			}
			return false, 0, &Error{Method: cl.method, Path: path, Message: msg, cause: cause}
		}
		return false, 0, &Error{Method: cl.method, Path: path, outcomeUnknown: true,
			Message: "the connection failed after the request was sent", cause: cause}
	}
	switch {
	case ar.status >= 200 && ar.status < 300:
		// A body that arrived whole but does not decode would decode no
		// better on a retry; a body cut short in transit might.
		badBody := false
		if ar.err == nil && out != nil && len(ar.body) > 0 {
			if derr := decodeBody(ar.body, out); derr != nil {
				ar.err = fmt.Errorf("decoding response: %w", derr)
				badBody = true
			}
		}
		if ar.err == nil {
			return false, 0, nil
		}
		if idempotent {
			if canRetry && !badBody {
				return true, c.backoff(attempt), nil
			}
			return false, 0, &Error{Status: ar.status, Method: cl.method, Path: path, Message: "the response could not be read", cause: c.redact(ar.err)}
		}
		return false, 0, &Error{Status: ar.status, Method: cl.method, Path: path, applied: true,
			Message: "Freshdesk applied the write but its response could not be read", cause: c.redact(ar.err)}
	case ar.status == http.StatusTooManyRequests:
		e := decodeError(cl.method, path, ar.status, ar.body)
		ra, ok := parseRetryAfter(ar.header.Get("Retry-After"), c.now())
		if !ok {
			ra = c.backoff(attempt)
		}
		e.RetryAfter = ra
		c.block(ctx, c.now().Add(ra))
		c.observeCooldown("429", ra)
		// A 429 means the call was not processed, so even writes may retry.
		if ra <= c.maxRetryWait && canRetry {
			return true, ra, nil
		}
		return false, 0, e
	case ar.status >= 500:
		e := decodeError(cl.method, path, ar.status, ar.body)
		if idempotent {
			if canRetry {
				return true, c.backoff(attempt), nil
			}
			return false, 0, e
		}
		e.outcomeUnknown = true
		return false, 0, e
	default:
		return false, 0, decodeError(cl.method, path, ar.status, ar.body)
	}
}

// attempt sends one HTTP request while holding a concurrency slot.
func (c *Client) attempt(ctx context.Context, cl call, body []byte) attemptResult {
	release, err := c.acquireSlot(ctx)
	if err != nil {
		return attemptResult{err: err}
	}
	defer release()
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	// sent turns true as soon as a connection is obtained: from then on the
	// server may receive the request. GotConn runs on this goroutine before
	// anything is written, unlike WroteRequest, which runs on the transport's
	// writer goroutine and may fire after Do has already returned. Only a
	// failure before a connection (dial, DNS, TLS) leaves it false.
	var sent atomic.Bool
	mark := func() { sent.Store(true) }
	trace := &httptrace.ClientTrace{
		GotConn:      func(httptrace.GotConnInfo) { mark() },
		WroteHeaders: mark,
		WroteRequest: func(httptrace.WroteRequestInfo) { mark() },
	}
	req, err := c.newRequest(httptrace.WithClientTrace(actx, trace), cl, body)
	if err != nil {
		return attemptResult{err: err}
	}
	start := c.now()
	resp, err := c.hc.Do(req)
	if err != nil {
		c.logDebug(ctx, "freshdesk request failed", "method", cl.method, "path", req.URL.Path, "sent", sent.Load(), "error", c.redact(err).Error())
		c.observeFailure(ctx, cl.method)
		return attemptResult{err: err, sent: sent.Load()}
	}
	defer resp.Body.Close()
	data, rerr := readBody(resp)
	credits := c.gov.observe(resp.Header, resp.StatusCode, c.now())
	chargeUsage(ctx, credits)
	c.observeResponse(cl.method, resp.StatusCode, credits)
	c.logDebug(ctx, "freshdesk request", "method", cl.method, "path", req.URL.Path, "status", resp.StatusCode,
		"credits", credits, "duration", c.now().Sub(start).String())
	return attemptResult{status: resp.StatusCode, header: resp.Header, body: data, sent: true, err: rerr, credits: credits}
}

// readBody reads at most maxBody bytes of resp's body. It sizes the buffer
// from Content-Length when the server sent one, so a large ticket is read
// with one allocation instead of io.ReadAll's repeated growing and copying.
func readBody(resp *http.Response) ([]byte, error) {
	r := io.LimitReader(resp.Body, maxBody+1)
	var data []byte
	var err error
	if n := resp.ContentLength; n > 0 && n <= maxBody {
		// +MinRead: ReadFrom grows unless that much room is left, even for EOF.
		buf := bytes.NewBuffer(make([]byte, 0, n+bytes.MinRead))
		_, err = buf.ReadFrom(r)
		data = buf.Bytes()
	} else {
		data, err = io.ReadAll(r)
	}
	if err == nil && len(data) > maxBody {
		err = fmt.Errorf("response body exceeds %d bytes", maxBody)
	}
	return data, err
}

// backoff returns the jittered wait before retry number attempt+1.
func (c *Client) backoff(attempt int) time.Duration {
	d := backoffBase << min(attempt, 10)
	if d > backoffCap || d <= 0 {
		d = backoffCap
	}
	half := d / 2
	return half + time.Duration(c.rand()*float64(half))
}

// redact removes the API key (and its Basic form) from an error's text.
func (c *Client) redact(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if c.key == "" || msg == c.scrubText(msg) {
		return err
	}
	msg = c.scrubText(msg)
	// Drop the chain: the wrapped errors still carry the key in their text.
	if errors.Is(err, context.DeadlineExceeded) {
		return redactedError{msg: msg, is: context.DeadlineExceeded}
	}
	if errors.Is(err, context.Canceled) {
		return redactedError{msg: msg, is: context.Canceled}
	}
	return redactedError{msg: msg}
}

// scrub removes the key from the server-provided texts of an *Error (a
// misbehaving proxy could echo the Authorization header).
func (c *Client) scrub(err error) error {
	e, ok := err.(*Error)
	if !ok {
		return err
	}
	e.Message, e.Description, e.Code = c.scrubText(e.Message), c.scrubText(e.Description), c.scrubText(e.Code)
	for i := range e.Errors {
		fe := &e.Errors[i]
		fe.Field, fe.Message, fe.Code, fe.NestedField = c.scrubText(fe.Field), c.scrubText(fe.Message), c.scrubText(fe.Code), c.scrubText(fe.NestedField)
	}
	e.cause = c.redact(e.cause)
	return e
}

func (c *Client) scrubText(s string) string {
	if c.key == "" || s == "" {
		return s
	}
	s = strings.ReplaceAll(s, c.auth, "Basic [REDACTED]")
	s = strings.ReplaceAll(s, strings.TrimPrefix(c.auth, "Basic "), "[REDACTED]")
	return strings.ReplaceAll(s, c.key, "[REDACTED]")
}

type redactedError struct {
	msg string
	is  error
}

func (r redactedError) Error() string        { return r.msg }
func (r redactedError) Is(target error) bool { return r.is != nil && target == r.is }
