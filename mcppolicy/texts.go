package mcppolicy

import (
	"errors"
	"fmt"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// The answers of the write flow that the model reads: each says whether
// anything was written and what to do next.

func declinedText(action, tool string) string {
	return fmt.Sprintf("The user declined; nothing was written (they answered %q to the confirmation of this %s). Do not retry it unless the user asks for it again.", action, tool)
}

func appliedText(tool string, ticket int64) string {
	return fmt.Sprintf("The %s WAS written: Freshdesk applied it, but its answer could not be read, so the id of what was created is unknown. "+
		"Do not retry it (an identical retry is refused as a duplicate). To see it, use list_conversations (ticket_id=%d) or get_ticket.", tool, ticket)
}

func duplicateText(err error, tool string) string {
	var de *policy.DuplicateError
	if errors.As(err, &de) {
		return de.Error()
	}
	return fmt.Sprintf("The duplicate-write check failed (%v), so %s was not run; nothing was written. Try again shortly.", err, tool)
}

// tokenText is the refusal of a bad token; policy's text already says that
// nothing was written and what to do next.
func tokenText(err error) string {
	if errors.Is(err, policy.ErrTokenOtherProcess) {
		// Used-token records live in one process's memory, so a token from
		// another process could be replayed here: always ask again.
		return "Refused: " + err.Error()
	}
	if errors.Is(err, policy.ErrTokenInvalid) {
		return err.Error()
	}
	return "The confirmation token could not be checked (" + err.Error() + "); nothing was written. Try again shortly."
}

func unknownOutcomeText(tool string, ticket int64, err error) string {
	return fmt.Sprintf("OUTCOME UNKNOWN: the connection to Freshdesk failed after the %s request was sent (%v), so it may or may not have been written. "+
		"Do NOT simply retry: check ticket %d first with list_conversations (ticket_id=%d) or get_ticket and look for it. "+
		"An identical retry within the duplicate window is refused as a possible duplicate; if the check shows it is missing, retry with allow_duplicate: true.",
		tool, err, ticket, ticket)
}
