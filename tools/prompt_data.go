package tools

import (
	"context"
	"errors"
	"fmt"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/draft"
)

// Gateway is how prompts read Freshdesk data: through the same policy as
// tools and resources (tool filter and credit budget, when deps.Policy is
// set; see mcppolicy) and one builder, so every read shares the same
// caches. Build one per registration, not per call.
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
	return g.deps.Policy.GuardResource(ctx, uri, read)
}

// CallTool runs read tool name (list_tickets or search_tickets) as a
// tools/call would: refused when hidden from the caller, then the tool's
// own handler (arguments, budget checked before and charged after). A
// refusal or a failed call is an IsError result.
func (g *Gateway) CallTool(ctx context.Context, name string, args map[string]any) (*mcp.CallToolResult, error) {
	t, ok := g.tools[name]
	if !ok {
		return nil, fmt.Errorf("tool %s is not available to prompts", name)
	}
	if p := g.deps.Policy; p != nil {
		if err := p.DataAllowed(ctx, name); err != nil {
			return mcp.NewToolResultError(err.Error() + " Not run (no Freshdesk call was made)."), nil
		}
	}
	return t.Handler(ctx, mcp.CallToolRequest{Params: mcp.CallToolParams{Name: name, Arguments: args}})
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
	r.PastAnswers = g.deps.DraftPastAnswers
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
		r.NoKnowledge = p.DataAllowed(ctx, "get_solution_article") != nil
		// Past answers cost up to draftExampleCredits more: reserved up
		// front, as the tool does, so the budget is not overspent.
		estimate := draftReplyCredits
		if r.PastAnswers && !r.NoKnowledge {
			estimate += draftExampleCredits
		}
		err = p.GuardData(ctx, "get_ticket", estimate, gather)
	} else {
		err = gather(ctx)
	}
	if err != nil {
		return nil, err
	}
	return pack, nil
}
