package tools

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// Policy adapts package policy (which knows nothing of MCP) to the server:
// the tool filter, credit budgets for every tool, and the confirmation,
// duplicate guard and audit of write tools. One Policy serves the whole
// process (every transport, and every per-credential server), so budgets,
// tokens and the duplicate memory are shared. Build it with its fields set;
// nil Confirmer, Guard or Budget make writes fail closed.
type Policy struct {
	// Filter is the server-wide filter (--mode, --toolsets, --tools,
	// --exclude-tools). A request may carry a tightened copy (WithFilter).
	Filter policy.Filter
	// ConfirmReplies is --confirm-replies.
	ConfirmReplies bool
	// Fallback is what happens when confirmation is needed and the client
	// cannot elicit (--confirm-fallback).
	Fallback  policy.Fallback
	Confirmer *policy.Confirmer
	Guard     *policy.Guard
	Budget    *policy.Budget
	// Audit is optional (--audit-log).
	Audit *policy.AuditLog
	// DefaultCaller is the caller of requests that carry none (stdio:
	// policy.LocalCaller).
	DefaultCaller string
	// Now is the clock for previews; nil means time.Now.
	Now func() time.Time
	// Logger is optional.
	Logger *slog.Logger
}

type ctxKey int

const (
	callerKey ctxKey = iota
	filterKey
	budgetKey
)

// WithCaller returns ctx carrying the identity of the caller (HTTP: the
// bearer-token name, the hash of caller-supplied credentials, or both as
// "token:alice/key:<hash>"). It names the caller in the audit log and binds
// confirmation tokens; it also keys the credit budget unless WithBudgetKey
// sets another key.
func WithCaller(ctx context.Context, caller string) context.Context {
	return context.WithValue(ctx, callerKey, caller)
}

// WithBudgetKey returns ctx whose credit budget is keyed by key instead of
// the caller identity: callers that bring their own Freshdesk credentials
// are budgeted per account (the credentials hash), whoever they are, so the
// account's credits are protected.
func WithBudgetKey(ctx context.Context, key string) context.Context {
	return context.WithValue(ctx, budgetKey, key)
}

// BudgetKeyFromContext returns the key set by WithBudgetKey.
func BudgetKeyFromContext(ctx context.Context) (string, bool) {
	k, ok := ctx.Value(budgetKey).(string)
	return k, ok && k != ""
}

// CallerFromContext returns the caller set by WithCaller.
func CallerFromContext(ctx context.Context) (string, bool) {
	c, ok := ctx.Value(callerKey).(string)
	return c, ok && c != ""
}

// WithFilter returns ctx carrying a per-request filter (tightened by HTTP
// headers). It replaces the server-wide filter for that request, so build it
// with Filter.Tighten from the server-wide one: it can only be stricter.
func WithFilter(ctx context.Context, f policy.Filter) context.Context {
	return context.WithValue(ctx, filterKey, f)
}

// FilterFromContext returns the filter set by WithFilter.
func FilterFromContext(ctx context.Context) (policy.Filter, bool) {
	f, ok := ctx.Value(filterKey).(policy.Filter)
	return f, ok
}

func (p *Policy) caller(ctx context.Context) string {
	if c, ok := CallerFromContext(ctx); ok {
		return c
	}
	if p.DefaultCaller != "" {
		return p.DefaultCaller
	}
	return "unknown"
}

// budgetCaller is the key of the caller's credit budget.
func (p *Policy) budgetCaller(ctx context.Context) string {
	if k, ok := BudgetKeyFromContext(ctx); ok {
		return k
	}
	return p.caller(ctx)
}

func (p *Policy) filter(ctx context.Context) policy.Filter {
	if f, ok := FilterFromContext(ctx); ok {
		return f
	}
	return p.Filter
}

func (p *Policy) logger() *slog.Logger {
	if p.Logger != nil {
		return p.Logger
	}
	return slog.New(slog.DiscardHandler)
}

