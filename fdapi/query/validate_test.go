package query

import (
	"errors"
	"strings"
	"testing"
)

func testTicketSchema() Schema {
	return TicketSchema(DefaultStatusIDs(), DefaultTicketTypes(), []CustomField{
		{Name: "cf_sector", Type: CustomDropdown, Choices: []string{"finance", "marketing", "5"}},
		{Name: "cf_locked", Type: CustomCheckbox},
		{Name: "cf_notes", Type: CustomText},
		{Name: "cf_count", Type: CustomNumber},
	})
}

func TestValidate(t *testing.T) {
	tickets := testTicketSchema()
	contacts := ContactSchema(nil)
	companies := CompanySchema([]CustomField{{Name: "cf_tier", Type: CustomDropdown, Choices: []string{"gold"}}})
	type fe = FieldError
	tests := []struct {
		schema Schema
		q      string
		want   []fe // nil = valid
	}{
		// The reference's valid examples are valid for a default account.
		{tickets, `priority:3`, nil},
		{tickets, `status:3 OR status:4`, nil},
		{tickets, `tag:null`, nil},
		{tickets, `agent_id:null`, nil},
		{tickets, `(cf_sector:'finance' OR cf_sector:'marketing') AND cf_locked:true`, nil},
		{tickets, `priority:>3 AND group_id:11 AND status:2`, nil},
		{tickets, `created_at:>'2017-01-01' AND created_at:<'2017-01-31'`, nil},
		{tickets, `custom_string:theactualkeyword`, nil},
		{tickets, `priority:'3' AND priority:03 AND status:0x2`, nil},
		{tickets, `type:'Feature Request' OR type:Incident`, nil},
		{tickets, `cf_locked:'false' AND cf_notes:12 AND cf_count:-4 AND custom_number:7`, nil},
		{tickets, `closed_at:<'2024-02-29' AND fr_due_by:>'2024-01-01' AND nr_due_by:null AND due_by:'2030-12-31'`, nil},
		{tickets, `cf_sector:'5'`, nil},
		// Choices.
		{tickets, `priority:5`, []fe{{"priority", "It should be one of these values: '1,2,3,4'", "invalid_value"}}},
		{tickets, `status:1`, []fe{{"status", "It should be one of these values: '2,3,4,5'", "invalid_value"}}},
		{tickets, `status:open`, []fe{{"status", "It should be one of these values: '2,3,4,5'", "invalid_value"}}},
		{tickets, `type:'Bug'`, []fe{{"type", "It should be one of these values: 'Question,Incident,Problem,Feature Request,Refund'", "invalid_value"}}},
		{tickets, `cf_sector:'Finance'`, []fe{{"cf_sector", "It should be one of these values: 'finance,marketing,5'", "invalid_value"}}},
		{tickets, `cf_sector:5`, []fe{{"cf_sector", "It should be one of these values: 'finance,marketing,5'", "invalid_value"}}},
		// Integers.
		{tickets, `group_id:abc`, []fe{{"group_id", "It should be a/an Positive Integer", "datatype_mismatch"}}},
		{tickets, `group_id:'11'`, []fe{{"group_id", "It should be a/an Positive Integer", "datatype_mismatch"}}},
		{tickets, `agent_id:0`, []fe{{"agent_id", "It should be a/an Positive Integer", "invalid_value"}}},
		{tickets, `agent_id:-3`, []fe{{"agent_id", "It should be a/an Positive Integer", "invalid_value"}}},
		{tickets, `group_id:08`, []fe{{"group_id", "It should be a/an Positive Integer", "datatype_mismatch"}}},
		{tickets, `cf_count:many`, []fe{{"cf_count", "It should be a/an Integer", "datatype_mismatch"}}},
		// Dates.
		{tickets, `created_at:>'2017-02-30'`, []fe{{"created_at", "It should be a valid date in the 'yyyy-mm-dd' format", "invalid_value"}}},
		{tickets, `created_at:>5`, []fe{{"created_at", "It should be a valid date in the 'yyyy-mm-dd' format", "invalid_value"}}},
		{tickets, `updated_at:today`, []fe{{"updated_at", "It should be a valid date in the 'yyyy-mm-dd' format", "invalid_value"}}},
		{tickets, `created_at:>'2017-01-01T10:00:00Z'`, []fe{{"created_at", "It should be a valid date in the 'yyyy-mm-dd' format", "invalid_value"}}},
		// Booleans.
		{tickets, `cf_locked:yes`, []fe{{"cf_locked", "It should be a/an Boolean", "datatype_mismatch"}}},
		{tickets, `cf_locked:1`, []fe{{"cf_locked", "It should be a/an Boolean", "datatype_mismatch"}}},
		// Unknown and unsearchable fields: all reported, values not checked.
		{tickets, `priorty:1`, []fe{{"priorty", "Unexpected/invalid field in request", "invalid_field"}}},
		{tickets, `subject:'refund' OR description:'refund'`, []fe{
			{"subject", "Unexpected/invalid field in request", "invalid_field"},
			{"description", "Unexpected/invalid field in request", "invalid_field"}}},
		{tickets, `responder_id:5 AND priority:9 AND responder_id:6`, []fe{{"responder_id", "Unexpected/invalid field in request", "invalid_field"}}},
		{tickets, `requester_id:1 OR company_id:2 OR source:3`, []fe{
			{"requester_id", "Unexpected/invalid field in request", "invalid_field"},
			{"company_id", "Unexpected/invalid field in request", "invalid_field"},
			{"source", "Unexpected/invalid field in request", "invalid_field"}}},
		{tickets, `Priority:3 AND or:1`, []fe{{"or", "Unexpected/invalid field in request", "invalid_field"}}},
		// One error per field (its first bad value), every bad field in order.
		{tickets, `priority:9 OR priority:8`, []fe{{"priority", "It should be one of these values: '1,2,3,4'", "invalid_value"}}},
		{tickets, `status:1 AND priority:3 AND group_id:x`, []fe{
			{"status", "It should be one of these values: '2,3,4,5'", "invalid_value"},
			{"group_id", "It should be a/an Positive Integer", "datatype_mismatch"}}},
		// Contacts.
		{contacts, `email:'a.b@c.com' AND active:true AND company_id:7 AND language:'ko'`, nil},
		{contacts, `phone:'+82 10 1234' OR mobile:null OR twitter_id:x OR time_zone:'Seoul' OR unique_external_id:'e-1'`, nil},
		{contacts, `email:foo`, []fe{{"email", "It should be in the 'valid email' format", "invalid_value"}}},
		{contacts, `active:maybe`, []fe{{"active", "It should be a/an Boolean", "datatype_mismatch"}}},
		{contacts, `name:'Kim'`, []fe{{"name", "Unexpected/invalid field in request", "invalid_field"}}},
		// Companies.
		{companies, `domain:'acme.com' AND created_at:>'2020-01-01' AND cf_tier:gold`, nil},
		{companies, `name:'Acme'`, []fe{{"name", "Unexpected/invalid field in request", "invalid_field"}}},
		{companies, `cf_tier:silver`, []fe{{"cf_tier", "It should be one of these values: 'gold'", "invalid_value"}}},
	}
	for _, tc := range tests {
		e, err := ParseInner(tc.q)
		if err != nil {
			t.Fatalf("ParseInner(%q): %v", tc.q, err)
		}
		err = Validate(e, tc.schema)
		var qe *Error
		switch {
		case tc.want == nil && err != nil:
			t.Errorf("%s %q: unexpected %v", tc.schema.Name, tc.q, err)
		case tc.want != nil && !errors.As(err, &qe):
			t.Errorf("%s %q: got %v, want %v", tc.schema.Name, tc.q, err, tc.want)
		case tc.want != nil && !equalFieldErrors(qe.Errors, tc.want):
			t.Errorf("%s %q:\n got %v\nwant %v", tc.schema.Name, tc.q, qe.Errors, tc.want)
		}
	}
}

