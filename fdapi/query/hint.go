package query

import "strings"

// Hint explains, for a field that ticket search rejects, why and what to use
// instead; it returns "" when it has nothing to add. The MCP layer shows it
// next to Freshdesk's "Unexpected/invalid field in request".
func Hint(field string) string {
	f := strings.ToLower(strings.TrimSpace(field))
	switch f {
	case "responder_id", "responder", "agent", "assignee", "assigned_to", "owner":
		return "ticket search names the assigned agent agent_id: use agent_id:<id> (or agent_id:null for unassigned tickets)"
	case "subject", "description", "description_text", "body", "text", "content", "keyword", "q":
		return "Freshdesk ticket search is field-based: subject and description text are not searchable; filter on fields (status, priority, type, tag, agent_id, group_id, dates, cf_* custom fields) and read the tickets, or use custom_string:<word> for single-line custom text fields"
	case "requester_id", "requester", "requester_email", "email", "contact_id":
		return "ticket search cannot filter by requester: list tickets with requester_id=<id> or email=<address> (GET /api/v2/tickets) instead"
	case "company_id", "company":
		return "ticket search cannot filter by company: list tickets with company_id=<id> (GET /api/v2/tickets) instead; contact search does accept company_id"
	case "source", "channel":
		return "ticket search cannot filter by source (email, portal, phone, chat...): list tickets and filter on their source field instead"
	case "tags":
		return "the field is tag (singular): tag:'billing', or tag:null for untagged tickets"
	case "group", "group_name", "team":
		return "use group_id:<id> (look the id up in the groups list)"
	case "ticket_type", "category":
		return "the ticket type field is type: type:'Incident'"
	case "id", "ticket_id", "display_id":
		return "tickets cannot be searched by id: view the ticket directly (GET /api/v2/tickets/<id>)"
	case "created", "updated", "created_since", "updated_since":
		return "use created_at / updated_at with :> or :< and a 'yyyy-mm-dd' date, e.g. created_at:>'2024-01-31'"
	case "spam", "deleted":
		return "spam and deleted tickets are not searchable: list tickets with filter=spam or filter=deleted"
	}
	if strings.HasPrefix(f, "cf_") {
		return "no searchable custom field has that name: custom fields are searched by their API name from the ticket fields list (cf_...), and only text, number, checkbox and dropdown fields are searchable"
	}
	return ""
}
