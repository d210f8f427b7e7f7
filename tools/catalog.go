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
)

// Toolsets lists every toolset name in a stable order.
func Toolsets() []string {
	return []string{string(ToolsetTickets), string(ToolsetCustomers), string(ToolsetKnowledge),
		string(ToolsetLookups), string(ToolsetDrafting), string(ToolsetWrites)}
}

// All returns every tool in a stable order: tickets, customers, knowledge,
// lookups, drafting, writes. It never calls Freshdesk, so it works without
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
		b.searchSolutionsTool(),
		b.getArticleTool(),
		b.searchCannedTool(),
		b.getCannedTool(),
		b.listAgentsTool(),
		b.listGroupsTool(),
		b.ticketFieldsTool(),
		b.draftReplyTool(),
		b.addNoteTool(),
		b.sendReplyTool(),
		b.updateTicketTool(),
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
