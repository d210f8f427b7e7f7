package query

import (
	"encoding/json"
	"math"
	"strconv"
	"time"
)

// Record is a searchable object as the emulator sees it. Lookup returns the
// values of a search field (already mapped: agent_id -> responder_id, tag ->
// the tag list, cf_x -> the custom field). A multi-valued field returns one
// element per value. ok false, an empty slice and nil elements all mean "no
// value".
//
// Supported element types: nil, string, bool, every int and uint type,
// float32/float64, json.Number and time.Time. A string that holds an RFC 3339
// timestamp compares as a time.
type Record interface {
	Lookup(field string) (values []any, ok bool)
}

// RecordFunc adapts a function to Record.
type RecordFunc func(field string) ([]any, bool)

// Lookup calls f.
func (f RecordFunc) Lookup(field string) ([]any, bool) { return f(field) }

// MapRecord is a Record backed by a map; a value may be a scalar, []any or
// []string.
type MapRecord map[string]any

// Lookup returns m[field] as a slice of values.
func (m MapRecord) Lookup(field string) ([]any, bool) {
	v, ok := m[field]
	if !ok {
		return nil, false
	}
	switch x := v.(type) {
	case []any:
		return x, true
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out, true
	}
	return []any{v}, true
}

// Match evaluates e against r with Freshdesk's semantics, kept simple:
//   - field:null matches when the field has no value;
//   - field:v matches when any value equals v (membership for tags and other
//     multi-valued fields). Integers compare numerically, strings exactly
//     (case-sensitive), booleans against true/false, and a date
//     ('yyyy-mm-dd') matches any time on that UTC day;
//   - :> and :< are inclusive and apply to numbers and dates; a date-only
//     bound compares by UTC day (created_at:<'2017-01-31' includes the whole
//     31st). Other combinations do not match.
func Match(e Expr, r Record) bool {
	switch n := e.(type) {
	case *And:
		return Match(n.Left, r) && Match(n.Right, r)
	case *Or:
		return Match(n.Left, r) || Match(n.Right, r)
	case *Cond:
		return matchCond(n, r)
	}
	return false
}

func matchCond(c *Cond, r Record) bool {
	values, _ := r.Lookup(c.Field)
	present := false
	for _, v := range values {
		if v != nil {
			present = true
			break
		}
	}
	if c.Value.Kind == NoValue {
		return c.Op == Eq && !present
	}
	for _, v := range values {
		if v != nil && matchOne(c.Op, c.Value, v) {
			return true
		}
	}
	return false
}

// matchOne compares one record value with the query value.
func matchOne(op Op, q Value, v any) bool {
	if t, ok := asTime(v); ok {
		lo, hi, ok := queryTimeRange(q)
		if !ok {
			return false
		}
		switch op {
		case Gte:
			return !t.Before(lo)
		case Lte:
			return t.Before(hi)
		default:
			return !t.Before(lo) && t.Before(hi)
		}
	}
	if n, ok := asNumber(v); ok {
		qn, ok := queryNumber(q)
		if !ok {
			return false
		}
		switch op {
		case Gte:
			return n >= qn
		case Lte:
			return n <= qn
		default:
			return n == qn
		}
	}
	if op != Eq {
		return false
	}
	switch x := v.(type) {
	case string:
		if q.Kind == Int {
			return x == q.Raw || x == strconv.FormatInt(q.Int, 10)
		}
		return x == q.Text()
	case bool:
		return q.Kind != Int && q.Text() == strconv.FormatBool(x)
	}
	return false
}

// queryTimeRange returns [lo, hi) for a date (its UTC day) or a date-time
// (a single instant, hi = lo + 1ns).
func queryTimeRange(q Value) (lo, hi time.Time, ok bool) {
	if q.Kind == Int || q.Kind == NoValue {
		return lo, hi, false
	}
	s := q.Text()
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		return d, d.AddDate(0, 0, 1), true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, t.Add(time.Nanosecond), true
	}
	return lo, hi, false
}

func queryNumber(q Value) (float64, bool) {
	switch q.Kind {
	case Int:
		return float64(q.Int), true
	case Word, Quoted:
		if n, err := strconv.ParseInt(q.Text(), 10, 64); err == nil {
			return float64(n), true
		}
	}
	return 0, false
}

func asTime(v any) (time.Time, bool) {
	switch x := v.(type) {
	case time.Time:
		return x, true
	case *time.Time:
		if x != nil {
			return *x, true
		}
	case string:
		if len(x) > 10 {
			if t, err := time.Parse(time.RFC3339, x); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

func asNumber(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int8:
		return float64(x), true
	case int16:
		return float64(x), true
	case int32:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint:
		return float64(x), true
	case uint8:
		return float64(x), true
	case uint16:
		return float64(x), true
	case uint32:
		return float64(x), true
	case uint64:
		return float64(x), true
	case float32:
		return float64(x), true
	case float64:
		return x, !math.IsNaN(x)
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}
