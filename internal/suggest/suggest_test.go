package suggest

import "testing"

func TestNearest(t *testing.T) {
	statuses := []string{"Open", "Pending", "Resolved", "Closed", "Waiting on Customer", "Waiting on Third Party"}
	tools := []string{"get_ticket", "get_contact", "get_company", "list_tickets", "search_tickets"}
	for _, tc := range []struct {
		got   string
		valid []string
		want  string
		ok    bool
	}{
		{"opened", statuses, "Open", true},
		{"OPEN", statuses, "Open", true},
		{"resolvd", statuses, "Resolved", true},
		{"Waiting on customers", statuses, "Waiting on Customer", true},
		{"waiting on third", statuses, "Waiting on Third Party", true},
		{"waiting", statuses, "", false}, // two names start with it
		{"urgent", statuses, "", false},
		{"get_tiket", tools, "get_ticket", true},
		{"list_ticket", tools, "list_tickets", true},
		{"get", tools, "", false},
		{"x", tools, "", false},
		{"", tools, "", false},
	} {
		got, ok := Nearest(tc.got, tc.valid)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Nearest(%q) = %q, %v; want %q, %v", tc.got, got, ok, tc.want, tc.ok)
		}
	}
}
