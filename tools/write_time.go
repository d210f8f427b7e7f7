package tools

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/shape"
)

type addTimeIn struct {
	TicketID int64  `json:"ticket_id" jsonschema:"required,minimum=1" jsonschema_description:"The ticket number."`
	Minutes  int    `json:"minutes" jsonschema:"required,minimum=1,maximum=59999" jsonschema_description:"Time spent, in minutes."`
	Note     string `json:"note,omitempty" jsonschema:"maxLength=2000" jsonschema_description:"What the time was spent on (agents only)."`
	Billable *bool  `json:"billable,omitempty" jsonschema_description:"Billable (default true)."`
	Agent    string `json:"agent,omitempty" jsonschema_description:"Whose time: name, e-mail or id (default: the API key's agent)."`
	Date     string `json:"executed_at,omitempty" jsonschema_description:"When the work was done (YYYY-MM-DD or ISO 8601; default now)."`
	guardedWrite
}

type timeOut struct {
	ID       int64  `json:"id"`
	Minutes  int    `json:"minutes"`
	Billable bool   `json:"billable"`
	Agent    string `json:"agent,omitempty"`
}

func (b *builder) addTimeEntryTool() Tool {
	return newWriteTool(b, writeSpec[addTimeIn]{
		decl: decl{
			Name: "add_time_entry", Title: "Log time on a ticket", Toolset: ToolsetTime, Access: Write, Credits: 2,
			Kinds: []policy.WriteKind{policy.TimeEntry},
			Description: "Log time spent on a ticket (agents only see it). Confirmed like every write. " +
				"The same entry twice within 10 minutes is refused unless allow_duplicate. Costs 2 credits.",
		},
		kind:      func(*addTimeIn) policy.WriteKind { return policy.TimeEntry },
		ticketID:  func(in *addTimeIn) int64 { return in.TicketID },
		normalize: func(in *addTimeIn) { in.Note = strings.TrimSpace(in.Note) },
		plan:      b.planTimeEntry,
	})
}

func (b *builder) planTimeEntry(ctx context.Context, in *addTimeIn) (*mcppolicy.WritePlan, error) {
	e := fdapi.TimeEntryCreate{TimeSpent: time.Duration(in.Minutes) * time.Minute, Note: in.Note, Billable: in.Billable}
	who := "the API key's agent"
	if in.Agent != "" {
		id, err := b.agentID(ctx, in.Agent)
		if err != nil {
			return nil, err
		}
		e.AgentID, who = id, in.Agent
	}
	if in.Date != "" {
		t, err := parseTimeArg("executed_at", in.Date)
		if err != nil {
			return nil, err
		}
		if t.After(time.Now().Add(time.Minute)) {
			return nil, inputErrorf("executed_at %s is in the future", in.Date)
		}
		e.ExecutedAt = t
	}
	t, err := b.deps.Client.GetTicket(ctx, in.TicketID)
	if err != nil {
		return nil, err
	}
	billable := in.Billable == nil || *in.Billable
	kind := "billable"
	if !billable {
		kind = "non-billable"
	}
	pv := mcppolicy.Preview{Action: fmt.Sprintf("log %d min of %s time for %s on ticket #%d", in.Minutes, kind, who, t.ID),
		TicketID: t.ID, Subject: shape.Sanitize(t.Subject), Body: in.Note}
	body := fmt.Sprintf("%d|%t|%d|%s|%s", in.Minutes, billable, e.AgentID, in.Date, in.Note)
	return &mcppolicy.WritePlan{Kind: policy.TimeEntry, Preview: pv, Body: body, Guarded: true, Fields: []string{"time_entry"},
		Run: func(ctx context.Context) ([]int64, any, error) {
			te, err := b.deps.Client.CreateTimeEntry(ctx, in.TicketID, e)
			if err != nil {
				return nil, nil, err
			}
			return []int64{te.ID}, timeOut{ID: te.ID, Minutes: minutesOf(*te), Billable: te.Billable, Agent: who}, nil
		}}, nil
}
