// Package prompts holds the MCP prompts of freshdesk-mcp: summarize_ticket,
// draft_reply, triage_queue and weekly_report. Their text lives in text/template files
// embedded with go:embed; each prompt embeds the Freshdesk data it needs as
// resources (freshdesk://...) so the model reads the same shaped, labelled
// content the tools return.
package prompts

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

// set holds the parsed templates and the data gateway of one registration.
type set struct {
	tmpl *template.Template
	// data reads Freshdesk under the same policy (tool filter, credit
	// budget) and caches as the tools and resources.
	data *tools.Gateway
	// clock is the time of date defaults (nil: time.Now).
	clock func() time.Time
}

// Facts is what the policy knows of each prompt: the read tools whose data
// it embeds (it is available when any of them is exposed) and its credit
// estimate, checked against the budget before it runs.
func Facts() []mcppolicy.PromptFacts {
	return []mcppolicy.PromptFacts{
		// summarize_ticket reads the ticket through its resource, which is
		// scoped like get_ticket; the others are for agents.
		{Name: "summarize_ticket", AnyOf: []string{"get_ticket"}, Credits: 4, Customer: true},
		{Name: "draft_reply", AnyOf: []string{"get_ticket"}, Credits: 7},
		{Name: "triage_queue", AnyOf: []string{"list_tickets", "search_tickets"}, Credits: 3},
		// It reads nothing: support_metrics states and budgets each cost.
		{Name: "weekly_report", AnyOf: []string{"support_metrics"}, Credits: 0},
	}
}

// Register adds the prompts summarize_ticket, draft_reply and triage_queue to
// s. With deps.Policy set (and mcppolicy.Policy.Install run on s), a prompt is hidden
// when the caller cannot see its data's toolset, and its reads are budgeted.
func Register(s *server.MCPServer, deps tools.Deps) {
	p := &set{
		tmpl: template.Must(template.ParseFS(templateFS, "templates/*.tmpl")),
		data: tools.NewGateway(deps),
	}
	s.AddPrompt(mcp.NewPrompt("summarize_ticket",
		mcp.WithPromptTitle("Summarize a ticket"),
		mcp.WithPromptDescription("Summarize one ticket for an agent: what the customer wants, current state, key facts, next step. Embeds the ticket (3 credits)."),
		mcp.WithArgument("ticket_id", mcp.RequiredArgument(), mcp.ArgumentDescription("The ticket number, e.g. 1042.")),
	), p.summarizeTicket)
	s.AddPrompt(mcp.NewPrompt("draft_reply",
		mcp.WithPromptTitle("Draft a reply"),
		mcp.WithPromptDescription("Draft a reply to the customer for a human to review, in the customer's language: the same grounding pack as the draft_reply tool (thread, knowledge-base excerpts, canned responses; 4-7 credits, up to 4 more with the server's past answers) with the drafting rules."),
		mcp.WithArgument("ticket_id", mcp.RequiredArgument(), mcp.ArgumentDescription("The ticket number, e.g. 1042.")),
		mcp.WithArgument("tone", mcp.ArgumentDescription("Tone of the reply, e.g. \"formal\", \"warm\", \"brief\" (default: friendly and professional).")),
		mcp.WithArgument("instructions", mcp.ArgumentDescription("Your own guidance for the reply, e.g. \"offer a callback\".")),
		mcp.WithArgument("language", mcp.ArgumentDescription("Reply language (\"Korean\", \"ko\"); default: the customer's language.")),
	), p.draftReply)
	s.AddPrompt(mcp.NewPrompt("triage_queue",
		mcp.WithPromptTitle("Triage a queue"),
		mcp.WithPromptDescription("Propose priority, group, agent and next action for each ticket of a queue. Embeds the queue and the ticket fields, groups and agents (1-3 credits)."),
		mcp.WithArgument("filter", mcp.ArgumentDescription("Which queue: new_and_my_open (default), watching, unassigned, urgent, or a Freshdesk search query such as \"status:2 AND group_id:5\".")),
	), p.triageQueue)
	s.AddPrompt(mcp.NewPrompt("weekly_report",
		mcp.WithPromptTitle("Weekly support report"),
		mcp.WithPromptDescription("A support lead's weekly report (volume, response and resolution times, SLA, CSAT, backlog, overdue) built with support_metrics, each number with its cost and sample size. The prompt itself reads nothing (0 credits)."),
		mcp.WithArgument("until", mcp.ArgumentDescription("Last day of the week, YYYY-MM-DD (default today).")),
		mcp.WithArgument("group", mcp.ArgumentDescription("Only this group's backlog by agent (name), e.g. \"Billing\".")),
		mcp.WithArgument("comments", mcp.ArgumentDescription("\"no\" leaves out customer comments.")),
	), p.weeklyReport)
}

