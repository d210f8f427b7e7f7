package query

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// The server's token patterns, written independently with Go regexps (whose
// leftmost-first semantics pick the same match as Ruby's backtracking
// engine). They serve as a differential oracle for the hand-written lexer.
const ws = `[\t\n\v\f\r ]`

var (
	refLParen = regexp.MustCompile(`\A\(` + ws + `*`)
	refRParen = regexp.MustCompile(`\A` + ws + `*\)`)
	refBool   = regexp.MustCompile(`\A` + ws + `+((?i)AND|OR)` + ws + `+`)
	refPair   = regexp.MustCompile(`\A([a-zA-Z][a-zA-Z0-9_]*)` + ws + `*:(?:` + ws + `*([0-9a-zA-Z_@]+(?:'[0-9a-zA-Z_@]+)*|'[^']+'|-?[0-9]+)|([><])` + ws +
		`*(` + ws + `*'[0-9]{4}-[0-9]{2}-[0-9]{2}'|` + ws + `*'[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z'|-?[0-9]+))`)
)

// refTokens returns the server's token texts ("(", ")", "AND", "OR" or the
// canonical pair text) or ok=false for a format error.
func refTokens(s string) ([]string, bool) {
	var out []string
	for len(s) > 0 {
		if m := refLParen.FindString(s); m != "" {
			out, s = append(out, "("), s[len(m):]
		} else if m := refRParen.FindString(s); m != "" {
			out, s = append(out, ")"), s[len(m):]
		} else if m := refBool.FindStringSubmatch(s); m != nil {
			out, s = append(out, strings.ToUpper(m[1])), s[len(m[0]):]
		} else if m := refPair.FindStringSubmatch(s); m != nil {
			field := strings.ToLower(m[1])
			if m[2] != "" {
				out = append(out, field+":"+m[2])
			} else {
				out = append(out, field+":"+m[3]+strings.Trim(m[4], "\t\n\v\f\r "))
			}
			s = s[len(m[0]):]
		} else {
			return nil, false
		}
	}
	return out, true
}

// refAccepts is the server grammar's acceptance as a two-state machine
// (expect operand / expect operator) with a depth counter.
func refAccepts(toks []string) bool {
	depth, wantOperand := 0, true
	for _, t := range toks {
		switch {
		case t == "(" && wantOperand:
			depth++
		case t == ")" && !wantOperand && depth > 0:
			depth--
		case (t == "AND" || t == "OR") && !wantOperand:
			wantOperand = true
		case t != "(" && t != ")" && t != "AND" && t != "OR" && wantOperand:
			wantOperand = false
		default:
			return false
		}
	}
	return !wantOperand && depth == 0
}

// refTree builds the tree the way the server does after accepting: a
// shunting-yard pass to postfix (OR=10, AND=20) and a stack evaluation. It
// returns the canonical text of that tree.
func refTree(toks []string) string {
	prec := map[string]int{"OR": 10, "AND": 20}
	var out, stack []string
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		top := ""
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch {
		case t == "(":
			stack = append(stack, t)
		case t == ")":
			for stack[len(stack)-1] != "(" {
				out, stack = append(out, stack[len(stack)-1]), stack[:len(stack)-1]
			}
			stack = stack[:len(stack)-1]
		case prec[t] == 0:
			out = append(out, t)
		case top == "" || top == "(":
			stack = append(stack, t)
		case prec[t] > prec[top]:
			stack = append(stack, t)
		case t == top:
			out = append(out, t)
		default: // lower precedence: pop and look again
			out, stack = append(out, top), stack[:len(stack)-1]
			i--
		}
	}
	for len(stack) > 0 {
		out, stack = append(out, stack[len(stack)-1]), stack[:len(stack)-1]
	}
	var ev []Expr
	for _, t := range out {
		if prec[t] == 0 {
			e, err := ParseInner(t) // a single pair
			if err != nil {
				return "pair error: " + err.Error()
			}
			ev = append(ev, e)
			continue
		}
		l, r := ev[len(ev)-2], ev[len(ev)-1]
		ev = ev[:len(ev)-2]
		if t == "AND" {
			ev = append(ev, &And{Left: l, Right: r})
		} else {
			ev = append(ev, &Or{Left: l, Right: r})
		}
	}
	return ev[0].String()
}

