package tools

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/invopop/jsonschema"
)

// newReflector returns the one reflector every tool schema is generated with:
// inlined (no $ref/$defs, no $id), strict (additionalProperties false on every
// struct), and required only where a field says jsonschema:"required".
func newReflector() *jsonschema.Reflector {
	return &jsonschema.Reflector{
		Anonymous:                  true,
		DoNotReference:             true,
		ExpandedStruct:             true,
		RequiredFromJSONSchemaTags: true,
		// Some LLM providers reject boolean schemas, so interface{} becomes {}.
		Mapper: func(t reflect.Type) *jsonschema.Schema {
			if t.Kind() == reflect.Interface {
				return &jsonschema.Schema{}
			}
			return nil
		},
	}
}

// reflectSchema returns the JSON schema of v's type without the $schema key
// (clients do not need it and it costs tokens in every tools/list).
func reflectSchema(r *jsonschema.Reflector, v any) (json.RawMessage, error) {
	s := r.Reflect(v)
	s.Version = ""
	b, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("marshal schema of %T: %w", v, err)
	}
	return b, nil
}

// reflectInput is reflectSchema for a tool's input, with the documented
// maximums of its arguments (applyLimits).
func reflectInput(r *jsonschema.Reflector, v any) (json.RawMessage, error) {
	s := r.Reflect(v)
	s.Version = ""
	applyLimits(s)
	b, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("marshal schema of %T: %w", v, err)
	}
	return b, nil
}

// propSpec is what argument binding needs to know about one property.
type propSpec struct {
	Type        string   `json:"type"`
	Description string   `json:"description"`
	Minimum     *float64 `json:"minimum"`
	Maximum     *float64 `json:"maximum"`
	MaxLength   *int     `json:"maxLength"`
	MaxItems    *int     `json:"maxItems"`
	// MaxProperties bounds an object's entries.
	MaxProperties *int       `json:"maxProperties"`
	Enum          []any      `json:"enum"`
	Items         *propSpec  `json:"items"`
	Format        string     `json:"format"`
	Properties    orderedKey `json:"properties"`
}

// orderedKey keeps the property names of a schema in declaration order.
type orderedKey struct {
	names []string
	specs map[string]*propSpec
}

// UnmarshalJSON reads an object of schemas, remembering key order.
func (o *orderedKey) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytesReader(b))
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("properties: want object")
	}
	o.specs = map[string]*propSpec{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		name, _ := tok.(string)
		var p propSpec
		if err := dec.Decode(&p); err != nil {
			return err
		}
		o.names = append(o.names, name)
		o.specs[name] = &p
	}
	_, err = dec.Token()
	return err
}

// argSpec describes the arguments of one tool, parsed from its input schema.
type argSpec struct {
	names    []string
	props    map[string]*propSpec
	required []string
}

func parseArgSpec(schema json.RawMessage) (argSpec, error) {
	var s struct {
		Properties orderedKey `json:"properties"`
		Required   []string   `json:"required"`
	}
	if err := json.Unmarshal(schema, &s); err != nil {
		return argSpec{}, fmt.Errorf("parse input schema: %w", err)
	}
	return argSpec{names: s.Properties.names, props: s.Properties.specs, required: s.Required}, nil
}

// compactOutputSchema keeps of an output schema what a client needs to read
// the structured result: an object and the type of each top-level field.
// The model reads the result itself, and what its fields mean is said once,
// in the tool's description; the full reflected schema (nested fields,
// descriptions, enums) was about 40% of the tools/list bytes. A looser
// schema still validates every result the strict one did.
func compactOutputSchema(full json.RawMessage) (json.RawMessage, error) {
	var s struct {
		Properties orderedKey `json:"properties"`
	}
	if err := json.Unmarshal(full, &s); err != nil {
		return nil, fmt.Errorf("parse output schema: %w", err)
	}
	var b bytes.Buffer
	b.WriteString(`{"type":"object","properties":{`)
	for i, name := range s.Properties.names {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(name)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		if t := s.Properties.specs[name].Type; t != "" {
			fmt.Fprintf(&b, `{"type":%q}`, t)
		} else {
			b.WriteString(`{}`)
		}
	}
	b.WriteString(`}}`)
	return b.Bytes(), nil
}
