package query

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ErrUnexpressible is wrapped by every builder error: the requested query
// cannot be written in Freshdesk's search grammar.
var ErrUnexpressible = errors.New("query cannot be expressed in Freshdesk search")

// NullType is the type of Null.
type NullType int

// Null stands for "no value" in the builder: Field("agent_id").Eq(Null)
// emits agent_id:null.
const Null NullType = 0

// Q is a query under construction. Build it with Field(...).Eq/Gte/Lte/IsNull,
// AllOf and AnyOf; errors are kept and reported by Build. The zero Q is
// invalid.
type Q struct {
	expr Expr
	err  error
}

// FieldRef names a search field; create it with Field.
type FieldRef struct {
	name string
}

// Field starts a condition on the named field (e.g. "status", "cf_sector").
// Names are lower-cased as the server does.
func Field(name string) FieldRef {
	return FieldRef{name: name}
}

func (f FieldRef) check() error {
	n := f.name
	if n == "" || !isAlpha(n[0]) {
		return fmt.Errorf("%w: field name %q must start with a letter", ErrUnexpressible, n)
	}
	for i := 1; i < len(n); i++ {
		if !isFieldChar(n[i]) {
			return fmt.Errorf("%w: field name %q may only hold letters, digits and _", ErrUnexpressible, n)
		}
	}
	return nil
}

// Eq matches a value: an integer type, a string (emitted single-quoted), a
// bool, a time.Time (its UTC date, 'yyyy-mm-dd') or Null. For tags and other
// multi-valued fields it means membership.
func (f FieldRef) Eq(v any) Q { return f.cond(Eq, v) }

// Gte matches values >= v (inclusive): an integer, a time.Time (its UTC date)
// or a 'yyyy-mm-dd' / 'yyyy-mm-ddThh:mm:ssZ' string.
func (f FieldRef) Gte(v any) Q { return f.cond(Gte, v) }

// Lte matches values <= v (inclusive); see Gte for the accepted values.
func (f FieldRef) Lte(v any) Q { return f.cond(Lte, v) }

// IsNull matches records where the field has no value (field:null).
func (f FieldRef) IsNull() Q { return f.cond(Eq, Null) }

func (f FieldRef) cond(op Op, v any) Q {
	if err := f.check(); err != nil {
		return Q{err: err}
	}
	val, err := toValue(f.name, op, v)
	if err != nil {
		return Q{err: err}
	}
	return Q{expr: &Cond{Field: lowerASCII(f.name), Op: op, Value: val}}
}

func toValue(field string, op Op, v any) (Value, error) {
	rel := op != Eq
	switch x := v.(type) {
	case NullType:
		if rel {
			return Value{}, fmt.Errorf("%w: %s%s null: null only works with equality (:)", ErrUnexpressible, field, op)
		}
		return Value{Kind: NoValue, Raw: "null"}, nil
	case nil:
		return Value{}, fmt.Errorf("%w: %s: nil value; use query.Null for \"no value\"", ErrUnexpressible, field)
	case int:
		return intVal(int64(x)), nil
	case int8:
		return intVal(int64(x)), nil
	case int16:
		return intVal(int64(x)), nil
	case int32:
		return intVal(int64(x)), nil
	case int64:
		return intVal(x), nil
	case uint:
		return uintVal(field, uint64(x))
	case uint8:
		return intVal(int64(x)), nil
	case uint16:
		return intVal(int64(x)), nil
	case uint32:
		return intVal(int64(x)), nil
	case uint64:
		return uintVal(field, x)
	case bool:
		if rel {
			return Value{}, fmt.Errorf("%w: %s: :> and :< only work with numbers and dates", ErrUnexpressible, field)
		}
		return Value{Kind: Word, Raw: strconv.FormatBool(x)}, nil
	case time.Time:
		return Value{Kind: Quoted, Raw: x.UTC().Format(time.DateOnly)}, nil
	case string:
		return stringValue(field, rel, x)
	case float32, float64:
		return Value{}, fmt.Errorf("%w: %s: Freshdesk search has no decimal numbers; use an integer", ErrUnexpressible, field)
	}
	return Value{}, fmt.Errorf("%w: %s: unsupported value type %T", ErrUnexpressible, field, v)
}

func intVal(n int64) Value {
	return Value{Kind: Int, Raw: strconv.FormatInt(n, 10), Int: n}
}

