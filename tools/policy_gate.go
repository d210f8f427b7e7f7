package tools

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/freshdesk-mcp/freshdesk-mcp/draft"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// Resources and prompts serve the same data as read tools, so they pass the
// same policy: the data's tool must be exposed to the caller (toolsets,
// --tools/--exclude-tools, header tightening) and every upstream call is
// checked against the caller's credit budget first and charged after.

// dataToolsets maps the read tools whose data resources and prompts serve to
// their toolsets (TestDataToolsetsMatchCatalog keeps it in step).
var dataToolsets = map[string]string{
	"get_ticket":           ToolsetTickets,
	"list_tickets":         ToolsetTickets,
	"search_tickets":       ToolsetTickets,
	"get_solution_article": ToolsetKnowledge,
	"get_ticket_fields":    ToolsetLookups,
	"list_agents":          ToolsetLookups,
	"list_groups":          ToolsetLookups,
}

// resourceTool returns the read tool whose data uri serves and the credit
// estimate of a read. tool is "" for resources that never call Freshdesk;
// ok is false for a URI the policy does not know (refused: fail closed).
func resourceTool(uri string) (tool string, estimate int, ok bool) {
	switch {
	case strings.HasPrefix(uri, TicketURIPrefix):
		return "get_ticket", EstimatedCredits("get_ticket"), true
	case strings.HasPrefix(uri, ArticleURIPrefix):
		return "get_solution_article", 1, true
	case uri == TicketFieldsURI:
		return "get_ticket_fields", 1, true
	case uri == AgentsURI:
		return "list_agents", 1, true
	case uri == GroupsURI:
		return "list_groups", 1, true
	case uri == UsageURI:
		return "", 0, true
	}
	return "", 0, false
}

// promptNeed is what a prompt reads: it is available when any of the tools
// is exposed; estimate is checked against the budget before it runs.
type promptNeed struct {
	anyOf    []string
	estimate int
}

var promptNeeds = map[string]promptNeed{
	"summarize_ticket": {anyOf: []string{"get_ticket"}, estimate: 4},
	"draft_reply":      {anyOf: []string{"get_ticket"}, estimate: 6},
	"triage_queue":     {anyOf: []string{"list_tickets", "search_tickets"}, estimate: 3},
}

// dataAllowed returns nil when the caller may see the data of read tool.
func (p *Policy) dataAllowed(ctx context.Context, tool string) error {
	set, ok := dataToolsets[tool]
	if !ok {
		return fmt.Errorf("%w: %s is not covered by the access policy", policy.ErrToolHidden, tool)
	}
	return p.filter(ctx).Check(policy.ToolInfo{Name: tool, Toolset: set})
}

// checkBudget refuses when estimate credits would exceed the caller's budget.
func (p *Policy) checkBudget(ctx context.Context, estimate int) error {
	if p.Budget == nil {
		return nil
	}
	if err := p.Budget.Check(ctx, p.budgetCaller(ctx), estimate); err != nil {
		return fmt.Errorf("%s: %w", budgetText(err), err)
	}
	return nil
}

