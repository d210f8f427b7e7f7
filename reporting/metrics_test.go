package reporting_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/reporting"
)

// now is a fixed clock for the demo helpdesk (its data is shifted to it).
var now = time.Date(2026, 12, 4, 15, 30, 0, 0, time.UTC)

type rec = map[string]any

func num(v any) int64 {
	n, _ := v.(json.Number).Int64()
	return n
}

func when(v any) (time.Time, bool) {
	s, _ := v.(string)
	t, err := time.Parse(time.RFC3339, s)
	return t, err == nil
}

// demo returns metrics on the demo helpdesk, the emulator, and its live
// (not spam, not deleted) tickets as the emulator stores them.
func demo(t *testing.T) (*reporting.Metrics, *fdtest.TestServer, []rec) {
	t.Helper()
	fd := fdtest.NewServer(t, fdtest.Options{Demo: true, Now: func() time.Time { return now }, RateLimit: 1 << 20})
	c, err := fdapi.New(fdapi.Config{Domain: fd.URL, APIKey: fd.APIKey})
	if err != nil {
		t.Fatal(err)
	}
	var live []rec
	for _, r := range fd.Records("tickets") {
		if r["spam"] != true && r["deleted"] != true {
			live = append(live, r)
		}
	}
	return &reporting.Metrics{Src: c, Now: func() time.Time { return now }}, fd, live
}

func unresolved(r rec) bool { s := num(r["status"]); return s != 4 && s != 5 }

func TestBacklogMatchesTheData(t *testing.T) {
	m, fd, live := demo(t)
	ctx := context.Background()
	key := map[string]func(rec) int64{
		reporting.ByStatus:   func(r rec) int64 { return num(r["status"]) },
		reporting.ByPriority: func(r rec) int64 { return num(r["priority"]) },
		reporting.ByGroup:    func(r rec) int64 { v, _ := r["group_id"].(json.Number); n, _ := v.Int64(); return n },
		reporting.ByAgent:    func(r rec) int64 { v, _ := r["responder_id"].(json.Number); n, _ := v.Int64(); return n },
	}
	open := 0
	for _, r := range live {
		if unresolved(r) {
			open++
		}
	}
	if open == 0 {
		t.Fatal("demo has no backlog")
	}
	for _, by := range reporting.Dimensions {
		t.Run(by, func(t *testing.T) {
			want := map[int64]int{}
			for _, r := range live {
				if unresolved(r) {
					want[key[by](r)]++
				}
			}
			p, err := m.Plan(ctx, reporting.Question{Kind: reporting.Backlog, By: by})
			if err != nil {
				t.Fatal(err)
			}
			before := len(fd.Requests())
			a, err := m.Run(ctx, reporting.Question{Kind: reporting.Backlog, By: by}, -1)
			if err != nil {
				t.Fatal(err)
			}
			got := map[int64]int{}
			for _, c := range a.Counts {
				if c.Count > 0 {
					got[c.ID] = c.Count
				}
			}
			if !mapsEqual(got, want) || a.Total != open || a.SampleSize != open {
				t.Errorf("by %s: got %v total %d, want %v total %d", by, got, a.Total, want, open)
			}
			if a.CreditsUsed != p.Credits || a.CreditsPlanned != p.Credits || len(fd.Requests())-before != p.Credits {
				t.Errorf("credits: planned %d, used %d, requests %d", p.Credits, a.CreditsUsed, len(fd.Requests())-before)
			}
			if a.Method == "" {
				t.Error("no method")
			}
		})
	}
}

