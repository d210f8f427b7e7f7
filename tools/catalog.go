package tools

import (
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
)

// Toolset is the id of a group of tools (--toolsets).
type Toolset string

// The toolsets, in the order Toolsets lists them.
const (
	ToolsetTickets   Toolset = "tickets"
	ToolsetCustomers Toolset = "customers"
	ToolsetKnowledge Toolset = "knowledge"
	ToolsetLookups   Toolset = "lookups"
	ToolsetDrafting  Toolset = "drafting"
	ToolsetWrites    Toolset = "writes"
	// Opt-in toolsets (OptInToolsets): served only when named or with "all".
	ToolsetIntake    Toolset = "intake"
	ToolsetTime      Toolset = "time"
	ToolsetReporting Toolset = "reporting"
	ToolsetSettings  Toolset = "settings"
)

// OptInToolsets are off by default: they would grow the catalogue every
// session reads (see README, "Toolsets").
func OptInToolsets() []string {
	return []string{string(ToolsetIntake), string(ToolsetTime), string(ToolsetReporting), string(ToolsetSettings)}
}

// Toolsets lists every toolset name in a stable order.
func Toolsets() []string {
	return append([]string{string(ToolsetTickets), string(ToolsetCustomers), string(ToolsetKnowledge),
		string(ToolsetLookups), string(ToolsetDrafting), string(ToolsetWrites)}, OptInToolsets()...)
}

// All returns every tool in a stable order: tickets, customers, knowledge,
// lookups, drafting, writes, then the opt-in toolsets (intake, time,
// reporting, settings). It never calls Freshdesk, so it works without
// credentials (the `tools` CLI verb); handlers report a missing client as a
// tool error. Every write goes through deps.Policy (mode, confirmation,
// duplicate guard, audit); without a Policy every write is refused.
func All(deps Deps) []Tool {
	b := newBuilder(deps)
	return []Tool{
		b.searchTicketsTool(),
		b.listTicketsTool(),
		b.getTicketTool(),
		b.listConversationsTool(),
		b.getContactTool(),
		b.searchContactsTool(),
		b.getCompanyTool(),
		b.searchCompaniesTool(),
		b.customerOverviewTool(),
		b.searchSolutionsTool(),
		b.getArticleTool(),
		b.searchCannedTool(),
		b.getCannedTool(),
		b.listAgentsTool(),
		b.listGroupsTool(),
		b.ticketFieldsTool(),
		b.whoamiTool(),
		b.draftReplyTool(),
		b.addNoteTool(),
		b.sendReplyTool(),
		b.updateTicketTool(),
		b.createTicketTool(),
		b.createContactTool(),
		b.updateContactTool(),
		b.listTimeEntriesTool(),
		b.addTimeEntryTool(),
		b.listRatingsTool(),
		b.supportMetricsTool(),
		b.changedTicketsTool(),
		b.helpdeskConfigTool(),
	}
}

// PolicyCatalogue is what the policy must know of every tool and resource,
// as declared with each (prompts declare theirs in package prompts).
func PolicyCatalogue() mcppolicy.Catalogue {
	ts := All(Deps{})
	c := mcppolicy.Catalogue{Resources: resourceFacts()}
	for _, t := range ts {
		c.Tools = append(c.Tools, t.Facts())
	}
	return c
}

// cannedTTL is how long canned responses stay cached.
const cannedTTL = 5 * time.Minute
