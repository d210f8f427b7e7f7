package tools

import (
	"context"
	"errors"
	"fmt"
	"html"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// ToolsetWrites is the toolset of the write tools.
const ToolsetWrites = "writes"

// WriteCatalog returns the write tools (toolset writes): add_note,
// send_reply and update_ticket. Every call goes through deps.Policy: the
// mode, confirmation (elicitation or token), the duplicate guard and the
// audit log. Without a Policy every write is refused.
func WriteCatalog(deps Deps) []Tool {
	b := newBuilder(deps)
	return []Tool{
		b.addNoteTool(),
		b.sendReplyTool(),
		b.updateTicketTool(),
	}
}

// confirmID is the id of the confirmation elicitation in a multi
// round-trip request.
const confirmID = "confirm_write"

// fieldChange is one ticket field an update changes.
type fieldChange struct {
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// writePreview is exactly what a write will do; it is shown to the user
// before they confirm.
type writePreview struct {
	Action          string        `json:"action" jsonschema_description:"What will happen, in one sentence."`
	TicketID        int64         `json:"ticket_id"`
	Subject         string        `json:"subject,omitempty" jsonschema_description:"The ticket's subject (customer-written)."`
	CustomerVisible bool          `json:"customer_visible" jsonschema_description:"True when the customer will see (or be e-mailed) this write."`
	Body            string        `json:"body,omitempty" jsonschema_description:"The exact text that will be written."`
	CC              []string      `json:"cc_emails,omitempty"`
	BCC             []string      `json:"bcc_emails,omitempty"`
	NotifyEmails    []string      `json:"notify_emails,omitempty"`
	Changes         []fieldChange `json:"changes,omitempty" jsonschema_description:"Each ticket field that changes: old value -> new value."`
}

// text renders the preview for an elicitation message.
func (p writePreview) text(tool string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Confirm %s: %s\n\n", tool, p.Action)
	fmt.Fprintf(&b, "Ticket #%d: %s\n", p.TicketID, p.Subject)
	if p.CustomerVisible {
		b.WriteString("CUSTOMER-VISIBLE: the customer will see this. It cannot be undone.\n")
	} else {
		b.WriteString("Internal: only agents will see this.\n")
	}
	if len(p.CC) > 0 {
		fmt.Fprintf(&b, "Cc: %s\n", strings.Join(p.CC, ", "))
	}
	if len(p.BCC) > 0 {
		fmt.Fprintf(&b, "Bcc: %s\n", strings.Join(p.BCC, ", "))
	}
	if len(p.NotifyEmails) > 0 {
		fmt.Fprintf(&b, "Notify: %s\n", strings.Join(p.NotifyEmails, ", "))
	}
	for _, c := range p.Changes {
		fmt.Fprintf(&b, "%s: %s -> %s\n", c.Field, orNone(c.From), orNone(c.To))
	}
	if p.Body != "" {
		fmt.Fprintf(&b, "\n----- text -----\n%s\n----------------\n", p.Body)
	}
	b.WriteString("\nAccept to write it now; decline to write nothing.")
	return b.String()
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// writePlan is a validated write, ready to be confirmed and run.
type writePlan struct {
	Kind    policy.WriteKind
	Preview writePreview
	// Body is what the duplicate guard compares (notes and replies only).
	Body string
	// Guarded: the duplicate guard applies (notes and replies).
	Guarded bool
	// Fields are the names of changed fields (audit).
	Fields []string
	// run performs the upstream write and returns the ids it created and
	// the result for the model.
	run func(ctx context.Context) ([]int64, any, error)
}

// writeSpec is one write tool: how to validate its arguments into a plan.
type writeSpec[In any] struct {
	info toolInfo
	// kind is the write kind of in, known before any upstream call (the
	// mode is decided first, so a refused write costs nothing).
	kind func(in *In) policy.WriteKind
	// ticketID of in.
	ticketID func(in *In) int64
	// normalize applies defaults before binding the token to the arguments.
	normalize func(in *In)
	// token and allowDuplicate read the policy arguments.
	token          func(in *In) string
	allowDuplicate func(in *In) bool
	// plan validates and builds the write (may read Freshdesk).
	plan func(ctx context.Context, in *In) (*writePlan, error)
}

// writeDone is the answer of a successful write.
type writeDone struct {
	Status    string `json:"status" jsonschema_description:"written"`
	TicketID  int64  `json:"ticket_id"`
	Action    string `json:"action"`
	CreatedID int64  `json:"created_id,omitempty" jsonschema_description:"Id of the note or reply created."`
	// Decision is how the write was allowed (confirmed, unattended_allowed, notes_allowed).
	Decision string `json:"decision"`
	Result   any    `json:"result,omitempty"`
}

// confirmationRequired is the non-error answer of the token fallback.
type confirmationRequired struct {
	Status            string       `json:"status" jsonschema_description:"confirmation_required: nothing has been written yet."`
	Preview           writePreview `json:"preview"`
	ConfirmationToken string       `json:"confirmation_token"`
	ExpiresAt         string       `json:"expires_at"`
	Instructions      string       `json:"instructions"`
}

// newWriteTool builds a write tool: strict binding as for reads, then the
// policy flow of run. Its result is never retried by anything.
func newWriteTool[In any](b *builder, spec writeSpec[In]) Tool {
	var in In
	inSchema, err := reflectSchema(b.reflector, &in)
	if err != nil {
		panic(err)
	}
	argSpec, err := parseArgSpec(inSchema)
	if err != nil {
		panic(fmt.Sprintf("tool %s: %v", spec.info.Name, err))
	}
	info := spec.info
	def := mcp.Tool{
		Name:           info.Name,
		Title:          info.Title,
		Description:    info.Description,
		RawInputSchema: inSchema,
		Annotations: mcp.ToolAnnotation{
			Title:           info.Title,
			ReadOnlyHint:    mcp.ToBoolPtr(false),
			DestructiveHint: mcp.ToBoolPtr(info.Destructive),
			IdempotentHint:  mcp.ToBoolPtr(info.Idempotent),
			OpenWorldHint:   mcp.ToBoolPtr(true),
		},
	}
	deps := b.deps
	h := func(ctx context.Context, req mcp.CallToolRequest) (res *mcp.CallToolResult, _ error) {
		usage := &fdapi.Usage{}
		ctx = fdapi.WithUsage(ctx, usage)
		defer func() {
			if r := recover(); r != nil {
				deps.Logger.ErrorContext(ctx, "tool panic", "tool", info.Name, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				res = mcp.NewToolResultError(fmt.Sprintf("Internal error in %s (a bug in freshdesk-mcp, not your request): %v. Check the ticket with get_ticket before retrying.", info.Name, r))
			}
			res.SetResultMeta(resultMeta(deps.Client, usage))
		}()
		var args In
		if err := bindArgs(info.Name, argSpec, rawArguments(req), &args); err != nil {
			return mcp.NewToolResultError(errorText(err)), nil
		}
		if deps.Policy == nil {
			return mcp.NewToolResultError(errPolicyMissing.Error()), nil
		}
		if deps.Client == nil {
			return mcp.NewToolResultError("freshdesk-mcp has no Freshdesk client configured; set FRESHDESK_DOMAIN and FRESHDESK_API_KEY or run with --demo."), nil
		}
		spec.normalize(&args)
		return runWrite(ctx, deps, req, spec, &args), nil
	}
	return Tool{Def: def, Handler: h, Toolset: info.Toolset, Access: info.Access}
}

// runWrite is the policy flow of one write call:
// mode -> validation and preview -> duplicate check -> confirmation
// (elicitation, token or fallback) -> guarded upstream write -> audit.
func runWrite[In any](ctx context.Context, deps Deps, req mcp.CallToolRequest, spec writeSpec[In], in *In) *mcp.CallToolResult {
	p := deps.Policy
	tool := spec.info.Name
	caller := p.caller(ctx)
	f := p.filter(ctx)
	kind := spec.kind(in)
	rec := policy.AuditRecord{Caller: caller, Tool: tool, Mode: f.Mode().String(), Helpdesk: helpdesk(deps),
		TicketID: spec.ticketID(in), Kind: kind, Outcome: policy.OutcomeNotAttempted}
	refuse := func(d policy.AuditDecision, msg string) *mcp.CallToolResult {
		rec.Decision, rec.Error = d, msg
		p.audit(ctx, rec)
		return mcp.NewToolResultError(msg)
	}

	// 1. The mode, before anything costs a credit. A hidden tool is also
	// refused here (the tool filter already refuses it at the protocol level).
	if err := f.Check(policy.ToolInfo{Name: tool, Toolset: spec.info.Toolset, Write: true, Kinds: writeKinds[tool]}); err != nil {
		return refuse(policy.DecisionToolHidden, err.Error()+" Nothing was written.")
	}
	d := f.Decide(kind, p.ConfirmReplies)
	if d.Verdict == policy.Refused {
		return refuse(policy.DecisionRefusedByMode, d.Err().Error())
	}
	if p.Confirmer == nil || p.Guard == nil {
		return refuse(policy.DecisionRefusedByMode, errPolicyMissing.Error())
	}

	// 2. Validate and preview (bad values are refused here, before any write).
	plan, err := spec.plan(ctx, in)
	if err != nil {
		return refuse(decisionInvalid, errorText(err)+" Nothing was written.")
	}
	rec.Fields = plan.Fields
	rec.Body = plan.Body
	w := policy.Write{Helpdesk: rec.Helpdesk, TicketID: plan.Preview.TicketID, Kind: plan.Kind, Body: plan.Body}
	allowDup := spec.allowDuplicate(in)

	// 3. A confirmation token is checked first (a replayed or altered token
	// is reported as such), then duplicates, before asking anyone to
	// confirm a write that would be refused anyway; the duplicate
	// reservation is released while confirming.
	decision := d.AuditDecision()
	token := spec.token(in)
	if d.Verdict == policy.NeedsConfirmation && token != "" {
		if err := p.Confirmer.Redeem(ctx, caller, tool, in, token); err != nil {
			return refuse(policy.DecisionTokenInvalid, tokenText(err))
		}
		decision = policy.DecisionConfirmed
	}
	if plan.Guarded {
		pend, err := p.Guard.Begin(ctx, w, allowDup)
		if err != nil {
			return refuse(policy.DecisionDuplicate, duplicateText(err, tool))
		}
		_ = pend.Done(ctx, policy.OutcomeNotAttempted)
	}

	// 4. Confirmation. An elicitation answer (inputResponses) counts only
	// from a client that can elicit, together with the request state this
	// server issued for this caller, tool and these exact arguments (single
	// use): anything else is a forged or replayed consent.
	if d.Verdict == policy.NeedsConfirmation && decision != policy.DecisionConfirmed {
		answer := server.ElicitationResponse(req.Params.InputResponses, confirmID)
		state := req.Params.RequestState
		switch {
		case answer != nil || state != "":
			if msg := p.checkElicitAnswer(ctx, caller, tool, in, answer, state); msg != "" {
				return refuse(policy.DecisionTokenInvalid, msg)
			}
			if answer.Action != mcp.ElicitationResponseActionAccept {
				return refuse(policy.DecisionDeclined, declinedText(string(answer.Action), tool))
			}
			decision = policy.DecisionConfirmed
		case canElicit(ctx) && !isModern(ctx):
			// Legacy clients are asked here, not through mcp-go's bridge, so
			// a failed elicitation becomes a readable, audited could_not_ask
			// result instead of a JSON-RPC error.
			action, err := elicitLegacy(ctx, plan.Preview.text(tool))
			if err != nil {
				return refuse(policy.DecisionCouldNotAsk, fmt.Sprintf("This %s needs the user's confirmation, but asking the user failed (%v). Nothing was written; the user did not confirm. Tell the user what you wanted to write, or try again.", tool, err))
			}
			if action != mcp.ElicitationResponseActionAccept {
				return refuse(policy.DecisionDeclined, declinedText(string(action), tool))
			}
			decision = policy.DecisionConfirmed
		case canElicit(ctx):
			state, _, err := p.Confirmer.Issue(caller, elicitTool(tool), in)
			if err != nil {
				return refuse(policy.DecisionCouldNotAsk, "Could not prepare the confirmation: "+err.Error()+". Nothing was written.")
			}
			// The user is asked in a later round trip that may never come:
			// audit the question now, like the token fallback does.
			rec.Decision = policy.DecisionConfirmationRequired
			p.audit(ctx, rec)
			return server.NewInputRequestBuilder(state).Elicit(confirmID, confirmParams(plan.Preview.text(tool))).ToolResult()
		case p.Fallback == policy.FallbackDeny:
			return refuse(policy.DecisionCouldNotAsk, fmt.Sprintf("This %s needs the user's confirmation, but this client cannot ask the user (it does not support elicitation) and the server is configured with --confirm-fallback deny. Nothing was written; the user was not asked. Tell the user what you wanted to write so they can do it in Freshdesk.", tool))
		default:
			tok, exp, err := p.Confirmer.Issue(caller, tool, in)
			if err != nil {
				return refuse(policy.DecisionCouldNotAsk, "Could not issue a confirmation token: "+err.Error()+". Nothing was written.")
			}
			rec.Decision = policy.DecisionConfirmationRequired
			p.audit(ctx, rec)
			res, _ := structuredResult(confirmationRequired{
				Status:            "confirmation_required",
				Preview:           plan.Preview,
				ConfirmationToken: tok,
				ExpiresAt:         exp.UTC().Format(time.RFC3339),
				Instructions: fmt.Sprintf("Nothing has been written yet. Show this preview to the user exactly (ticket, whether the customer sees it, the text, each change) and ask them to confirm. "+
					"Only if they confirm, call %s again with exactly the same arguments plus \"confirmation_token\": %q (valid until %s, single use). If they do not confirm, do not call again.",
					tool, tok, exp.UTC().Format(time.RFC3339)),
			})
			return res
		}
	}

	// 5. The write, guarded against duplicates.
	rec.Decision = decision
	var pend *policy.Pending
	if plan.Guarded {
		pend, err = p.Guard.Begin(ctx, w, allowDup)
		if err != nil {
			return refuse(policy.DecisionDuplicate, duplicateText(err, tool))
		}
	}
	ids, out, err := plan.run(ctx)
	outcome := policy.OutcomeOK
	applied := false // written, but its response (and id) could not be read
	switch {
	case err == nil:
	case errors.Is(err, fdapi.ErrWriteApplied):
		applied = true
	case errors.Is(err, fdapi.ErrOutcomeUnknown):
		outcome = policy.OutcomeUnknown
	default:
		outcome = policy.OutcomeError
		var fe *fdapi.Error
		if errors.As(err, &fe) && fe.Local {
			outcome = policy.OutcomeNotAttempted
		}
	}
	if pend != nil {
		// Done uses a context that outlives a cancelled call: forgetting a
		// write that may have been applied would allow a duplicate.
		if derr := pend.Done(context.WithoutCancel(ctx), outcome); derr != nil {
			p.logger().ErrorContext(ctx, "duplicate guard: recording the outcome failed", "tool", tool, "error", derr)
		}
	}
	rec.Outcome = outcome
	rec.CreatedIDs = ids
	if err != nil && !applied {
		rec.Error = err.Error()
	}
	p.audit(ctx, rec)
	switch outcome {
	case policy.OutcomeOK:
	case policy.OutcomeUnknown:
		return mcp.NewToolResultError(unknownOutcomeText(tool, plan.Preview.TicketID, err))
	default:
		return mcp.NewToolResultError(errorText(err) + " Nothing was written.")
	}
	if applied {
		out = appliedNote{Note: appliedText(tool, plan.Preview.TicketID)}
	}
	done := writeDone{Status: "written", TicketID: plan.Preview.TicketID, Action: plan.Preview.Action, Decision: string(decision), Result: out}
	if len(ids) > 0 {
		done.CreatedID = ids[0]
	}
	res, _ := structuredResult(done)
	return res
}

// elicitTool is the tool name an elicitation's request state is bound to:
// distinct from the tool's own name, so a request state can never be
// redeemed as a confirmation_token argument (which skips the user's answer).
func elicitTool(tool string) string { return tool + "#elicitation" }

// isModern reports whether the request uses the 2026-07-28+ protocol, where
// elicitation is a multi round-trip input request.
func isModern(ctx context.Context) bool {
	info := server.RequestProtocolInfoFromContext(ctx)
	return info != nil && info.Modern
}

// confirmParams is the confirmation form: a message and no fields.
func confirmParams(msg string) mcp.ElicitationParams {
	return mcp.ElicitationParams{
		Mode:            mcp.ElicitationModeForm,
		Message:         msg,
		RequestedSchema: map[string]any{"type": "object", "properties": map[string]any{}},
	}
}

// elicitLegacy asks the user of a legacy (pre-2026-07-28) session directly
// with elicitation/create and returns their action.
func elicitLegacy(ctx context.Context, msg string) (mcp.ElicitationResponseAction, error) {
	s := server.ServerFromContext(ctx)
	if s == nil {
		return "", errors.New("no MCP server in the request context")
	}
	res, err := s.RequestElicitation(ctx, mcp.ElicitationRequest{Params: confirmParams(msg)})
	if err != nil {
		return "", fmt.Errorf("elicitation: %w", err)
	}
	if res == nil {
		return "", errors.New("elicitation: the client sent no answer")
	}
	return res.Action, nil
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

func declinedText(action, tool string) string {
	return fmt.Sprintf("The user declined; nothing was written (they answered %q to the confirmation of this %s). Do not retry it unless the user asks for it again.", action, tool)
}

// appliedNote is the result of a write Freshdesk applied but whose answer
// could not be read.
type appliedNote struct {
	Note string `json:"note"`
}

func appliedText(tool string, ticket int64) string {
	return fmt.Sprintf("The %s WAS written: Freshdesk applied it, but its answer could not be read, so the id of what was created is unknown. "+
		"Do not retry it (an identical retry is refused as a duplicate). To see it, use list_conversations (ticket_id=%d) or get_ticket.", tool, ticket)
}

// decisionInvalid audits a write refused because its arguments are invalid.
const decisionInvalid policy.AuditDecision = "invalid_arguments"

// bodyHTML turns plain text into the HTML Freshdesk expects (escaped, line
// breaks kept); text that already contains HTML tags is sent as it is.
func bodyHTML(s string) string {
	if htmlTag.MatchString(s) {
		return s
	}
	return strings.ReplaceAll(html.EscapeString(s), "\n", "<br>")
}

var htmlTag = regexp.MustCompile(`</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>`)

func helpdesk(deps Deps) string {
	if deps.Client == nil {
		return ""
	}
	return policy.NormalizeDomain(deps.Client.BaseURL())
}

func duplicateText(err error, tool string) string {
	var de *policy.DuplicateError
	if errors.As(err, &de) {
		return de.Error()
	}
	return fmt.Sprintf("The duplicate-write check failed (%v), so %s was not run; nothing was written. Try again shortly.", err, tool)
}

// tokenText is the refusal of a bad token; policy's text already says that
// nothing was written and what to do next.
func tokenText(err error) string {
	if errors.Is(err, policy.ErrTokenOtherProcess) {
		// Used-token records live in one process's memory, so a token from
		// another process could be replayed here: always ask again.
		return "Refused: " + err.Error()
	}
	if errors.Is(err, policy.ErrTokenInvalid) {
		return err.Error()
	}
	return "The confirmation token could not be checked (" + err.Error() + "); nothing was written. Try again shortly."
}

func unknownOutcomeText(tool string, ticket int64, err error) string {
	return fmt.Sprintf("OUTCOME UNKNOWN: the connection to Freshdesk failed after the %s request was sent (%v), so it may or may not have been written. "+
		"Do NOT simply retry: check ticket %d first with list_conversations (ticket_id=%d) or get_ticket and look for it. "+
		"An identical retry within the duplicate window is refused as a possible duplicate; if the check shows it is missing, retry with allow_duplicate: true.",
		tool, err, ticket, ticket)
}
