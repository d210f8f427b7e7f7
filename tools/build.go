package tools

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/invopop/jsonschema"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// builder creates tools that share one reflector and the dependencies.
type builder struct {
	deps      Deps
	reflector *jsonschema.Reflector
	canned    *cannedCache
	// bodies caches shaped message bodies for every tool of this builder.
	bodies *bodyCache
}

func newBuilder(deps Deps) *builder {
	if deps.MaxChars <= 0 {
		deps.MaxChars = DefaultMaxChars
	}
	deps.MaxChars = min(max(deps.MaxChars, MinMaxChars), MaxMaxChars)
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	sh := deps.Shared
	if sh == nil {
		sh = NewShared()
	}
	return &builder{deps: deps, reflector: newReflector(), canned: sh.canned, bodies: sh.bodies}
}

// decl is the declaration of one tool: everything the catalogue, the
// annotations and the policy know about it, in one place.
type decl struct {
	Name        string
	Title       string
	Description string
	Toolset     Toolset
	Access      Access
	// Idempotent and Destructive only matter for writes; reads are idempotent
	// and non-destructive by definition.
	Idempotent  bool
	Destructive bool
	// Credits is what one call is expected to cost at most in the common
	// case (checked against the caller's budget before any upstream call;
	// the actual cost is charged afterwards). 0 means 1.
	Credits int
	// Kinds are the write kinds a write tool can make; the filter hides a
	// tool every kind of which the mode refuses.
	Kinds []policy.WriteKind
	// Hints replaces the annotations derived from Access when set.
	Hints *mcp.ToolAnnotation
}

// annotations are d's four hints; every tool talks to Freshdesk (open world).
func (d decl) annotations() mcp.ToolAnnotation {
	if d.Hints != nil {
		h := *d.Hints
		h.Title = d.Title
		return h
	}
	readOnly := d.Access == Read
	return mcp.ToolAnnotation{
		Title:           d.Title,
		ReadOnlyHint:    mcp.ToBoolPtr(readOnly),
		DestructiveHint: mcp.ToBoolPtr(!readOnly && d.Destructive),
		IdempotentHint:  mcp.ToBoolPtr(readOnly || d.Idempotent),
		OpenWorldHint:   mcp.ToBoolPtr(true),
	}
}

// callFunc is the body of a tool, called with bound, valid arguments.
type callFunc[In any] func(ctx context.Context, req mcp.CallToolRequest, in *In) *mcp.CallToolResult

// handlerFunc is the typed body of a read tool.
type handlerFunc[In, Out any] func(ctx context.Context, in In) (*Out, error)

// newTool builds a read tool from a typed handler: its result is Out as
// structuredContent, with an output schema.
func newTool[In, Out any](b *builder, d decl, fn handlerFunc[In, Out]) Tool {
	return build(b, d, new(Out), nil, reads(fn))
}

// reads adapts a typed handler: an error becomes an IsError result the
// model can act on.
func reads[In, Out any](fn handlerFunc[In, Out]) callFunc[In] {
	return func(ctx context.Context, _ mcp.CallToolRequest, in *In) *mcp.CallToolResult {
		o, err := fn(ctx, *in)
		if err != nil {
			return mcp.NewToolResultError(errorText(err))
		}
		return mcppolicy.Result(o)
	}
}

