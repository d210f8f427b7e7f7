package tools

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/draft"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/shape"
)

// DraftNoteHeader is the first line of every note draft_reply saves, so
// agents never mistake it for something the customer received.
const DraftNoteHeader = "AI draft for agent review — not sent to the customer"

// Statuses of savedNote.
const (
	noteSaved                = "saved"
	noteNotSaved             = "not_saved"
	noteConfirmationRequired = "confirmation_required"
)

// decisionDraftCheck audits a save refused because the draft failed
// draft.Check.
const decisionDraftCheck policy.AuditDecision = "refused_draft_check"

// savedNote says what happened to save_as_note.
type savedNote struct {
	Status string `json:"status" jsonschema:"enum=saved,enum=not_saved,enum=confirmation_required" jsonschema_description:"saved: one private note was added. not_saved: nothing was written (see reason). confirmation_required: nothing was written; the user must confirm it through add_note."`
	NoteID int64  `json:"note_id,omitempty"`
	// Decision is how the policy allowed the write (notes_allowed, unattended_allowed).
	Decision string `json:"decision,omitempty"`
	Reason   string `json:"reason,omitempty"`
	// Body is the exact note text, for add_note when confirmation is required.
	Body string `json:"note_body,omitempty" jsonschema_description:"With confirmation_required: the exact note text to pass to add_note as body (private=true)."`
}

// precheckDraftNote refuses save_as_note before any work when the policy
// would refuse a private note anyway.
func (b *builder) precheckDraftNote(ctx context.Context, ticket int64) error {
	p := b.deps.Policy
	if p == nil {
		return inputErrorf("save_as_note is not possible: %s Call draft_reply again without save_as_note to get the draft only.", mcppolicy.ErrMissing.Error())
	}
	f := p.RequestFilter(ctx)
	const again = " Call draft_reply again without save_as_note to get the draft only (no draft was made yet, no credits were spent)."
	refuse := func(dec policy.AuditDecision, msg string) error {
		p.Record(ctx, policy.AuditRecord{Caller: p.Caller(ctx), Tool: "draft_reply", Mode: f.Mode().String(), Helpdesk: mcppolicy.Helpdesk(b.deps.Client),
			TicketID: ticket, Kind: policy.PrivateNote, Decision: dec, Outcome: policy.OutcomeNotAttempted, Error: msg})
		return inputErrorf("%s", msg)
	}
	if d := f.Decide(policy.PrivateNote, p.ConfirmReplies); d.Verdict == policy.Refused {
		return refuse(policy.DecisionRefusedByMode, d.Err().Error()+again)
	}
	// Saving is add_note's write: a caller who may not call add_note (its
	// toolset or the tool hidden by the server or by request headers) may
	// not save through draft_reply either.
	if err := f.Check(addNoteInfo(p)); err != nil {
		return refuse(policy.DecisionToolHidden, "save_as_note is not possible: it writes a note like add_note, which is not available to this caller ("+err.Error()+")."+again)
	}
	return nil
}

// addNoteInfo describes add_note to the policy filter, as declared with
// add_note (a catalogue without it hides it: fail closed).
func addNoteInfo(p *mcppolicy.Policy) policy.ToolInfo {
	if t, ok := p.Catalogue.Tool("add_note"); ok {
		return t.Info()
	}
	return policy.ToolInfo{Name: "add_note", Write: true}
}

// draftNoteIn is the write draft_reply makes; its fields are what the
// duplicate guard and audit see.
type draftNoteIn struct {
	TicketID int64
	Body     string
	HTML     string
}

