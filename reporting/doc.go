// Package reporting answers a support lead's questions about a Freshdesk
// helpdesk (backlog, volume, response and resolution times, CSAT, overdue
// tickets) at a credit cost known before the expensive part runs.
//
// Every question is planned first: Plan names each Freshdesk call it will
// make and its credits (search totals cost one credit per query, never one
// per ticket; a page of 100 tickets with stats costs three). When the size
// of the work depends on the data, Plan spends one credit on a search total
// to size it and says so. Run refuses a plan that would exceed the caller's
// budget and suggests a narrower question that fits. Every answer says how
// each number was computed and on how many tickets or ratings.
//
// Times are calendar time (Freshdesk's business-hours calendars are not
// applied), periods are whole UTC days, and, like Freshdesk's search, the
// numbers exclude spam, deleted and archived tickets.
package reporting
