package mcppolicy

import (
	"context"
	"errors"
	"fmt"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// canElicit reports whether the client of this request declared the
// elicitation capability (anchors §2.4, pitfall P7: eliciting from a client
// without it fails the whole call with a protocol error).
func canElicit(ctx context.Context) bool { return elicitCaps(ctx) != nil }

// elicitCaps is the elicitation capability the client of this request
// declared, nil when none (or when its session cannot be asked).
func elicitCaps(ctx context.Context) *mcp.ElicitationCapability {
	if info := server.RequestProtocolInfoFromContext(ctx); info != nil && info.Modern {
		if info.ClientCapabilities == nil {
			return nil
		}
		return info.ClientCapabilities.Elicitation
	}
	sess := server.ClientSessionFromContext(ctx)
	if sess == nil {
		return nil
	}
	if _, ok := sess.(server.SessionWithElicitation); !ok {
		return nil
	}
	ci, ok := sess.(server.SessionWithClientInfo)
	if !ok {
		return nil
	}
	return ci.GetClientCapabilities().Elicitation
}

// askMode is how the user of this request is asked to confirm a write.
type askMode int

const (
	askNone askMode = iota // the client cannot elicit: the fallback applies
	askForm                // form elicitation (the message is the preview)
	askURL                 // URL elicitation driving the confirmation page
)

// chooseAsk picks how to ask: form elicitation where the client offers it
// (an empty capability object means form, MCP 2025-11-25), else URL
// elicitation where the client offers it and the confirmation page is
// served (HTTP). The choice depends only on the client's capabilities and
// the server, so the retry of a multi round-trip request makes it again.
func (p *Policy) chooseAsk(ctx context.Context) askMode {
	c := elicitCaps(ctx)
	switch {
	case c == nil:
		return askNone
	case c.Form != nil || c.URL == nil:
		return askForm
	case p.Approvals != nil:
		return askURL
	}
	return askNone
}

// elicitTool is the tool name an elicitation's request state is bound to:
// distinct from the tool's own name, so a request state can never be
// redeemed as a confirmation_token argument (which skips the user's answer).
func elicitTool(tool string) string { return tool + "#elicitation" }

// isModern reports whether the request uses the 2026-07-28+ protocol, where
// elicitation is a multi round-trip input request.
func isModern(ctx context.Context) bool {
	info := server.RequestProtocolInfoFromContext(ctx)
	return info != nil && info.Modern
}

// confirmParams is the confirmation form: a message and no fields.
func confirmParams(msg string) mcp.ElicitationParams {
	return mcp.ElicitationParams{
		Mode:            mcp.ElicitationModeForm,
		Message:         msg,
		RequestedSchema: map[string]any{"type": "object", "properties": map[string]any{}},
	}
}

// elicitLegacy asks the user of a legacy (pre-2026-07-28) session directly
// with elicitation/create and returns their action.
func elicitLegacy(ctx context.Context, params mcp.ElicitationParams) (mcp.ElicitationResponseAction, error) {
	s := server.ServerFromContext(ctx)
	if s == nil {
		return "", errors.New("no MCP server in the request context")
	}
	res, err := s.RequestElicitation(ctx, mcp.ElicitationRequest{Params: params})
	if err != nil {
		return "", fmt.Errorf("elicitation: %w", err)
	}
	if res == nil {
		return "", errors.New("elicitation: the client sent no answer")
	}
	return res.Action, nil
}
