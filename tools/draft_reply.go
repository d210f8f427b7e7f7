package tools

import (
	"context"
	"errors"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/draft"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/shape"
)

// draftReplyCredits is the estimate of one draft: fields, ticket + thread +
// requester, company, up to 3 knowledge-base searches.
const draftReplyCredits = 7

// Statuses of a draft_reply answer.
const (
	draftStatusDrafted = "drafted"
	draftStatusNoModel = "no_model"
)

type draftReplyIn struct {
	TicketID     int64  `json:"ticket_id" jsonschema:"required,minimum=1" jsonschema_description:"The ticket number."`
	Instructions string `json:"instructions,omitempty" jsonschema:"maxLength=4000" jsonschema_description:"What the reply should do, from the agent, e.g. \"offer a callback\"."`
	Tone         string `json:"tone,omitempty" jsonschema:"maxLength=200" jsonschema_description:"E.g. formal, warm, brief (default friendly and clear)."`
	Language     string `json:"language,omitempty" jsonschema:"maxLength=40" jsonschema_description:"Name or code (\"Korean\", \"ko\"); default: the customer's."`
	PastAnswers  *bool  `json:"past_answers,omitempty" jsonschema_description:"Add a similar resolved ticket's public reply as an example, personal data removed (+3-4 credits)."`
	SaveAsNote   bool   `json:"save_as_note,omitempty" jsonschema_description:"Also save the draft as one private note marked as an AI draft: a write, so the server's mode decides (in confirm mode pass the returned note_body to add_note)."`
}

// draftReplyOut is the answer of draft_reply: a draft (a model is
// configured) or the grounding pack for the calling assistant (none is).
type draftReplyOut struct {
	Status       string `json:"status" jsonschema:"enum=drafted,enum=no_model" jsonschema_description:"drafted: draft holds the model's reply draft. no_model: no drafting model is configured; write the draft yourself following instruction, from grounding_pack."`
	TicketID     int64  `json:"ticket_id"`
	Draft        string `json:"draft,omitempty" jsonschema_description:"The reply draft for a human agent to review and send; it has not been sent."`
	Language     string `json:"language" jsonschema_description:"Language code of the reply, e.g. ko."`
	LanguageName string `json:"language_name,omitempty"`
	// ArticlesUsed are the articles the draft relies on (drafted) or the
	// candidates to use (no_model).
	ArticlesUsed  []draft.ArticleRef `json:"articles_used,omitempty" jsonschema_description:"Knowledge-base articles the draft relies on (id, title, customer link); with no_model, the candidate articles in the pack."`
	CannedUsed    []draft.CannedRef  `json:"canned_used,omitempty" jsonschema_description:"Canned responses the draft relies on; with no_model, the candidates in the pack."`
	Sources       []draft.Source     `json:"sources,omitempty" jsonschema_description:"All grounding given to the model."`
	CitedBy       string             `json:"cited_by,omitempty" jsonschema:"enum=model,enum=links,enum=none"`
	Invented      []string           `json:"invented_citations,omitempty"`
	Format        string             `json:"format,omitempty" jsonschema_description:"Answer format: json_mode, tool_call or text."`
	OpenQuestions []string           `json:"open_questions,omitempty" jsonschema_description:"What the agent should check or ask before sending."`
	CannotAnswer  []string           `json:"cannot_answer,omitempty" jsonschema_description:"What the knowledge base did not cover."`
	Warnings      []string           `json:"warnings,omitempty" jsonschema_description:"Review these before using the draft: suspicious content in the ticket (e.g. instructions aimed at an AI) and problems found in the draft."`
	Notes         []string           `json:"notes,omitempty" jsonschema_description:"How the draft was made: what was left out of the grounding and why, how the model's answer was read."`
	// Instruction and GroundingPack are set with no_model.
	Instruction   string       `json:"instruction,omitempty" jsonschema_description:"With no_model: the rules for writing the draft yourself (language, grounding, security)."`
	GroundingPack string       `json:"grounding_pack,omitempty" jsonschema_description:"With no_model: the ticket thread, article excerpts and canned responses, customer text inside an untrusted-data fence."`
	Model         string       `json:"model,omitempty" jsonschema_description:"The model that wrote the draft."`
	Tokens        *draft.Usage `json:"tokens,omitempty" jsonschema_description:"Tokens the model call used, as the provider reported them."`
	SavedNote     *savedNote   `json:"saved_note,omitempty" jsonschema_description:"With save_as_note: whether the draft was stored as a private note."`
	Credits       int          `json:"credits" jsonschema_description:"Freshdesk credits this call used (also in _meta.credits_used)."`
}

func (b *builder) draftReplyTool() Tool {
	d := decl{
		Name:    "draft_reply",
		Title:   "Draft a reply",
		Toolset: ToolsetDrafting,
		Credits: draftReplyCredits,
		// Read for the tool filter: drafting reads only, so the tool stays
		// available in read-only mode; its one write (save_as_note) is
		// decided by the policy at call time, like add_note's.
		Access:      Read,
		Description: "Draft a reply for a human agent to review; nothing is sent. Grounded in the thread, knowledge-base articles in the ticket's language and cached canned responses; written in the customer's language. Returns the draft, its sources (cited ones marked), open questions, gaps and warnings to review. Without a model: status no_model with a grounding_pack and an instruction to write the draft yourself. 5-7 credits; the model can take minutes.",
		// Honest hints: save_as_note may add one private note (not
		// read-only); it never overwrites anything (not destructive); each
		// save adds a note and every model call differs (not idempotent).
		Hints: &mcp.ToolAnnotation{ReadOnlyHint: mcp.ToBoolPtr(false), DestructiveHint: mcp.ToBoolPtr(false),
			IdempotentHint: mcp.ToBoolPtr(false), OpenWorldHint: mcp.ToBoolPtr(true)},
	}
	// save_as_note is a write: refused over budget, it is audited. Past
	// answers raise the estimate the budget reserves.
	intent := func(in *draftReplyIn) mcppolicy.WriteIntent {
		w := mcppolicy.WriteIntent{Write: in.SaveAsNote, Kind: policy.PrivateNote, TicketID: in.TicketID}
		if b.pastAnswers(in) {
			w.Credits = draftReplyCredits + draftExampleCredits
		}
		return w
	}
	return build(b, d, new(draftReplyOut), intent, reads(b.draftReply))
}

