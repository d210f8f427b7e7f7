package mcppolicy

import (
	"context"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
)

// Install adds the policy to s: a tool filter over p.Catalogue (tools/list
// and tools/call; a request's filter from WithFilter replaces the
// server-wide one; tools not in the catalogue are hidden), the same filter
// and the credit budget for resources/read and prompts (a prompt is hidden
// when its data's tools are), and the freshdesk://usage resource of client.
// Tool calls are budgeted by the tools themselves (BeginCall), after their
// arguments are validated.
func (p *Policy) Install(s *server.MCPServer, client *fdapi.Client) {
	server.WithToolFilter(func(ctx context.Context, list []mcp.Tool) []mcp.Tool {
		f := p.RequestFilter(ctx)
		out := make([]mcp.Tool, 0, len(list))
		for _, t := range list {
			facts, ok := p.Catalogue.Tool(t.Name)
			if ok && f.Exposed(facts.Info()) { // unknown tools fail closed
				out = append(out, t)
			}
		}
		return out
	})(s)
	// Resources and prompts serve the same data: same filter, same budget.
	server.WithResourceHandlerMiddleware(p.resourceMiddleware())(s)
	server.WithPromptFilter(p.promptFilter())(s)
	server.WithPromptHandlerMiddleware(p.promptMiddleware())(s)
	p.registerUsageResource(s, client)
}
