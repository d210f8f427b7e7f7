package tools_test

import (
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
)

func TestArgumentBinding(t *testing.T) {
	e := newEnv(t, envOpts{})
	tests := []struct {
		name string
		args map[string]any
		want []string
	}{
		{"unknown argument lists valid names", map[string]any{"ticket_id": 1, "id": 2}, []string{`unknown argument(s) "id"`, "ticket_id (required)", "max_chars", "cursor"}},
		{"type error explained", map[string]any{"ticket_id": "abc"}, []string{"ticket_id", "must be an integer", `"abc"`}},
		{"missing required", map[string]any{}, []string{"ticket_id: required"}},
		{"below minimum", map[string]any{"ticket_id": 0}, []string{"from 1 to 9007199254740991, got 0"}},
		{"cap out of range", map[string]any{"ticket_id": 1, "max_chars": 10}, []string{"max_chars", "from 2000 to 100000, got 10"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := e.fail("get_ticket", tc.args)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("error %q lacks %q", got, w)
				}
			}
		})
	}
	var r ticketResult
	e.ok("get_ticket", map[string]any{"ticket_id": 2.0, "max_chars": 30000}, &r)
	if r.Ticket == nil || r.Ticket.ID != 2 {
		t.Errorf("a whole number written 2.0 is an integer: %+v", r.Ticket)
	}
	if got := e.fail("get_ticket", map[string]any{"ticket_id": 999999}); !strings.Contains(got, "Not found") {
		t.Errorf("unknown ticket: %q", got)
	}
}

// TestUpstreamErrorsAreToolResults: Freshdesk failures reach the model as
// IsError results with what to do next, never as protocol errors.
func TestUpstreamErrorsAreToolResults(t *testing.T) {
	e := newEnv(t, envOpts{})
	e.ok("get_ticket_fields", nil, nil) // warm the names
	e.fd.AddFault(fdtest.Fault{PathPrefix: "/api/v2/tickets/57", Status: 429, RetryAfter: 60})
	if got := e.fail("get_ticket", map[string]any{"ticket_id": 57}); !strings.Contains(got, "rate limit") || !strings.Contains(got, "Retry after 1m0s") {
		t.Errorf("429: %q", got)
	}
	// fdapi remembers the Retry-After, so a second account is used for the 500.
	e2 := newEnv(t, envOpts{})
	e2.ok("get_ticket_fields", nil, nil)
	e2.fd.AddFault(fdtest.Fault{PathPrefix: "/api/v2/tickets/57", Status: 500, Count: 10})
	if got := e2.fail("get_ticket", map[string]any{"ticket_id": 57}); !strings.Contains(got, "Try again") {
		t.Errorf("500: %q", got)
	}
}
