package tools

import (
	"log/slog"

	"github.com/freshdesk-mcp/freshdesk-mcp/draft"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
)

// Default and bounds for the per-call size cap, counted in runes.
const (
	DefaultMaxChars = 24000
	MinMaxChars     = 2000
	MaxMaxChars     = 100000
)

// Deps are the dependencies every tool, resource and prompt shares.
type Deps struct {
	// Client is the guarded Freshdesk client.
	Client *fdapi.Client
	// Logger is optional; nil discards.
	Logger *slog.Logger
	// MaxChars is the default size cap of a ticket rendering in runes (default 24000).
	MaxChars int
	// PrivateNotes shows private notes when true. The zero value hides them;
	// callers that want the documented default (shown) set it to true, as the app does.
	PrivateNotes bool
	// Policy is the write policy, tool filter and credit budget (see
	// mcppolicy.Policy.Install); write tools refuse every write without it.
	Policy *mcppolicy.Policy
	// Drafter is the drafting model of draft_reply; nil means no model is
	// configured and draft_reply returns the grounding pack instead.
	Drafter *draft.Drafter
	// DraftPastAnswers is draft_reply's default for past_answers (a call's
	// argument overrides it) and what the draft_reply prompt uses.
	DraftPastAnswers bool
	// PortalURL is the customer portal base for article links
	// (https://acme.freshdesk.com); empty means the client's base URL.
	PortalURL string
	// Shared holds the caches that the tools, resources and prompts built
	// from these Deps share (shaped bodies, canned responses). Set one per
	// Client with NewShared; nil makes each registration build its own.
	Shared *Shared
	// Changes is the webhook event log list_changed_tickets reads first;
	// nil means it always lists from Freshdesk.
	Changes ChangeFeed
}
