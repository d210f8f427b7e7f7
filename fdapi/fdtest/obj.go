package fdtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Obj is a JSON object that keeps its key order, so rendered records have the
// exact key order of the real API (Go maps would sort them).
type Obj struct {
	keys []string
	vals map[string]any
}

// newObj returns an empty ordered object.
func newObj() *Obj { return &Obj{vals: map[string]any{}} }

// Get returns the value under key and whether it is present.
func (o *Obj) Get(key string) (any, bool) {
	if o == nil {
		return nil, false
	}
	v, ok := o.vals[key]
	return v, ok
}

// Has reports whether key is present (even with a null value).
func (o *Obj) Has(key string) bool { _, ok := o.Get(key); return ok }

// Set sets key, appending it when new.
func (o *Obj) Set(key string, v any) {
	if _, ok := o.vals[key]; !ok {
		o.keys = append(o.keys, key)
	}
	o.vals[key] = v
}

// Delete removes key.
func (o *Obj) Delete(key string) {
	if _, ok := o.vals[key]; !ok {
		return
	}
	delete(o.vals, key)
	for i, k := range o.keys {
		if k == key {
			o.keys = append(o.keys[:i:i], o.keys[i+1:]...)
			break
		}
	}
}

// Keys returns the keys in order.
func (o *Obj) Keys() []string {
	if o == nil {
		return nil
	}
	return append([]string(nil), o.keys...)
}

// Len returns the number of keys.
func (o *Obj) Len() int {
	if o == nil {
		return 0
	}
	return len(o.keys)
}

