package tools

import (
	"context"
	"html"
	"regexp"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// writeSpec is one write tool: its declaration and how to turn its bound
// arguments into a plan. The policy flow (mode, confirmation, duplicate
// guard, audit) is mcppolicy.Policy.RunWrite.
type writeSpec[In any] struct {
	decl decl
	// kind is the write kind of in, known before any upstream call (the
	// mode is decided first, so a refused write costs nothing).
	kind func(in *In) policy.WriteKind
	// ticketID of in.
	ticketID func(in *In) int64
	// normalize applies defaults before binding the token to the arguments.
	normalize func(in *In)
	// plan validates and builds the write (may read Freshdesk).
	plan func(ctx context.Context, in *In) (*mcppolicy.WritePlan, error)
}

// writeArgs are the policy arguments of a write tool, read from the
// embedded confirmable or guardedWrite of its input.
type writeArgs interface {
	controls() (token string, allowDuplicate bool)
}

// confirmable is embedded (last) in the input of a write tool the
// duplicate guard does not cover.
type confirmable struct {
	ConfirmationToken string `json:"confirmation_token,omitempty" jsonschema_description:"From a confirmation_required answer whose preview the user accepted."`
}

func (c confirmable) controls() (string, bool) { return c.ConfirmationToken, false }

// guardedWrite is embedded (last) in the input of a write tool whose text
// the duplicate guard compares (notes and replies).
type guardedWrite struct {
	AllowDuplicate    bool   `json:"allow_duplicate,omitempty" jsonschema_description:"true: the same text to the same ticket again within 10 minutes, on purpose."`
	ConfirmationToken string `json:"confirmation_token,omitempty" jsonschema_description:"From a confirmation_required answer whose preview the user accepted."`
}

func (g guardedWrite) controls() (string, bool) { return g.ConfirmationToken, g.AllowDuplicate }

// newWriteTool builds a write tool with build (strict binding as for reads,
// budget), then runs the policy flow. Its result is never retried by
// anything. Write results have two shapes (written, confirmation_required)
// and an elicitation round trip carries none, so no output schema.
func newWriteTool[In writeArgs](b *builder, s writeSpec[In]) Tool {
	var t Tool
	intent := func(in *In) mcppolicy.WriteIntent {
		return mcppolicy.WriteIntent{Write: true, TicketID: s.ticketID(in)}
	}
	t = build(b, s.decl, nil, intent, func(ctx context.Context, req mcp.CallToolRequest, in *In) *mcp.CallToolResult {
		s.normalize(in)
		token, allowDup := (*in).controls()
		return b.deps.Policy.RunWrite(ctx, mcppolicy.WriteCall{
			Tool: t.Facts(), Request: req, Args: in, Kind: s.kind(in), TicketID: s.ticketID(in),
			Token: token, AllowDuplicate: allowDup, Helpdesk: mcppolicy.Helpdesk(b.deps.Client),
			Plan:      func(ctx context.Context) (*mcppolicy.WritePlan, error) { return s.plan(ctx, in) },
			ErrorText: errorText,
		})
	})
	return t
}

// bodyHTML turns plain text into the HTML Freshdesk expects (escaped, line
// breaks kept); text that already contains HTML tags is sent as it is.
func bodyHTML(s string) string {
	if htmlTag.MatchString(s) {
		return s
	}
	return strings.ReplaceAll(html.EscapeString(s), "\n", "<br>")
}

var htmlTag = regexp.MustCompile(`</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>`)
