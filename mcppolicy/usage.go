package mcppolicy

import (
	"context"
	"fmt"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// UsageURI is the resource with the calling caller's credit usage (never
// another caller's: identities and other helpdesks stay private).
const UsageURI = "freshdesk://usage"

// usageOut is the content of freshdesk://usage.
type usageOut struct {
	You    string `json:"you"`
	Budget string `json:"budget" jsonschema_description:"Credits per window per caller, or unlimited."`
	// Callers holds only the calling caller's own entry (its budget key).
	Callers []policy.CallerUsage `json:"callers"`
	Account *accountOut          `json:"account,omitempty"`
	Note    string               `json:"note"`
}

type accountOut struct {
	PerMinute int    `json:"per_minute"`
	Remaining int    `json:"remaining"`
	At        string `json:"at"`
}

func (p *Policy) registerUsageResource(s *server.MCPServer, client *fdapi.Client) {
	s.AddResource(mcp.NewResource(UsageURI, "usage",
		mcp.WithResourceDescription("Your Freshdesk API credits used in the current budget window, the budget, and the account's per-minute rate limit as last reported. Free (no Freshdesk call)."),
		mcp.WithMIMEType("application/json")),
		func(ctx context.Context, req mcp.ReadResourceRequest) ([]mcp.ResourceContents, error) {
			out, err := p.usage(ctx, client)
			if err != nil {
				return nil, err
			}
			b, err := JSON(out)
			if err != nil {
				return nil, err
			}
			return []mcp.ResourceContents{mcp.TextResourceContents{URI: UsageURI, MIMEType: "application/json", Text: string(b)}}, nil
		})
}

func (p *Policy) usage(ctx context.Context, client *fdapi.Client) (*usageOut, error) {
	out := &usageOut{You: p.Caller(ctx), Budget: "unlimited", Callers: []policy.CallerUsage{},
		Note: "Only your own usage is shown. Your budget window starts at your first charged call; used credits reset at resets."}
	if p.Budget != nil {
		out.Budget = p.Budget.Limit().String()
		u, err := p.Budget.Status(ctx, p.budgetCaller(ctx))
		if err != nil {
			return nil, fmt.Errorf("credit usage: %w", err)
		}
		out.Callers = []policy.CallerUsage{u}
	}
	if client != nil {
		if rl := client.RateLimit(); rl.Known {
			out.Account = &accountOut{PerMinute: rl.Total, Remaining: rl.Remaining, At: rl.At.UTC().Format(time.RFC3339)}
		}
	}
	return out, nil
}
