package tools

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/shape"
)

// maxTimeRows caps the rows of list_time_entries; the totals cover every
// entry read. maxTimePages caps the pages read (1 credit each): an
// account's whole history is never downloaded.
const (
	maxTimeRows  = 200
	maxTimePages = 10
)

type listTimeIn struct {
	TicketID  int64  `json:"ticket_id,omitempty" jsonschema:"minimum=1" jsonschema_description:"Only this ticket's entries."`
	Agent     string `json:"agent,omitempty" jsonschema_description:"Only this agent's entries: name, e-mail or id."`
	CompanyID int64  `json:"company_id,omitempty" jsonschema:"minimum=1" jsonschema_description:"Only entries on this company's tickets."`
	Since     string `json:"since,omitempty" jsonschema_description:"Executed on or after this date (YYYY-MM-DD or ISO 8601)."`
	Until     string `json:"until,omitempty" jsonschema_description:"Executed on or before this date (a date includes the whole day)."`
	Billable  *bool  `json:"billable,omitempty" jsonschema_description:"Only billable (true) or non-billable (false) entries."`
}

type timeRow struct {
	ID       int64  `json:"id"`
	TicketID int64  `json:"ticket_id"`
	Agent    string `json:"agent"`
	Minutes  int    `json:"minutes"`
	Billable bool   `json:"billable"`
	Running  bool   `json:"timer_running,omitempty"`
	Date     string `json:"executed_at"`
	Note     string `json:"note,omitempty"`
}

type listTimeOut struct {
	Entries         []timeRow      `json:"entries"`
	Count           int            `json:"count"`
	TotalMinutes    int            `json:"total_minutes"`
	BillableMinutes int            `json:"billable_minutes"`
	ByAgent         map[string]int `json:"minutes_by_agent,omitempty"`
	Note            string         `json:"note,omitempty"`
}

func (b *builder) listTimeEntriesTool() Tool {
	return newTool(b, decl{
		Name: "list_time_entries", Title: "List time entries", Toolset: ToolsetTime, Access: Read, Credits: 2,
		Description: "Time logged by agents: per ticket (ticket_id), per agent, per company and/or per period (since, until), with totals in minutes " +
			"(billable and per agent). Costs 1 credit per 100 entries, at most 10 (+1 to load names).",
	}, b.listTimeEntries)
}

func (b *builder) listTimeEntries(ctx context.Context, in listTimeIn) (*listTimeOut, error) {
	c := b.deps.Client
	nm, err := loadNames(ctx, c)
	if err != nil {
		return nil, err
	}
	var entries []fdapi.TimeEntry
	partial := ""
	if in.TicketID != 0 {
		if in.Agent != "" || in.CompanyID != 0 || in.Since != "" || in.Until != "" || in.Billable != nil {
			return nil, inputErrorf("with ticket_id give no other filter (the ticket's entries are all listed)")
		}
		if entries, err = c.ListTimeEntries(ctx, in.TicketID); err != nil {
			return nil, err
		}
	} else {
		p := fdapi.ListTimeEntriesParams{CompanyID: in.CompanyID, Billable: in.Billable}
		if in.Agent != "" {
			if p.AgentID, err = b.agentID(ctx, in.Agent); err != nil {
				return nil, err
			}
		}
		if p.ExecutedAfter, p.ExecutedBefore, err = period(in.Since, in.Until); err != nil {
			return nil, err
		}
		capped := false
		if entries, capped, err = accountTimeEntries(ctx, c, p); err != nil {
			return nil, err
		}
		if capped {
			partial = fmt.Sprintf("Only the first %d entries were read (%d pages, 1 credit each); the totals cover those. Narrow with since/until, agent or company_id.", len(entries), maxTimePages)
		}
	}
	out := &listTimeOut{Entries: []timeRow{}, ByAgent: map[string]int{}}
	for _, e := range entries {
		mins := minutesOf(e)
		agent := nm.agent(&e.AgentID)
		out.Count++
		out.TotalMinutes += mins
		out.ByAgent[agent] += mins
		if e.Billable {
			out.BillableMinutes += mins
		}
		if len(out.Entries) < maxTimeRows {
			date := ""
			if e.ExecutedAt != nil {
				date = e.ExecutedAt.UTC().Format(time.DateOnly)
			}
			out.Entries = append(out.Entries, timeRow{ID: e.ID, TicketID: e.TicketID, Agent: agent, Minutes: mins, Billable: e.Billable,
				Running: e.TimerRunning, Date: date, Note: shape.Sanitize(e.Note)})
		}
	}
	if out.Count > maxTimeRows {
		out.Note = fmt.Sprintf("%d entries; the first %d are listed, the totals cover all. Narrow with since/until, agent or ticket_id to see the rest.", out.Count, maxTimeRows)
	}
	if partial != "" {
		out.Note = strings.TrimSpace(partial + " " + out.Note)
	}
	return out, nil
}

// accountTimeEntries reads at most maxTimePages pages of GET /time_entries.
func accountTimeEntries(ctx context.Context, c *fdapi.Client, p fdapi.ListTimeEntriesParams) ([]fdapi.TimeEntry, bool, error) {
	var out []fdapi.TimeEntry
	p.PerPage = fdapi.MaxPerPage
	for page := 1; page <= maxTimePages; page++ {
		p.Page = page
		pg, err := c.ListAccountTimeEntries(ctx, p)
		if err != nil {
			return nil, false, err
		}
		out = append(out, pg.Items...)
		if pg.NextPage == 0 {
			return out, false, nil
		}
	}
	return out, true, nil
}

// minutesOf reads an entry's duration (time_spent_in_seconds, else "hh:mm").
func minutesOf(e fdapi.TimeEntry) int {
	if e.TimeSpentInSeconds != nil {
		return *e.TimeSpentInSeconds / 60
	}
	var h, m int
	if _, err := fmt.Sscanf(e.TimeSpent, "%d:%d", &h, &m); err == nil {
		return h*60 + m
	}
	return 0
}

// period parses since/until; a date-only until covers its whole day.
func period(since, until string) (from, to time.Time, err error) {
	if since != "" {
		if from, err = parseTimeArg("since", since); err != nil {
			return
		}
	}
	if until != "" {
		if to, err = parseTimeArg("until", until); err != nil {
			return
		}
		if len(until) == len(time.DateOnly) {
			to = to.Add(24*time.Hour - time.Second)
		}
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		err = inputErrorf("until (%s) is before since (%s)", until, since)
	}
	return
}

// agentID resolves an agent by id, e-mail or name (cached agent list).
func (b *builder) agentID(ctx context.Context, v string) (int64, error) {
	agents, err := b.deps.Client.ListAgents(ctx)
	if err != nil {
		return 0, err
	}
	cs := make([]choice, 0, len(agents))
	for _, a := range agents {
		if normName(a.Contact.Email) == normName(v) {
			return a.ID, nil
		}
		cs = append(cs, choice{ID: a.ID, Name: a.Contact.Name})
	}
	return resolve("agent", cs, v)
}
