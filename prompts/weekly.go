package prompts

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
)

// weeklyData feeds templates/weekly_report.tmpl.
type weeklyData struct {
	Since, Until, Group string
	Comments            bool
}

// weeklyReport renders the weekly_report prompt. It reads nothing itself:
// the model asks support_metrics, which states and budgets each cost.
func (p *set) weeklyReport(_ context.Context, req mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
	a := req.Params.Arguments
	until := p.now().UTC()
	if s := strings.TrimSpace(a["until"]); s != "" {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return nil, fmt.Errorf("until must be a date such as 2026-11-30, got %q", s)
		}
		until = t
	}
	since := until.AddDate(0, 0, -6)
	d := weeklyData{Since: since.Format(time.DateOnly), Until: until.Format(time.DateOnly), Group: strings.TrimSpace(a["group"]),
		Comments: a["comments"] != "no"}
	text, err := p.render("weekly_report", d)
	if err != nil {
		return nil, err
	}
	return mcp.NewGetPromptResult(fmt.Sprintf("Weekly support report %s to %s", d.Since, d.Until),
		[]mcp.PromptMessage{mcp.NewPromptMessage(mcp.RoleUser, mcp.NewTextContent(text))}), nil
}

func (p *set) now() time.Time {
	if p.clock != nil {
		return p.clock()
	}
	return time.Now()
}