// Write kinds each write tool can make; the filter hides a tool every kind
// of which the mode refuses (send_reply and update_ticket in notes mode).
var writeKinds = map[string][]policy.WriteKind{
	"add_note":      {policy.PrivateNote, policy.PublicNote},
	"send_reply":    {policy.Reply},
	"update_ticket": {policy.TicketUpdate},
}

// estimatedCredits is what a call of each tool is expected to cost at most
// in the common case (checked against the caller's budget before any
// upstream call; the actual cost is charged afterwards). Tools not listed
// cost 1.
var estimatedCredits = map[string]int{
	"get_ticket":         4,
	"list_tickets":       3,
	"search_tickets":     1,
	"list_conversations": 1,
	"add_note":           2, // ticket view for the preview + the note
	"send_reply":         3, // ticket view with the requester + the reply
	"update_ticket":      2,
	"draft_reply":        6, // fields, ticket + thread + requester, 1-2 KB searches
}

// EstimatedCredits returns the credit estimate of one call of tool.
func EstimatedCredits(tool string) int {
	if n, ok := estimatedCredits[tool]; ok {
		return n
	}
	return 1
}

// ToolInfo describes t to the policy filter.
func ToolInfo(t Tool) policy.ToolInfo {
	return policy.ToolInfo{
		Name:    t.Def.Name,
		Toolset: t.Toolset,
		Write:   t.Access != Read,
		Kinds:   writeKinds[t.Def.Name],
	}
}

// Install adds the policy to s for the registered tools ts: a tool filter
// (tools/list and tools/call; a request's filter from WithFilter replaces
// the server-wide one), a middleware that checks every call against the
// caller's credit budget before it runs and charges the actual cost after,
// the same filter and budget for resources/read and prompts (a prompt is
// hidden when its data's tools are), and the freshdesk://usage resource.
func (p *Policy) Install(s *server.MCPServer, deps Deps, ts []Tool) {
	infos := make(map[string]policy.ToolInfo, len(ts))
	for _, t := range ts {
		infos[t.Def.Name] = ToolInfo(t)
	}
	server.WithToolFilter(func(ctx context.Context, list []mcp.Tool) []mcp.Tool {
		f := p.filter(ctx)
		out := make([]mcp.Tool, 0, len(list))
		for _, t := range list {
			info, ok := infos[t.Name]
			if ok && f.Exposed(info) { // unknown tools fail closed
				out = append(out, t)
			}
		}
		return out
	})(s)
	s.Use(p.budgetMiddleware(deps, infos))
	// Resources and prompts serve the same data: same filter, same budget.
	server.WithResourceHandlerMiddleware(p.resourceMiddleware())(s)
	server.WithPromptFilter(p.promptFilter())(s)
	server.WithPromptHandlerMiddleware(p.promptMiddleware())(s)
	registerUsageResource(s, deps, p)
}

// budgetMiddleware reserves a call's estimate against the caller's budget
// (refused, with no upstream call, when it does not fit), settles the
// reservation to the credits the call actually spent, and adds
// budget_remaining to the result's _meta.
func (p *Policy) budgetMiddleware(deps Deps, infos map[string]policy.ToolInfo) server.ToolHandlerMiddleware {
	return func(next server.ToolHandlerFunc) server.ToolHandlerFunc {
		return func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			if p.Budget == nil {
				return next(ctx, req)
			}
			name := req.Params.Name
			caller := p.budgetCaller(ctx)
			// Reserve the estimate atomically (concurrent calls cannot
			// overshoot together), then settle it to what the call cost.
			resv, err := p.Budget.Reserve(ctx, caller, EstimatedCredits(name))
			if err != nil {
				if info := infos[name]; info.Write || (name == "draft_reply" && saveAsNoteArg(req)) {
					// Every refused write attempt is audited, draft_reply's
					// save_as_note included.
					rec := policy.AuditRecord{Caller: p.caller(ctx), Tool: name, Mode: p.filter(ctx).Mode().String(),
						TicketID: ticketIDArg(req), Decision: policy.DecisionOverBudget, Outcome: policy.OutcomeNotAttempted, Error: err.Error()}
					if name == "draft_reply" {
						rec.Kind = policy.PrivateNote
					}
					p.audit(ctx, rec)
				}
				res := mcp.NewToolResultError(budgetText(err))
				m := map[string]any{"credits_used": 0}
				p.addBudgetMeta(ctx, deps, caller, m)
				res.Meta = mcp.NewMetaFromMap(m)
				return res, nil
			}
			u := &fdapi.Usage{}
			settled := false
			settle := func() {
				if settled {
					return
				}
				settled = true
				if serr := resv.Settle(context.WithoutCancel(ctx), u.Credits()); serr != nil {
					p.logger().WarnContext(ctx, "settling the credit budget failed", "caller", caller, "error", serr)
				}
			}
			defer settle() // also on a panic: an unsettled estimate stays charged
			res, err := next(fdapi.WithUsage(ctx, u), req)
			settle()
			if res == nil {
				return res, err
			}
			m := map[string]any{}
			if res.Meta != nil {
				for k, v := range res.Meta.AdditionalFields {
					m[k] = v
				}
			}
			p.addBudgetMeta(ctx, deps, caller, m)
			res.Meta = mcp.NewMetaFromMap(m)
			return res, err
		}
	}
}

