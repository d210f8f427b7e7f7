package tools

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
)

func TestPanicBecomesErrorResult(t *testing.T) {
	c, err := fdapi.New(fdapi.Config{Domain: "http://127.0.0.1:1", APIKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	b := newBuilder(Deps{Client: c})
	tl := newTool(b, decl{Name: "boom", Title: "Boom", Description: "panics"}, func(context.Context, noArgs) (*noArgs, error) {
		panic("kaboom")
	})
	res, err := tl.Handler(context.Background(), mcp.CallToolRequest{})
	if err != nil {
		t.Fatalf("panic became a protocol error: %v", err)
	}
	tc, _ := mcp.AsTextContent(res.Content[0])
	if !res.IsError || !strings.Contains(tc.Text, "kaboom") || res.Meta == nil || res.Meta.AdditionalFields["credits_used"] != 0 {
		t.Errorf("result %+v %q", res, tc.Text)
	}
}

func TestErrorText(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want []string
	}{
		{"rate limited", &fdapi.Error{Status: 429, RetryAfter: 42 * time.Second, Message: "You have exceeded the limit"}, []string{"rate limit", "Retry after 42s"}},
		{"outcome unknown", fmt.Errorf("reply: %w", fdapi.ErrOutcomeUnknown), []string{"may or may not", "before retrying"}},
		{"validation", &fdapi.Error{Status: 400, Description: "Validation failed", Errors: []fdapi.FieldError{{Field: "email", Message: "There is no contact matching the given email", Code: "invalid_value"}}}, []string{"Freshdesk rejected", "email", "no contact matching", "Fix the arguments"}},
		{"not found", &fdapi.Error{Status: 404, Method: "GET", Path: "/api/v2/tickets/9"}, []string{"Not found", "search_tickets"}},
		{"auth", &fdapi.Error{Status: 401, Code: "invalid_credentials"}, []string{"API key", "retrying will not help"}},
		{"server", &fdapi.Error{Status: 503}, []string{"Try again in a minute"}},
		{"timeout", fmt.Errorf("get: %w", context.DeadlineExceeded), []string{"did not answer in time"}},
		{"input", inputErrorf("ticket_id: required"), []string{"ticket_id: required"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := errorText(tc.err)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("errorText = %q, lacks %q", got, w)
				}
			}
		})
	}
}

func TestCursorRoundTrip(t *testing.T) {
	for _, c := range []threadCursor{{Ticket: 57, Next: 12}, {Ticket: 1, Next: 1, Char: 1999}} {
		got, err := decodeCursor(c.encode(), c.Ticket)
		if err != nil || got != c {
			t.Errorf("round trip %+v -> %+v, %v", c, got, err)
		}
	}
	for _, bad := range []string{"", "!!", "e30", "eyJ0IjoxLCJuIjowfQ"} { // {} and {"t":1,"n":0}
		if _, err := decodeCursor(bad, 1); err == nil {
			t.Errorf("cursor %q accepted", bad)
		}
	}
}