func FuzzParse(f *testing.F) {
	for _, tc := range referenceValid {
		f.Add(tc.raw)
	}
	for _, raw := range referenceInvalid {
		f.Add(raw)
	}
	for _, s := range []string{
		`"` + "tag:'" + strings.Repeat("x", 594) + "'" + `"`,
		`"a:1 OR b:2 AND c:3"`, `"(a:1 OR b:2) AND c:3"`, `"a:1 AND or:2"`,
		`"f:0x1f AND g:08 AND h:a'b'c"`, `"()"`, `"(a:1"`, `"a:1  )"`, `"created_at:>'2017-01-01T10:20:30Z'"`,
		"\"f:'a\nb'\"", `x"a:1"x`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		// Parse must never panic and must agree with the inner parse.
		e, err := Parse(raw)
		if err != nil {
			var qe *Error
			if !errors.As(err, &qe) || len(qe.Errors) != 1 || qe.Errors[0].Field != "query" {
				t.Fatalf("Parse(%q): unexpected error shape %v", raw, err)
			}
		} else {
			checkCanonical(t, e)
		}

		// Treat the input as inner text too: ParseInner(s) == Parse(Quote(s)).
		ie, ierr := ParseInner(raw)
		qe, qerr := Parse(Quote(raw))
		if (ierr == nil) != (qerr == nil) || (ierr != nil && ierr.Error() != qerr.Error()) ||
			(ierr == nil && ie.String() != qe.String()) {
			t.Fatalf("ParseInner(%q) = %v, %v; Parse(Quote) = %v, %v", raw, ie, ierr, qe, qerr)
		}
		if !hasQuotePair(Quote(raw)) {
			if !IsFormat(ierr) {
				t.Fatalf("ParseInner(%q): %v, want the format error (no quote pair on one line)", raw, ierr)
			}
			return
		}
		inner := rubyStrip(raw)
		n := utf8.RuneCountInString(inner)
		if n > MaxLen {
			if ierr == nil || IsFormat(ierr) {
				t.Fatalf("ParseInner of %d characters: %v, want the length error", n, ierr)
			}
			return
		}
		// Differential check against the regexp oracle.
		toks, lexOK := refTokens(inner)
		accept := lexOK && refAccepts(toks)
		if accept != (ierr == nil) {
			t.Fatalf("ParseInner(%q): err %v; oracle tokens %q lexOK %v accept %v", raw, ierr, toks, lexOK, accept)
		}
		if ierr != nil {
			if !IsFormat(ierr) {
				t.Fatalf("ParseInner(%q): %v, want the format error", raw, ierr)
			}
			return
		}
		if want := refTree(toks); ie.String() != want {
			t.Fatalf("ParseInner(%q) = %q, server algorithm gives %q", raw, ie.String(), want)
		}
		checkCanonical(t, ie)
	})
}

// checkCanonical asserts that String re-parses to the same canonical text,
// inside and outside the outer quotes.
func checkCanonical(t *testing.T, e Expr) {
	t.Helper()
	s := e.String()
	e2, err := ParseInner(s)
	if err != nil {
		t.Fatalf("canonical %q does not re-parse: %v", s, err)
	}
	if e2.String() != s || !equalExpr(e, e2) {
		t.Fatalf("canonical %q re-parses as %q", s, e2.String())
	}
	if e3, err := Parse(Quote(s)); err != nil || e3.String() != s {
		t.Fatalf("Parse(Quote(%q)) = %v, %v", s, e3, err)
	}
}
