package reporting

import (
	"context"
	"fmt"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
)

// Kind names a question.
type Kind string

// The questions metrics can answer.
const (
	// Backlog counts unresolved tickets by a dimension (see By).
	Backlog Kind = "backlog"
	// Volume counts the tickets created in the period.
	Volume Kind = "volume"
	// ResponseTimes measures first-response and resolution times and counts
	// the tickets resolved in the period, from each ticket's stats.
	ResponseTimes Kind = "response_times"
	// CSAT summarises the satisfaction ratings received in the period.
	CSAT Kind = "csat"
	// Overdue counts unresolved tickets past their resolution due time now.
	Overdue Kind = "overdue"
)

// Kinds lists every question kind.
var Kinds = []Kind{Backlog, Volume, ResponseTimes, CSAT, Overdue}

// Backlog dimensions.
const (
	ByStatus   = "status"
	ByPriority = "priority"
	ByGroup    = "group"
	ByAgent    = "agent"
)

// Dimensions lists the backlog dimensions.
var Dimensions = []string{ByStatus, ByPriority, ByGroup, ByAgent}

// Question is one question. Since and Until are whole UTC days, both
// included; they apply to Volume, ResponseTimes and CSAT.
type Question struct {
	Kind    Kind
	By      string    // Backlog: status, priority, group or agent
	GroupID int64     // Backlog by agent: only this group's agents (cheaper)
	Since   time.Time // first day of the period
	Until   time.Time // last day of the period (inclusive)
}

// Source is what the metrics read from Freshdesk; *fdapi.Client implements it.
type Source interface {
	SearchTickets(ctx context.Context, q string, page int) (fdapi.SearchPage[fdapi.Ticket], error)
	ListTickets(ctx context.Context, p fdapi.ListTicketsParams) (fdapi.Page[fdapi.Ticket], error)
	ListAccountRatings(ctx context.Context, p fdapi.ListRatingsParams) (fdapi.Page[fdapi.SatisfactionRating], error)
	Statuses(ctx context.Context) ([]fdapi.Status, error)
	ListGroups(ctx context.Context) ([]fdapi.Group, error)
	GetGroup(ctx context.Context, id int64) (*fdapi.Group, error)
	ListAgents(ctx context.Context) ([]fdapi.Agent, error)
}

// Step is one Freshdesk call of a plan.
type Step struct {
	Call    string // e.g. `search/tickets "status:2"`
	Credits int
}

// Plan is how a question will be answered and what it costs.
type Plan struct {
	Question Question
	Steps    []Step
	// SizingCredits were already spent by Plan to size the work (a search total).
	SizingCredits int
	// Credits is what running the plan costs beyond SizingCredits.
	Credits int
	// MaxCredits > Credits when the cost depends on data Plan cannot size
	// (CSAT ratings have no count): Run stops at MaxCredits and says the
	// sample is partial.
	MaxCredits int
	Note       string

	run  func(ctx context.Context, a *Answer) error
	size int // sized work (tickets to list), for suggestions
}

// Metrics answers questions from a Source. Now is the clock (time.Now when
// nil). Ceiling, when positive, caps what one question may cost whatever the
// caller's budget (the account's credits are shared).
type Metrics struct {
	Src     Source
	Now     func() time.Time
	Ceiling int
}

func (m *Metrics) now() time.Time {
	if m.Now != nil {
		return m.Now().UTC()
	}
	return time.Now().UTC()
}

// Plan validates q and plans it; lookups (statuses, groups, agents) come
// from the client's cache.
func (m *Metrics) Plan(ctx context.Context, q Question) (*Plan, error) {
	if err := m.check(&q); err != nil {
		return nil, err
	}
	switch q.Kind {
	case Backlog:
		return m.planBacklog(ctx, q)
	case Volume:
		return m.planVolume(ctx, q)
	case ResponseTimes:
		return m.planResponseTimes(ctx, q)
	case CSAT:
		return m.planCSAT(q), nil
	default:
		return m.planOverdue(ctx, q)
	}
}

// QuestionError is a question that cannot be asked as given.
type QuestionError struct{ Msg string }

func (e *QuestionError) Error() string { return "metrics: " + e.Msg }

func (m *Metrics) check(q *Question) error {
	switch q.Kind {
	case Backlog:
		if !contains(Dimensions, q.By) {
			return &QuestionError{fmt.Sprintf("backlog needs by = one of %v", Dimensions)}
		}
		if q.GroupID != 0 && q.By != ByAgent {
			return &QuestionError{"group_id narrows only the backlog by agent"}
		}
	case Volume, ResponseTimes, CSAT:
		if q.Since.IsZero() {
			return &QuestionError{string(q.Kind) + " needs a period: since (and until, default today)"}
		}
		q.Since = day(q.Since)
		if q.Until.IsZero() {
			q.Until = day(m.now())
		}
		q.Until = day(q.Until)
		if q.Until.Before(q.Since) {
			return &QuestionError{"until is before since"}
		}
		if q.Since.After(m.now()) {
			return &QuestionError{"the period starts in the future"}
		}
	case Overdue:
	default:
		return &QuestionError{fmt.Sprintf("unknown question %q; one of %v", q.Kind, Kinds)}
	}
	return nil
}

func day(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func dateStr(t time.Time) string { return t.Format(time.DateOnly) }