// MarshalJSON writes the object in key order.
func (o *Obj) MarshalJSON() ([]byte, error) {
	if o == nil {
		return []byte("null"), nil
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, err := marshalNoEscape(k)
		if err != nil {
			return nil, err
		}
		b.Write(kb)
		b.WriteByte(':')
		vb, err := marshalNoEscape(o.vals[k])
		if err != nil {
			return nil, fmt.Errorf("key %q: %w", k, err)
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshalNoEscape encodes v like json.Marshal but leaves <, > and & alone, as
// the Rails server does for HTML bodies.
func marshalNoEscape(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// clone deep-copies a JSON value built of *Obj, []any and scalars.
func clone(v any) any {
	switch t := v.(type) {
	case *Obj:
		if t == nil {
			return (*Obj)(nil)
		}
		c := &Obj{keys: append([]string(nil), t.keys...), vals: make(map[string]any, len(t.vals))}
		for k, x := range t.vals {
			c.vals[k] = clone(x)
		}
		return c
	case []any:
		c := make([]any, len(t))
		for i, x := range t {
			c[i] = clone(x)
		}
		return c
	default:
		return v
	}
}

// toPlain converts a value to plain Go JSON types (map[string]any, []any,
// json.Number...) for callers that inspect state.
func toPlain(v any) any {
	switch t := v.(type) {
	case *Obj:
		if t == nil {
			return nil
		}
		m := make(map[string]any, len(t.vals))
		for k, x := range t.vals {
			m[k] = toPlain(x)
		}
		return m
	case []any:
		c := make([]any, len(t))
		for i, x := range t {
			c[i] = toPlain(x)
		}
		return c
	default:
		return v
	}
}

// fromGo converts Go values given by tests (maps, typed slices, ints, time.Time)
// into the internal JSON representation. Map keys are sorted for determinism.
func fromGo(v any) (any, error) {
	switch t := v.(type) {
	case nil, string, bool, json.Number:
		return t, nil
	case *Obj:
		return clone(t), nil
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		o := newObj()
		for _, k := range keys {
			x, err := fromGo(t[k])
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			o.Set(k, x)
		}
		return o, nil
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			c, err := fromGo(x)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	case time.Time:
		return fmtTime(t), nil
	case int:
		return json.Number(strconv.FormatInt(int64(t), 10)), nil
	case int64:
		return json.Number(strconv.FormatInt(t, 10)), nil
	case int32:
		return json.Number(strconv.FormatInt(int64(t), 10)), nil
	case float64:
		if t == math.Trunc(t) && math.Abs(t) < 1e15 {
			return json.Number(strconv.FormatInt(int64(t), 10)), nil
		}
		return json.Number(strconv.FormatFloat(t, 'f', -1, 64)), nil
	case []string:
		out := make([]any, len(t))
		for i, s := range t {
			out[i] = s
		}
		return out, nil
	case []int64:
		out := make([]any, len(t))
		for i, n := range t {
			out[i] = json.Number(strconv.FormatInt(n, 10))
		}
		return out, nil
	case []int:
		out := make([]any, len(t))
		for i, n := range t {
			out[i] = json.Number(strconv.Itoa(n))
		}
		return out, nil
	}
	// Anything else (structs, typed maps): round-trip through encoding/json.
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return decodeJSON(b)
}

// decodeJSON decodes one JSON value keeping object key order and number text.
func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("trailing data after JSON value")
	}
	return v, nil
}

func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			o := newObj()
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, ok := kt.(string)
				if !ok {
					return nil, errors.New("object key is not a string")
				}
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				o.Set(k, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return o, nil
		case '[':
			arr := []any{}
			for dec.More() {
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				arr = append(arr, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return arr, nil
		}
		return nil, fmt.Errorf("unexpected delimiter %v", t)
	default:
		return t, nil
	}
}

// asInt reads an integer from a JSON value; ok is false for null, non-numbers
// and fractions.
func asInt(v any) (int64, bool) {
	switch t := v.(type) {
	case json.Number:
		n, err := strconv.ParseInt(string(t), 10, 64)
		return n, err == nil
	case int:
		return int64(t), true
	case int64:
		return t, true
	case float64:
		if t == math.Trunc(t) {
			return int64(t), true
		}
	}
	return 0, false
}

// asString reads a string; ok is false for anything else.
func asString(v any) (string, bool) { s, ok := v.(string); return s, ok }

// asBool reads a boolean.
func asBool(v any) (bool, bool) { b, ok := v.(bool); return b, ok }

// getInt, getString, getBool read a key of o.
func (o *Obj) getInt(k string) (int64, bool) { v, _ := o.Get(k); return asInt(v) }

func (o *Obj) getString(k string) string { v, _ := o.Get(k); s, _ := asString(v); return s }

func (o *Obj) getBool(k string) bool { v, _ := o.Get(k); b, _ := asBool(v); return b }

func (o *Obj) getObj(k string) *Obj { v, _ := o.Get(k); x, _ := v.(*Obj); return x }

// getStrings reads an array of strings (nil when absent or null).
func (o *Obj) getStrings(k string) []string {
	v, _ := o.Get(k)
	arr, _ := v.([]any)
	var out []string
	for _, x := range arr {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// num renders an int64 as a JSON number value.
func num(n int64) json.Number { return json.Number(strconv.FormatInt(n, 10)) }

// strs renders strings as a JSON array value (never null).
func strs(ss []string) []any {
	out := make([]any, 0, len(ss))
	for _, s := range ss {
		out = append(out, s)
	}
	return out
}

// timeLayout is Freshdesk's timestamp format.
const timeLayout = "2006-01-02T15:04:05Z"

func fmtTime(t time.Time) string { return t.UTC().Truncate(time.Second).Format(timeLayout) }

// parseTime accepts Freshdesk timestamps and plain dates.
func parseTime(s string) (time.Time, bool) {
	for _, l := range []string{timeLayout, time.RFC3339, "2006-01-02"} {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// getTime reads a timestamp key.
func (o *Obj) getTime(k string) (time.Time, bool) { return parseTime(o.getString(k)) }

// shiftTimes moves every timestamp string inside v by d (used to keep the demo
// data's ages realistic).
func shiftTimes(v any, d time.Duration) any {
	switch t := v.(type) {
	case *Obj:
		for _, k := range t.keys {
			t.vals[k] = shiftTimes(t.vals[k], d)
		}
		return t
	case []any:
		for i := range t {
			t[i] = shiftTimes(t[i], d)
		}
		return t
	case string:
		if len(t) == len(timeLayout) && strings.HasSuffix(t, "Z") && t[10] == 'T' {
			if tm, err := time.Parse(timeLayout, t); err == nil {
				return fmtTime(tm.Add(d))
			}
		}
		return t
	default:
		return v
	}
}
