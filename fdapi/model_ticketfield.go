package fdapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// TicketField describes a default or custom ticket field (GET /ticket_fields).
type TicketField struct {
	ID                   int64               `json:"id"`
	Name                 string              `json:"name"` // API name; custom fields start with "cf_"
	Label                string              `json:"label"`
	Description          *string             `json:"description"`
	Position             int                 `json:"position"`
	Type                 string              `json:"type"` // default_status, custom_dropdown, nested_field, ...
	Default              bool                `json:"default"`
	RequiredForClosure   bool                `json:"required_for_closure"`
	RequiredForAgents    bool                `json:"required_for_agents"`
	RequiredForCustomers bool                `json:"required_for_customers"`
	CustomersCanEdit     bool                `json:"customers_can_edit"`
	CustomersCanFilter   *bool               `json:"customers_can_filter,omitempty"`
	DisplayedToCustomers bool                `json:"displayed_to_customers"`
	LabelForCustomers    string              `json:"label_for_customers"`
	PortalCC             *bool               `json:"portal_cc,omitempty"`
	PortalCCTo           *string             `json:"portal_cc_to,omitempty"`
	Choices              Choices             `json:"choices,omitzero"`
	NestedTicketFields   []NestedTicketField `json:"nested_ticket_fields,omitempty"` // levels 2 and 3 of a nested_field
	CreatedAt            time.Time           `json:"created_at"`
	UpdatedAt            time.Time           `json:"updated_at"`
}

// NestedTicketField is a dependent level of a nested (dependent) field.
type NestedTicketField struct {
	ID            int64      `json:"id"`
	TicketFieldID int64      `json:"ticket_field_id"`
	Name          string     `json:"name"`
	Label         string     `json:"label"`
	LabelInPortal string     `json:"label_in_portal,omitempty"`
	Description   *string    `json:"description,omitempty"`
	Level         int        `json:"level"`
	CreatedAt     *time.Time `json:"created_at,omitempty"`
	UpdatedAt     *time.Time `json:"updated_at,omitempty"`
}

// ChoicesKind says which of Freshdesk's `choices` forms a field used.
type ChoicesKind int

// The `choices` forms.
const (
	ChoicesNone      ChoicesKind = iota // absent or null
	ChoicesList                         // ["Question","Incident"] (ticket_type, custom dropdowns)
	ChoicesLabelToID                    // {"Email":1} (source, priority, group, agent, product)
	ChoicesStatus                       // {"2":["Open","Being Processed"]} (status, custom statuses)
	ChoicesNested                       // {"Country":{"State":["City"]}} (nested_field)
	ChoicesObjects                      // [{"id":1,"label":"x","value":"x","choices":[...]}] (admin API form)
)

// Choice is one option of a field. Which members are set depends on the form:
// Value for strings, ID for label->id and status forms, CustomerLabel for
// statuses, Children for nested fields.
type Choice struct {
	Label         string   `json:"label"`
	Value         string   `json:"value,omitempty"`
	ID            int64    `json:"id,omitempty"`
	CustomerLabel string   `json:"customer_label,omitempty"`
	Children      []Choice `json:"children,omitempty"`
}

// Choices is a field's decoded `choices` in every form Freshdesk uses. It
// re-encodes to exactly the JSON it was decoded from.
type Choices struct {
	Kind    ChoicesKind
	Options []Choice
	raw     json.RawMessage
}

// IsZero reports whether no choices were present (for omitzero).
func (c Choices) IsZero() bool { return c.Kind == ChoicesNone && len(c.raw) == 0 }

// MarshalJSON re-emits the original JSON, or a list of labels for Choices
// built in code.
func (c Choices) MarshalJSON() ([]byte, error) {
	if len(c.raw) > 0 {
		return c.raw, nil
	}
	if c.Kind == ChoicesNone {
		return []byte("null"), nil
	}
	return json.Marshal(c.Labels())
}

// Labels returns the top-level option labels in order.
func (c Choices) Labels() []string {
	out := make([]string, len(c.Options))
	for i, o := range c.Options {
		out[i] = o.Label
	}
	return out
}

// UnmarshalJSON decodes every `choices` form, keeping object key order.
func (c *Choices) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	*c = Choices{}
	if len(b) == 0 || string(b) == "null" {
		return nil
	}
	c.raw = append(json.RawMessage(nil), b...)
	switch b[0] {
	case '[':
		var items []json.RawMessage
		if err := json.Unmarshal(b, &items); err != nil {
			return fmt.Errorf("fdapi: choices: %w", err)
		}
		c.Kind = ChoicesList
		for _, it := range items {
			ch, isObj, err := decodeListChoice(it)
			if err != nil {
				return err
			}
			if isObj {
				c.Kind = ChoicesObjects
			}
			c.Options = append(c.Options, ch)
		}
		return nil
	case '{':
		kind, opts, err := decodeObjectChoices(b)
		if err != nil {
			return err
		}
		c.Kind, c.Options = kind, opts
		return nil
	default:
		return fmt.Errorf("fdapi: choices: unexpected JSON %s", excerpt(b, 40))
	}
}

