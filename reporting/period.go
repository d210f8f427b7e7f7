package reporting

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
)

// creditsPerStatsPage is the cost of one list page with include=stats
// (1 + 2 for the include; reference §5).
const creditsPerStatsPage = 3

func periodClause(field string, q Question) string {
	return fmt.Sprintf("%s:>'%s' AND %s:<'%s'", field, dateStr(q.Since), field, dateStr(q.Until))
}

func (m *Metrics) planVolume(ctx context.Context, q Question) (*Plan, error) {
	// Search validates queries against the cached ticket fields: load them now.
	if _, err := m.Src.Statuses(ctx); err != nil {
		return nil, err
	}
	query := periodClause("created_at", q)
	p := &Plan{Question: q, Credits: 1, MaxCredits: 1, Steps: []Step{{Call: `search/tickets "` + query + `"`, Credits: 1}}}
	p.run = func(ctx context.Context, a *Answer) error {
		pg, err := m.Src.SearchTickets(ctx, query, 1)
		if err != nil {
			return err
		}
		label := fmt.Sprintf("created %s to %s", dateStr(q.Since), dateStr(q.Until))
		a.Counts = []Count{{Label: label, Count: pg.Total, Query: query}}
		a.Total, a.SampleSize = pg.Total, pg.Total
		a.Method = "the total of one ticket search on created_at over whole UTC days (search excludes spam, deleted and archived tickets)"
		return nil
	}
	return p, nil
}

// planResponseTimes sizes the work with one search total (tickets updated
// since the period began: every ticket created or resolved in it was), then
// lists those tickets with their stats, 100 a page at 3 credits a page.
func (m *Metrics) planResponseTimes(ctx context.Context, q Question) (*Plan, error) {
	if _, err := m.Src.Statuses(ctx); err != nil {
		return nil, err
	}
	sizeQuery := fmt.Sprintf("updated_at:>'%s'", dateStr(q.Since))
	pg, err := m.Src.SearchTickets(ctx, sizeQuery, 1)
	if err != nil {
		return nil, err
	}
	pages := (pg.Total + fdapi.MaxPerPage - 1) / fdapi.MaxPerPage
	p := &Plan{Question: q, SizingCredits: 1, Credits: pages * creditsPerStatsPage, size: pg.Total,
		Note: fmt.Sprintf("sized by one search total (1 credit): %d tickets updated since %s, listed with stats at %d credits per 100",
			pg.Total, dateStr(q.Since), creditsPerStatsPage)}
	p.MaxCredits = p.Credits
	p.Steps = []Step{{Call: `search/tickets "` + sizeQuery + `" (sizing, spent)`, Credits: 1}}
	for i := 1; i <= pages; i++ {
		p.Steps = append(p.Steps, Step{Call: fmt.Sprintf("tickets?updated_since=%s&include=stats&per_page=100&page=%d", dateStr(q.Since), i),
			Credits: creditsPerStatsPage})
	}
	p.run = func(ctx context.Context, a *Answer) error { return m.responseTimes(ctx, q, pages, a) }
	return p, nil
}

func (m *Metrics) responseTimes(ctx context.Context, q Question, pages int, a *Answer) error {
	end := q.Until.AddDate(0, 0, 1)
	in := func(t time.Time) bool { return !t.Before(q.Since) && t.Before(end) }
	var fr, res []time.Duration
	frd, resd := &Durations{}, &Durations{}
	seen := 0
	lp := fdapi.ListTicketsParams{UpdatedSince: q.Since, Include: []string{"stats"}, OrderBy: "updated_at", OrderType: "asc", PerPage: fdapi.MaxPerPage}
	for page := 1; page <= pages; page++ {
		lp.Page = page
		pg, err := m.Src.ListTickets(ctx, lp)
		if err != nil {
			return err
		}
		for _, t := range pg.Items {
			seen++
			st := t.Stats
			if st == nil {
				continue
			}
			if in(t.CreatedAt) {
				switch {
				case st.FirstRespondedAt != nil:
					fr = append(fr, st.FirstRespondedAt.Sub(t.CreatedAt))
					tally(frd, !st.FirstRespondedAt.After(t.FrDueBy))
				case t.Status != 4 && t.Status != 5:
					frd.Waiting++
				}
			}
			if st.ResolvedAt != nil && in(*st.ResolvedAt) {
				res = append(res, st.ResolvedAt.Sub(t.CreatedAt))
				tally(resd, !st.ResolvedAt.After(t.DueBy))
			}
		}
		if pg.NextPage == 0 {
			break
		}
		if page == pages {
			a.Partial = true
			a.Notes = append(a.Notes, "more tickets were updated after sizing than planned; the extra pages were not read")
		}
	}
	summarise(frd, fr)
	summarise(resd, res)
	a.FirstResponse, a.Resolution, a.Resolved, a.SampleSize = frd, resd, len(res), seen
	a.Method = fmt.Sprintf("each ticket's stats (include=stats) among the %d tickets updated since %s: first response = "+
		"first_responded_at - created_at for tickets created in the period; resolution = resolved_at - created_at for tickets "+
		"resolved in the period (a reopened ticket counts with its latest resolution); calendar time, business hours not applied; "+
		"within SLA compares with the ticket's fr_due_by and due_by", seen, dateStr(q.Since))
	return nil
}

func tally(d *Durations, within bool) {
	if within {
		d.WithinSLA++
	} else {
		d.Breached++
	}
}

// summarise fills count, median, mean and 90th percentile (nearest rank).
func summarise(d *Durations, ds []time.Duration) {
	d.Count = len(ds)
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	var sum time.Duration
	for _, x := range ds {
		sum += x
	}
	d.Mean = (sum / time.Duration(len(ds))).Round(time.Second)
	d.Median = Median(ds)
	d.P90 = ds[(len(ds)*9+9)/10-1]
}

// Median returns the median of sorted durations (the mean of the middle two
// for an even count).
func Median(sorted []time.Duration) time.Duration {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return sorted[n/2]
	}
	return ((sorted[n/2-1] + sorted[n/2]) / 2).Round(time.Second)
}
