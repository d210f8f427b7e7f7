// Package query parses, validates, builds and evaluates Freshdesk API v2 search
// queries (GET /api/v2/search/{tickets,contacts,companies}?query="...").
//
// The parser follows the server's grammar exactly (see the project's
// freshdesk-api-v2 reference, §3.7): a raw query must carry outer double
// quotes, the text inside may hold at most 512 characters, conditions are
// FIELD:TERM pairs joined by AND/OR (AND binds tighter) and grouped by
// parentheses. Errors carry Freshdesk's own field/message/code entries so a
// malformed query is refused locally, with the same words, before a credit is
// spent.
//
// Grammar decisions where the reference is silent (mirroring the server's
// scanner, grammar and value conversion):
//   - The scanner never skips whitespace by itself: whitespace is only legal
//     after "(", before ")", around AND/OR (required on both sides), between a
//     field and its ":", after ":" (equality only) and between ">"/"<" and the
//     value. "a:1 b:2", "(a:1)AND b:2" and "a: >3" are format errors.
//   - An empty query (""), empty parentheses "()", unbalanced parentheses and a
//     dangling AND/OR are format errors.
//   - A word "AND"/"OR" directly followed by ":" is a field name ("a:1 AND or:2"
//     parses; Validate then rejects the unknown field "or").
//   - The outer-quote check is the server's unanchored /"(.*)"/: some line must
//     hold two double quotes, then the first and last characters are dropped
//     whatever they are. So a line break anywhere in a query (even inside a
//     quoted value) is a format error unless a line still holds a quote pair;
//     ParseInner(s) behaves exactly like Parse(Quote(s)).
//   - Length is counted in characters (runes) after stripping, and checked
//     before the grammar.
//   - Bare words are converted the way Ruby's Integer() does: "0x1f" is 31,
//     "017" is octal 15, "1_000" is 1000, "08" stays a word. Integers outside
//     int64 saturate. Quoted values are always strings.
//   - Only the bare word null (lower case) means "no value"; 'null' is the
//     string "null".
//   - The scanner accepts :>'yyyy-mm-ddThh:mm:ssZ', but the ticket, contact and
//     company date fields validate as date-only (as on the server), so Validate
//     rejects a date-time there with the 'yyyy-mm-dd' message.
package query
