package fdapi

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// ErrOutcomeUnknown matches (errors.Is) a write whose request reached Freshdesk
// but whose result is unknown (5xx, dropped connection, timeout): it may have
// been applied. Check the ticket (e.g. list its conversations) before retrying.
var ErrOutcomeUnknown = errors.New("outcome unknown: the write may have been applied; check the ticket (e.g. list its conversations) before retrying")

// ErrWriteApplied matches (errors.Is) a write that Freshdesk applied (it
// answered 2xx) but whose response could not be read: a malformed, cut-off or
// unreadable body, or a timeout while reading it. Do not retry: the write
// happened. The id of what was created is unknown.
var ErrWriteApplied = errors.New("write applied: Freshdesk applied the write but its response could not be read; do not retry; the id is unknown")

// ErrRateLimited matches (errors.Is) an *Error with Status 429 or a call refused
// locally because the rate-limit reserve is exhausted. RetryAfter says when to retry.
var ErrRateLimited = errors.New("rate limited")

// FieldError is one entry of a Freshdesk validation error body.
type FieldError struct {
	Field       string `json:"field"`
	Message     string `json:"message"`
	Code        string `json:"code"`
	NestedField string `json:"nested_field,omitempty"`
}

// Error is the single error type for failed Freshdesk calls. It covers the
// three body formats (validation, {code,message}, {message}), the empty 404,
// 429, transport failures (Status 0) and requests refused locally (Local).
type Error struct {
	Status      int           // HTTP status; 0 when no response was received or the call was refused locally
	Code        string        // Freshdesk's code, e.g. "invalid_credentials"
	Message     string        // Freshdesk's message, or our description for transport/local errors
	Description string        // e.g. "Validation failed"
	Errors      []FieldError  // field errors of a validation body
	RetryAfter  time.Duration // for rate limiting: when to retry
	Method      string        // HTTP method of the call
	Path        string        // URL path of the call (never contains credentials)
	Local       bool          // refused before sending: no credit was spent

	outcomeUnknown bool  // a write reached the server but its result is unknown
	reserve        bool  // refused by the local rate-limit reserve
	applied        bool  // a write succeeded but its response could not be read
	cause          error // underlying transport/decoding error (already redacted)
}

// Error returns what a caller (often a model) needs to fix the call: the
// status, Freshdesk's description/message and each field error. It never
// contains the API key.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("freshdesk: ")
	if e.Method != "" || e.Path != "" {
		b.WriteString(e.Method)
		b.WriteByte(' ')
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	switch {
	case e.Local:
		b.WriteString("rejected locally, no request sent and no credit used")
	case e.Status > 0:
		fmt.Fprintf(&b, "HTTP %d %s", e.Status, http.StatusText(e.Status))
	case e.applied:
		b.WriteString("the write was applied")
	case e.outcomeUnknown:
		b.WriteString("no response")
	case e.reserve:
		b.WriteString("not sent")
	default:
		b.WriteString("request failed")
	}
	parts := make([]string, 0, 3)
	if e.Description != "" {
		parts = append(parts, e.Description)
	}
	if e.Code != "" && e.Message != "" {
		parts = append(parts, e.Code+": "+e.Message)
	} else if e.Message != "" {
		parts = append(parts, e.Message)
	} else if e.Code != "" {
		parts = append(parts, e.Code)
	}
	if e.Status == http.StatusNotFound && len(parts) == 0 {
		parts = append(parts, "not found (unknown id, path or domain)")
	}
	if len(parts) > 0 {
		b.WriteString(": ")
		b.WriteString(strings.Join(parts, ": "))
	}
	for _, fe := range e.Errors {
		b.WriteString("; ")
		if fe.Field != "" {
			b.WriteString("field ")
			b.WriteString(fe.Field)
		} else {
			b.WriteString("error")
		}
		if fe.NestedField != "" {
			b.WriteString(" (nested_field ")
			b.WriteString(fe.NestedField)
			b.WriteByte(')')
		}
		b.WriteString(": ")
		b.WriteString(fe.Message)
		if fe.Code != "" {
			b.WriteString(" [code ")
			b.WriteString(fe.Code)
			b.WriteByte(']')
		}
	}
	if e.cause != nil {
		b.WriteString(": ")
		b.WriteString(causeText(e.cause))
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, "; retry after %s", e.RetryAfter.Round(time.Second))
	}
	if e.outcomeUnknown {
		b.WriteString("; OUTCOME UNKNOWN: the request reached Freshdesk and may have been applied; check the ticket (e.g. list its conversations) before retrying")
	}
	if e.applied {
		b.WriteString("; do not retry: Freshdesk applied the write")
	}
	return b.String()
}

// Unwrap returns the underlying cause (transport, context or decoding error).
func (e *Error) Unwrap() error { return e.cause }

// Is reports whether e matches ErrRateLimited, ErrOutcomeUnknown or ErrWriteApplied.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrRateLimited:
		return e.Status == http.StatusTooManyRequests || e.reserve
	case ErrOutcomeUnknown:
		return e.outcomeUnknown
	case ErrWriteApplied:
		return e.applied
	}
	return false
}

// IsNotFound reports whether err is a Freshdesk 404.
func IsNotFound(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Status == http.StatusNotFound
}

// errorBody is the union of Freshdesk's three error body formats.
type errorBody struct {
	Description string       `json:"description"`
	Errors      []FieldError `json:"errors"`
	Code        string       `json:"code"`
	Message     string       `json:"message"`
}

// localError builds an *Error for a call refused before sending.
func localError(method, path string, errs ...FieldError) *Error {
	return &Error{Local: true, Method: method, Path: path, Description: "Validation failed", Errors: errs}
}