func (p *set) render(name string, data any) (string, error) {
	var buf bytes.Buffer
	if err := p.tmpl.ExecuteTemplate(&buf, name+".tmpl", data); err != nil {
		return "", fmt.Errorf("render prompt %s: %w", name, err)
	}
	return buf.String(), nil
}

func ticketID(args map[string]string) (int64, error) {
	raw := strings.TrimPrefix(strings.TrimSpace(args["ticket_id"]), "#")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("ticket_id must be a ticket number such as 1042, got %q", args["ticket_id"])
	}
	return id, nil
}

// embed reads resource uri and returns it as embedded-resource messages.
func (p *set) embed(ctx context.Context, uri string) ([]mcp.PromptMessage, error) {
	contents, err := p.data.ReadResource(ctx, uri)
	if err != nil {
		return nil, err
	}
	msgs := make([]mcp.PromptMessage, 0, len(contents))
	for _, c := range contents {
		msgs = append(msgs, mcp.NewPromptMessage(mcp.RoleUser, mcp.NewEmbeddedResource(c)))
	}
	return msgs, nil
}

type ticketData struct {
	TicketID     int64
	TicketURI    string
	Tone         string
	Instructions string
}

func (p *set) ticketPrompt(ctx context.Context, name, desc string, d ticketData) (*mcp.GetPromptResult, error) {
	d.TicketURI = tools.TicketURIPrefix + strconv.FormatInt(d.TicketID, 10)
	text, err := p.render(name, d)
	if err != nil {
		return nil, err
	}
	res, err := p.embed(ctx, d.TicketURI)
	if err != nil {
		return nil, err
	}
	msgs := append([]mcp.PromptMessage{mcp.NewPromptMessage(mcp.RoleUser, mcp.NewTextContent(text))}, res...)
	return mcp.NewGetPromptResult(desc, msgs), nil
}

func (p *set) summarizeTicket(ctx context.Context, req mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
	id, err := ticketID(req.Params.Arguments)
	if err != nil {
		return nil, err
	}
	return p.ticketPrompt(ctx, "summarize_ticket", fmt.Sprintf("Summarize ticket #%d", id), ticketData{TicketID: id})
}

func (p *set) draftReply(ctx context.Context, req mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
	id, err := ticketID(req.Params.Arguments)
	if err != nil {
		return nil, err
	}
	a := req.Params.Arguments
	// The same grounding pack and instruction as the draft_reply tool
	// without a model: one text block, customer text fenced inside it.
	g, err := p.data.DraftGrounding(ctx, id, a["instructions"], a["tone"], a["language"])
	if err != nil {
		return nil, err
	}
	text, err := p.render("draft_reply", draftData{TicketID: id, Text: g.Text()})
	if err != nil {
		return nil, err
	}
	msgs := []mcp.PromptMessage{mcp.NewPromptMessage(mcp.RoleUser, mcp.NewTextContent(text))}
	return mcp.NewGetPromptResult(fmt.Sprintf("Draft a reply for ticket #%d", id), msgs), nil
}

// draftData feeds templates/draft_reply.tmpl.
type draftData struct {
	TicketID int64
	Text     string
}
