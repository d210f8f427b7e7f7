package tools_test

import (
	"context"
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools/toolstest"
)

// With --draft-past-answers the draft_reply prompt reserves what past
// answers may cost (7 + 4), like the tool: a caller with a budget of 10 is
// refused before any Freshdesk call instead of spending 10 of 10 and more.
func TestDraftPromptPastAnswersBudget(t *testing.T) {
	fd, client := toolstest.Client(t, nil)
	pol := toolstest.NewPolicy(t, toolstest.PolicyOptions{Budget: "10/1h"})
	g := tools.NewGateway(tools.Deps{Client: client, PrivateNotes: true, Policy: pol, DraftPastAnswers: true})
	before := len(fd.Requests())
	_, err := g.DraftGrounding(context.Background(), 57, "", "", "")
	if err == nil || !strings.Contains(err.Error(), "budget") || len(fd.Requests()) != before {
		t.Fatalf("prompt with past answers over a budget of 10: err %v, %d requests", err, len(fd.Requests())-before)
	}
	g = tools.NewGateway(tools.Deps{Client: client, PrivateNotes: true, Policy: toolstest.NewPolicy(t, toolstest.PolicyOptions{Budget: "11/1h"}), DraftPastAnswers: true})
	pack, err := g.DraftGrounding(context.Background(), 57, "", "", "")
	if err != nil || !strings.Contains(pack.Pack, "Past answer id 73") {
		t.Fatalf("prompt with past answers within a budget of 11: %v", err)
	}
}
