package tools

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/reporting"
)

// metricsCeiling is the most one support_metrics question may cost, whatever
// the caller's budget: the account's per-minute credits are shared.
const metricsCeiling = 100

type metricsIn struct {
	Question string `json:"question" jsonschema:"required,enum=backlog,enum=volume,enum=response_times,enum=csat,enum=overdue" jsonschema_description:"backlog: unresolved tickets by a dimension; volume: tickets created in the period; response_times: first-response and resolution times and tickets resolved in the period; csat: satisfaction score of the period; overdue: unresolved tickets past their due time now."`
	By       string `json:"by,omitempty" jsonschema:"enum=status,enum=priority,enum=group,enum=agent" jsonschema_description:"backlog only: the dimension."`
	Group    string `json:"group,omitempty" jsonschema_description:"backlog by agent only: just this group (name or id), cheaper."`
	Since    string `json:"since,omitempty" jsonschema_description:"volume, response_times, csat: first day (YYYY-MM-DD, UTC)."`
	Until    string `json:"until,omitempty" jsonschema_description:"Last day, included (default today)."`
	PlanOnly bool   `json:"plan_only,omitempty" jsonschema_description:"Only say what the question would cost (response_times spends 1 credit to size itself)."`
}

type metricsCount struct {
	Label string `json:"label"`
	Count int    `json:"count"`
}

type durationsOut struct {
	Count     int    `json:"count"`
	Median    string `json:"median,omitempty"`
	Mean      string `json:"mean,omitempty"`
	P90       string `json:"p90,omitempty"`
	WithinSLA int    `json:"within_sla"`
	Breached  int    `json:"breached_sla"`
	Waiting   int    `json:"still_waiting,omitempty"`
}

type csatOut struct {
	Ratings     int     `json:"ratings"`
	Percent     float64 `json:"csat_percent"`
	Positive    int     `json:"positive"`
	Neutral     int     `json:"neutral"`
	Negative    int     `json:"negative"`
	WithComment int     `json:"with_comment"`
}

type metricsOut struct {
	Question      string         `json:"question"`
	Period        string         `json:"period,omitempty"`
	Status        string         `json:"status" jsonschema_description:"answered or planned (plan_only)."`
	CreditsPlan   int            `json:"credits_planned" jsonschema_description:"Stated before running."`
	CreditsUsed   int            `json:"credits_used,omitempty"`
	Steps         []string       `json:"steps,omitempty"`
	Counts        []metricsCount `json:"counts,omitempty"`
	Total         *int           `json:"total,omitempty"`
	Resolved      *int           `json:"resolved,omitempty"`
	FirstResponse *durationsOut  `json:"first_response,omitempty"`
	Resolution    *durationsOut  `json:"resolution,omitempty"`
	CSAT          *csatOut       `json:"csat,omitempty"`
	OverdueIDs    []int64        `json:"overdue_ticket_ids,omitempty"`
	Method        string         `json:"method,omitempty" jsonschema_description:"How the numbers were computed."`
	SampleSize    *int           `json:"sample_size,omitempty"`
	Partial       bool           `json:"partial,omitempty"`
	Notes         []string       `json:"notes,omitempty"`
}

func (b *builder) supportMetricsTool() Tool {
	return newTool(b, decl{
		Name: "support_metrics", Title: "Support metrics", Toolset: ToolsetReporting, Access: Read, Credits: 1,
		Description: "Answers a support lead's questions at a cost stated before it runs: backlog by status, priority, group or agent (1 credit per bucket), " +
			"volume of a period (1), response_times (first response, resolution, SLA; 1 + 3 per 100 tickets updated in the period), csat (1 per 100 ratings), " +
			"overdue (2). Each answer says how it was computed and on how many tickets. Over your credit budget it runs nothing and names a narrower question; " +
			"plan_only gives the cost first.",
	}, b.supportMetrics)
}

func (b *builder) supportMetrics(ctx context.Context, in metricsIn) (*metricsOut, error) {
	q := reporting.Question{Kind: reporting.Kind(in.Question), By: in.By}
	if q.Kind != reporting.Backlog && (in.By != "" || in.Group != "") {
		return nil, inputErrorf("by and group apply to question backlog only")
	}
	if in.Group != "" {
		if in.By != reporting.ByAgent {
			return nil, inputErrorf("group narrows the backlog by agent only (by=agent)")
		}
		id, err := b.groupID(ctx, in.Group)
		if err != nil {
			return nil, err
		}
		q.GroupID = id
	}
	var err error
	if in.Since != "" {
		if q.Since, err = parseTimeArg("since", in.Since); err != nil {
			return nil, err
		}
	}
	if in.Until != "" {
		if q.Until, err = parseTimeArg("until", in.Until); err != nil {
			return nil, err
		}
	}
	m := &reporting.Metrics{Src: b.deps.Client, Ceiling: metricsCeiling}
	if in.PlanOnly {
		p, err := m.Plan(ctx, q)
		if err != nil {
			return nil, metricsErr(err)
		}
		out := &metricsOut{Question: in.Question, Status: "planned", CreditsPlan: p.SizingCredits + p.Credits, Period: periodText(p.Question)}
		for _, s := range p.Steps {
			out.Steps = append(out.Steps, fmt.Sprintf("%s (%d credit%s)", s.Call, s.Credits, pluralS(s.Credits)))
		}
		if p.Note != "" {
			out.Notes = append(out.Notes, p.Note)
		}
		return out, nil
	}
	a, err := m.Run(ctx, q, b.budgetLeft(ctx))
	if err != nil {
		return nil, metricsErr(err)
	}
	return metricsAnswer(in.Question, a), nil
}

