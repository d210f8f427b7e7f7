package query

import (
	"maps"
	"strconv"
)

// FieldKind is how Freshdesk validates the values of a searchable field.
type FieldKind int

const (
	// KindString accepts any value (tag, phone, custom text fields, ...).
	KindString FieldKind = iota
	// KindInt requires an integer ("It should be a/an Integer").
	KindInt
	// KindPositiveInt requires an integer > 0 ("It should be a/an Positive Integer").
	KindPositiveInt
	// KindChoice requires one of FieldSpec.Choices.
	KindChoice
	// KindDate requires a 'yyyy-mm-dd' date.
	KindDate
	// KindDateTime accepts a date or an ISO 8601 date and time (no public
	// schema uses it; present for completeness).
	KindDateTime
	// KindBool requires true or false.
	KindBool
	// KindEmail requires a value that looks like an e-mail address.
	KindEmail
)

// FieldSpec describes one searchable field.
type FieldSpec struct {
	Kind FieldKind
	// Choices are the accepted values of a KindChoice field, in the order
	// Freshdesk lists them in its error message.
	Choices []string
	// IntChoices marks integer choices (priority, status): an integer literal
	// or its quoted decimal form matches. With string choices (type,
	// dropdowns) an integer literal never matches, as on the server: write
	// cf_x:'5', not cf_x:5.
	IntChoices bool
}

// Schema is the set of searchable fields of one search endpoint. The zero
// value accepts no field; build one with TicketSchema, ContactSchema or
// CompanySchema.
type Schema struct {
	// Name is "ticket", "contact" or "company".
	Name   string
	fields map[string]FieldSpec
}

// Lookup returns the field definition of a (lower-case) field name.
func (s Schema) Lookup(name string) (FieldSpec, bool) {
	f, ok := s.fields[name]
	return f, ok
}

// Fields returns a copy of the schema's field definitions.
func (s Schema) Fields() map[string]FieldSpec {
	return maps.Clone(s.fields)
}

// With returns a copy of s in which name has the definition f (for account
// specifics, e.g. the contact language choices).
func (s Schema) With(name string, f FieldSpec) Schema {
	m := maps.Clone(s.fields)
	if m == nil {
		m = map[string]FieldSpec{}
	}
	m[name] = f
	return Schema{Name: s.Name, fields: m}
}

// CustomType is the type of a custom field as search sees it.
type CustomType int

const (
	// CustomText is a single-line text field (custom_text): any string.
	CustomText CustomType = iota
	// CustomNumber is an integer field (custom_number).
	CustomNumber
	// CustomCheckbox is a checkbox (custom_checkbox): true or false.
	CustomCheckbox
	// CustomDropdown is a dropdown (custom_dropdown): one of its choices.
	CustomDropdown
)

// CustomField is an account's custom field, by its API name (e.g. cf_sector).
type CustomField struct {
	Name    string
	Type    CustomType
	Choices []string // dropdown choices
}

// CustomTypeOf maps a Freshdesk field type ("custom_text", "custom_number",
// "custom_checkbox", "custom_dropdown") to a CustomType. Other types
// (paragraph, date, decimal, nested fields) are not searchable: ok is false.
func CustomTypeOf(freshdeskType string) (t CustomType, ok bool) {
	switch freshdeskType {
	case "custom_text":
		return CustomText, true
	case "custom_number":
		return CustomNumber, true
	case "custom_checkbox":
		return CustomCheckbox, true
	case "custom_dropdown":
		return CustomDropdown, true
	}
	return 0, false
}

func addCustom(m map[string]FieldSpec, custom []CustomField) {
	for _, c := range custom {
		switch c.Type {
		case CustomText:
			m[c.Name] = FieldSpec{Kind: KindString}
		case CustomNumber:
			m[c.Name] = FieldSpec{Kind: KindInt}
		case CustomCheckbox:
			m[c.Name] = FieldSpec{Kind: KindBool}
		case CustomDropdown:
			m[c.Name] = FieldSpec{Kind: KindChoice, Choices: c.Choices}
		}
	}
}

// DefaultStatusIDs are the built-in ticket statuses (Open, Pending, Resolved,
// Closed); accounts add custom ones from 6 up.
func DefaultStatusIDs() []int { return []int{2, 3, 4, 5} }

// DefaultTicketTypes are the ticket types of a new account.
func DefaultTicketTypes() []string {
	return []string{"Question", "Incident", "Problem", "Feature Request", "Refund"}
}

// TicketSchema returns the searchable ticket fields for an account with the
// given status ids, ticket types and custom fields (reference §3.7).
func TicketSchema(statusIDs []int, types []string, custom []CustomField) Schema {
	status := make([]string, len(statusIDs))
	for i, id := range statusIDs {
		status[i] = strconv.Itoa(id)
	}
	date := FieldSpec{Kind: KindDate}
	m := map[string]FieldSpec{
		"priority":        {Kind: KindChoice, Choices: []string{"1", "2", "3", "4"}, IntChoices: true},
		"status":          {Kind: KindChoice, Choices: status, IntChoices: true},
		"group_id":        {Kind: KindPositiveInt},
		"agent_id":        {Kind: KindPositiveInt},
		"created_at":      date,
		"updated_at":      date,
		"due_by":          date,
		"fr_due_by":       date,
		"nr_due_by":       date,
		"closed_at":       date,
		"type":            {Kind: KindChoice, Choices: append([]string(nil), types...)},
		"tag":             {Kind: KindString},
		"custom_string":   {Kind: KindString},
		"custom_number":   {Kind: KindInt},
		"custom_dropdown": {Kind: KindString},
	}
	addCustom(m, custom)
	return Schema{Name: "ticket", fields: m}
}

// ContactSchema returns the searchable contact fields (reference §3.8).
// language and time_zone accept any string unless narrowed with With;
// unique_external_id is included (it only exists when the account enabled
// it, and the server remains the final judge).
func ContactSchema(custom []CustomField) Schema {
	date := FieldSpec{Kind: KindDate}
	str := FieldSpec{Kind: KindString}
	m := map[string]FieldSpec{
		"company_id":         {Kind: KindPositiveInt},
		"twitter_id":         str,
		"mobile":             str,
		"phone":              str,
		"active":             {Kind: KindBool},
		"email":              {Kind: KindEmail},
		"tag":                str,
		"language":           str,
		"time_zone":          str,
		"created_at":         date,
		"updated_at":         date,
		"unique_external_id": str,
	}
	addCustom(m, custom)
	return Schema{Name: "contact", fields: m}
}

// CompanySchema returns the searchable company fields (reference §3.8).
func CompanySchema(custom []CustomField) Schema {
	date := FieldSpec{Kind: KindDate}
	m := map[string]FieldSpec{
		"domain":     {Kind: KindString},
		"created_at": date,
		"updated_at": date,
	}
	addCustom(m, custom)
	return Schema{Name: "company", fields: m}
}
