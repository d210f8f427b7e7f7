package policy

import (
	"errors"
	"testing"
)

// TestFilterOptIn: opt-in toolsets are off by default and on when named,
// with "all", or with --tools for one of their tools.
func TestFilterOptIn(t *testing.T) {
	exposed := func(f Filter) map[string]bool {
		out := map[string]bool{}
		for _, ti := range testCatalog {
			if f.Exposed(ti) {
				out[ti.Name] = true
			}
		}
		return out
	}
	optIn := []string{"knowledge"}
	tests := []struct {
		name      string
		toolsets  []string
		tools     []string
		knowledge bool
		tickets   bool
	}{
		{"empty is the default", nil, nil, false, true},
		{"default keyword", []string{"default"}, nil, false, true},
		{"all", []string{"all"}, nil, true, true},
		{"named", []string{"knowledge"}, nil, true, false},
		{"default plus named", []string{"default", "knowledge"}, nil, true, true},
		{"one tool", nil, []string{"search_solutions"}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := mustFilter(t, FilterConfig{Mode: ModeConfirm, Toolsets: tt.toolsets, Tools: tt.tools, OptIn: optIn})
			got := exposed(f)
			if got["search_solutions"] != tt.knowledge || got["get_ticket"] != tt.tickets {
				t.Errorf("exposed %v; want knowledge %v, tickets %v", got, tt.knowledge, tt.tickets)
			}
		})
	}
	// Without opt-in toolsets the default is every toolset, as before.
	f := mustFilter(t, FilterConfig{Mode: ModeConfirm})
	if got := exposed(f); len(got) != len(testCatalog) || f.String() != "mode=confirm toolsets=customers, knowledge, lookups, tickets, writes" {
		t.Errorf("no opt-in: %v %s", got, f.String())
	}
	_, err := NewFilter(FilterConfig{Mode: ModeConfirm, KnownToolsets: testToolsets, OptIn: []string{"reports"}})
	if !errors.Is(err, ErrUnknownName) {
		t.Errorf("unknown opt-in toolset: %v", err)
	}
	// A header may name "default" as its ceiling.
	f = mustFilter(t, FilterConfig{Mode: ModeConfirm, Toolsets: []string{"all"}, OptIn: optIn})
	tf, err := f.Tighten("", "default")
	if err != nil || tf.Exposed(ToolInfo{Name: "search_solutions", Toolset: "knowledge"}) || !tf.Exposed(ToolInfo{Name: "get_ticket", Toolset: "tickets"}) {
		t.Errorf("header default: %v", err)
	}
}
