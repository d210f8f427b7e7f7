package tools

import "time"

// Catalog returns every tool in a stable order: tickets, customers, knowledge,
// lookups, drafting. It never calls Freshdesk, so it works without credentials (the
// `tools` CLI verb); handlers report a missing client as a tool error.
func Catalog(deps Deps) []Tool {
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
	}
}

// cannedTTL is how long canned responses stay cached.
const cannedTTL = 5 * time.Minute