func (b *builder) draftReply(ctx context.Context, in draftReplyIn) (*draftReplyOut, error) {
	u := &fdapi.Usage{}
	ctx = fdapi.WithUsage(ctx, u)
	r, err := newDraftRequest(in.TicketID, in.Instructions, in.Tone, in.Language)
	if err != nil {
		return nil, err
	}
	r.PastAnswers = b.pastAnswers(&in)
	// A save the mode refuses is refused before anything costs a credit.
	if in.SaveAsNote {
		if err := b.precheckDraftNote(ctx, in.TicketID); err != nil {
			return nil, err
		}
	}

	// Articles and canned responses are knowledge-toolset data: a caller who
	// cannot see that toolset gets a draft without them (as the prompt does).
	if p := b.deps.Policy; p != nil {
		r.NoKnowledge = p.DataAllowed(ctx, "get_solution_article") != nil
	}

	prog := newProgress(ctx)
	prog.report("Reading the ticket and searching the knowledge base", 0)
	g, err := b.gatherGrounding(ctx, r)
	if err != nil {
		return nil, err
	}
	out := &draftReplyOut{TicketID: in.TicketID, Notes: g.notes}
	if g.hidden {
		out.Warnings = append(out.Warnings, "Invisible or bidi control characters were removed from the ticket thread (a possible hidden-instruction attempt).")
	}

	if b.deps.Drafter == nil {
		fb := draft.Fallback(g.pack)
		out.Status = draftStatusNoModel
		out.Language, out.LanguageName = fb.Language, fb.LanguageName
		out.ArticlesUsed, out.CannedUsed = fb.Articles, fb.Canned
		out.Sources, out.CitedBy = draft.Sources(g.pack), draft.CitedByNone
		out.Warnings = append(out.Warnings, fb.Warnings...)
		out.Instruction, out.GroundingPack = fb.Instruction, fb.Pack
		if in.SaveAsNote {
			out.SavedNote = &savedNote{Status: noteNotSaved, Reason: "No drafting model is configured, so there is no draft to save yet. Write the draft from the grounding pack, then store it with add_note (private=true) if the agent wants it on the ticket."}
		}
		prog.report("Grounding pack ready", 1)
		out.Credits = u.Credits()
		return out, nil
	}

	prog.report("Asking the model for a draft", gatherShare)
	d, err := b.deps.Drafter.Draft(ctx, g.pack, prog.drafterStep)
	if err != nil {
		return nil, draftError(err)
	}
	out.Status = draftStatusDrafted
	out.Draft = d.Body
	out.Language, out.LanguageName = d.Language, draft.LanguageName(d.Language)
	out.ArticlesUsed, out.CannedUsed = d.ArticlesUsed, d.CannedUsed
	out.Sources, out.CitedBy, out.Invented, out.Format = d.Sources, d.CitedBy, d.Invented, string(d.Format)
	out.OpenQuestions, out.CannotAnswer = d.OpenQuestions, d.CannotAnswer
	out.Warnings = append(out.Warnings, d.Warnings...)
	out.Notes = append(out.Notes, d.Notes...)
	out.Model = d.Model
	if d.Usage != (draft.Usage{}) {
		tok := d.Usage
		out.Tokens = &tok
	}
	if in.SaveAsNote {
		out.SavedNote = b.saveDraftNote(ctx, in.TicketID, g.pack, d)
	}
	out.Credits = u.Credits()
	return out, nil
}

// pastAnswers says whether a draft_reply call adds a past answer: its
// argument, else the server's default.
func (b *builder) pastAnswers(in *draftReplyIn) bool {
	if in.PastAnswers != nil {
		return *in.PastAnswers
	}
	return b.deps.DraftPastAnswers
}

// draftError keeps the draft package's explanation (it says what happened,
// which setting to check and whether retrying helps).
func draftError(err error) error {
	var de *draft.Error
	if errors.As(err, &de) {
		return inputErrorf("Drafting failed, no draft was made: %s", de.Error())
	}
	return err
}

// newDraftRequest cleans the caller's free-text arguments and resolves the
// requested language (empty: the customer's own).
func newDraftRequest(ticket int64, instructions, tone, language string) (draftRequest, error) {
	r := draftRequest{TicketID: ticket, Instructions: shape.Sanitize(strings.TrimSpace(instructions)), Tone: shape.Sanitize(strings.TrimSpace(tone))}
	if l := strings.TrimSpace(language); l != "" {
		if r.Language = draft.NormalizeLanguage(l); r.Language == "" {
			return r, inputErrorf("language %q is neither a language name nor a code; give e.g. \"Korean\", \"ko\" or \"pt-BR\", or omit it to answer in the customer's language", language)
		}
	}
	return r, nil
}