func mapsEqual(a, b map[int64]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func period(days int) (since, until time.Time) {
	until = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	return until.AddDate(0, 0, -days+1), until
}

func TestVolumeAndResponseTimesMatchTheData(t *testing.T) {
	m, _, live := demo(t)
	ctx := context.Background()
	since, until := period(60)
	end := until.AddDate(0, 0, 1)
	in := func(x time.Time) bool { return !x.Before(since) && x.Before(end) }
	var created, resolved int
	var fr, res []time.Duration
	for _, r := range live {
		c, _ := when(r["created_at"])
		st := r["stats"].(rec)
		if in(c) {
			created++
			if f, ok := when(st["first_responded_at"]); ok {
				fr = append(fr, f.Sub(c))
			}
		}
		if rv, ok := when(st["resolved_at"]); ok && in(rv) {
			resolved++
			res = append(res, rv.Sub(c))
		}
	}
	slices.Sort(fr)
	slices.Sort(res)
	if created == 0 || resolved == 0 {
		t.Fatalf("demo period has %d created, %d resolved", created, resolved)
	}

	a, err := m.Run(ctx, reporting.Question{Kind: reporting.Volume, Since: since, Until: until}, -1)
	if err != nil || a.Total != created || a.CreditsUsed != 1+a.LookupCredits || a.CreditsPlanned != 1 || a.LookupCredits > 1 {
		t.Fatalf("volume %d (credits %d), want %d: %v", a.Total, a.CreditsUsed, created, err)
	}
	a, err = m.Run(ctx, reporting.Question{Kind: reporting.ResponseTimes, Since: since, Until: until}, -1)
	if err != nil {
		t.Fatal(err)
	}
	if a.Resolved != resolved || a.Resolution.Count != len(res) || a.Resolution.Median != reporting.Median(res) {
		t.Errorf("resolution: %d resolved, median %s; want %d, %s", a.Resolved, a.Resolution.Median, resolved, reporting.Median(res))
	}
	if a.FirstResponse.Count != len(fr) || a.FirstResponse.Median != reporting.Median(fr) || a.FirstResponse.P90 > fr[len(fr)-1] {
		t.Errorf("first response: %d, median %s; want %d, %s", a.FirstResponse.Count, a.FirstResponse.Median, len(fr), reporting.Median(fr))
	}
	// One sizing search, then one page of 100 with stats (the demo has fewer than 100 tickets).
	if a.CreditsPlanned != 4 || a.CreditsUsed != a.CreditsPlanned+a.LookupCredits {
		t.Errorf("credits used %d, planned %d", a.CreditsUsed, a.CreditsPlanned)
	}
}

func TestCSATMatchesTheData(t *testing.T) {
	m, fd, _ := demo(t)
	since, until := period(90)
	end := until.AddDate(0, 0, 1)
	var n, pos, neg, comments int
	for _, r := range fd.Records("satisfaction_ratings") {
		at, _ := when(r["created_at"])
		if at.Before(since) || !at.Before(end) {
			continue
		}
		n++
		switch v := num(r["ratings"].(rec)["default_question"]); {
		case v > 100:
			pos++
		case v < 100:
			neg++
		}
		if fb, _ := r["feedback"].(string); strings.TrimSpace(fb) != "" {
			comments++
		}
	}
	if n == 0 {
		t.Fatal("no ratings in the period")
	}
	a, err := m.Run(context.Background(), reporting.Question{Kind: reporting.CSAT, Since: since, Until: until}, -1)
	if err != nil {
		t.Fatal(err)
	}
	s := a.Satisfaction
	if s.Ratings != n || s.Positive != pos || s.Negative != neg || s.WithComment != comments || a.SampleSize != n {
		t.Errorf("got %+v, want %d ratings, %d positive, %d negative, %d comments", s, n, pos, neg, comments)
	}
	if want := float64(pos) * 100 / float64(n); s.Percent != want {
		t.Errorf("CSAT %.2f, want %.2f", s.Percent, want)
	}
	if a.CreditsUsed != 1 || a.LookupCredits != 0 {
		t.Errorf("credits %d (lookups %d)", a.CreditsUsed, a.LookupCredits)
	}
}

func TestOverdueMatchesTheData(t *testing.T) {
	m, _, live := demo(t)
	want := 0
	for _, r := range live {
		due, _ := when(r["due_by"])
		if unresolved(r) && due.Before(now) {
			want++
		}
	}
	if want == 0 {
		t.Fatal("demo has no overdue tickets")
	}
	a, err := m.Run(context.Background(), reporting.Question{Kind: reporting.Overdue}, -1)
	if err != nil {
		t.Fatal(err)
	}
	if a.Total != want || len(a.OverdueIDs) != min(want, 30) || a.CreditsUsed != 2+a.LookupCredits || a.LookupCredits != 1 {
		t.Errorf("overdue %d (%d ids, %d credits), want %d", a.Total, len(a.OverdueIDs), a.CreditsUsed, want)
	}
}

func TestBudgetRefusal(t *testing.T) {
	m, fd, _ := demo(t)
	ctx := context.Background()
	p, err := m.Plan(ctx, reporting.Question{Kind: reporting.Backlog, By: reporting.ByAgent})
	if err != nil {
		t.Fatal(err)
	}
	before := len(fd.Requests())
	_, err = m.Run(ctx, reporting.Question{Kind: reporting.Backlog, By: reporting.ByAgent}, 5)
	var ob *reporting.OverBudgetError
	if !errors.As(err, &ob) || ob.Needed != p.Credits || !strings.Contains(ob.Suggestion, "backlog by priority fits (4 credits)") {
		t.Fatalf("want a refusal suggesting the backlog by priority, got %v", err)
	}
	if n := len(fd.Requests()) - before; n != 0 {
		t.Errorf("a refused backlog spent %d requests", n)
	}
	// 150 more tickets updated today: 223 to list (73 demo + 150), 3 pages of stats.
	for i := 0; i < 150; i++ {
		if _, err := fd.AddTicket(fdtest.Record{"subject": "bulk", "requester_id": 67020000001, "created_at": now.Add(-time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	since, until := period(365)
	before = len(fd.Requests())
	_, err = m.Run(ctx, reporting.Question{Kind: reporting.ResponseTimes, Since: since, Until: until}, 5)
	if !errors.As(err, &ob) || ob.Needed != 10 || !strings.Contains(ob.Suggestion, "223 tickets were updated") {
		t.Fatalf("response times over budget: %v", err)
	}
	if n := len(fd.Requests()) - before; n != 1 {
		t.Errorf("a refused response-times question spent %d requests, want the 1 sizing search", n)
	}
	if _, err := m.Run(ctx, reporting.Question{Kind: reporting.Backlog, By: "mood"}, -1); err == nil {
		t.Error("unknown dimension accepted")
	}
}

func TestCeiling(t *testing.T) {
	m, fd, _ := demo(t)
	m.Ceiling = 5
	before := len(fd.Requests())
	_, err := m.Run(context.Background(), reporting.Question{Kind: reporting.Backlog, By: reporting.ByAgent}, -1)
	var ob *reporting.OverBudgetError
	if !errors.As(err, &ob) || ob.Budget != 5 {
		t.Fatalf("unlimited budget above the ceiling: %v", err)
	}
	for _, r := range fd.Requests()[before:] {
		if strings.Contains(r.Path, "/search/") {
			t.Errorf("refused question searched: %s", r.Path)
		}
	}
	if _, err := m.Run(context.Background(), reporting.Question{Kind: reporting.Backlog, By: reporting.ByPriority}, -1); err != nil {
		t.Errorf("a question under the ceiling: %v", err)
	}
}
