package reporting

import (
	"context"
	"fmt"
	"strings"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
)

// maxRatingPages caps a CSAT question (1,000 ratings) unless the budget is lower.
const maxRatingPages = 10

// planCSAT: ratings have no count endpoint, so the cost is one credit per
// 100 ratings received since the period began, at least 1 and at most the cap.
func (m *Metrics) planCSAT(q Question) *Plan {
	p := &Plan{Question: q, Credits: 1, MaxCredits: maxRatingPages,
		Note: "1 credit per 100 ratings received since the period began (Freshdesk has no rating count, so the exact cost is known only while paging); capped"}
	p.Steps = []Step{{Call: fmt.Sprintf("surveys/satisfaction_ratings?created_since=%s&per_page=100 (page 1, then as needed)", dateStr(q.Since)), Credits: 1}}
	p.run = func(ctx context.Context, a *Answer) error { return m.csat(ctx, q, p.MaxCredits, a) }
	return p
}

func (m *Metrics) csat(ctx context.Context, q Question, maxPages int, a *Answer) error {
	end := q.Until.AddDate(0, 0, 1)
	s := &Satisfaction{ByQuestion: map[string][3]int{}}
	for page := 1; ; page++ {
		pg, err := m.Src.ListAccountRatings(ctx, fdapi.ListRatingsParams{CreatedSince: q.Since, Page: page, PerPage: fdapi.MaxPerPage})
		if err != nil {
			return err
		}
		for _, r := range pg.Items {
			if r.CreatedAt.Before(q.Since) || !r.CreatedAt.Before(end) {
				continue
			}
			v, ok := r.Ratings["default_question"]
			if !ok {
				continue
			}
			s.Ratings++
			switch {
			case v > 100:
				s.Positive++
			case v == 100:
				s.Neutral++
			default:
				s.Negative++
			}
			if r.Feedback != nil && strings.TrimSpace(*r.Feedback) != "" {
				s.WithComment++
			}
			for id, qv := range r.Ratings {
				c := s.ByQuestion[id]
				switch {
				case qv > 100:
					c[0]++
				case qv == 100:
					c[1]++
				default:
					c[2]++
				}
				s.ByQuestion[id] = c
			}
		}
		if pg.NextPage == 0 {
			break
		}
		if page >= maxPages {
			a.Partial = true
			a.Notes = append(a.Notes, fmt.Sprintf("stopped after %d pages (%d ratings) at the credit cap; the score covers those only", page, page*fdapi.MaxPerPage))
			break
		}
	}
	if s.Ratings > 0 {
		s.Percent = float64(s.Positive) * 100 / float64(s.Ratings)
	}
	a.Satisfaction, a.SampleSize = s, s.Ratings
	a.Method = "the default question of every satisfaction rating received in the period: CSAT = positive answers (above 100, e.g. 103 " +
		"\"happy\") / all answers; 100 is neutral, below 100 negative"
	return nil
}
