package mcppolicy

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/freshdesk-mcp/freshdesk-mcp/approval"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// confirmID is the id of the confirmation elicitation in a multi
// round-trip request.
const confirmID = "confirm_write"

// confirm decides how the write is allowed. A confirmation token is checked
// first (a replayed or altered token is reported as such), then duplicates,
// before asking anyone to confirm a write that would be refused anyway (the
// duplicate reservation is released while confirming). Then, when the mode
// needs it, the user's answer. res is non-nil when the call ends here.
func (w *write) confirm(ctx context.Context, d policy.Decision, plan *WritePlan) (policy.AuditDecision, *mcp.CallToolResult) {
	p, tool := w.p, w.c.Tool.Name
	decision := d.AuditDecision()
	if d.Verdict == policy.NeedsConfirmation && w.c.Token != "" {
		if p.Fallback != policy.FallbackToken {
			// Only the token fallback issues tokens for a tool; a token on
			// any other server was not issued to a person's confirmation.
			return "", w.refuse(ctx, policy.DecisionTokenInvalid, noTokensText(tool))
		}
		if err := p.Confirmer.Redeem(ctx, w.caller, tool, w.c.Args, w.c.Token); err != nil {
			return "", w.refuse(ctx, policy.DecisionTokenInvalid, tokenText(err))
		}
		decision = policy.DecisionConfirmed
	}
	if plan.Guarded {
		pend, err := p.Guard.Begin(ctx, w.guardedWrite(plan), w.c.AllowDuplicate)
		if err != nil {
			return "", w.refuse(ctx, policy.DecisionDuplicate, duplicateText(err, tool))
		}
		_ = pend.Done(ctx, policy.OutcomeNotAttempted)
	}
	if d.Verdict != policy.NeedsConfirmation || decision == policy.DecisionConfirmed {
		return decision, nil
	}
	return w.ask(ctx, plan)
}

// ask gets the user's decision. An elicitation answer (inputResponses)
// counts only from a client that can elicit, together with the request
// state this server issued for this caller, tool and these exact arguments
// (single use): anything else is a forged or replayed consent. A URL-mode
// answer only says the user opened the page: the decision is the page's.
func (w *write) ask(ctx context.Context, plan *WritePlan) (policy.AuditDecision, *mcp.CallToolResult) {
	p, tool := w.p, w.c.Tool.Name
	answer := server.ElicitationResponse(w.c.Request.Params.InputResponses, confirmID)
	state := w.c.Request.Params.RequestState
	how := p.chooseAsk(ctx)
	switch {
	case answer != nil || state != "":
		if msg := p.checkElicitAnswer(ctx, w.caller, tool, w.c.Args, answer, state); msg != "" {
			return "", w.refuse(ctx, policy.DecisionTokenInvalid, msg)
		}
		if answer.Action != mcp.ElicitationResponseActionAccept {
			return "", w.refuse(ctx, policy.DecisionDeclined, declinedText(string(answer.Action), tool))
		}
		if how == askURL {
			return w.awaitFound(ctx)
		}
		return policy.DecisionConfirmed, nil
	case how == askForm && !isModern(ctx):
		// Legacy clients are asked here, not through mcp-go's bridge, so a
		// failed elicitation becomes a readable, audited could_not_ask
		// result instead of a JSON-RPC error.
		action, err := elicitLegacy(ctx, confirmParams(plan.Preview.question(tool)))
		if err != nil {
			return "", w.refuse(ctx, policy.DecisionCouldNotAsk, couldNotAskText(tool, err))
		}
		if action != mcp.ElicitationResponseActionAccept {
			return "", w.refuse(ctx, policy.DecisionDeclined, declinedText(string(action), tool))
		}
		return policy.DecisionConfirmed, nil
	case how == askURL && !isModern(ctx):
		return w.askPageLegacy(ctx, plan)
	case how != askNone:
		return "", w.askModern(ctx, plan, how)
	}
	return w.fallback(ctx, plan)
}

// askModern asks a 2026-07-28+ client in a multi round-trip request: a
// form, or a link to the confirmation page (URL mode). The user is asked in
// a later round trip that may never come: the question is audited now.
func (w *write) askModern(ctx context.Context, plan *WritePlan, how askMode) *mcp.CallToolResult {
	p, tool := w.p, w.c.Tool.Name
	if res := w.admit(ctx); res != nil {
		return res
	}
	params := confirmParams(plan.Preview.question(tool))
	if how == askURL {
		c, _, err := w.createPage(ctx, plan, approval.GuardLink)
		if err != nil {
			return w.refuse(ctx, policy.DecisionCouldNotAsk, couldNotAskText(tool, err))
		}
		params = urlParams(c, plan.Preview, tool)
	}
	state, _, err := p.Confirmer.Issue(w.caller, elicitTool(tool), w.c.Args)
	if err != nil {
		return w.refuse(ctx, policy.DecisionCouldNotAsk, "Could not prepare the confirmation: "+err.Error()+". Nothing was written.")
	}
	w.rec.Decision = policy.DecisionConfirmationRequired
	p.Record(ctx, w.rec)
	return server.NewInputRequestBuilder(state).Elicit(confirmID, params).ToolResult()
}

