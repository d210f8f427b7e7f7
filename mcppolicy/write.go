package mcppolicy

import (
	"context"
	"errors"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/metrics"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// DecisionInvalid audits a write refused because its arguments are invalid.
const DecisionInvalid policy.AuditDecision = "invalid_arguments"

// WriteCall is one call of a write tool, its arguments bound, validated by
// their schema and normalized, ready for the policy flow.
type WriteCall struct {
	Tool ToolFacts
	// Request carries an elicitation answer (inputResponses, requestState).
	Request mcp.CallToolRequest
	// Args are the bound arguments: confirmation tokens and request states
	// are bound to exactly these.
	Args any
	// Kind is the write kind of Args, known before any upstream call (the
	// mode is decided first, so a refused write costs nothing).
	Kind     policy.WriteKind
	TicketID int64
	// Token is the confirmation_token argument; AllowDuplicate the
	// allow_duplicate argument.
	Token          string
	AllowDuplicate bool
	// Helpdesk is the normalized domain written to (duplicate guard, audit).
	Helpdesk string
	// Plan validates the write and builds it (it may read Freshdesk).
	Plan func(ctx context.Context) (*WritePlan, error)
	// ErrorText renders an error of Plan or of the write for the model.
	ErrorText func(error) string
}

// write is the state of one RunWrite.
type write struct {
	p      *Policy
	c      WriteCall
	caller string
	rec    policy.AuditRecord
}

// RunWrite is the policy flow of one write call:
// mode -> validation and preview -> token and duplicate check ->
// confirmation (elicitation, token or fallback) -> guarded upstream write
// -> audit. Every refusal is audited and says that nothing was written.
func (p *Policy) RunWrite(ctx context.Context, c WriteCall) *mcp.CallToolResult {
	f := p.RequestFilter(ctx)
	w := &write{p: p, c: c, caller: p.Caller(ctx)}
	w.rec = policy.AuditRecord{Caller: w.caller, Tool: c.Tool.Name, Mode: f.Mode().String(), Helpdesk: c.Helpdesk,
		TicketID: c.TicketID, Kind: c.Kind, Outcome: policy.OutcomeNotAttempted}

	// 1. The mode, before anything costs a credit. A hidden tool is also
	// refused here (the tool filter already refuses it at the protocol level).
	if err := f.Check(c.Tool.Info()); err != nil {
		return w.refuse(ctx, policy.DecisionToolHidden, err.Error()+" Nothing was written.")
	}
	d := f.Decide(c.Kind, p.ConfirmReplies)
	if d.Verdict == policy.Refused {
		return w.refuse(ctx, policy.DecisionRefusedByMode, d.Err().Error())
	}
	if p.Confirmer == nil || p.Guard == nil {
		return w.refuse(ctx, policy.DecisionRefusedByMode, ErrMissing.Error())
	}

	// 2. Validate and preview (bad values are refused here, before any write).
	plan, err := c.Plan(ctx)
	if err != nil {
		return w.refuse(ctx, DecisionInvalid, c.ErrorText(err)+" Nothing was written.")
	}
	w.rec.Fields = plan.Fields
	w.rec.Body = plan.Body

	// 3 and 4 (confirm.go): token and duplicates, then the user's answer.
	decision, res := w.confirm(ctx, d, plan)
	if res != nil {
		return res
	}
	// 5. The write, guarded against duplicates.
	return w.execute(ctx, decision, plan)
}

// refuse audits a refusal with decision d and returns msg as the answer.
func (w *write) refuse(ctx context.Context, d policy.AuditDecision, msg string) *mcp.CallToolResult {
	w.rec.Decision, w.rec.Error = d, msg
	w.p.Record(ctx, w.rec)
	if reason := refusalReason(d); reason != "" {
		metrics.FromContext(ctx).Refusal(reason)
	}
	return mcp.NewToolResultError(msg)
}

// refusalReason is the freshdesk_mcp_refusals_total label of a refused
// write: a fixed word per kind of refusal, "" for invalid arguments (the
// model's mistake, not the policy's refusal).
func refusalReason(d policy.AuditDecision) string {
	switch d {
	case policy.DecisionTokenInvalid, policy.DecisionDeclined, policy.DecisionCouldNotAsk:
		return "confirmation"
	case policy.DecisionDuplicate:
		return "duplicate"
	case policy.DecisionRefusedByMode, policy.DecisionToolHidden:
		return "mode"
	}
	return ""
}

// guardedWrite is the duplicate guard's view of plan.
func (w *write) guardedWrite(plan *WritePlan) policy.Write {
	return policy.Write{Helpdesk: w.c.Helpdesk, TicketID: plan.Preview.TicketID, Kind: plan.Kind, Body: plan.Body}
}

// execute runs the confirmed write under the duplicate guard, audits its
// outcome and returns the answer.
func (w *write) execute(ctx context.Context, decision policy.AuditDecision, plan *WritePlan) *mcp.CallToolResult {
	tool := w.c.Tool.Name
	w.rec.Decision = decision
	var pend *policy.Pending
	if plan.Guarded {
		var err error
		pend, err = w.p.Guard.Begin(ctx, w.guardedWrite(plan), w.c.AllowDuplicate)
		if err != nil {
			return w.refuse(ctx, policy.DecisionDuplicate, duplicateText(err, tool))
		}
	}
	ids, out, err := plan.Run(ctx)
	outcome, applied := writeOutcome(err)
	if pend != nil {
		// Done uses a context that outlives a cancelled call: forgetting a
		// write that may have been applied would allow a duplicate.
		if derr := pend.Done(context.WithoutCancel(ctx), outcome); derr != nil {
			w.p.logger().ErrorContext(ctx, "duplicate guard: recording the outcome failed", "tool", tool, "error", derr)
		}
	}
	w.rec.Outcome = outcome
	w.rec.CreatedIDs = ids
	if err != nil && !applied {
		w.rec.Error = err.Error()
	}
	w.p.Record(ctx, w.rec)
	switch outcome {
	case policy.OutcomeOK:
	case policy.OutcomeUnknown:
		return mcp.NewToolResultError(unknownOutcomeText(tool, plan.Preview.TicketID, err))
	default:
		return mcp.NewToolResultError(w.c.ErrorText(err) + " Nothing was written.")
	}
	if applied {
		out = appliedNote{Note: appliedText(tool, plan.Preview.TicketID)}
	}
	done := WriteDone{Status: "written", TicketID: plan.Preview.TicketID, Action: plan.Preview.Action, Decision: string(decision), Result: out}
	if len(ids) > 0 {
		done.CreatedID = ids[0]
	}
	return Result(done)
}

// writeOutcome classifies the error of an upstream write; applied: written,
// but its response (and id) could not be read.
func writeOutcome(err error) (outcome policy.Outcome, applied bool) {
	switch {
	case err == nil:
		return policy.OutcomeOK, false
	case errors.Is(err, fdapi.ErrWriteApplied):
		return policy.OutcomeOK, true
	case errors.Is(err, fdapi.ErrOutcomeUnknown):
		return policy.OutcomeUnknown, false
	}
	var fe *fdapi.Error
	if errors.As(err, &fe) && fe.Local {
		return policy.OutcomeNotAttempted, false
	}
	return policy.OutcomeError, false
}
