package tools

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

var intString = regexp.MustCompile(`^\s*-?\d+\s*$`)

// bindArgs decodes raw tool arguments into dst strictly: unknown keys are an
// error listing the valid names, explicit nulls count as absent, values of the
// wrong JSON type are coerced when the intent is unambiguous ("42" -> 42,
// 7 -> "7", "x" -> ["x"]), then types, required keys, ranges and enums are
// checked with messages a model can act on.
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
		return coerceInt(p, x)
	case "number":
		switch t := x.(type) {
		case json.Number:
			return t, nil
		case string:
			if _, err := strconv.ParseFloat(strings.TrimSpace(t), 64); err == nil {
				return json.Number(strings.TrimSpace(t)), nil
			}
		}
		return nil, fmt.Errorf("must be a number, got %s", jsonKind(x))
	case "boolean":
		switch t := x.(type) {
		case bool:
			return t, nil
		case string:
			switch strings.ToLower(strings.TrimSpace(t)) {
			case "true":
				return true, nil
			case "false":
				return false, nil
			}
		}
		return nil, fmt.Errorf("must be true or false, got %s", jsonKind(x))
	case "string":
		return coerceString(p, x)
	case "array":
		items, ok := x.([]any)
		if !ok {
			items = []any{x} // one value where a list is expected: a list of one
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
	case "object":
		switch t := x.(type) {
		case map[string]any:
			return t, nil
		case string:
			var m map[string]any
			if err := json.Unmarshal([]byte(t), &m); err == nil {
				return m, nil
			}
		}
		return nil, fmt.Errorf("must be an object, got %s", jsonKind(x))
	}
	return x, nil
}

// coerceInt binds an integer: a whole JSON number or a string of digits,
// within the schema's bounds.
func coerceInt(p *propSpec, x any) (any, error) {
	var n int64
	switch t := x.(type) {
	case json.Number:
		f, err := t.Float64()
		if err != nil || f != math.Trunc(f) {
			return nil, fmt.Errorf("must be a whole number, got %s", t)
		}
		n = int64(f)
	case string:
		if !intString.MatchString(t) {
			return nil, fmt.Errorf("must be an integer, got the string %q", t)
		}
		n, _ = strconv.ParseInt(strings.TrimSpace(t), 10, 64)
	default:
		return nil, fmt.Errorf("must be an integer, got %s", jsonKind(x))
	}
	if p.Minimum != nil && float64(n) < *p.Minimum {
		return nil, fmt.Errorf("must be at least %v, got %d", *p.Minimum, n)
	}
	if p.Maximum != nil && float64(n) > *p.Maximum {
		return nil, fmt.Errorf("must be at most %v, got %d", *p.Maximum, n)
	}
	return n, nil
}

// coerceString binds a string (numbers and booleans as their text), within
// the schema's enum and length.
func coerceString(p *propSpec, x any) (any, error) {
	var s string
	switch t := x.(type) {
	case string:
		s = t
	case json.Number:
		s = t.String()
	case bool:
		s = strconv.FormatBool(t)
	default:
		return nil, fmt.Errorf("must be a string, got %s", jsonKind(x))
	}
	if len(p.Enum) > 0 && !enumHas(p.Enum, s) {
		return nil, fmt.Errorf("must be one of %s, got %q", enumList(p.Enum), s)
	}
	if p.MaxLength != nil && len([]rune(s)) > *p.MaxLength {
		return nil, fmt.Errorf("must be at most %d characters, got %d", *p.MaxLength, len([]rune(s)))
	}
	return s, nil
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
