package tools

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/invopop/jsonschema"
	"github.com/mark3labs/mcp-go/mcp"
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

// toolInfo is the static description of one tool.
type toolInfo struct {
	Name        string
	Title       string
	Description string
	Toolset     string
	Access      Access
	// Idempotent and Destructive only matter for writes; reads are idempotent
	// and non-destructive by definition.
	Idempotent  bool
	Destructive bool
}

// handlerFunc is the typed body of a tool.
type handlerFunc[In, Out any] func(ctx context.Context, in In) (*Out, error)

// newTool builds a Tool from a typed handler: reflected strict input and output
// schemas, all four annotation hints, strict binding, IsError results, _meta.
// It panics on a schema that cannot be generated: that is a programming error
// caught by every test run.
func newTool[In, Out any](b *builder, info toolInfo, fn handlerFunc[In, Out]) Tool {
	var in In
	var out Out
	inSchema, err := reflectSchema(b.reflector, &in)
	if err != nil {
		panic(err)
	}
	outSchema, err := reflectSchema(b.reflector, &out)
	if err != nil {
		panic(err)
	}
	spec, err := parseArgSpec(inSchema)
	if err != nil {
		panic(fmt.Sprintf("tool %s: %v", info.Name, err))
	}
	readOnly := info.Access == Read
	def := mcp.Tool{
		Name:            info.Name,
		Title:           info.Title,
		Description:     info.Description,
		RawInputSchema:  inSchema,
		RawOutputSchema: outSchema,
		Annotations: mcp.ToolAnnotation{
			Title:           info.Title,
			ReadOnlyHint:    mcp.ToBoolPtr(readOnly),
			DestructiveHint: mcp.ToBoolPtr(!readOnly && info.Destructive),
			IdempotentHint:  mcp.ToBoolPtr(readOnly || info.Idempotent),
			OpenWorldHint:   mcp.ToBoolPtr(true), // every tool talks to Freshdesk
		},
	}
	deps := b.deps
	h := func(ctx context.Context, req mcp.CallToolRequest) (res *mcp.CallToolResult, _ error) {
		start := time.Now()
		usage := &fdapi.Usage{}
		ctx = fdapi.WithUsage(ctx, usage)
		defer func() {
			if r := recover(); r != nil {
				deps.Logger.ErrorContext(ctx, "tool panic", "tool", info.Name, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				res = mcp.NewToolResultError(fmt.Sprintf("Internal error in %s (a bug in freshdesk-mcp, not your request): %v. Try a different tool or report it.", info.Name, r))
			}
			res.SetResultMeta(resultMeta(deps.Client, usage))
			deps.Logger.DebugContext(ctx, "tool call", "tool", info.Name, "duration", time.Since(start), "credits", usage.Credits(), "is_error", res.IsError)
		}()
		var args In
		if err := bindArgs(info.Name, spec, rawArguments(req), &args); err != nil {
			return mcp.NewToolResultError(errorText(err)), nil
		}
		if deps.Client == nil {
			return mcp.NewToolResultError("freshdesk-mcp has no Freshdesk client configured; set FRESHDESK_DOMAIN and FRESHDESK_API_KEY or run with --demo."), nil
		}
		o, err := fn(ctx, args)
		if err != nil {
			return mcp.NewToolResultError(errorText(err)), nil
		}
		return structuredResult(o)
	}
	return Tool{Def: def, Handler: h, Toolset: info.Toolset, Access: info.Access}
}

// structuredResult returns v as structuredContent plus the same compact JSON as text.
func structuredResult(v any) (*mcp.CallToolResult, error) {
	b, err := compactJSON(v)
	if err != nil {
		return mcp.NewToolResultError("Internal error encoding the result: " + err.Error()), nil
	}
	return &mcp.CallToolResult{
		Content:           []mcp.Content{mcp.NewTextContent(string(b))},
		StructuredContent: json.RawMessage(b),
	}, nil
}

// compactJSON marshals without HTML escaping: "<" and "&" stay readable and
// cost one byte, not six.
func compactJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode result: %w", err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// resultMeta is the _meta of every tool result.
func resultMeta(c *fdapi.Client, u *fdapi.Usage) *mcp.Meta {
	m := map[string]any{"credits_used": u.Credits()}
	if c != nil {
		if rl := c.RateLimit(); rl.Known {
			m["account_remaining"] = rl.Remaining
		}
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
