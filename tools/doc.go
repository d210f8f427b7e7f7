// Package tools holds the MCP tools of freshdesk-mcp, their framework, the
// freshdesk:// resources and the server instructions.
//
// Each tool is a declaration (decl: name, title, description, toolset,
// access, credit estimate, write kinds, hints) plus a typed input struct and
// a handler, built by build (build.go), the one constructor: input and
// output schemas reflected with one shared invopop/jsonschema reflector into
// strict raw schemas, all four annotation hints, strict argument binding
// (unknown keys are errors that list the valid names), then the credit
// budget, then the handler; every result carries structuredContent, the same
// compact JSON as text (mcppolicy.JSON), and _meta with the Freshdesk credits
// the call used. All (catalog.go) is the one list of every tool; the facts
// the policy needs travel with each Tool (Tool.Facts, PolicyCatalogue) to
// package mcppolicy, which applies the policy.
//
// The path of a read, e.g. get_ticket: ticket_get.go declares it and its
// handler → build binds the arguments and reserves the estimate
// (mcppolicy.Policy.BeginCall) → the handler calls fdapi (tickets.go →
// client.go → transport.go) → the thread is shaped and packed (thread.go,
// thread_pack.go) → encoded once.
//
// The path of a write, e.g. add_note: write_note.go declares it and its
// plan (validation and preview) → newWriteTool (write_tool.go) builds it
// with build → mcppolicy.Policy.RunWrite runs the mode check, the plan, the
// token and duplicate checks, the user's confirmation, the guarded write and
// the audit (see package mcppolicy).
package tools
