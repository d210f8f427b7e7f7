package tools

import (
	"context"
	"sync"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// gatherShare is the part of the progress scale the Freshdesk reads take;
// the model call gets the rest.
const gatherShare = 0.2

// progressTotal is the total of every progress notification.
const progressTotal = 100.0

type toolRequestKey struct{}

// withToolRequest keeps the raw request in ctx for the parts of a typed
// handler that need it (the progress token, the write path).
func withToolRequest(ctx context.Context, req mcp.CallToolRequest) context.Context {
	return context.WithValue(ctx, toolRequestKey{}, req)
}

func toolRequest(ctx context.Context) (mcp.CallToolRequest, bool) {
	req, ok := ctx.Value(toolRequestKey{}).(mcp.CallToolRequest)
	return req, ok
}

// progress sends notifications/progress for one call when the client sent a
// progress token; otherwise it does nothing. The progress never decreases.
type progress struct {
	ctx   context.Context
	srv   *server.MCPServer
	token mcp.ProgressToken
	mu    sync.Mutex
	last  float64
}

func newProgress(ctx context.Context) *progress {
	p := &progress{ctx: ctx}
	req, ok := toolRequest(ctx)
	if !ok || req.Params.Meta == nil || req.Params.Meta.ProgressToken == nil {
		return p
	}
	p.srv = server.ServerFromContext(ctx)
	p.token = req.Params.Meta.ProgressToken
	return p
}

// report sends fraction (0..1) of the whole call with message.
func (p *progress) report(message string, fraction float64) {
	if p == nil || p.srv == nil {
		return
	}
	v := min(max(fraction, 0), 1) * progressTotal
	p.mu.Lock()
	defer p.mu.Unlock()
	if v < p.last {
		v = p.last
	}
	p.last = v
	// A failed notification must not fail the draft: progress is advisory.
	_ = p.srv.SendNotificationToClient(p.ctx, "notifications/progress", map[string]any{
		"progressToken": p.token,
		"progress":      v,
		"total":         progressTotal,
		"message":       message,
	})
}

// drafterStep maps the drafter's own 0..1 progress onto the model's share.
func (p *progress) drafterStep(step string, fraction float64) {
	p.report(step, gatherShare+(1-gatherShare)*fraction)
}
