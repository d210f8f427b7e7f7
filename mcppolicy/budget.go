package mcppolicy

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/metrics"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// WriteIntent says whether a call about to be budgeted would write: a write
// refused over budget is audited.
type WriteIntent struct {
	Write bool
	// Kind is the write kind to audit ("" when the tool decides it later).
	Kind     policy.WriteKind
	TicketID int64
	// Credits, when above the tool's estimate, is this call's estimate
	// instead (an option that costs more, such as draft_reply's past
	// answers), so the budget reserves what the call may really spend.
	Credits int
}

// Call is one call's reservation against the caller's credit budget.
type Call struct {
	p      *Policy
	key    string
	resv   *policy.Reservation
	usage  *fdapi.Usage
	settle sync.Once
}

// BeginCall reserves the estimate of the tool t against the caller's budget.
// It runs after the arguments are bound and validated (an invalid call costs
// nothing and is told what is wrong) and before any upstream call. Refused,
// it returns the answer (no Freshdesk call made; a write is audited as
// over_budget). Otherwise the returned ctx counts what the call spends and
// Settle charges it; a nil *Call (no budget configured) settles nothing.
func (p *Policy) BeginCall(ctx context.Context, t ToolFacts, w WriteIntent) (context.Context, *Call, *mcp.CallToolResult) {
	if p.Budget == nil {
		return ctx, nil, nil
	}
	key := p.budgetCaller(ctx)
	// Reserved atomically: concurrent calls cannot overshoot together.
	resv, err := p.Budget.Reserve(ctx, key, max(t.Estimate(), w.Credits))
	if err != nil {
		if w.Write {
			// Every refused write attempt is audited, draft_reply's
			// save_as_note included.
			p.Record(ctx, policy.AuditRecord{Caller: p.Caller(ctx), Tool: t.Name, Mode: p.RequestFilter(ctx).Mode().String(),
				TicketID: w.TicketID, Kind: w.Kind, Decision: policy.DecisionOverBudget, Outcome: policy.OutcomeNotAttempted, Error: err.Error()})
		}
		metrics.FromContext(ctx).Refusal("budget")
		return ctx, nil, mcp.NewToolResultError(budgetText(err))
	}
	c := &Call{p: p, key: key, resv: resv, usage: &fdapi.Usage{}}
	return fdapi.WithUsage(ctx, c.usage), c, nil
}

// Settle charges the credits the call actually spent instead of its
// estimate. It runs once; call it deferred, so a panicking call still
// settles (an unsettled estimate stays charged).
func (c *Call) Settle(ctx context.Context) {
	if c == nil {
		return
	}
	c.settle.Do(func() {
		if err := c.resv.Settle(context.WithoutCancel(ctx), c.usage.Credits()); err != nil {
			c.p.logger().WarnContext(ctx, "settling the credit budget failed", "caller", c.key, "error", err)
		}
	})
}

// AddBudgetMeta adds budget_remaining (-1: unlimited) to the _meta fields m
// of a result, when a budget is configured.
func (p *Policy) AddBudgetMeta(ctx context.Context, m map[string]any) {
	if p.Budget == nil {
		return
	}
	if rem, err := p.Budget.Remaining(ctx, p.budgetCaller(ctx)); err == nil {
		m["budget_remaining"] = rem
	}
}

// checkBudget refuses when estimate credits would exceed the caller's budget.
func (p *Policy) checkBudget(ctx context.Context, estimate int) error {
	if p.Budget == nil {
		return nil
	}
	if err := p.Budget.Check(ctx, p.budgetCaller(ctx), estimate); err != nil {
		return fmt.Errorf("%s: %w", budgetText(err), err)
	}
	return nil
}

func budgetText(err error) string {
	var be *policy.BudgetError
	if errors.As(err, &be) {
		return "Not run (no Freshdesk call was made): " + be.Error()
	}
	return "Not run (no Freshdesk call was made): the credit budget could not be checked: " + err.Error()
}
