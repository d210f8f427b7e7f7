package query

import "strings"

// Expr is a parsed search expression: *And, *Or or *Cond. String returns the
// canonical inner query text (without the outer double quotes), which parses
// back to an equal tree.
type Expr interface {
	String() string
}

// And is "Left AND Right". Chains are left-associative, as on the server.
type And struct {
	Left, Right Expr
}

// Or is "Left OR Right". Chains are left-associative, as on the server.
type Or struct {
	Left, Right Expr
}

// Cond is one FIELD:TERM pair. Field is lower case.
type Cond struct {
	Field string
	Op    Op
	Value Value
}

// Op is the comparison of a Cond.
type Op int

const (
	// Eq is ":": equality, or membership for multi-valued fields such as tag.
	Eq Op = iota
	// Gte is ":>": greater than or equal (inclusive).
	Gte
	// Lte is ":<": less than or equal (inclusive).
	Lte
)

// String returns the operator as written in a query: ":", ":>" or ":<".
func (o Op) String() string {
	switch o {
	case Gte:
		return ":>"
	case Lte:
		return ":<"
	default:
		return ":"
	}
}

// ValueKind says how a term was written.
type ValueKind int

const (
	// Word is a bare word such as finance or O'Brien that is not an integer.
	Word ValueKind = iota
	// Quoted is a single-quoted string; Raw holds the text between the quotes.
	// Relational dates (:>'2017-01-01') are Quoted with Raw "2017-01-01".
	Quoted
	// Int is an integer; Int holds its value and Raw the text as written.
	Int
	// NoValue is the bare word null: "no value".
	NoValue
)

// Value is the term of a Cond.
type Value struct {
	Kind ValueKind
	// Raw is the term as written, without the quotes of a Quoted value.
	Raw string
	// Int is the integer value when Kind is Int (saturated to the int64 range).
	Int int64
}

// String returns the term as it appears in canonical query text.
func (v Value) String() string {
	switch v.Kind {
	case Quoted:
		return "'" + v.Raw + "'"
	case NoValue:
		return "null"
	default:
		return v.Raw
	}
}

// IsNull reports whether the value is null ("no value").
func (v Value) IsNull() bool { return v.Kind == NoValue }

// Text returns the string Freshdesk compares for a Word or Quoted value. It
// mirrors the server's unquoting, including its quirks: a quoted string
// holding a newline keeps its quotes, and a bare word holding two or more
// apostrophes loses its first and last characters (a'b'c -> 'b').
func (v Value) Text() string {
	switch v.Kind {
	case Quoted:
		if strings.IndexByte(v.Raw, '\n') >= 0 {
			return "'" + v.Raw + "'"
		}
		return v.Raw
	case Word:
		if strings.Count(v.Raw, "'") >= 2 {
			return v.Raw[1 : len(v.Raw)-1]
		}
		return v.Raw
	case NoValue:
		return ""
	default:
		return v.Raw
	}
}

// String returns the canonical text of the condition, e.g. created_at:>'2017-01-01'.
func (c *Cond) String() string {
	return c.Field + c.Op.String() + c.Value.String()
}

// String returns the canonical text; an Or operand is parenthesised, and so
// is a right-hand And, so that the text parses back to the same tree.
func (a *And) String() string {
	var b strings.Builder
	writeExpr(&b, a)
	return b.String()
}

// String returns the canonical text; a right-hand Or is parenthesised so that
// the text parses back to the same tree.
func (o *Or) String() string {
	var b strings.Builder
	writeExpr(&b, o)
	return b.String()
}

func writeExpr(b *strings.Builder, e Expr) {
	switch n := e.(type) {
	case *And:
		writeOperand(b, n.Left, isOr(n.Left))
		b.WriteString(" AND ")
		writeOperand(b, n.Right, isOr(n.Right) || isAnd(n.Right))
	case *Or:
		writeOperand(b, n.Left, false)
		b.WriteString(" OR ")
		writeOperand(b, n.Right, isOr(n.Right))
	case nil:
	default:
		b.WriteString(e.String())
	}
}

func writeOperand(b *strings.Builder, e Expr, paren bool) {
	if paren {
		b.WriteByte('(')
	}
	writeExpr(b, e)
	if paren {
		b.WriteByte(')')
	}
}

func isOr(e Expr) bool  { _, ok := e.(*Or); return ok }
func isAnd(e Expr) bool { _, ok := e.(*And); return ok }

// Walk calls fn for every Cond of e, left to right.
func Walk(e Expr, fn func(*Cond)) {
	switch n := e.(type) {
	case *And:
		Walk(n.Left, fn)
		Walk(n.Right, fn)
	case *Or:
		Walk(n.Left, fn)
		Walk(n.Right, fn)
	case *Cond:
		fn(n)
	}
}
