package tools_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// TestStrictArguments: integers are JSON integers in range, no type is
// coerced, strings and lists have maximums, e-mails are checked; every
// refusal names the problem and is made before any Freshdesk call. On the
// old code 1e30 and 2^64 were reported as -9223372036854775808, "1", 123,
// "tag" were coerced, and a 60 KB e-mail was sent to Freshdesk.
func TestStrictArguments(t *testing.T) {
	big := strings.Repeat("x", 60_000)
	tags := make([]any, 5000)
	for i := range tags {
		tags[i] = "t"
	}
	tests := []struct {
		tool string
		args map[string]any
		want string
	}{
		{"get_ticket", map[string]any{"ticket_id": 1e30}, "must be an integer from 1 to 9007199254740991, got 1e+30"},
		{"get_ticket", map[string]any{"ticket_id": json.Number("18446744073709551616")}, "from 1 to 9007199254740991, got 18446744073709551616"},
		{"get_ticket", map[string]any{"ticket_id": json.Number("-18446744073709551616")}, "from 1 to"},
		{"get_ticket", map[string]any{"ticket_id": 1.5}, "must be a whole number, got 1.5"},
		{"get_ticket", map[string]any{"ticket_id": "1"}, `must be an integer (a JSON number, not a string), got the string "1"`},
		{"list_tickets", map[string]any{"per_page": 101}, "from 1 to 100, got 101"},
		{"add_note", map[string]any{"ticket_id": 62, "body": 123}, "body: must be a string, got the number 123"},
		{"add_note", map[string]any{"ticket_id": 62, "body": "x", "private": "yes"}, "private: must be true or false"},
		{"add_note", map[string]any{"ticket_id": 62, "body": "x", "private": "false"}, "private: must be true or false"},
		{"update_ticket", map[string]any{"ticket_id": 62, "add_tags": "tag"}, "add_tags: must be a list"},
		{"update_ticket", map[string]any{"ticket_id": 62, "priority": []any{"urgent"}}, "priority: must be a string, got a list"},
		{"update_ticket", map[string]any{"ticket_id": 62, "add_tags": []any{big}}, "at most 32 characters, got 60000"},
		{"update_ticket", map[string]any{"ticket_id": 62, "add_tags": tags}, "at most 100 items, got 5000"},
		{"update_ticket", map[string]any{"ticket_id": 62, "custom_fields": map[string]any{"cf_vip": "true"}}, "true or false"},
		{"get_contact", map[string]any{"email": big + "@example.com"}, "at most 255 characters"},
		{"get_contact", map[string]any{"email": "not an address"}, "is not an e-mail address"},
		{"send_reply", map[string]any{"ticket_id": 62, "body": "x", "cc_emails": []any{"a@example.com, b@example.com"}}, "is not an e-mail address"},
		{"search_tickets", map[string]any{"query": big}, "at most 512 characters"},
		{"get_ticket", map[string]any{"ticket_id": 1, "cursor": big}, "cursor: must be at most 1000 characters"},
	}
	w := newWriteEnv(t, policyOpts{mode: policy.ModeConfirm, elicit: func(string) string { return "accept" }})
	// Custom field values are checked against the (cached) field
	// definitions: read them once, so each case shows no request at all.
	w.ok("get_ticket_fields", nil, nil)
	for _, tc := range tests {
		w.fd.ResetRequests()
		res := w.call(tc.tool, tc.args)
		if got := text(res); !res.IsError || !strings.Contains(got, tc.want) {
			t.Errorf("%s: want a refusal containing %q, got %.300s", tc.tool, tc.want, got)
		}
		if reqs := w.fd.Requests(); len(reqs) != 0 {
			t.Errorf("%s: %d Freshdesk requests for invalid arguments", tc.tool, len(reqs))
		}
	}
	if n := len(w.elicitations()); n != 0 {
		t.Errorf("the user was asked to confirm %d invalid writes", n)
	}
}

// TestSchemasDocumentMaximums: every string and list argument of every tool
// has a maximum in its input schema.
func TestSchemasDocumentMaximums(t *testing.T) {
	w := newWriteEnv(t, policyOpts{mode: policy.ModeConfirm})
	tools, err := w.cs.ListTools(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tl := range tools.Tools {
		b, _ := json.Marshal(tl.InputSchema)
		var s struct {
			Properties map[string]struct {
				Type      string `json:"type"`
				MaxLength *int   `json:"maxLength"`
				MaxItems  *int   `json:"maxItems"`
				MaxProps  *int   `json:"maxProperties"`
				Items     *struct {
					Type      string `json:"type"`
					MaxLength *int   `json:"maxLength"`
				} `json:"items"`
			} `json:"properties"`
		}
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatal(err)
		}
		for name, p := range s.Properties {
			switch {
			case p.Type == "string" && p.MaxLength == nil,
				p.Type == "array" && (p.MaxItems == nil || p.Items != nil && p.Items.Type == "string" && p.Items.MaxLength == nil),
				p.Type == "object" && p.MaxProps == nil:
				t.Errorf("%s.%s (%s) has no maximum", tl.Name, name, p.Type)
			}
		}
	}
}