// budgetLeft is what this call may spend: the caller's remaining budget
// plus the 1 credit reserved for it (-1: no budget).
func (b *builder) budgetLeft(ctx context.Context) int {
	if b.deps.Policy == nil {
		return -1
	}
	m := map[string]any{}
	b.deps.Policy.AddBudgetMeta(ctx, m)
	v, ok := m["budget_remaining"].(int)
	if !ok || v < 0 {
		return -1
	}
	return v + 1
}

func metricsErr(err error) error {
	var ob *reporting.OverBudgetError
	var qe *reporting.QuestionError
	switch {
	case errors.As(err, &ob):
		spent := ""
		if ob.Plan.SizingCredits > 0 {
			spent = fmt.Sprintf(" (only the %d-credit sizing search ran)", ob.Plan.SizingCredits)
		}
		return inputErrorf("Not run%s: this question needs %d credits and at most %d may be spent on it now (your credit budget, and %d per question at most). %s.",
			spent, ob.Needed, ob.Budget, metricsCeiling, upperFirst(ob.Suggestion))
	case errors.As(err, &qe):
		return inputErrorf("%s", strings.TrimPrefix(qe.Error(), "metrics: "))
	}
	return err
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func pluralS(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func periodText(q reporting.Question) string {
	if q.Since.IsZero() {
		return ""
	}
	return q.Since.Format(time.DateOnly) + " to " + q.Until.Format(time.DateOnly)
}

func metricsAnswer(question string, a *reporting.Answer) *metricsOut {
	out := &metricsOut{Question: question, Status: "answered", Period: periodText(a.Question), CreditsPlan: a.CreditsPlanned,
		CreditsUsed: a.CreditsUsed, Method: a.Method, SampleSize: &a.SampleSize, Partial: a.Partial, Notes: a.Notes, OverdueIDs: a.OverdueIDs}
	for _, c := range a.Counts {
		out.Counts = append(out.Counts, metricsCount{Label: c.Label, Count: c.Count})
	}
	switch a.Question.Kind {
	case reporting.Backlog, reporting.Volume, reporting.Overdue:
		out.Total = &a.Total
	case reporting.ResponseTimes:
		out.Resolved, out.FirstResponse, out.Resolution = &a.Resolved, durations(a.FirstResponse), durations(a.Resolution)
	case reporting.CSAT:
		s := a.Satisfaction
		out.CSAT = &csatOut{Ratings: s.Ratings, Percent: float64(int(s.Percent*10+0.5)) / 10, Positive: s.Positive, Neutral: s.Neutral,
			Negative: s.Negative, WithComment: s.WithComment}
	}
	if a.LookupCredits > 0 {
		out.Notes = append(out.Notes, fmt.Sprintf("%d more credit%s loaded the ticket fields, groups or agents (cached from now on)", a.LookupCredits, pluralS(a.LookupCredits)))
	}
	return out
}

func durations(d *reporting.Durations) *durationsOut {
	if d == nil {
		return nil
	}
	o := &durationsOut{Count: d.Count, WithinSLA: d.WithinSLA, Breached: d.Breached, Waiting: d.Waiting}
	if d.Count > 0 {
		o.Median, o.Mean, o.P90 = human(d.Median), human(d.Mean), human(d.P90)
	}
	return o
}

// human renders a duration as "3d 4h", "5h 12m" or "14m".
func human(d time.Duration) string {
	d = d.Round(time.Minute)
	days, hours, mins := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case days > 0:
		return fmt.Sprintf("%dd %dh", days, hours)
	case hours > 0:
		return fmt.Sprintf("%dh %dm", hours, mins)
	}
	return fmt.Sprintf("%dm", mins)
}

// groupID resolves a group by id or name (cached group list).
func (b *builder) groupID(ctx context.Context, v string) (int64, error) {
	gs, err := b.deps.Client.ListGroups(ctx)
	if err != nil {
		return 0, err
	}
	cs := make([]choice, 0, len(gs))
	for _, g := range gs {
		cs = append(cs, choice{ID: g.ID, Name: g.Name})
	}
	slices.SortFunc(cs, func(x, y choice) int { return strings.Compare(x.Name, y.Name) })
	return resolve("group", cs, v)
}
