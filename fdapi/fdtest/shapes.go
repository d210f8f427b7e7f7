package fdtest

import "strings"

// Key lists of the real API's JSON shapes, in server key order (see the
// reference, section 2). A trailing "?" marks a key rendered only when the
// record has it. Keys starting with "_" are internal and never rendered.

var ticketHead = []string{"cc_emails", "fwd_emails", "reply_cc_emails", "ticket_cc_emails", "fr_escalated", "spam",
	"email_config_id", "group_id", "priority", "requester_id", "responder_id", "source", "company_id", "status",
	"subject", "association_type", "support_email?", "to_emails", "product_id", "id", "type", "due_by", "fr_due_by", "is_escalated"}

var (
	ticketViewKeys = concat(ticketHead, []string{"description", "description_text", "custom_fields", "created_at",
		"updated_at", "tags", "attachments", "source_additional_info"})
	ticketListKeys = concat(ticketHead, []string{"custom_fields", "created_at", "updated_at",
		"associated_tickets_count", "tags"})
	ticketUpdateKeys = []string{"cc_emails", "fwd_emails", "reply_cc_emails", "ticket_cc_emails", "spam",
		"email_config_id", "fr_escalated", "group_id", "priority", "requester_id", "responder_id", "source", "status",
		"subject", "company_id", "custom_fields", "description", "description_text", "id", "type", "to_emails",
		"product_id", "attachments", "is_escalated", "tags", "nr_escalated?", "created_at", "updated_at", "due_by",
		"fr_due_by", "nr_due_by?"}
	ticketTailKeys = []string{"nr_due_by?", "nr_escalated?"}
	statsKeys      = []string{"agent_responded_at", "requester_responded_at", "first_responded_at",
		"status_updated_at", "reopened_at", "resolved_at", "closed_at", "pending_since"}
	requesterKeys = []string{"id", "name", "email", "mobile", "phone"}

	convListKeys = []string{"body", "body_text", "id", "incoming", "private", "user_id", "support_email", "source",
		"category", "to_emails", "from_email", "cc_emails", "bcc_emails", "email_failure_count", "outgoing_failures",
		"thread_id?", "thread_message_id?", "created_at", "updated_at", "last_edited_at?", "last_edited_user_id?",
		"attachments", "automation_id?", "automation_type_id?", "auto_response?", "ticket_id", "source_additional_info"}
	replyKeys = []string{"id", "user_id", "from_email", "cc_emails", "bcc_emails", "body", "body_text", "ticket_id",
		"to_emails", "attachments", "source_additional_info", "created_at", "updated_at"}
	noteKeys = []string{"body", "body_text", "id", "incoming", "private", "user_id", "support_email", "ticket_id",
		"to_emails", "created_at", "updated_at", "attachments", "source_additional_info"}

	contactViewKeys = []string{"active", "address", "company_id", "view_all_tickets", "description", "email", "id",
		"job_title", "language", "mobile", "name", "phone", "time_zone", "twitter_id", "custom_fields", "tags",
		"other_emails", "facebook_id", "created_at", "updated_at", "csat_rating", "preferred_source",
		"other_companies?", "unique_external_id?", "twitter_profile_status?", "twitter_followers_count?", "avatar"}
	contactListKeys = []string{"active", "address", "description", "email", "id", "job_title", "language", "mobile",
		"name", "phone", "time_zone", "twitter_id", "custom_fields", "facebook_id", "created_at", "updated_at",
		"csat_rating", "preferred_source", "company_id", "other_companies?", "unique_external_id?",
		"twitter_profile_status?", "twitter_followers_count?"}

	companyViewKeys = []string{"id", "name", "description", "note", "domains", "custom_fields", "created_at",
		"updated_at", "health_score", "account_tier", "renewal_date", "industry"}
	companyListKeys = []string{"id", "name", "description", "note", "domains", "created_at", "updated_at",
		"custom_fields", "health_score", "account_tier", "renewal_date", "industry"}

	agentViewKeys = []string{"available", "occasional", "id", "ticket_scope", "signature", "group_ids", "role_ids",
		"skill_ids", "created_at", "updated_at", "last_active_at", "available_since", "type", "contact"}
	agentListKeys = []string{"available", "occasional", "id", "ticket_scope", "created_at", "updated_at",
		"last_active_at", "available_since", "type", "contact", "signature"}
	agentContactKeys = []string{"active", "email", "job_title", "language", "last_login_at", "mobile", "name",
		"phone", "time_zone", "created_at", "updated_at"}

	groupViewKeys = []string{"id", "name", "description", "escalate_to", "unassigned_for", "business_hour_id",
		"agent_ids", "group_type", "created_at", "updated_at", "auto_ticket_assign?"}
	groupListKeys = []string{"id", "name", "description", "escalate_to", "unassigned_for", "business_hour_id",
		"group_type", "created_at", "updated_at", "auto_ticket_assign?"}

	ticketFieldKeys = []string{"id", "name", "label", "description", "position", "required_for_closure",
		"required_for_agents", "type", "default", "customers_can_edit", "customers_can_filter", "label_for_customers",
		"required_for_customers", "displayed_to_customers", "created_at", "updated_at", "portal_cc?", "portal_cc_to?",
		"choices?", "nested_ticket_fields?"}

	categoryKeys = []string{"id", "name", "description", "created_at", "updated_at", "visible_in_portals", "icon?"}
	folderKeys   = []string{"id", "name", "description", "articles_count", "created_at", "updated_at", "icon_url?",
		"parent_folder_id?", "sub_folders_count?", "hierarchy?", "visibility", "category_id?", "company_ids?"}
	articleKeys = []string{"id", "type", "status", "agent_id", "created_at", "category_id", "folder_id", "title",
		"updated_at", "description", "description_text", "seo_data", "tags", "attachments", "cloud_files",
		"thumbs_up", "thumbs_down", "hits", "suggested", "feedback_count", "hierarchy?"}

	cannedFolderListKeys = []string{"id", "name", "created_at", "updated_at", "personal", "responses_count"}
	cannedFolderViewKeys = []string{"id", "name", "created_at", "updated_at", "canned_responses"}
	cannedKeys           = []string{"id", "title", "folder_id", "content", "content_html", "attachments",
		"created_at", "updated_at", "group_ids", "visibility"}

	ratingKeys = []string{"id", "survey_id", "user_id", "agent_id", "feedback", "group_id", "ticket_id",
		"created_at", "updated_at", "ratings"}
	timeEntryKeys = []string{"billable", "note", "id", "timer_running", "agent_id", "ticket_id", "company_id",
		"time_spent", "executed_at", "start_time", "created_at", "updated_at", "time_spent_in_seconds?"}
)

