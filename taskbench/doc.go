// Package taskbench measures what the server costs a client doing real work:
// Freshdesk credits and upstream round trips for a fixed list of assistant
// tasks, and the tokens of the tool catalogue a client loads. It has no
// non-test code; its tests and benchmarks run the real program (app.Main on
// the stdio transport) through the official MCP Go SDK client against the
// emulated Freshdesk (fdapi/fdtest).
package taskbench
