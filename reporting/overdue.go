package reporting

import (
	"context"
	"fmt"
	"slices"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
)

// maxIDs is how many overdue ticket ids an answer lists.
const maxIDs = 30

// planOverdue: ticket search compares dates by whole days (reference §3.7),
// so the count is one search total for tickets due before today (surely
// overdue) plus the tickets due today, read and compared with the clock
// (1 credit per 30).
func (m *Metrics) planOverdue(ctx context.Context, q Question) (*Plan, error) {
	_, unres, err := m.unresolved(ctx)
	if err != nil {
		return nil, err
	}
	now := m.now()
	today := day(now)
	past := fmt.Sprintf("%s AND due_by:<'%s'", unres, dateStr(today.AddDate(0, 0, -1)))
	dueToday := fmt.Sprintf("%s AND due_by:'%s'", unres, dateStr(today))
	p := &Plan{Question: q, Credits: 2, MaxCredits: 1 + fdapi.SearchMaxPages,
		Note:  "2 credits, plus 1 per further 30 tickets due today",
		Steps: []Step{{Call: `search/tickets "` + past + `"`, Credits: 1}, {Call: `search/tickets "` + dueToday + `" (every page)`, Credits: 1}}}
	p.run = func(ctx context.Context, a *Answer) error {
		pg, err := m.Src.SearchTickets(ctx, past, 1)
		if err != nil {
			return err
		}
		overdue := slices.Clone(pg.Items)
		a.Total = pg.Total
		for page := 1; page <= fdapi.SearchMaxPages; page++ {
			tp, err := m.Src.SearchTickets(ctx, dueToday, page)
			if err != nil {
				return err
			}
			for _, t := range tp.Items {
				if t.DueBy.Before(now) {
					a.Total++
					overdue = append(overdue, t)
				}
			}
			if !tp.HasMore {
				break
			}
			if page+1 > p.MaxCredits-1 {
				a.Partial = true
				a.Notes = append(a.Notes, "stopped reading today's due tickets at the credit cap; the count may be low")
				break
			}
		}
		slices.SortFunc(overdue, func(x, y fdapi.Ticket) int { return x.DueBy.Compare(y.DueBy) })
		for i, t := range overdue {
			if i == maxIDs {
				break
			}
			a.OverdueIDs = append(a.OverdueIDs, t.ID)
		}
		a.SampleSize = a.Total
		a.Counts = []Count{{Label: "overdue before today", Count: pg.Total, Query: past},
			{Label: "overdue today", Count: a.Total - pg.Total, Query: dueToday}}
		a.Method = "unresolved tickets (every status but Resolved and Closed, so pending ones too) whose resolution due time " +
			"(due_by) has passed: one search total for those due before today, and today's read one by one against the clock"
		return nil
	}
	return p, nil
}
