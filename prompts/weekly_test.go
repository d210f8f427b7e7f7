package prompts_test

import (
	"context"
	"strings"
	"testing"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"
)

func TestWeeklyReportPrompt(t *testing.T) {
	cs := connect(t, true)
	res, err := cs.GetPrompt(context.Background(), &gomcp.GetPromptParams{Name: "weekly_report",
		Arguments: map[string]string{"until": "2026-11-30", "group": "Billing"}})
	if err != nil {
		t.Fatal(err)
	}
	txt, embedded := parts(t, res)
	for _, want := range []string{"2026-11-24 to 2026-11-30", "question=volume, since=2026-11-24, until=2026-11-30",
		`group="Billing"`, "untrusted_customer_comments", "never invent a number"} {
		if !strings.Contains(txt, want) {
			t.Errorf("prompt lacks %q:\n%s", want, txt)
		}
	}
	if len(embedded) != 0 {
		t.Errorf("weekly_report embeds data: %v", embedded)
	}
	_, err = cs.GetPrompt(context.Background(), &gomcp.GetPromptParams{Name: "weekly_report", Arguments: map[string]string{"until": "last friday"}})
	if err == nil || !strings.Contains(err.Error(), "until must be a date") {
		t.Errorf("bad until: %v", err)
	}
}
