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

// The confirmation page (package approval) in the write flow: URL-mode
// elicitation (GuardLink: the client shows the link to its user, never to
// the model) and the approver fallback for clients that cannot elicit
// (GuardApprover: the link passes through the model, approving needs the
// operator's approver secret).

// approvalPreview is the page's view of a preview.
func approvalPreview(tool string, p Preview) approval.Preview {
	out := approval.Preview{Tool: tool, Action: p.Action, TicketID: p.TicketID, Subject: p.Subject,
		CustomerVisible: p.CustomerVisible, Body: p.Body, CC: p.CC, BCC: p.BCC, Notify: p.NotifyEmails, Removed: p.Removed}
	for _, c := range p.Changes {
		out.Changes = append(out.Changes, approval.Change(c))
	}
	return out
}

// digest binds a page confirmation to this tool and these exact arguments.
func (w *write) digest() (string, error) {
	return approval.ArgsDigest(w.c.Tool.Name, w.c.Args)
}

// createPage records a pending confirmation of plan for this caller and
// arguments and returns it with the argument digest.
func (w *write) createPage(ctx context.Context, plan *WritePlan, g approval.Guard) (approval.Confirmation, string, error) {
	digest, err := w.digest()
	if err != nil {
		return approval.Confirmation{}, "", err
	}
	c, err := w.p.Approvals.Create(ctx, approval.Request{Caller: w.caller, ArgsDigest: digest,
		Preview: approvalPreview(w.c.Tool.Name, plan.Preview), Guard: g})
	return c, digest, err
}

// urlParams is the URL-mode elicitation of confirmation c.
func urlParams(c approval.Confirmation, p Preview, tool string) mcp.ElicitationParams {
	return mcp.ElicitationParams{
		Mode:          mcp.ElicitationModeURL,
		ElicitationID: c.ID,
		URL:           c.URL,
		Message: fmt.Sprintf("Confirm %s on ticket #%d (%s): open the page to review exactly what will be written, then approve or decline there. Valid until %s.",
			tool, p.TicketID, p.Action, c.ExpiresAt.UTC().Format(time.RFC3339)),
	}
}

// askPageLegacy asks a pre-2026-07-28 client with URL-mode
// elicitation/create, then waits in this call for the person's decision on
// the page, and redeems it.
func (w *write) askPageLegacy(ctx context.Context, plan *WritePlan) (policy.AuditDecision, *mcp.CallToolResult) {
	tool := w.c.Tool.Name
	if res := w.admit(ctx); res != nil {
		return "", res
	}
	c, digest, err := w.createPage(ctx, plan, approval.GuardLink)
	if err != nil {
		return "", w.refuse(ctx, policy.DecisionCouldNotAsk, couldNotAskText(tool, err))
	}
	action, err := elicitLegacy(ctx, urlParams(c, plan.Preview, tool))
	if err != nil {
		return "", w.refuse(ctx, policy.DecisionCouldNotAsk, couldNotAskText(tool, err))
	}
	if action != mcp.ElicitationResponseActionAccept {
		return "", w.refuse(ctx, policy.DecisionDeclined, declinedText(string(action), tool))
	}
	decision, res := w.awaitPage(ctx, c.ID, digest)
	// Tell the client the out-of-band step is over (best effort: the result
	// of this call says the same).
	if s, sess := server.ServerFromContext(ctx), server.ClientSessionFromContext(ctx); s != nil && sess != nil {
		_ = s.SendElicitationComplete(ctx, sess, c.ID)
	}
	return decision, res
}

// awaitFound finds the page confirmation of this caller and arguments (the
// retry of a multi round-trip request) and waits for its decision.
func (w *write) awaitFound(ctx context.Context) (policy.AuditDecision, *mcp.CallToolResult) {
	tool := w.c.Tool.Name
	digest, err := w.digest()
	if err != nil {
		return "", w.refuse(ctx, policy.DecisionCouldNotAsk, couldNotAskText(tool, err))
	}
	id, ok, err := w.p.Approvals.Find(ctx, w.caller, digest, approval.GuardLink)
	if err != nil || !ok {
		return "", w.refuse(ctx, policy.DecisionTokenInvalid, fmt.Sprintf("Refused: no confirmation page is open for this %s with these arguments (it expired, or the arguments changed). Nothing was written. Call %s again without inputResponses or requestState so the server asks the user again.", tool, tool))
	}
	return w.awaitPage(ctx, id, digest)
}

// awaitPage waits until a person decides on the page (or it expires, or the
// call ends) and redeems an approval once for this caller and arguments.
func (w *write) awaitPage(ctx context.Context, id, digest string) (policy.AuditDecision, *mcp.CallToolResult) {
	tool := w.c.Tool.Name
	d, err := w.p.Approvals.Wait(ctx, id)
	switch {
	case err != nil:
		return "", w.refuse(ctx, policy.DecisionCouldNotAsk, fmt.Sprintf("This %s waited for a person's decision on the confirmation page, but the wait ended (%v). Nothing was written.", tool, err))
	case d == approval.Declined:
		return "", w.refuse(ctx, policy.DecisionDeclined, declinedText("decline", tool))
	case d == approval.Expired:
		return "", w.refuse(ctx, policy.DecisionCouldNotAsk, fmt.Sprintf("Nobody approved this %s on the confirmation page before it expired. Nothing was written.", tool))
	}
	if err := w.p.Approvals.Redeem(ctx, id, w.caller, digest); err != nil {
		return "", w.refuse(ctx, policy.DecisionTokenInvalid, redeemText(tool, err))
	}
	return policy.DecisionConfirmed, nil
}