func equalFieldErrors(a, b []FieldError) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestValidateBody(t *testing.T) {
	e, _ := ParseInner(`priorty:1`)
	got := bodyJSON(t, Validate(e, testTicketSchema()))
	// The real string seen in the wild (reference §6).
	want := `{"description":"Validation failed","errors":[{"field":"priorty","message":"Unexpected/invalid field in request","code":"invalid_field"}]}`
	if got != want {
		t.Errorf("body %s\nwant %s", got, want)
	}
}

func TestSchemaEdges(t *testing.T) {
	// No choices at all: Freshdesk's "not expected" message; null still passes.
	s := TicketSchema(nil, nil, nil)
	e, _ := ParseInner(`type:'Question'`)
	var qe *Error
	if err := Validate(e, s); !errors.As(err, &qe) || qe.Errors[0].Message != MsgNotExpected {
		t.Errorf("empty type choices: %v", err)
	}
	e, _ = ParseInner(`type:null`)
	if err := Validate(e, s); err != nil {
		t.Errorf("type:null: %v", err)
	}
	// With narrows a field; the original schema is unchanged.
	c := ContactSchema(nil)
	narrowed := c.With("language", FieldSpec{Kind: KindChoice, Choices: []string{"en", "ko"}})
	e, _ = ParseInner(`language:'fr'`)
	if err := Validate(e, narrowed); err == nil || !strings.Contains(err.Error(), "'en,ko'") {
		t.Errorf("narrowed language: %v", err)
	}
	if err := Validate(e, c); err != nil {
		t.Errorf("original schema changed: %v", err)
	}
	if f, ok := narrowed.Lookup("language"); !ok || f.Kind != KindChoice {
		t.Errorf("Lookup(language) = %+v, %v", f, ok)
	}
	if _, ok := c.Fields()["email"]; !ok {
		t.Error("Fields() lacks email")
	}
	// Duplicate choices are listed once, as Freshdesk's uniq does.
	if got := choiceMessage([]string{"a", "b", "a"}); got != "It should be one of these values: 'a,b'" {
		t.Errorf("choiceMessage = %q", got)
	}
	// Only searchable custom field types map.
	for typ, want := range map[string]bool{"custom_text": true, "custom_number": true, "custom_checkbox": true,
		"custom_dropdown": true, "custom_paragraph": false, "custom_date": false, "nested_field": false} {
		if _, ok := CustomTypeOf(typ); ok != want {
			t.Errorf("CustomTypeOf(%q) ok = %v", typ, ok)
		}
	}
	// KindDateTime accepts both forms.
	dt := CompanySchema(nil).With("created_at", FieldSpec{Kind: KindDateTime})
	for q, ok := range map[string]bool{`created_at:>'2017-01-01T10:00:00Z'`: true, `created_at:>'2017-01-01'`: true, `created_at:'x'`: false} {
		e, _ := ParseInner(q)
		if err := Validate(e, dt); (err == nil) != ok {
			t.Errorf("datetime %q: %v", q, err)
		}
	}
}

func TestHint(t *testing.T) {
	tests := map[string]string{
		"responder_id": "agent_id",
		"subject":      "field-based",
		"description":  "not searchable",
		"requester_id": "requester_id=",
		"company_id":   "company_id=",
		"source":       "source",
		"tags":         "tag:",
		"cf_unknown":   "API name",
	}
	for field, want := range tests {
		if h := Hint(field); !strings.Contains(h, want) {
			t.Errorf("Hint(%q) = %q, want it to mention %q", field, h, want)
		}
	}
	if h := Hint("priority"); h != "" {
		t.Errorf("Hint(priority) = %q, want empty", h)
	}
}