// guardData runs fn, which reads the data of read tool, under the policy:
// the tool must be exposed, estimate must fit the budget (checked before fn
// makes any upstream call; reserved atomically), and the reservation is
// settled to the credits fn actually spent.
func (p *Policy) guardData(ctx context.Context, tool string, estimate int, fn func(context.Context) error) error {
	if err := p.dataAllowed(ctx, tool); err != nil {
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

// guardResource is guardData for a resource read.
func (p *Policy) guardResource(ctx context.Context, uri string, read func(context.Context) ([]mcp.ResourceContents, error)) ([]mcp.ResourceContents, error) {
	tool, est, ok := resourceTool(uri)
	switch {
	case !ok:
		return nil, fmt.Errorf("resource %s is not covered by the access policy; refused", uri)
	case tool == "":
		return read(ctx)
	}
	var out []mcp.ResourceContents
	err := p.guardData(ctx, tool, est, func(ctx context.Context) error {
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
			return p.guardResource(ctx, req.Params.URI, func(ctx context.Context) ([]mcp.ResourceContents, error) {
				return next(ctx, req)
			})
		}
	}
}

// promptAllowed reports whether the caller may see any of a prompt's data.
func (p *Policy) promptAllowed(ctx context.Context, name string) bool {
	need, ok := promptNeeds[name]
	if !ok {
		return false // unknown prompts fail closed
	}
	for _, t := range need.anyOf {
		if p.dataAllowed(ctx, t) == nil {
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
// before it runs. Each of its reads goes through a Gateway, which checks
// again and charges what the read actually cost.
func (p *Policy) promptMiddleware() server.PromptHandlerMiddleware {
	return func(next server.PromptHandlerFunc) server.PromptHandlerFunc {
		return func(ctx context.Context, req mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
			need, ok := promptNeeds[req.Params.Name]
			if !ok {
				return nil, fmt.Errorf("prompt %s is not covered by the access policy; refused", req.Params.Name)
			}
			if err := p.checkBudget(ctx, need.estimate); err != nil {
				return nil, err
			}
			return next(ctx, req)
		}
	}
}

// Gateway is how prompts read Freshdesk data: through the same policy as
// tools and resources (tool filter and credit budget, when deps.Policy is
// set) and one builder, so every read shares the same caches. Build one per
// registration, not per call.
type Gateway struct {
	deps  Deps
	b     *builder
	tools map[string]Tool
}

// NewGateway returns a Gateway over deps (using deps.Shared's caches).
func NewGateway(deps Deps) *Gateway {
	b := newBuilder(deps)
	g := &Gateway{deps: b.deps, b: b, tools: map[string]Tool{}}
	for _, t := range []Tool{b.listTicketsTool(), b.searchTicketsTool()} {
		g.tools[t.Def.Name] = t
	}
	return g
}

// ReadResource returns the contents of a freshdesk:// resource, refused when
// its data's toolset is hidden from the caller or the budget is spent.
func (g *Gateway) ReadResource(ctx context.Context, uri string) ([]mcp.ResourceContents, error) {
	read := func(ctx context.Context) ([]mcp.ResourceContents, error) { return g.b.readResource(ctx, uri) }
	if g.deps.Policy == nil {
		return read(ctx)
	}
	return g.deps.Policy.guardResource(ctx, uri, read)
}

// CallTool runs read tool name (list_tickets or search_tickets) as a tools/call
// would: refused when hidden from the caller, budget checked before and
// charged after. A refusal or a failed call is an IsError result.
func (g *Gateway) CallTool(ctx context.Context, name string, args map[string]any) (*mcp.CallToolResult, error) {
	t, ok := g.tools[name]
	if !ok {
		return nil, fmt.Errorf("tool %s is not available to prompts", name)
	}
	req := mcp.CallToolRequest{Params: mcp.CallToolParams{Name: name, Arguments: args}}
	p := g.deps.Policy
	if p == nil {
		return t.Handler(ctx, req)
	}
	if err := p.dataAllowed(ctx, name); err != nil {
		return mcp.NewToolResultError(err.Error() + " Not run (no Freshdesk call was made)."), nil
	}
	return p.budgetMiddleware(g.deps, nil)(t.Handler)(ctx, req)
}

// DraftGrounding gathers the grounding pack of a draft for ticket exactly as
// the draft_reply tool does without a model, under the policy of get_ticket;
// knowledge-base articles and canned responses only when the knowledge
// toolset is visible to the caller (otherwise the pack says they were left
// out). instructions, tone and language may be empty.
func (g *Gateway) DraftGrounding(ctx context.Context, ticket int64, instructions, tone, language string) (*draft.GroundingPack, error) {
	if g.deps.Client == nil {
		return nil, errors.New("freshdesk-mcp has no Freshdesk client configured; set FRESHDESK_DOMAIN and FRESHDESK_API_KEY or run with --demo")
	}
	r, err := newDraftRequest(ticket, instructions, tone, language)
	if err != nil {
		return nil, err
	}
	var pack *draft.GroundingPack
	gather := func(ctx context.Context) error {
		gr, err := g.b.gatherGrounding(ctx, r)
		if err != nil {
			return errors.New(errorText(err))
		}
		pack = draft.Fallback(gr.pack)
		if r.NoKnowledge {
			// Server-authored, after the pack's fences: say why the pack has
			// no articles, so the assistant does not claim there are none.
			pack.Pack += "\n\n" + noKnowledgeNote
		}
		return nil
	}
	if p := g.deps.Policy; p != nil {
		r.NoKnowledge = p.dataAllowed(ctx, "get_solution_article") != nil
		err = p.guardData(ctx, "get_ticket", EstimatedCredits("draft_reply"), gather)
	} else {
		err = gather(ctx)
	}
	if err != nil {
		return nil, err
	}
	return pack, nil
}
