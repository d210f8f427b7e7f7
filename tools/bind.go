package tools

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// bindArgs decodes raw tool arguments into dst strictly: unknown keys are an
// error listing the valid names, explicit nulls count as absent, and every
// value must have its schema's JSON type; no type is ever coerced ("1" is
// not an integer, 123 not a string, "x" not a list, "true" not a boolean).
// Then required keys, ranges, enums, lengths, list sizes and formats are
// checked with messages a model can act on, before anything is spent.
func bindArgs(tool string, spec argSpec, raw json.RawMessage, dst any) error {
	args := map[string]json.RawMessage{}
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) > 0 && !bytes.Equal(trimmed, []byte("null")) {
		if err := json.Unmarshal(trimmed, &args); err != nil {
			return inputErrorf("arguments for %s must be a JSON object of named arguments; valid arguments: %s", tool, validNames(spec))
		}
	}
	var unknown []string
	for k, v := range args {
		if _, ok := spec.props[k]; !ok {
			unknown = append(unknown, k)
			continue
		}
		if bytes.Equal(bytes.TrimSpace(v), []byte("null")) {
			delete(args, k)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		hint := ""
		if len(unknown) == 1 {
			hint = didYouMean(unknown[0], spec.names)
		}
		return inputErrorf("unknown argument(s) %s for %s%s; valid arguments: %s", quoteList(unknown), tool, hint, validNames(spec))
	}
	var problems []string
	for _, name := range spec.required {
		if _, ok := args[name]; !ok {
			problems = append(problems, fmt.Sprintf("%s: required (%s)", name, firstSentence(spec.props[name].Description)))
		}
	}
	for _, name := range spec.names {
		v, ok := args[name]
		if !ok {
			continue
		}
		nv, err := coerce(spec.props[name], v)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", name, err))
			continue
		}
		args[name] = nv
	}
	if len(problems) > 0 {
		return inputErrorf("invalid arguments for %s: %s", tool, strings.Join(problems, "; "))
	}
	b, err := json.Marshal(args)
	if err != nil {
		return fmt.Errorf("re-encode arguments: %w", err)
	}
	if err := json.Unmarshal(b, dst); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return inputErrorf("invalid arguments for %s: %s: must be %s", tool, te.Field, te.Type.Kind())
		}
		return inputErrorf("invalid arguments for %s: %v", tool, err)
	}
	return nil
}

// coerce converts v to the property's type when unambiguous and checks it.
func coerce(p *propSpec, v json.RawMessage) (json.RawMessage, error) {
	var x any
	dec := json.NewDecoder(bytes.NewReader(v))
	dec.UseNumber()
	if err := dec.Decode(&x); err != nil {
		return nil, fmt.Errorf("not valid JSON")
	}
	y, err := coerceValue(p, x)
	if err != nil {
		return nil, err
	}
	return json.Marshal(y)
}

func coerceValue(p *propSpec, x any) (any, error) {
	switch p.Type {
	case "integer":
		return bindInt(p, x)
	case "number":
		if t, ok := x.(json.Number); ok {
			return t, nil
		}
		return nil, fmt.Errorf("must be a number, got %s", jsonKind(x))
	case "boolean":
		if t, ok := x.(bool); ok {
			return t, nil
		}
		return nil, fmt.Errorf("must be true or false (a JSON boolean, not a string), got %s", jsonKind(x))
	case "string":
		return bindString(p, x)
	case "array":
		return bindArray(p, x)
	case "object":
		t, ok := x.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("must be an object, got %s", jsonKind(x))
		}
		if p.MaxProperties != nil && len(t) > *p.MaxProperties {
			return nil, fmt.Errorf("must have at most %d entries, got %d", *p.MaxProperties, len(t))
		}
		return t, nil
	}
	return x, nil
}

