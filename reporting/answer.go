package reporting

import (
	"context"
	"fmt"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
)

// Answer is the answer to one question: the numbers, how they were
// computed, on how large a sample, and what it cost.
type Answer struct {
	Question   Question
	Method     string // how the numbers were computed
	SampleSize int    // tickets or ratings the numbers rest on (for counts: the tickets counted)

	Counts []Count // Backlog: one per bucket; Volume: one
	Total  int     // Backlog, Volume, Overdue: the total count

	Resolved      int        // ResponseTimes: tickets resolved in the period
	FirstResponse *Durations // ResponseTimes: tickets created in the period
	Resolution    *Durations // ResponseTimes: tickets resolved in the period

	Satisfaction *Satisfaction // CSAT

	// Overdue: up to 30 ticket ids (those on the searches' first pages),
	// most overdue first.
	OverdueIDs []int64

	CreditsPlanned int // credits the plan stated (sizing included)
	// LookupCredits were spent loading cached lookups (ticket fields,
	// groups, agents) because the cache was cold; 0 when warm.
	LookupCredits int
	CreditsUsed   int  // credits actually spent, lookups included (X-RateLimit-Used-CurrentRequest)
	Partial       bool // a cap was reached: the sample is incomplete
	Notes         []string
}

// Count is one bucket of a count.
type Count struct {
	Label string
	ID    int64 // status, priority, group or agent id; 0 for "none"
	Count int
	Query string // the search query whose total this is
}

// Durations summarises a set of durations.
type Durations struct {
	Count  int
	Median time.Duration
	Mean   time.Duration
	P90    time.Duration
	// WithinSLA counts the durations within the ticket's SLA target (first
	// response by fr_due_by, resolution by due_by); Breached the others.
	WithinSLA, Breached int
	// Waiting counts tickets still without one (no first response yet, or
	// for resolution: not applicable, 0).
	Waiting int
}

// Satisfaction summarises ratings of the survey's default question.
type Satisfaction struct {
	Ratings     int
	Positive    int     // rating above 100 (103 "happy" on the 3-point scale)
	Neutral     int     // rating 100
	Negative    int     // rating below 100
	Percent     float64 // Positive / Ratings * 100: Freshdesk's CSAT score
	WithComment int
	ByQuestion  map[string][3]int // question id -> positive, neutral, negative
}

// OverBudgetError is a question that would cost more than the budget.
type OverBudgetError struct {
	Plan       *Plan
	Needed     int // credits the full plan needs (sizing included)
	Budget     int
	Suggestion string // a narrower question that fits, when there is one
}

func (e *OverBudgetError) Error() string {
	msg := fmt.Sprintf("metrics: %s would cost %d credits, the budget allows %d", e.Plan.Question.Kind, e.Needed, e.Budget)
	if e.Suggestion != "" {
		msg += "; " + e.Suggestion
	}
	return msg
}

// Run plans q, refuses it with an *OverBudgetError when it would cost more
// than budget credits (budget < 0: no limit; Ceiling caps it), and answers it. A plan whose
// cost depends on unsized data (CSAT) is capped at the budget instead.
func (m *Metrics) Run(ctx context.Context, q Question, budget int) (*Answer, error) {
	if m.Ceiling > 0 && (budget < 0 || budget > m.Ceiling) {
		budget = m.Ceiling
	}
	u, pu := &fdapi.Usage{}, &fdapi.Usage{}
	ctx = fdapi.WithUsage(ctx, u)
	p, err := m.Plan(fdapi.WithUsage(ctx, pu), q)
	if err != nil {
		return nil, err
	}
	lookups := max(0, pu.Credits()-p.SizingCredits)
	if budget >= 0 && p.SizingCredits+p.Credits > budget {
		return nil, &OverBudgetError{Plan: p, Needed: p.SizingCredits + p.Credits, Budget: budget, Suggestion: m.suggest(ctx, p, budget)}
	}
	if budget >= 0 && p.MaxCredits > budget-p.SizingCredits {
		p.MaxCredits = budget - p.SizingCredits
	}
	a := &Answer{Question: p.Question, CreditsPlanned: p.SizingCredits + p.Credits, LookupCredits: lookups}
	if p.Note != "" {
		a.Notes = append(a.Notes, p.Note)
	}
	if err := p.run(ctx, a); err != nil {
		return nil, err
	}
	a.CreditsUsed = u.Credits()
	return a, nil
}

// suggest names a narrower question that fits budget, or says none does.
func (m *Metrics) suggest(ctx context.Context, p *Plan, budget int) string {
	q := p.Question
	switch q.Kind {
	case Backlog:
		// Planning these spends nothing: their lookups are cached.
		for _, by := range []string{ByPriority, ByStatus, ByGroup} {
			if by == q.By {
				continue
			}
			ap, err := m.Plan(ctx, Question{Kind: Backlog, By: by})
			if err == nil && ap.Credits <= budget {
				hint := ""
				if q.By == ByAgent && q.GroupID == 0 {
					hint = ", or the backlog by agent of one group (group_id: 2 credits plus one per agent in it)"
				}
				return fmt.Sprintf("the backlog by %s fits (%d credits)%s", by, ap.Credits, hint)
			}
		}
	case ResponseTimes:
		if pages := (budget - p.SizingCredits) / creditsPerStatsPage; pages > 0 && p.size > 0 {
			days := int(q.Until.Sub(q.Since).Hours()/24) + 1
			fit := max(1, days*pages*fdapi.MaxPerPage/p.size)
			return fmt.Sprintf("%d tickets were updated since %s; a period of about %d day(s) ending %s would fit (%d pages of 100)",
				p.size, dateStr(q.Since), fit, dateStr(q.Until), pages)
		}
	}
	return "no narrower question of this kind fits; ask for a larger budget or wait for it to refill"
}
