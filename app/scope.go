package app

import (
	"net/http"
	"strings"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
)

// requestRequester is the requester a request is scoped to: the token's own
// binding, or the requester header, which only a delegating token may send.
// status is non-zero (with msg) when the request must be refused.
func requestRequester(scope policy.TokenScope, header string) (r policy.Requester, status int, msg string) {
	if strings.TrimSpace(header) == "" {
		return scope.Requester, 0, ""
	}
	if !scope.Delegate {
		return r, http.StatusForbidden, "forbidden: only a delegating token may send " + policy.HeaderRequester
	}
	r, err := policy.ParseRequester(header)
	if err != nil {
		return r, http.StatusBadRequest, "bad request: " + policy.HeaderRequester + ": " + err.Error()
	}
	return r, 0, ""
}

// scopeFilter makes a customer-scoped request read-only and limited to
// tools.CustomerTools, and names the requester in the caller identity
// (budgets, audit, confirmations). Agent-level requests are unchanged.
func scopeFilter(f policy.Filter, caller string, r policy.Requester) (policy.Filter, string) {
	if r.IsZero() {
		return f, caller
	}
	f, _ = f.Tighten(policy.ModeReadOnly.String(), "") // a known mode: never fails
	return f.OnlyTools(tools.CustomerTools...), caller + "/requester:" + r.String()
}