func concat(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// pick renders o with exactly keys (missing keys become null; "k?" keys only
// when present). With extras, any other non-internal keys of o follow in
// their own order (for single-shape records whose full key set may vary).
func pick(o *Obj, keys []string, extras bool) *Obj {
	out := newObj()
	known := map[string]bool{}
	for _, k := range keys {
		name, optional := strings.CutSuffix(k, "?")
		known[name] = true
		v, ok := o.Get(name)
		if !ok && optional {
			continue
		}
		out.Set(name, clone(v))
	}
	if extras {
		for _, k := range o.keys {
			if !known[k] && !strings.HasPrefix(k, "_") {
				out.Set(k, clone(o.vals[k]))
			}
		}
	}
	return out
}

// Shapes of the account-level reads, in the key order of real recorded
// responses (airbyte expected_records.jsonl, reference §8) and, for products,
// the Freshdesk SDK askasoft/pango sdk/fdk/freshdesk/product.go.
var (
	surveyKeys       = []string{"id", "title", "active", "created_at", "updated_at", "questions"}
	slaPolicyKeys    = []string{"id", "name", "description", "active", "sla_target", "applicable_to", "is_default", "position", "created_at", "updated_at", "escalation"}
	businessHourKeys = []string{"id", "name", "is_default", "description", "working_hours", "time_zone", "created_at", "updated_at", "holiday_list?"}
	productKeys      = []string{"id", "name", "description", "created_at", "updated_at"}
	roleKeys         = []string{"id", "name", "description", "default", "created_at", "updated_at", "agent_type"}
	emailConfigKeys  = []string{"id", "name", "product_id", "to_email", "reply_email", "group_id", "primary_role", "active", "created_at", "updated_at"}
)
