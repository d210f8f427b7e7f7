package app

import (
	"net/http"
	"strings"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
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
