package mcppolicy

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/approval"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// Policy adapts package policy to the MCP server: the tool filter, credit
// budgets for every tool, resource and prompt, and the confirmation,
// duplicate guard and audit of writes. One Policy serves the whole process
// (every transport, and every per-credential server), so budgets, tokens and
// the duplicate memory are shared. Build it with its fields set; nil
// Confirmer, Guard or Budget make writes fail closed.
type Policy struct {
	// Catalogue is every tool, resource and prompt the policy covers, as
	// declared with each (tools.PolicyCatalogue, prompts.Facts).
	Catalogue Catalogue
	// Filter is the server-wide filter (--mode, --toolsets, --tools,
	// --exclude-tools). A request may carry a tightened copy (WithFilter).
	Filter policy.Filter
	// ConfirmReplies is --confirm-replies.
	ConfirmReplies bool
	// Fallback is what happens when confirmation is needed and the client
	// cannot elicit (--confirm-fallback).
	Fallback  policy.Fallback
	Confirmer *policy.Confirmer
	// Approvals serves the confirmation page (URL-mode elicitation and the
	// approver fallback); nil where no page is served (stdio, `call`).
	Approvals *approval.Approvals
	Guard     *policy.Guard
	Budget    *policy.Budget
	// ConfirmLimit bounds the confirmations each caller asks for (pages,
	// tokens, request states), which cost no credit but leave records in
	// the store; nil means no limit.
	ConfirmLimit *policy.ConfirmLimit
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

// ErrMissing makes writes fail closed when no Policy is configured.
var ErrMissing = errors.New("writes are disabled: the server has no write policy configured; nothing was written")

// Caller is the identity of the caller of ctx's request (for the audit log
// and confirmation tokens).
func (p *Policy) Caller(ctx context.Context) string {
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
	return p.Caller(ctx)
}

// RequestFilter is the filter of ctx's request: the tightened copy set by
// WithFilter, or the server-wide one.
func (p *Policy) RequestFilter(ctx context.Context) policy.Filter {
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

// Record writes r to the audit log, if any. A failing audit log is logged
// loudly; the write it describes has already happened or been refused.
func (p *Policy) Record(ctx context.Context, r policy.AuditRecord) {
	if p.Audit == nil {
		return
	}
	if err := p.Audit.Write(r); err != nil {
		p.logger().ErrorContext(ctx, "audit log write failed", "tool", r.Tool, "decision", string(r.Decision), "error", err)
	}
}

// Helpdesk is the normalized domain of c, the helpdesk a write goes to.
func Helpdesk(c *fdapi.Client) string {
	if c == nil {
		return ""
	}
	return policy.NormalizeDomain(c.BaseURL())
}