// approverFallback: the first call answers approval_required with the link
// of a page that needs the approver secret to approve; the identical call
// after a person approved redeems it (Find: the model never holds an id).
func (w *write) approverFallback(ctx context.Context, plan *WritePlan) (policy.AuditDecision, *mcp.CallToolResult) {
	a, tool := w.p.Approvals, w.c.Tool.Name
	digest, err := w.digest()
	if err != nil {
		return "", w.refuse(ctx, policy.DecisionCouldNotAsk, couldNotAskText(tool, err))
	}
	if id, ok, err := a.Find(ctx, w.caller, digest, approval.GuardApprover); err == nil && ok {
		d, err := a.Status(ctx, id)
		switch {
		case err != nil:
			return "", w.refuse(ctx, policy.DecisionCouldNotAsk, couldNotAskText(tool, err))
		case d == approval.Declined:
			return "", w.refuse(ctx, policy.DecisionDeclined, declinedText("decline", tool))
		case d == approval.Approved:
			err := a.Redeem(ctx, id, w.caller, digest)
			if err == nil {
				return policy.DecisionConfirmed, nil
			}
			if !errors.Is(err, approval.ErrReplayed) {
				return "", w.refuse(ctx, policy.DecisionTokenInvalid, redeemText(tool, err))
			}
			// Used by an earlier call: this identical call needs its own approval.
		case d == approval.Pending:
			if u, ok := a.PageURL(id); ok {
				return "", w.approvalRequired(ctx, plan, u, "Nobody has approved it yet. ")
			}
		}
	}
	if res := w.admit(ctx); res != nil {
		return "", res
	}
	c, _, err := w.createPage(ctx, plan, approval.GuardApprover)
	if err != nil {
		return "", w.refuse(ctx, policy.DecisionCouldNotAsk, couldNotAskText(tool, err))
	}
	return "", w.approvalRequired(ctx, plan, c.URL, "")
}

// approvalRequired is the non-error answer of the approver fallback.
func (w *write) approvalRequired(ctx context.Context, plan *WritePlan, pageURL, prefix string) *mcp.CallToolResult {
	tool := w.c.Tool.Name
	w.rec.Decision = policy.DecisionConfirmationRequired
	w.p.Record(ctx, w.rec)
	return Result(approvalRequired{
		Status:      "approval_required",
		Preview:     plan.Preview,
		ApprovalURL: pageURL,
		Instructions: prefix + fmt.Sprintf("Nothing has been written yet. A person must approve this %s on the confirmation page: give the user this link (approval_url). "+
			"Approving needs the operator's approver secret, which you do not have; do not try to approve it yourself. "+
			"After the user says they approved, call %s again with exactly the same arguments; if they declined, do not call again.", tool, tool),
	})
}

// approvalRequired is the answer of the approver fallback.
type approvalRequired struct {
	Status       string  `json:"status" jsonschema_description:"approval_required: nothing has been written yet."`
	Preview      Preview `json:"preview"`
	ApprovalURL  string  `json:"approval_url"`
	Instructions string  `json:"instructions"`
}

func couldNotAskText(tool string, err error) string {
	return fmt.Sprintf("This %s needs the user's confirmation, but asking the user failed (%v). Nothing was written; the user did not confirm. Tell the user what you wanted to write, or try again.", tool, err)
}

func redeemText(tool string, err error) string {
	return fmt.Sprintf("Refused: the confirmation page's decision does not complete this call (%v). Nothing was written. Call %s again so a person is asked again.", err, tool)
}

// refusedNoElicitText is the default answer for a client that cannot ask
// the user: nothing the model could redeem, and what a person can do.
func refusedNoElicitText(tool string, p Preview) string {
	return fmt.Sprintf("Not written: this %s needs a person's confirmation, and this client cannot ask the user (it supports no elicitation), "+
		"so the server does not accept the model's word for it. Nothing was written; the user was not asked. "+
		"Show the user what you wanted to write (the preview below) so they can do it in Freshdesk themselves, or ask them to use a client that can confirm (MCP elicitation).\n\npreview: %s",
		tool, previewJSON(p))
}

func noTokensText(tool string) string {
	return fmt.Sprintf("Refused: this server does not accept confirmation tokens (--confirm-fallback is not token); a person confirms writes through the client or the confirmation page. Nothing was written. Call %s again without confirmation_token.", tool)
}

// previewJSON is p as JSON for a text answer (the customer-written subject
// inside untrusted_customer_content).
func previewJSON(p Preview) string {
	b, err := JSON(p)
	if err != nil {
		return "(the preview could not be encoded)"
	}
	return string(b)
}