// fallback handles a write that needs confirmation from a client that
// cannot elicit (--confirm-fallback): the approver-guarded page when it is
// configured, the model-held token only when the operator chose it, and
// otherwise a refusal with instructions.
func (w *write) fallback(ctx context.Context, plan *WritePlan) (policy.AuditDecision, *mcp.CallToolResult) {
	p, tool := w.p, w.c.Tool.Name
	switch {
	case p.Fallback == policy.FallbackToken:
		return "", w.tokenFallback(ctx, plan)
	case p.Fallback == policy.FallbackApprover && p.Approvals != nil && p.Approvals.HasApprover():
		return w.approverFallback(ctx, plan)
	}
	return "", w.refuse(ctx, policy.DecisionCouldNotAsk, refusedNoElicitText(tool, plan.Preview))
}

// tokenFallback answers confirmation_required with the preview and a
// single-use token for the identical call.
func (w *write) tokenFallback(ctx context.Context, plan *WritePlan) *mcp.CallToolResult {
	tool := w.c.Tool.Name
	if res := w.admit(ctx); res != nil {
		return res
	}
	tok, exp, err := w.p.Confirmer.Issue(w.caller, tool, w.c.Args)
	if err != nil {
		return w.refuse(ctx, policy.DecisionCouldNotAsk, "Could not issue a confirmation token: "+err.Error()+". Nothing was written.")
	}
	w.rec.Decision = policy.DecisionConfirmationRequired
	w.p.Record(ctx, w.rec)
	return Result(confirmationRequired{
		Status:            "confirmation_required",
		Preview:           plan.Preview,
		ConfirmationToken: tok,
		ExpiresAt:         exp.UTC().Format(time.RFC3339),
		Instructions: fmt.Sprintf("Nothing has been written yet. Show this preview to the user exactly (ticket, whether the customer sees it, the text, each change) and ask them to confirm. "+
			"Only if they confirm, call %s again with exactly the same arguments plus \"confirmation_token\": %q (valid until %s, single use). If they do not confirm, do not call again.",
			tool, tok, exp.UTC().Format(time.RFC3339)),
	})
}

// checkElicitAnswer returns why an elicitation answer is not accepted as the
// user's decision, or "" when it answers a confirmation this server asked
// for: the client can elicit, it echoed the request state issued with the
// question, and that state redeems (once) for this caller, tool and these
// exact arguments.
func (p *Policy) checkElicitAnswer(ctx context.Context, caller, tool string, in any, answer *mcp.ElicitationResult, state string) string {
	const tail = " Nothing was written. Call %s again without inputResponses or requestState so the server asks the user itself."
	switch {
	case !canElicit(ctx):
		return fmt.Sprintf("Refused: this request carries a confirmation answer, but the client did not declare the elicitation capability, so the server never asked the user."+tail, tool)
	case answer == nil:
		return fmt.Sprintf("Refused: this request carries a requestState but no answer to the confirmation %q."+tail, confirmID, tool)
	case state == "":
		return fmt.Sprintf("Refused: the confirmation answer comes without the requestState the server issued with its question, so it cannot be tied to what the user was shown."+tail, tool)
	}
	err := p.Confirmer.Redeem(ctx, caller, elicitTool(tool), in, state)
	switch {
	case err == nil:
		return ""
	case errors.Is(err, policy.ErrTokenArgsChanged):
		return fmt.Sprintf("Refused: the user confirmed different arguments than the ones in this call."+tail, tool)
	case errors.Is(err, policy.ErrTokenReplayed):
		return fmt.Sprintf("Refused: this confirmation answer has already been used; each confirmation allows exactly one write. Check the ticket for the earlier write first."+tail, tool)
	case errors.Is(err, policy.ErrTokenExpired):
		return fmt.Sprintf("Refused: the confirmation expired."+tail, tool)
	case errors.Is(err, policy.ErrTokenOtherProcess):
		return fmt.Sprintf("Refused: this confirmation was asked by another server process (a restart or another replica); a confirmation is valid only in the process that asked for it."+tail, tool)
	case errors.Is(err, policy.ErrTokenInvalid):
		return fmt.Sprintf("Refused: the requestState was not issued by this server for this caller and tool."+tail, tool)
	}
	return fmt.Sprintf("Refused: the confirmation could not be checked (%v)."+tail, err, tool)
}

// admit counts a confirmation this caller asks for against ConfirmLimit
// (before anything is stored), and returns the refusal when it is over
// the limit or the count cannot be kept (fail closed).
func (w *write) admit(ctx context.Context) *mcp.CallToolResult {
	if w.p.ConfirmLimit == nil {
		return nil
	}
	tool := w.c.Tool.Name
	err := w.p.ConfirmLimit.Admit(ctx, policy.IdentityOf(w.caller))
	var lim *policy.ConfirmLimitError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &lim):
		return w.refuse(ctx, policy.DecisionCouldNotAsk, fmt.Sprintf("Refused: too many confirmations asked. This caller has asked for more than %d confirmations of writes within %s, "+
			"so the server does not ask for another one now (each pending confirmation is kept by the server until it expires). Nothing was written and nobody was asked. "+
			"Try this %s again after %s (%s from now). Do not repeat writes in a loop; if a person is still to approve an earlier confirmation, let them finish it first.",
			lim.Max, lim.Window, tool, lim.Resets.UTC().Format(time.RFC3339), (lim.RetryIn+time.Second-1).Truncate(time.Second)))
	}
	return w.refuse(ctx, policy.DecisionCouldNotAsk, couldNotAskText(tool, err))
}