// addBudgetMeta sets budget_remaining (-1: unlimited) and account_remaining.
func (p *Policy) addBudgetMeta(ctx context.Context, deps Deps, caller string, m map[string]any) {
	if _, ok := m["credits_used"]; !ok {
		m["credits_used"] = 0
	}
	if rem, err := p.Budget.Remaining(ctx, caller); err == nil {
		m["budget_remaining"] = rem
	}
	if _, ok := m["account_remaining"]; !ok && deps.Client != nil {
		if rl := deps.Client.RateLimit(); rl.Known {
			m["account_remaining"] = rl.Remaining
		}
	}
}

func budgetText(err error) string {
	var be *policy.BudgetError
	if errors.As(err, &be) {
		return "Not run (no Freshdesk call was made): " + be.Error()
	}
	return "Not run (no Freshdesk call was made): the credit budget could not be checked: " + err.Error()
}

// ticketIDArg reads ticket_id from raw arguments for audit lines written
// before binding.
func ticketIDArg(req mcp.CallToolRequest) int64 {
	var a struct {
		TicketID json.Number `json:"ticket_id"`
	}
	if err := json.Unmarshal(rawArguments(req), &a); err != nil {
		return 0
	}
	n, _ := a.TicketID.Int64()
	return n
}

// saveAsNoteArg reports whether raw arguments ask draft_reply to save its
// draft as a note (a write, audited even when refused before binding).
func saveAsNoteArg(req mcp.CallToolRequest) bool {
	var a struct {
		SaveAsNote bool `json:"save_as_note"`
	}
	return json.Unmarshal(rawArguments(req), &a) == nil && a.SaveAsNote
}

// audit writes r to the audit log, if any. A failing audit log is logged
// loudly; the write it describes has already happened or been refused.
func (p *Policy) audit(ctx context.Context, r policy.AuditRecord) {
	if p.Audit == nil {
		return
	}
	if err := p.Audit.Write(r); err != nil {
		p.logger().ErrorContext(ctx, "audit log write failed", "tool", r.Tool, "decision", string(r.Decision), "error", err)
	}
}

// canElicit reports whether the client of this request declared the
// elicitation capability (anchors §2.4, pitfall P7: eliciting from a client
// without it fails the whole call with a protocol error).
func canElicit(ctx context.Context) bool {
	if info := server.RequestProtocolInfoFromContext(ctx); info != nil && info.Modern {
		return info.ClientCapabilities != nil && info.ClientCapabilities.Elicitation != nil
	}
	sess := server.ClientSessionFromContext(ctx)
	if sess == nil {
		return false
	}
	if _, ok := sess.(server.SessionWithElicitation); !ok {
		return false
	}
	ci, ok := sess.(server.SessionWithClientInfo)
	return ok && ci.GetClientCapabilities().Elicitation != nil
}

// errPolicyMissing makes writes fail closed when no Policy is configured.
var errPolicyMissing = fmt.Errorf("writes are disabled: the server has no write policy configured; nothing was written")
