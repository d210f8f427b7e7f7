package prompts

import (
	"context"
	"strings"

	"github.com/freshdesk-mcp/freshdesk-mcp/draft"
	"github.com/mark3labs/mcp-go/mcp"
)

// tones are suggestions for draft_reply's tone; any other text is accepted.
var tones = []string{"friendly", "formal", "warm", "brief", "apologetic", "empathetic", "technical"}

// maxCompletions is the most values one completion answer may carry.
const maxCompletions = 100

// Completions suggests values for the prompts' arguments (completion/complete)
// from fixed lists, without calling Freshdesk: a client may ask on every
// keystroke, and that must not spend credits. triage_queue's filter gets the
// named queues, draft_reply's tone and language their usual values;
// ticket_id gets none. Matching is a case-insensitive prefix.
type Completions struct{}

// CompletePromptArgument implements server.PromptCompletionProvider.
func (Completions) CompletePromptArgument(_ context.Context, prompt string, arg mcp.CompleteArgument, _ mcp.CompleteContext) (*mcp.Completion, error) {
	var choices []string
	switch prompt + "." + arg.Name {
	case "triage_queue.filter":
		choices = namedQueues
	case "draft_reply.tone":
		choices = tones
	case "draft_reply.language":
		choices = draft.LanguageChoices()
	}
	prefix := strings.ToLower(strings.TrimSpace(arg.Value))
	out := &mcp.Completion{Values: []string{}}
	for _, c := range choices {
		if strings.HasPrefix(strings.ToLower(c), prefix) {
			out.Total++
			if len(out.Values) < maxCompletions {
				out.Values = append(out.Values, c)
			}
		}
	}
	out.HasMore = out.Total > len(out.Values)
	return out, nil
}
