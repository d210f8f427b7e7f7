package mcppolicy

import (
	"context"
	"fmt"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// Resources and prompts serve the same data as read tools, so they pass the
// same policy: the data's tool must be exposed to the caller (toolsets,
// --tools/--exclude-tools, header tightening) and every upstream call is
// checked against the caller's credit budget first and charged after.

// DataAllowed returns nil when the caller may see the data of read tool.
func (p *Policy) DataAllowed(ctx context.Context, tool string) error {
	t, ok := p.Catalogue.Tool(tool)
	if !ok || t.Write {
		return fmt.Errorf("%w: %s is not covered by the access policy", policy.ErrToolHidden, tool)
	}
	return p.RequestFilter(ctx).Check(t.Info())
}

// GuardData runs fn, which reads the data of read tool, under the policy:
// the tool must be exposed, estimate must fit the budget (checked before fn
// makes any upstream call; reserved atomically), and the reservation is
// settled to the credits fn actually spent.
func (p *Policy) GuardData(ctx context.Context, tool string, estimate int, fn func(context.Context) error) error {
	if err := p.DataAllowed(ctx, tool); err != nil {
		return fmt.Errorf("not read (no Freshdesk call was made): %w", err)
	}
	if p.Budget == nil {
		return fn(ctx)
	}
	caller := p.budgetCaller(ctx)
	resv, err := p.Budget.Reserve(ctx, caller, estimate)
	if err != nil {
		return fmt.Errorf("%s: %w", budgetText(err), err)
	}
	u := &fdapi.Usage{}
	defer func() {
		// Deferred so a panicking read still releases its estimate.
		if serr := resv.Settle(context.WithoutCancel(ctx), u.Credits()); serr != nil {
			p.logger().WarnContext(ctx, "settling the credit budget failed", "caller", caller, "error", serr)
		}
	}()
	return fn(fdapi.WithUsage(ctx, u))
}

// GuardResource is GuardData for a resource read: the resource's tool (from
// the Catalogue) must be exposed and its estimate must fit.
func (p *Policy) GuardResource(ctx context.Context, uri string, read func(context.Context) ([]mcp.ResourceContents, error)) ([]mcp.ResourceContents, error) {
	r, ok := p.Catalogue.resource(uri)
	switch {
	case !ok:
		return nil, fmt.Errorf("resource %s is not covered by the access policy; refused", uri)
	case r.Tool == "":
		return read(ctx)
	}
	est := 1
	if t, ok := p.Catalogue.Tool(r.Tool); ok {
		est = t.Estimate()
	}
	var out []mcp.ResourceContents
	err := p.GuardData(ctx, r.Tool, est, func(ctx context.Context) error {
		var err error
		out, err = read(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// resourceMiddleware applies the policy to every resources/read.
func (p *Policy) resourceMiddleware() server.ResourceHandlerMiddleware {
	return func(next server.ResourceHandlerFunc) server.ResourceHandlerFunc {
		return func(ctx context.Context, req mcp.ReadResourceRequest) ([]mcp.ResourceContents, error) {
			return p.GuardResource(ctx, req.Params.URI, func(ctx context.Context) ([]mcp.ResourceContents, error) {
				return next(ctx, req)
			})
		}
	}
}

// promptAllowed reports whether the caller may see any of a prompt's data.
func (p *Policy) promptAllowed(ctx context.Context, name string) bool {
	need, ok := p.Catalogue.prompt(name)
	if !ok {
		return false // unknown prompts fail closed
	}
	if _, scoped := RequesterFromContext(ctx); scoped && !need.Customer {
		return false
	}
	for _, t := range need.AnyOf {
		if p.DataAllowed(ctx, t) == nil {
			return true
		}
	}
	return false
}

// promptFilter hides (prompts/list) and refuses (prompts/get) prompts whose
// data the caller cannot see.
func (p *Policy) promptFilter() server.PromptFilterFunc {
	return func(ctx context.Context, list []mcp.Prompt) []mcp.Prompt {
		out := make([]mcp.Prompt, 0, len(list))
		for _, pr := range list {
			if p.promptAllowed(ctx, pr.Name) {
				out = append(out, pr)
			}
		}
		return out
	}
}

// promptMiddleware checks a prompt's whole estimate against the budget
// before it runs. Each of its reads goes through GuardData or a tool call,
// which checks again and charges what the read actually cost.
func (p *Policy) promptMiddleware() server.PromptHandlerMiddleware {
	return func(next server.PromptHandlerFunc) server.PromptHandlerFunc {
		return func(ctx context.Context, req mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
			need, ok := p.Catalogue.prompt(req.Params.Name)
			if !ok {
				return nil, fmt.Errorf("prompt %s is not covered by the access policy; refused", req.Params.Name)
			}
			if err := p.checkBudget(ctx, need.Credits); err != nil {
				return nil, err
			}
			return next(ctx, req)
		}
	}
}
