package mcppolicy

import (
	"context"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

type ctxKey int

const (
	callerKey ctxKey = iota
	filterKey
	budgetKey
)

// WithCaller returns ctx carrying the identity of the caller (HTTP: the
// bearer-token name, the hash of caller-supplied credentials, or both as
// "token:alice/key:<hash>"). It names the caller in the audit log and binds
// confirmation tokens; it also keys the credit budget unless WithBudgetKey
// sets another key.
func WithCaller(ctx context.Context, caller string) context.Context {
	return context.WithValue(ctx, callerKey, caller)
}

// CallerFromContext returns the caller set by WithCaller.
func CallerFromContext(ctx context.Context) (string, bool) {
	c, ok := ctx.Value(callerKey).(string)
	return c, ok && c != ""
}

// WithBudgetKey returns ctx whose credit budget is keyed by key instead of
// the caller identity: callers that bring their own Freshdesk credentials
// are budgeted per account (the credentials hash), whoever they are, so the
// account's credits are protected.
func WithBudgetKey(ctx context.Context, key string) context.Context {
	return context.WithValue(ctx, budgetKey, key)
}

// BudgetKeyFromContext returns the key set by WithBudgetKey.
func BudgetKeyFromContext(ctx context.Context) (string, bool) {
	k, ok := ctx.Value(budgetKey).(string)
	return k, ok && k != ""
}

// WithFilter returns ctx carrying a per-request filter (tightened by HTTP
// headers). It replaces the server-wide filter for that request, so build it
// with Filter.Tighten from the server-wide one: it can only be stricter.
func WithFilter(ctx context.Context, f policy.Filter) context.Context {
	return context.WithValue(ctx, filterKey, f)
}

// FilterFromContext returns the filter set by WithFilter.
func FilterFromContext(ctx context.Context) (policy.Filter, bool) {
	f, ok := ctx.Value(filterKey).(policy.Filter)
	return f, ok
}

type requesterKey struct{}

// WithRequester returns ctx of a customer-scoped caller bound to requester
// r: tools show only r's tickets and their public conversations (package
// tools, scope.go).
func WithRequester(ctx context.Context, r policy.Requester) context.Context {
	return context.WithValue(ctx, requesterKey{}, r)
}

// RequesterFromContext returns the requester set by WithRequester; ok is
// false for agent-level callers.
func RequesterFromContext(ctx context.Context) (policy.Requester, bool) {
	r, ok := ctx.Value(requesterKey{}).(policy.Requester)
	return r, ok && !r.IsZero()
}
