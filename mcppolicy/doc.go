// Package mcppolicy is the MCP side of package policy: it applies the
// policy (which knows nothing of MCP) to an mcp-go server and to the calls
// the tools make. It holds the tool filter, the credit budget of every call,
// the confirmation flow of writes (elicitation, confirmation token, fallback),
// the duplicate guard and audit around a write, the policy gate of resources
// and prompts, the freshdesk://usage resource, and the one JSON encoding of
// every result.
//
// It knows tools only as data: package tools declares each tool's facts
// (toolset, read or write, write kinds, credit estimate) with the tool and
// hands them here as a Catalogue; nothing here imports package tools.
//
// The path of a write (add_note, send_reply, update_ticket) through the
// policy, after package tools has bound and validated its arguments:
//
//  1. BeginCall (budget.go) reserves the tool's credit estimate against the
//     caller's budget; over budget, the write is refused and audited.
//  2. RunWrite (write.go) checks the mode (refused writes cost nothing),
//     lets the tool validate and preview the write (WritePlan), redeems a
//     confirmation token and checks for duplicates (confirm.go), asks the
//     user when the mode says so (elicitation, or a confirmation_required
//     answer with a token), then runs the write under the duplicate guard
//     and audits its outcome.
//  3. Call.Settle charges what the call actually spent.
package mcppolicy