// saveDraftNote stores d as one private note through the policy write path
// (mode, duplicate guard, audit). It never returns an error: the draft
// itself is the answer, and the note's fate is reported beside it.
func (b *builder) saveDraftNote(ctx context.Context, ticket int64, pk draft.Pack, d *draft.Draft) *savedNote {
	p := b.deps.Policy
	f := p.RequestFilter(ctx)
	// The model's draft is outgoing text like any other: hidden characters
	// (possibly copied from the ticket) never reach the note.
	body, _, err := shape.CleanOutgoing(draftNoteText(d), shape.MultiLine)
	if err != nil {
		return &savedNote{Status: noteNotSaved, Reason: "The draft has no visible text (" + err.Error() + "); nothing was saved."}
	}
	rec := policy.AuditRecord{Caller: p.Caller(ctx), Tool: "draft_reply", Mode: f.Mode().String(), Helpdesk: mcppolicy.Helpdesk(b.deps.Client),
		TicketID: ticket, Kind: policy.PrivateNote, Body: body, Outcome: policy.OutcomeNotAttempted}

	if findings := draft.Check(d, pk); len(findings) > 0 {
		rec.Decision, rec.Error = decisionDraftCheck, strings.Join(findings, "; ")
		p.Record(ctx, rec)
		return &savedNote{Status: noteNotSaved, Reason: "The draft was not saved because the safety check found problems in it (see warnings). Review and fix the draft; save it with add_note only if it is right."}
	}
	if err := f.Check(addNoteInfo(p)); err != nil { // checked before drafting; kept for safety
		return &savedNote{Status: noteNotSaved, Reason: "add_note is not available to this caller: " + err.Error()}
	}
	dec := f.Decide(policy.PrivateNote, p.ConfirmReplies)
	switch dec.Verdict {
	case policy.Refused: // the mode was checked before drafting; kept for safety
		return &savedNote{Status: noteNotSaved, Reason: dec.Err().Error()}
	case policy.NeedsConfirmation:
		// Confirming inside draft_reply would re-run the model on the second
		// call, so the user would confirm one text and get another: add_note
		// confirms exactly this body.
		rec.Decision = policy.DecisionConfirmationRequired
		p.Record(ctx, rec)
		return &savedNote{Status: noteConfirmationRequired, Body: body,
			Reason: fmt.Sprintf("Nothing was saved: the server's mode needs the user's confirmation for notes. To save it, call add_note with ticket_id=%d, private=true and body set to note_body exactly; add_note shows the user the text to confirm.", ticket)}
	}

	in := &draftNoteIn{TicketID: ticket, Body: body, HTML: textHTML(body)}
	plan := &mcppolicy.WritePlan{
		Kind:    policy.PrivateNote,
		Preview: mcppolicy.Preview{Action: fmt.Sprintf("add a private note (agents only) with an AI reply draft to ticket #%d", in.TicketID), TicketID: in.TicketID, Subject: pk.Ticket.Subject, Body: in.Body},
		Body:    in.Body,
		Guarded: true,
		Run: func(ctx context.Context) ([]int64, any, error) {
			private := true
			c, err := b.deps.Client.CreateNote(ctx, in.TicketID, fdapi.NoteInput{Body: in.HTML, Private: &private})
			if err != nil {
				return nil, nil, err
			}
			return []int64{c.ID}, noteOut{ID: c.ID, Private: c.Private, At: formatTime(c.CreatedAt)}, nil
		},
	}
	req, _ := toolRequest(ctx)
	// The write is audited as draft_reply's and filtered like the tool (its
	// declared toolset), as a write.
	facts, ok := p.Catalogue.Tool("draft_reply")
	if !ok {
		facts = mcppolicy.ToolFacts{Name: "draft_reply"} // unknown toolset: hidden, fail closed
	}
	facts.Write = true
	res := p.RunWrite(ctx, mcppolicy.WriteCall{
		Tool:    facts,
		Request: req, Args: in, Kind: policy.PrivateNote, TicketID: ticket, Helpdesk: rec.Helpdesk,
		Plan:      func(context.Context) (*mcppolicy.WritePlan, error) { return plan, nil },
		ErrorText: errorText,
	})
	return savedFromResult(res)
}

// savedFromResult reads runWrite's answer.
func savedFromResult(res *mcp.CallToolResult) *savedNote {
	txt := resultText(res)
	if res == nil || res.IsError {
		return &savedNote{Status: noteNotSaved, Reason: txt}
	}
	var done mcppolicy.WriteDone
	if err := json.Unmarshal([]byte(txt), &done); err != nil || done.Status != "written" {
		return &savedNote{Status: noteNotSaved, Reason: "The note was not saved: " + txt}
	}
	return &savedNote{Status: noteSaved, NoteID: done.CreatedID, Decision: done.Decision}
}

func resultText(res *mcp.CallToolResult) string {
	if res == nil {
		return ""
	}
	var b strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(mcp.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String()
}

// draftNoteText is the note: the header, warnings, the draft and its
// grounding, as plain text.
func draftNoteText(d *draft.Draft) string {
	var b strings.Builder
	b.WriteString(DraftNoteHeader + "\n")
	fmt.Fprintf(&b, "Written by freshdesk-mcp draft_reply with the model %s, in %s. Review and edit it, then send it yourself.\n", d.Model, draft.LanguageName(d.Language))
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		b.WriteString("\n" + title + "\n")
		for _, s := range items {
			b.WriteString("- " + shape.Sanitize(s) + "\n")
		}
	}
	list("Warnings (review first):", d.Warnings)
	b.WriteString("\n----- draft -----\n")
	b.WriteString(strings.TrimSpace(d.Body))
	b.WriteString("\n----- end of draft -----\n")
	var srcs []string
	for _, src := range d.Sources {
		s := fmt.Sprintf("%s #%d %s", src.Kind, src.ID, src.Title)
		if src.URL != "" {
			s += " (" + src.URL + ")"
		}
		if src.Cited {
			s += " [cited]"
		}
		srcs = append(srcs, s)
	}
	list("Sources given to the model (cited: "+d.CitedBy+"):", srcs)
	list("Citations dropped (not given to the model):", d.Invented)
	list("Open questions:", d.OpenQuestions)
	list("Not answered by the knowledge base:", d.CannotAnswer)
	return strings.TrimRight(b.String(), "\n")
}

// textHTML escapes plain text for a Freshdesk body, keeping line breaks. The
// model's text is always escaped: markup in a draft must not become markup
// in the helpdesk.
func textHTML(s string) string {
	return strings.ReplaceAll(html.EscapeString(s), "\n", "<br>")
}
