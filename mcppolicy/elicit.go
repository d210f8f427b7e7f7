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
func canElicit(ctx context.Context) bool {
	if info := server.RequestProtocolInfoFromContext(ctx); info != nil && info.Modern {
		return info.ClientCapabilities != nil && info.ClientCapabilities.Elicitation != nil
	}
	sess := server.ClientSessionFromContext(ctx)
	if sess == nil {
		return false
	}
	if _, ok := sess.(server.SessionWithElicitation); !ok {
		return false
	}
	ci, ok := sess.(server.SessionWithClientInfo)
	return ok && ci.GetClientCapabilities().Elicitation != nil
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
func elicitLegacy(ctx context.Context, msg string) (mcp.ElicitationResponseAction, error) {
	s := server.ServerFromContext(ctx)
	if s == nil {
		return "", errors.New("no MCP server in the request context")
	}
	res, err := s.RequestElicitation(ctx, mcp.ElicitationRequest{Params: confirmParams(msg)})
	if err != nil {
		return "", fmt.Errorf("elicitation: %w", err)
	}
	if res == nil {
		return "", errors.New("elicitation: the client sent no answer")
	}
	return res.Action, nil
}