func uintVal(field string, n uint64) (Value, error) {
	if n > 1<<63-1 {
		return Value{}, fmt.Errorf("%w: %s: %d is out of range", ErrUnexpressible, field, n)
	}
	return intVal(int64(n)), nil
}

func stringValue(field string, rel bool, s string) (Value, error) {
	if rel {
		if matchPattern("'"+s+"'", "'dddd-dd-dd'") && len(s) == 10 ||
			matchPattern("'"+s+"'", "'dddd-dd-ddTdd:dd:ddZ'") && len(s) == 20 {
			return Value{Kind: Quoted, Raw: s}, nil
		}
		return Value{}, fmt.Errorf("%w: %s: :> and :< take an integer or a date ('yyyy-mm-dd' or 'yyyy-mm-ddThh:mm:ssZ'), not %q", ErrUnexpressible, field, s)
	}
	switch {
	case s == "":
		return Value{}, fmt.Errorf("%w: %s: an empty string cannot be searched; use query.Null for \"no value\"", ErrUnexpressible, field)
	case strings.Contains(s, "'"):
		return Value{}, fmt.Errorf("%w: %s: %q contains a single quote ('), and Freshdesk search has no escape for single quotes inside a quoted string; search a part of the value without the quote", ErrUnexpressible, field, s)
	case strings.Contains(s, "\n"):
		return Value{}, fmt.Errorf("%w: %s: %q contains a line break, which Freshdesk does not unquote", ErrUnexpressible, field, s)
	case !utf8.ValidString(s):
		return Value{}, fmt.Errorf("%w: %s: value is not valid UTF-8", ErrUnexpressible, field)
	}
	return Value{Kind: Quoted, Raw: s}, nil
}

// AllOf joins conditions with AND. An OR operand is parenthesised in the
// output, since AND binds tighter than OR.
func AllOf(qs ...Q) Q { return join("AllOf", qs, true) }

// AnyOf joins conditions with OR.
func AnyOf(qs ...Q) Q { return join("AnyOf", qs, false) }

func join(name string, qs []Q, and bool) Q {
	if len(qs) == 0 {
		return Q{err: fmt.Errorf("%w: %s needs at least one condition", ErrUnexpressible, name)}
	}
	var acc Expr
	for i, q := range qs {
		if q.err != nil {
			return q
		}
		if q.expr == nil {
			return Q{err: fmt.Errorf("%w: %s: operand %d is an empty query", ErrUnexpressible, name, i+1)}
		}
		acc = appendChain(acc, q.expr, and)
	}
	return Q{expr: acc}
}

// appendChain adds e to the left-associative chain acc, flattening nested
// chains of the same operator so that no needless parentheses appear.
func appendChain(acc, e Expr, and bool) Expr {
	switch n := e.(type) {
	case *And:
		if and {
			return appendChain(appendChain(acc, n.Left, and), n.Right, and)
		}
	case *Or:
		if !and {
			return appendChain(appendChain(acc, n.Left, and), n.Right, and)
		}
	}
	if acc == nil {
		return e
	}
	if and {
		return &And{Left: acc, Right: e}
	}
	return &Or{Left: acc, Right: e}
}

// Expr returns the built expression tree, or the first construction error.
func (q Q) Expr() (Expr, error) {
	if q.err != nil {
		return nil, q.err
	}
	if q.expr == nil {
		return nil, fmt.Errorf("%w: empty query", ErrUnexpressible)
	}
	return q.expr, nil
}

// Build returns the inner query text (without the outer double quotes; wrap
// it with Quote for the URL parameter). It refuses queries longer than
// MaxLen characters and anything the grammar cannot express.
func (q Q) Build() (string, error) {
	e, err := q.Expr()
	if err != nil {
		return "", err
	}
	s := e.String()
	if n := utf8.RuneCountInString(s); n > MaxLen {
		return "", fmt.Errorf("%w: the query is %d characters long and Freshdesk accepts at most %d inside the quotes; split it into several searches", ErrUnexpressible, n, MaxLen)
	}
	// Defensive: what we emit must parse back to itself.
	back, err := ParseInner(s)
	if err != nil {
		return "", fmt.Errorf("%w: internal: built query %q does not parse: %w", ErrUnexpressible, s, err)
	}
	if back.String() != s {
		return "", fmt.Errorf("%w: internal: built query %q parses as %q", ErrUnexpressible, s, back.String())
	}
	return s, nil
}
