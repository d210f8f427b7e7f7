package tools

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
)

// findField finds a custom field (or a nested level) by API name, name
// without cf_, or label.
func findField(fields []fdapi.TicketField, key string) (fdapi.TicketField, *fdapi.NestedTicketField, bool) {
	k := normName(key)
	match := func(name, label string) bool {
		return normName(name) == k || normName(strings.TrimPrefix(name, "cf_")) == k || normName(label) == k
	}
	for _, f := range fields {
		if f.Default && !strings.HasPrefix(f.Name, "cf_") {
			continue
		}
		if match(f.Name, f.Label) {
			return f, nil, true
		}
		for i := range f.NestedTicketFields {
			nf := &f.NestedTicketFields[i]
			if match(nf.Name, nf.Label) {
				return f, nf, true
			}
		}
	}
	return fdapi.TicketField{}, nil, false
}

// customValue checks one custom field value against its field and returns
// the API name and the value to send.
func customValue(fields []fdapi.TicketField, key string, v any) (string, any, error) {
	f, nested, ok := findField(fields, key)
	if !ok {
		var valid, keys []string
		for _, f := range fields {
			if !f.Default || strings.HasPrefix(f.Name, "cf_") {
				valid = append(valid, fmt.Sprintf("%s (%q)", f.Name, f.Label))
				keys = append(keys, f.Name, f.Label)
			}
		}
		return "", nil, inputErrorf("unknown custom field %q%s; custom fields: %s", key, didYouMean(key, keys), strings.Join(valid, ", "))
	}
	if nested != nil {
		s, ok := v.(string)
		if !ok && v != nil {
			return "", nil, inputErrorf("custom field %s must be text (one of its choices), got %v", nested.Name, v)
		}
		return nested.Name, nilIfEmpty(s), nil // checked against its parent in checkNested
	}
	name := f.Name
	if v == nil {
		return name, nil, nil
	}
	bad := func(want string) error {
		return inputErrorf("custom field %s (%q) must be %s, got %v", name, f.Label, want, v)
	}
	switch f.Type {
	case "custom_dropdown", "nested_field":
		s, ok := v.(string)
		if !ok {
			return "", nil, bad("one of " + quoteList(f.Choices.Labels()))
		}
		for _, l := range f.Choices.Labels() {
			if normName(l) == normName(s) {
				return name, l, nil
			}
		}
		return "", nil, inputErrorf("custom field %s (%q) has no choice %q; valid choices: %s", name, f.Label, s, quoteList(f.Choices.Labels()))
	case "custom_checkbox":
		// JSON types as in every other argument: no coercion ("true" is text).
		if x, ok := v.(bool); ok {
			return name, x, nil
		}
		return "", nil, bad("true or false (a JSON boolean)")
	case "custom_number":
		n, ok := toNumber(v)
		if !ok || n != math.Trunc(n) {
			return "", nil, bad("a whole number")
		}
		return name, int64(n), nil
	case "custom_decimal":
		n, ok := toNumber(v)
		if !ok {
			return "", nil, bad("a number")
		}
		return name, n, nil
	case "custom_date":
		s, _ := v.(string)
		if _, err := time.Parse("2006-01-02", strings.TrimSpace(s)); err != nil {
			return "", nil, bad("a date as YYYY-MM-DD")
		}
		return name, strings.TrimSpace(s), nil
	default: // custom_text, custom_paragraph, ...
		if x, ok := v.(string); ok {
			return name, x, nil
		}
		return "", nil, bad("text (a JSON string)")
	}
}

func nilIfEmpty(s string) any {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return s
}

func toNumber(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}

// checkNested checks the dependent levels of nested fields: a level-2 value
// must be a child of the level-1 value given in the same call.
func checkNested(fields []fdapi.TicketField, cf map[string]any) error {
	for _, f := range fields {
		if f.Type != "nested_field" || len(f.NestedTicketFields) == 0 {
			continue
		}
		for _, nf := range f.NestedTicketFields {
			v, ok := cf[nf.Name]
			if !ok || v == nil {
				continue
			}
			parent, ok := cf[f.Name].(string)
			if !ok || nf.Level != 2 {
				if nf.Level == 2 {
					return inputErrorf("custom field %s depends on %s: set %s in the same call", nf.Name, f.Name, f.Name)
				}
				continue // level 3: Freshdesk validates it
			}
			var kids []string
			for _, o := range f.Choices.Options {
				if o.Label == parent {
					for _, c := range o.Children {
						kids = append(kids, c.Label)
					}
				}
			}
			s := fmt.Sprint(v)
			found := false
			for _, k := range kids {
				if normName(k) == normName(s) {
					cf[nf.Name] = k
					found = true
				}
			}
			if !found {
				return inputErrorf("custom field %s has no choice %q under %s %q; valid choices: %s", nf.Name, s, f.Name, parent, quoteList(kids))
			}
		}
	}
	return nil
}

// missingForClosure lists the fields marked required_for_closure that would
// be empty after the update.
func missingForClosure(fields []fdapi.TicketField, t *fdapi.Ticket, u fdapi.TicketUpdate) []string {
	var missing []string
	for _, f := range fields {
		if !f.RequiredForClosure {
			continue
		}
		empty := false
		switch f.Name {
		case "ticket_type":
			empty = u.Type == nil && deref(t.Type) == ""
		case "group":
			empty = (u.GroupID == nil && t.GroupID == nil) || u.ClearGroup
		case "agent", "responder":
			empty = (u.ResponderID == nil && t.ResponderID == nil) || u.ClearResponder
		default:
			if !strings.HasPrefix(f.Name, "cf_") && f.Default {
				continue
			}
			v, ok := u.CustomFields[f.Name]
			if !ok {
				v = t.CustomFields[f.Name]
			}
			empty = v == nil || strings.TrimSpace(fmt.Sprint(v)) == ""
		}
		if empty {
			missing = append(missing, fmt.Sprintf("%s (%q)", f.Name, f.Label))
		}
	}
	return missing
}

func valueText(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}
