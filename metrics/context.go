package metrics

import "context"

type ctxKey struct{}

// NewContext returns ctx carrying m, so code that only has a request's
// context (tool handlers, policy checks) can count into the server's
// metrics without a new dependency.
func NewContext(ctx context.Context, m *Metrics) context.Context {
	if m == nil {
		return ctx
	}
	return context.WithValue(ctx, ctxKey{}, m)
}

// FromContext returns the Metrics in ctx, or nil (which records nothing).
func FromContext(ctx context.Context) *Metrics {
	m, _ := ctx.Value(ctxKey{}).(*Metrics)
	return m
}
