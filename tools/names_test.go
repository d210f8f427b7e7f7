package tools

import (
	"encoding/json"
	"maps"
	"slices"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
)

func TestNormName(t *testing.T) {
	tests := []struct{ a, b string }{
		{"A - B", "a b"},
		{"waiting_on_customer", "Waiting on Customer"},
		{"  Feature--Request ", "feature request"},
		{"x _ y", "X Y"},
	}
	for _, tc := range tests {
		if normName(tc.a) != normName(tc.b) {
			t.Errorf("normName(%q)=%q, normName(%q)=%q: want equal", tc.a, normName(tc.a), tc.b, normName(tc.b))
		}
	}
	if normName("ab") == normName("a b") {
		t.Error("normName must not drop word boundaries")
	}
}

// TestNamesSortByID: choices are sorted with cmp.Compare; subtracting ids
// overflows for ids far apart and misorders them.
func TestNamesSortByID(t *testing.T) {
	var fields []fdapi.TicketField
	raw := `[{"name":"priority","type":"default_priority","default":true,"choices":{"Huge":9223372036854775807,"Low":1,"Neg":-9}},
	         {"name":"status","type":"default_status","default":true,"choices":{"5":["Closed","Closed"],"2":["Open","Being Processed"]}},
	         {"name":"ticket_type","type":"default_ticket_type","default":true,"choices":["Question","Incident"]}]`
	if err := json.Unmarshal([]byte(raw), &fields); err != nil {
		t.Fatal(err)
	}
	nm := namesFromFields(fields)
	var got []string
	for _, c := range nm.priorities {
		got = append(got, c.Name)
	}
	if want := []string{"Neg", "Low", "Huge"}; !slices.Equal(got, want) {
		t.Errorf("priorities %v, want %v", got, want)
	}
	if len(nm.statuses) != 2 || nm.statuses[0] != (choice{2, "Open"}) || nm.statuses[1] != (choice{5, "Closed"}) {
		t.Errorf("statuses %v", nm.statuses)
	}
	if !slices.Equal(nm.types, []string{"Question", "Incident"}) {
		t.Errorf("types %v", nm.types)
	}
}

// TestCustomValuesLabelCollision: two custom fields with the same label keep
// both values, keyed by API name; unique labels stay labels.
func TestCustomValuesLabelCollision(t *testing.T) {
	nm := &names{custom: []customField{{Name: "cf_plan", Label: "Plan"}, {Name: "cf_plan2", Label: "Plan"}, {Name: "cf_region", Label: "Region"}}}
	tests := []struct {
		name string
		in   map[string]any
		want map[string]any
	}{
		{"collision", map[string]any{"cf_plan": "Pro", "cf_plan2": "Trial", "cf_region": "EU", "cf_x": nil},
			map[string]any{"cf_plan": "Pro", "cf_plan2": "Trial", "Region": "EU"}},
		{"one of the pair empty", map[string]any{"cf_plan": "Pro", "cf_plan2": " ", "cf_region": nil},
			map[string]any{"Plan": "Pro"}},
		{"nothing", map[string]any{"cf_plan": nil}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for range 20 { // map order must not matter
				if got := customValues(tc.in, nm); !maps.Equal(got, tc.want) {
					t.Fatalf("customValues = %v, want %v", got, tc.want)
				}
			}
		})
	}
}
