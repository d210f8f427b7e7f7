package tools_test

import (
	"strings"
	"testing"
)

// Errors a model or a person can act on (issue 12): the nearest valid name,
// plurals spelled right, and argument descriptions not cut at "e.g.".
func TestErrorsSuggestTheNearestName(t *testing.T) {
	e := newEnv(t, envOpts{})
	for _, tc := range []struct {
		tool        string
		args        map[string]any
		want, never string
	}{
		{"search_tickets", map[string]any{"status": []string{"opened"}}, `unknown status "opened" (did you mean "Open"?); valid statuses (name or number): "Open" (2)`, "statuss"},
		{"search_tickets", map[string]any{"priority": []string{"urgnet"}}, `(did you mean "Urgent"?); valid priorities`, "prioritys"},
		{"search_tickets", map[string]any{"type": []string{"Incidnt"}}, `unknown ticket type "Incidnt" (did you mean "Incident"?)`, ""},
		{"search_tickets", map[string]any{"status": []string{"9"}}, `unknown status 9; valid statuses: "Open" (2)`, "did you mean"},
		{"get_ticket", map[string]any{"ticket": 57}, `unknown argument(s) "ticket" for get_ticket (did you mean "ticket_id"?); valid arguments: ticket_id (required)`, ""},
		{"get_ticket", map[string]any{}, "ticket_id: required (The ticket number, e.g. 1042)", ""},
	} {
		got := e.fail(tc.tool, tc.args)
		if !strings.Contains(got, tc.want) || (tc.never != "" && strings.Contains(got, tc.never)) {
			t.Errorf("%s %v:\n got %s\nwant %s", tc.tool, tc.args, got, tc.want)
		}
	}
}