// decodeListChoice decodes one array element: a string, a number or an object.
func decodeListChoice(b json.RawMessage) (Choice, bool, error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return Choice{}, false, nil
	}
	switch b[0] {
	case '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return Choice{}, false, err
		}
		return Choice{Label: s, Value: s}, false, nil
	case '{':
		var o struct {
			ID                  json.Number       `json:"id"`
			Label               string            `json:"label"`
			Value               json.RawMessage   `json:"value"`
			CustomerDisplayName string            `json:"customer_display_name"`
			Choices             []json.RawMessage `json:"choices"`
		}
		if err := json.Unmarshal(b, &o); err != nil {
			return Choice{}, true, fmt.Errorf("fdapi: choices: %w", err)
		}
		ch := Choice{Label: o.Label, CustomerLabel: o.CustomerDisplayName}
		if id, err := o.ID.Int64(); err == nil {
			ch.ID = id
		}
		if v := bytes.TrimSpace(o.Value); len(v) > 0 && string(v) != "null" {
			var s string
			if v[0] == '"' {
				if err := json.Unmarshal(v, &s); err != nil {
					return Choice{}, true, err
				}
			} else {
				s = string(v)
				if n, err := strconv.ParseInt(s, 10, 64); err == nil && ch.ID == 0 {
					ch.ID = n // status values are ids
				}
			}
			ch.Value = s
		}
		if ch.Label == "" {
			ch.Label = ch.Value
		}
		for _, sub := range o.Choices {
			cc, _, err := decodeListChoice(sub)
			if err != nil {
				return Choice{}, true, err
			}
			ch.Children = append(ch.Children, cc)
		}
		return ch, true, nil
	default:
		s := string(b)
		ch := Choice{Label: s, Value: s}
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			ch.ID = n
		}
		return ch, false, nil
	}
}

// decodeObjectChoices decodes {label:id}, {id:[labels]} and nested
// {label:{label:[labels]}} objects, in key order.
func decodeObjectChoices(b []byte) (ChoicesKind, []Choice, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil { // '{'
		return 0, nil, fmt.Errorf("fdapi: choices: %w", err)
	}
	kind := ChoicesNone
	var opts []Choice
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return 0, nil, fmt.Errorf("fdapi: choices: %w", err)
		}
		key, _ := tok.(string)
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return 0, nil, fmt.Errorf("fdapi: choices %q: %w", key, err)
		}
		val = bytes.TrimSpace(val)
		var ch Choice
		var k ChoicesKind
		switch {
		case len(val) == 0 || string(val) == "null":
			ch, k = Choice{Label: key, Value: key}, ChoicesNested
		case val[0] == '[':
			var labels []string
			if err := json.Unmarshal(val, &labels); err != nil {
				return 0, nil, fmt.Errorf("fdapi: choices %q: %w", key, err)
			}
			if id, err := strconv.ParseInt(key, 10, 64); err == nil && len(labels) > 0 && kind != ChoicesNested {
				// Status form: id -> [agent label, customer label].
				ch, k = Choice{ID: id, Label: labels[0], Value: key}, ChoicesStatus
				if len(labels) > 1 {
					ch.CustomerLabel = labels[1]
				}
			} else {
				// Second level of a nested field: label -> [third-level labels].
				ch, k = Choice{Label: key, Value: key}, ChoicesNested
				for _, l := range labels {
					ch.Children = append(ch.Children, Choice{Label: l, Value: l})
				}
			}
		case val[0] == '{':
			_, sub, err := decodeObjectChoices(val)
			if err != nil {
				return 0, nil, err
			}
			ch, k = Choice{Label: key, Value: key, Children: sub}, ChoicesNested
		default:
			var n json.Number
			if err := json.Unmarshal(val, &n); err != nil {
				var s string
				if err2 := json.Unmarshal(val, &s); err2 != nil {
					return 0, nil, fmt.Errorf("fdapi: choices %q: unexpected value %s", key, excerpt(val, 40))
				}
				n = json.Number(s)
			}
			ch, k = Choice{Label: key, Value: n.String()}, ChoicesLabelToID
			if id, err := n.Int64(); err == nil {
				ch.ID = id
			}
		}
		if kind == ChoicesNone || k == ChoicesNested {
			kind = k
		}
		opts = append(opts, ch)
	}
	return kind, opts, nil
}

// Status is one ticket status from the status field's choices.
type Status struct {
	ID            int    `json:"id"`
	Label         string `json:"label"`          // what agents see
	CustomerLabel string `json:"customer_label"` // what customers see
}

// StatusesFromFields extracts the account's statuses (default and custom)
// from the ticket fields.
func StatusesFromFields(fields []TicketField) []Status {
	for _, f := range fields {
		if f.Type != "default_status" && f.Name != "status" {
			continue
		}
		out := make([]Status, 0, len(f.Choices.Options))
		for _, o := range f.Choices.Options {
			if o.ID > 0 {
				out = append(out, Status{ID: int(o.ID), Label: o.Label, CustomerLabel: o.CustomerLabel})
			}
		}
		return out
	}
	return nil
}

// TicketTypesFromFields returns the account's ticket types.
func TicketTypesFromFields(fields []TicketField) []string {
	for _, f := range fields {
		if f.Type == "default_ticket_type" || f.Name == "ticket_type" {
			return f.Choices.Labels()
		}
	}
	return nil
}