// bindArray binds a JSON list (one value is not taken for a list of one),
// within the schema's maxItems, each item bound by the items schema.
func bindArray(p *propSpec, x any) (any, error) {
	items, ok := x.([]any)
	if !ok {
		return nil, fmt.Errorf("must be a list, got %s (pass one value as a list of one: [value])", jsonKind(x))
	}
	if p.MaxItems != nil && len(items) > *p.MaxItems {
		return nil, fmt.Errorf("must have at most %d items, got %d", *p.MaxItems, len(items))
	}
	if p.Items == nil {
		return items, nil
	}
	out := make([]any, 0, len(items))
	for i, it := range items {
		c, err := coerceValue(p.Items, it)
		if err != nil {
			return nil, fmt.Errorf("item %d: %w", i+1, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// bindInt binds an integer: a JSON number with no fractional part (1 and
// 1.0, not "1" or 1.5), within the schema's bounds or, without them,
// within the integers every JSON client represents exactly (±2^53-1).
func bindInt(p *propSpec, x any) (any, error) {
	lo, hi := int64(-maxSafeInteger), int64(maxSafeInteger)
	if p.Minimum != nil {
		lo = int64(math.Ceil(*p.Minimum))
	}
	if p.Maximum != nil {
		hi = int64(math.Floor(*p.Maximum))
	}
	rangeErr := func(got string) error {
		return fmt.Errorf("must be an integer from %d to %d, got %s", lo, hi, got)
	}
	num, ok := x.(json.Number)
	if !ok {
		return nil, fmt.Errorf("must be an integer (a JSON number, not a string), got %s", jsonKind(x))
	}
	n, err := strconv.ParseInt(num.String(), 10, 64)
	if err != nil {
		f, ferr := num.Float64()
		switch {
		case ferr == nil && f != math.Trunc(f):
			return nil, fmt.Errorf("must be a whole number, got %s", num)
		case ferr != nil || math.Abs(f) > maxSafeInteger:
			return nil, rangeErr(num.String()) // beyond int64 or float64: 2^64, 1e30, 1e400
		}
		n = int64(f)
	}
	if n < lo || n > hi {
		return nil, rangeErr(num.String())
	}
	return n, nil
}

// bindString binds a JSON string (a number or boolean is not taken for
// its text), within the schema's enum, length and format.
func bindString(p *propSpec, x any) (any, error) {
	s, ok := x.(string)
	if !ok {
		return nil, fmt.Errorf("must be a string, got %s", jsonKind(x))
	}
	if len(p.Enum) > 0 && !enumHas(p.Enum, s) {
		return nil, fmt.Errorf("must be one of %s, got %q", enumList(p.Enum), s)
	}
	if p.MaxLength != nil {
		if n := utf8.RuneCountInString(s); n > *p.MaxLength {
			return nil, fmt.Errorf("must be at most %d characters, got %d", *p.MaxLength, n)
		}
	}
	if p.Format == "email" && strings.TrimSpace(s) != "" && !isEmail(strings.TrimSpace(s)) {
		return nil, fmt.Errorf("%q is not an e-mail address (give a plain address such as jane@example.com)", s)
	}
	return s, nil
}

// isEmail accepts a plain address (local@domain, no name, no spaces or
// list separators), the form Freshdesk's e-mail fields take.
func isEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 || strings.ContainsAny(s, " ,;<>\"()[]\\\t\r\n") {
		return false
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && a.Name == ""
}

func jsonKind(x any) string {
	switch t := x.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number:
		return "the number " + t.String()
	case string:
		return fmt.Sprintf("the string %q", t)
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", x)
}

func enumHas(enum []any, s string) bool {
	for _, e := range enum {
		if fmt.Sprint(e) == s {
			return true
		}
	}
	return false
}

func enumList(enum []any) string {
	parts := make([]string, len(enum))
	for i, e := range enum {
		parts[i] = fmt.Sprintf("%q", fmt.Sprint(e))
	}
	return strings.Join(parts, ", ")
}

func validNames(spec argSpec) string {
	if len(spec.names) == 0 {
		return "(none: call it with {})"
	}
	parts := make([]string, len(spec.names))
	for i, n := range spec.names {
		parts[i] = n
		if slices.Contains(spec.required, n) {
			parts[i] += " (required)"
		}
	}
	return strings.Join(parts, ", ")
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// firstSentence is s up to its first full stop; the stops of "e.g." and
// "i.e." do not end a sentence.
func firstSentence(s string) string {
	for from := 0; ; {
		i := strings.Index(s[from:], ". ")
		if i < 0 {
			break
		}
		end := from + i
		if w := strings.ToLower(s[max(0, end-3):end]); w == "e.g" || w == "i.e" {
			from = end + 2
			continue
		}
		return s[:end]
	}
	return strings.TrimSuffix(s, ".")
}
