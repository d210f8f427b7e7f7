package tools

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/query"
)

// inputError is a mistake in the tool call; its text already says what to do.
type inputError struct{ msg string }

func (e *inputError) Error() string { return e.msg }

func inputErrorf(format string, a ...any) error {
	return &inputError{msg: fmt.Sprintf(format, a...)}
}

// errorText turns an error into what the model needs to read: what went wrong
// (Freshdesk's own description and field errors) and what to do next.
func errorText(err error) string {
	var ie *inputError
	if errors.As(err, &ie) {
		return ie.msg
	}
	var qe *query.Error
	if errors.As(err, &qe) {
		return "Invalid search query (rejected locally, no credits spent): " + qe.Error() + ". " + queryGrammarHelp
	}
	var fe *fdapi.Error
	hasFE := errors.As(err, &fe)
	switch {
	case errors.Is(err, fdapi.ErrRateLimited):
		wait := time.Duration(0)
		if hasFE {
			wait = fe.RetryAfter
		}
		if wait > 0 {
			return fmt.Sprintf("Freshdesk rate limit reached for this account. Retry after %s (not before); meanwhile avoid other Freshdesk calls.", wait.Round(time.Second))
		}
		return "Freshdesk rate limit reached for this account. Wait about a minute before retrying; meanwhile avoid other Freshdesk calls."
	case errors.Is(err, fdapi.ErrOutcomeUnknown):
		return "The request may or may not have reached Freshdesk (" + err.Error() + "). Check the current state (for example with get_ticket) before retrying, so nothing is done twice."
	case fdapi.IsNotFound(err):
		return "Not found in Freshdesk (" + err.Error() + "). Check the id; use search_tickets, list_tickets, search_contacts or search_companies to find the right one."
	case errors.Is(err, context.DeadlineExceeded):
		return "Freshdesk did not answer in time. Try again in a moment; if it keeps failing, narrow the request."
	case errors.Is(err, context.Canceled):
		return "The request was cancelled."
	}
	if hasFE {
		msg := strings.TrimSpace(fe.Error())
		switch {
		case fe.Local:
			hint := "Fix the arguments named above and call again."
			if strings.Contains(fe.Path, "/search/") {
				hint += " " + queryGrammarHelp
			}
			return "Rejected before calling Freshdesk (no credit spent): " + msg + ". " + hint
		case fe.Status == 400 || fe.Status == 409 || fe.Status == 422:
			return "Freshdesk rejected the request: " + msg + ". Fix the arguments named above and call again."
		case fe.Status == 401:
			return "Freshdesk rejected the API key (" + msg + "). The server's FRESHDESK_API_KEY must be checked by its operator; retrying will not help."
		case fe.Status == 403:
			return "The API key's agent may not do this (" + msg + "). Retrying will not help; ask a Freshdesk admin for access."
		case fe.Status >= 500:
			return "Freshdesk had an internal error (" + msg + "). Try again in a minute."
		}
		return "Freshdesk error: " + msg
	}
	return "Error: " + err.Error()
}

// queryGrammarHelp explains the Freshdesk search grammar in one paragraph.
const queryGrammarHelp = `Freshdesk search syntax: field:value pairs joined by AND / OR (with spaces around them) and parentheses, e.g. status:2 AND priority:>3 AND tag:'billing' AND created_at:>'2026-01-01'. Strings with spaces, dots or dashes need single quotes; :> and :< mean >= and <= on numbers and 'YYYY-MM-DD' dates; null means no value. Searchable ticket fields: status, priority, type, tag, agent_id, group_id, created_at, updated_at, due_by, fr_due_by, cf_<custom field>. Search is field-based: subject, description, requester and company are NOT searchable; to find a customer's tickets use list_tickets with requester_email, requester_id or company_id.`