// build is the one way to make a tool: reflected strict input schema (and
// output schema when out is non-nil), all four annotation hints, and a
// handler that runs, in this order, strict argument binding and validation,
// the missing-policy and missing-client checks, the credit budget
// (mcppolicy.BeginCall; intent says whether the call writes, for the audit
// of a refusal), then call; with a recover and _meta on every result. It
// panics on a schema that cannot be generated: that is a programming error
// caught by every test run.
func build[In any](b *builder, d decl, out any, intent func(*In) mcppolicy.WriteIntent, call callFunc[In]) Tool {
	var in In
	inSchema, err := reflectInput(b.reflector, &in)
	if err != nil {
		panic(err)
	}
	spec, err := parseArgSpec(inSchema)
	if err != nil {
		panic(fmt.Sprintf("tool %s: %v", d.Name, err))
	}
	def := mcp.Tool{Name: d.Name, Title: d.Title, Description: d.Description, RawInputSchema: inSchema, Annotations: d.annotations()}
	if out != nil {
		full, err := reflectSchema(b.reflector, out)
		if err != nil {
			panic(err)
		}
		if def.RawOutputSchema, err = compactOutputSchema(full); err != nil {
			panic(fmt.Sprintf("tool %s: %v", d.Name, err))
		}
	}
	t := Tool{Def: def, Toolset: d.Toolset, Access: d.Access, Credits: d.Credits, Kinds: d.Kinds}
	facts := t.Facts()
	deps := b.deps
	t.Handler = func(ctx context.Context, req mcp.CallToolRequest) (res *mcp.CallToolResult, _ error) {
		start := time.Now()
		usage := &fdapi.Usage{}
		ctx = withToolRequest(fdapi.WithUsage(ctx, usage), req)
		var charge *mcppolicy.Call
		defer func() {
			if r := recover(); r != nil {
				deps.Logger.ErrorContext(ctx, "tool panic", "tool", d.Name, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				res = mcp.NewToolResultError(panicText(d, r))
			}
			charge.Settle(ctx)
			res.SetResultMeta(resultMeta(ctx, deps, usage))
			deps.Logger.DebugContext(ctx, "tool call", "tool", d.Name, "duration", time.Since(start), "credits", usage.Credits(), "is_error", res.IsError)
		}()
		var args In
		if err := bindArgs(d.Name, spec, rawArguments(req), &args); err != nil {
			return mcp.NewToolResultError(errorText(err)), nil
		}
		if d.Access != Read && deps.Policy == nil {
			return mcp.NewToolResultError(mcppolicy.ErrMissing.Error()), nil
		}
		if deps.Client == nil {
			return mcp.NewToolResultError(errNoClient), nil
		}
		if p := deps.Policy; p != nil {
			var w mcppolicy.WriteIntent
			if intent != nil {
				w = intent(&args)
			}
			var refused *mcp.CallToolResult
			if ctx, charge, refused = p.BeginCall(ctx, facts, w); refused != nil {
				return refused, nil
			}
		}
		return call(ctx, req, &args), nil
	}
	return t
}

const errNoClient = "freshdesk-mcp has no Freshdesk client configured; set FRESHDESK_DOMAIN and FRESHDESK_API_KEY or run with --demo."

// panicText is the answer of a tool that panicked; a write may have
// happened, so a write tool says to check before retrying.
func panicText(d decl, r any) string {
	next := "Try a different tool or report it."
	if d.Access != Read {
		next = "Check the ticket with get_ticket before retrying."
	}
	return fmt.Sprintf("Internal error in %s (a bug in freshdesk-mcp, not your request): %v. %s", d.Name, r, next)
}

// resultMeta is the _meta of every tool result: credits_used, the account's
// remaining rate limit when known, and budget_remaining (-1: unlimited)
// when a budget is configured. A caller bound to one requester gets none
// of it: what a refusal cost would tell "another customer's ticket" (read
// to check its owner) from "no such ticket", and the account's remaining
// credits are the helpdesk's business, not a customer's.
func resultMeta(ctx context.Context, deps Deps, u *fdapi.Usage) *mcp.Meta {
	if _, scoped := mcppolicy.RequesterFromContext(ctx); scoped {
		return nil
	}
	m := map[string]any{"credits_used": u.Credits()}
	if deps.Client != nil {
		if rl := deps.Client.RateLimit(); rl.Known {
			m["account_remaining"] = rl.Remaining
		}
	}
	if deps.Policy != nil {
		deps.Policy.AddBudgetMeta(ctx, m)
	}
	return &mcp.Meta{AdditionalFields: m}
}

func rawArguments(req mcp.CallToolRequest) json.RawMessage {
	if len(req.Params.RawArguments) > 0 {
		return req.Params.RawArguments
	}
	if req.Params.Arguments == nil {
		return nil
	}
	b, err := json.Marshal(req.Params.Arguments)
	if err != nil {
		return nil
	}
	return b
}
