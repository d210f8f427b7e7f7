package reporting

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
)

// unresolved returns the account's statuses other than Resolved (4) and
// Closed (5), and the search clause matching them.
func (m *Metrics) unresolved(ctx context.Context) ([]fdapi.Status, string, error) {
	all, err := m.Src.Statuses(ctx)
	if err != nil {
		return nil, "", err
	}
	var open []fdapi.Status
	var parts []string
	for _, s := range all {
		if s.ID == 4 || s.ID == 5 {
			continue
		}
		open = append(open, s)
		parts = append(parts, "status:"+strconv.Itoa(s.ID))
	}
	return open, "(" + strings.Join(parts, " OR ") + ")", nil
}

// bucket is one search whose total is one count.
type bucket struct {
	label string
	id    int64
	query string
}

func (m *Metrics) planBacklog(ctx context.Context, q Question) (*Plan, error) {
	open, unres, err := m.unresolved(ctx)
	if err != nil {
		return nil, err
	}
	var bs []bucket
	sizing := 0
	switch q.By {
	case ByStatus:
		for _, s := range open {
			bs = append(bs, bucket{s.Label, int64(s.ID), "status:" + strconv.Itoa(s.ID)})
		}
	case ByPriority:
		for i, name := range []string{"Low", "Medium", "High", "Urgent"} {
			bs = append(bs, bucket{name, int64(i + 1), fmt.Sprintf("%s AND priority:%d", unres, i+1)})
		}
	case ByGroup:
		gs, err := m.Src.ListGroups(ctx)
		if err != nil {
			return nil, err
		}
		for _, g := range gs {
			bs = append(bs, bucket{g.Name, g.ID, fmt.Sprintf("%s AND group_id:%d", unres, g.ID)})
		}
		bs = append(bs, bucket{"(no group)", 0, unres + " AND group_id:null"})
	case ByAgent:
		as, err := m.Src.ListAgents(ctx)
		if err != nil {
			return nil, err
		}
		scope, members := unres, []int64(nil)
		if q.GroupID != 0 {
			// The group's view lists its agents (the agent list does not);
			// it is fetched while planning, so it counts as sizing.
			g, err := m.Src.GetGroup(ctx, q.GroupID)
			if err != nil {
				return nil, err
			}
			scope, members, sizing = fmt.Sprintf("%s AND group_id:%d", unres, q.GroupID), g.AgentIDs, 1
		}
		for _, a := range as {
			if q.GroupID != 0 && !containsID(members, a.ID) {
				continue
			}
			bs = append(bs, bucket{a.Contact.Name, a.ID, fmt.Sprintf("%s AND agent_id:%d", scope, a.ID)})
		}
		bs = append(bs, bucket{"(unassigned)", 0, scope + " AND agent_id:null"})
	}
	p := &Plan{Question: q, Credits: len(bs), MaxCredits: len(bs), SizingCredits: sizing,
		Note: "one search total per bucket (1 credit each), never one credit per ticket"}
	for _, b := range bs {
		p.Steps = append(p.Steps, Step{Call: `search/tickets "` + b.query + `"`, Credits: 1})
	}
	p.run = func(ctx context.Context, a *Answer) error {
		for _, b := range bs {
			pg, err := m.Src.SearchTickets(ctx, b.query, 1)
			if err != nil {
				return err
			}
			a.Counts = append(a.Counts, Count{Label: b.label, ID: b.id, Count: pg.Total, Query: b.query})
			a.Total += pg.Total
		}
		a.SampleSize = a.Total
		a.Method = fmt.Sprintf("the total of one ticket search per %s over the unresolved statuses (every status but Resolved and Closed); "+
			"search excludes spam, deleted and archived tickets and its index may lag a few minutes", q.By)
		if q.By == ByAgent && q.GroupID != 0 {
			a.Method += fmt.Sprintf("; only tickets of group %d and the agents in it", q.GroupID)
		}
		return nil
	}
	return p, nil
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
