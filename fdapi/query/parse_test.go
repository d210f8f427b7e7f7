package query

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// referenceValid are the valid examples of the reference (§3.7, docs) as raw
// query parameter values, with the canonical inner text they parse to.
var referenceValid = []struct{ raw, canonical string }{
	{`"priority:3"`, `priority:3`},
	{`"status:3 OR status:4"`, `status:3 OR status:4`},
	{`"tag:null"`, `tag:null`},
	{`"agent_id:null"`, `agent_id:null`},
	{`"(cf_sector:'finance' OR cf_sector:'marketing') AND cf_locked:true"`, `(cf_sector:'finance' OR cf_sector:'marketing') AND cf_locked:true`},
	{`"priority:>3 AND group_id:11 AND status:2"`, `priority:>3 AND group_id:11 AND status:2`},
	{`"created_at:>'2017-01-01' AND created_at:<'2017-01-31'"`, `created_at:>'2017-01-01' AND created_at:<'2017-01-31'`},
	{`"custom_string:theactualkeyword"`, `custom_string:theactualkeyword`},
	{`"(ticket_field:integer OR ticket_field:'string') AND ticket_field:boolean"`, `(ticket_field:integer OR ticket_field:'string') AND ticket_field:boolean`},
	{`"email:'a.b@c.com'"`, `email:'a.b@c.com'`},
	{`"name:O'Brien"`, `name:O'Brien`},
}

// referenceInvalid are the reference's invalid raw values.
var referenceInvalid = []string{
	`priority:3`,
	`'priority:3'`,
	``,
}

func TestParseReferenceExamples(t *testing.T) {
	for _, tc := range referenceValid {
		e, err := Parse(tc.raw)
		if err != nil {
			t.Errorf("Parse(%s): %v", tc.raw, err)
			continue
		}
		if got := e.String(); got != tc.canonical {
			t.Errorf("Parse(%s).String() = %q, want %q", tc.raw, got, tc.canonical)
		}
	}
	for _, raw := range referenceInvalid {
		if _, err := Parse(raw); !IsFormat(err) {
			t.Errorf("Parse(%q) = %v, want the format error", raw, err)
		}
	}
}

func TestParseOuterQuotes(t *testing.T) {
	tests := []struct {
		raw, canonical string // canonical "" = format error
	}{
		{`  "priority:3"  `, `priority:3`},
		{`" priority:3 "`, `priority:3`},
		{"\"priority:3\"\n", `priority:3`},
		{`"priority:3`, ``},
		{`priority:3"`, ``},
		{`""`, ``},
		{`"  "`, ``},
		{"\"priority:3\n\"", ``}, // the quotes must be on one line
		// The server only checks that a quote pair exists, then drops the
		// first and last characters whatever they are.
		{`x"priority:3"x`, ``},
		{`xname:'"a"'x`, `name:'"a"'`},
		{`é"priority:3"é`, ``},
		{`""priority:3""`, ``},
	}
	for _, tc := range tests {
		e, err := Parse(tc.raw)
		switch {
		case tc.canonical == "" && !IsFormat(err):
			t.Errorf("Parse(%q) = %v, %v; want format error", tc.raw, e, err)
		case tc.canonical != "" && err != nil:
			t.Errorf("Parse(%q): %v", tc.raw, err)
		case tc.canonical != "" && e.String() != tc.canonical:
			t.Errorf("Parse(%q) = %q, want %q", tc.raw, e.String(), tc.canonical)
		}
	}
}

func TestParseInnerGrammar(t *testing.T) {
	tests := []struct {
		in, canonical string // canonical "" = format error
	}{
		// Spacing.
		{`priority :3`, `priority:3`},
		{`priority: 3`, `priority:3`},
		{"priority:\t3", `priority:3`},
		{`priority:> 3`, `priority:>3`},
		{`priority: >3`, ``}, // > must follow the colon
		{`created_at:< '2017-01-31'`, `created_at:<'2017-01-31'`},
		{`( priority:3 )`, `priority:3`},
		{`((priority:3))`, `priority:3`},
		{`priority:3 AND  status:2`, `priority:3 AND status:2`},
		{"priority:3\tOR\tstatus:2", `priority:3 OR status:2`},
		{"tag:'\"\"'\nOR\r\nstatus:2", `tag:'""' OR status:2`}, // the first line holds a quote pair
		{`priority:3 and status:2`, `priority:3 AND status:2`},
		{`priority:3 oR status:2`, `priority:3 OR status:2`},
		{`priority:3AND status:2`, ``},
		{`priority:3 ANDstatus:2`, ``},
		{`(priority:3)AND status:2`, ``},
		{`priority:3 AND(status:2)`, ``},
		{`priority:3 status:2`, ``},
		{`priority:3  )`, ``},
		{`priority:3 && status:2`, ``},
		{`priority:3 AND OR status:2`, ``},
		{`priority:3 AND or:2`, `priority:3 AND or:2`}, // a field named or
		// Empty and unbalanced.
		{``, ``},
		{`()`, ``},
		{`( )`, ``},
		{`(priority:3`, ``},
		{`priority:3)`, ``},
		{`(priority:3))`, ``},
		{`AND priority:3`, ``},
		{`priority:3 AND`, ``},
		{`priority:3 AND `, ``},
		// Fields.
		{`Priority:3`, `priority:3`},
		{`CF_Sector:'x'`, `cf_sector:'x'`},
		{`_x:1`, ``},
		{`1x:1`, ``},
		{`a-b:1`, ``},
		{`priority=3`, ``},
		{`priority:`, ``},
		// Terms.
		{`tag:a_b@c`, `tag:a_b@c`},
		{`tag:a'b'c`, `tag:a'b'c`},
		{`tag:a''b`, ``},
		{`tag:a'`, ``},
		{`tag:'a b-c.d'`, `tag:'a b-c.d'`},
		{`tag:''`, ``},
		{`tag:'abc`, ``},
		{`tag:'a'b`, ``},
		{`tag:a.b`, ``},
		{`tag:a-b`, ``},
		{`custom_number:-5`, `custom_number:-5`},
		{`custom_number:-`, ``},
		{`priority:>-3`, `priority:>-3`},
		{`created_at:>'2017-01-01T10:20:30Z'`, `created_at:>'2017-01-01T10:20:30Z'`},
		{`created_at:>'2017-01-01T10:20:30'`, ``},
		{`created_at:>'2017-1-01'`, ``},
		{`created_at:>'abc'`, ``},
		{`created_at:>abc`, ``},
		{`created_at:>3abc`, ``},
		{`created_at:>=3`, ``},
		{`priority:3abc`, `priority:3abc`},
		{`priority:"3"`, ``},
		{`name:'çé 日本'`, `name:'çé 日本'`},
		{`name:çé`, ``},
		// Precedence: AND binds tighter than OR; both left-associative.
		{`a:1 OR b:2 AND c:3`, `a:1 OR b:2 AND c:3`},
		{`a:1 AND b:2 OR c:3`, `a:1 AND b:2 OR c:3`},
		{`(a:1 OR b:2) AND c:3`, `(a:1 OR b:2) AND c:3`},
		{`a:1 AND (b:2 AND c:3)`, `a:1 AND (b:2 AND c:3)`},
		{`(a:1 AND b:2) AND c:3`, `a:1 AND b:2 AND c:3`},
		{`a:1 OR (b:2 OR c:3)`, `a:1 OR (b:2 OR c:3)`},
		{`a:1 OR (b:2 AND c:3)`, `a:1 OR b:2 AND c:3`},
	}
	for _, tc := range tests {
		e, err := ParseInner(tc.in)
		switch {
		case tc.canonical == "" && !IsFormat(err):
			t.Errorf("ParseInner(%q) = %v, %v; want format error", tc.in, e, err)
		case tc.canonical != "" && err != nil:
			t.Errorf("ParseInner(%q): %v", tc.in, err)
		case tc.canonical != "" && e.String() != tc.canonical:
			t.Errorf("ParseInner(%q) = %q, want %q", tc.in, e.String(), tc.canonical)
		}
	}
}

func TestPrecedenceTree(t *testing.T) {
	got, err := ParseInner(`a:1 OR b:2 AND c:3`)
	if err != nil {
		t.Fatal(err)
	}
	or, ok := got.(*Or)
	if !ok {
		t.Fatalf("root is %T, want *Or", got)
	}
	if c, ok := or.Left.(*Cond); !ok || c.Field != "a" {
		t.Errorf("left = %v, want a:1", or.Left)
	}
	if and, ok := or.Right.(*And); !ok || and.String() != "b:2 AND c:3" {
		t.Errorf("right = %v, want b:2 AND c:3", or.Right)
	}
	explicit, _ := ParseInner(`a:1 OR (b:2 AND c:3)`)
	if explicit.String() != got.String() {
		t.Errorf("a OR b AND c = %q, a OR (b AND c) = %q", got, explicit)
	}
	left, _ := ParseInner(`a:1 AND b:2 AND c:3`)
	if and, ok := left.(*And); !ok || and.Left.String() != "a:1 AND b:2" {
		t.Errorf("AND chain is not left-associative: %#v", left)
	}
}

func TestValues(t *testing.T) {
	tests := []struct {
		in   string
		op   Op
		kind ValueKind
		raw  string
		n    int64
		text string
	}{
		{`f:3`, Eq, Int, "3", 3, "3"},
		{`f:-3`, Eq, Int, "-3", -3, "-3"},
		{`f:0x1f`, Eq, Int, "0x1f", 31, "0x1f"},
		{`f:017`, Eq, Int, "017", 15, "017"},
		{`f:08`, Eq, Word, "08", 0, "08"},
		{`f:1_000`, Eq, Int, "1_000", 1000, "1_000"},
		{`f:1__0`, Eq, Word, "1__0", 0, "1__0"},
		{`f:0b101`, Eq, Int, "0b101", 5, "0b101"},
		{`f:99999999999999999999`, Eq, Int, "99999999999999999999", 1<<63 - 1, "99999999999999999999"},
		{`f:null`, Eq, NoValue, "null", 0, ""},
		{`f:NULL`, Eq, Word, "NULL", 0, "NULL"},
		{`f:'null'`, Eq, Quoted, "null", 0, "null"},
		{`f:'3'`, Eq, Quoted, "3", 0, "3"},
		{`f:true`, Eq, Word, "true", 0, "true"},
		{`f:O'Brien`, Eq, Word, "O'Brien", 0, "O'Brien"},
		{`f:a'b'c`, Eq, Word, "a'b'c", 0, "'b'"},
		{"f:'\"a\"\nb'", Eq, Quoted, "\"a\"\nb", 0, "'\"a\"\nb'"}, // keeps its quotes: a newline inside
		{`f:>'2017-01-01'`, Gte, Quoted, "2017-01-01", 0, "2017-01-01"},
		{`f:<5`, Lte, Int, "5", 5, "5"},
		{`f:<08`, Lte, Word, "08", 0, "08"},
	}
	for _, tc := range tests {
		e, err := ParseInner(tc.in)
		if err != nil {
			t.Errorf("ParseInner(%q): %v", tc.in, err)
			continue
		}
		c := e.(*Cond)
		v := c.Value
		if c.Op != tc.op || v.Kind != tc.kind || v.Raw != tc.raw || v.Int != tc.n || v.Text() != tc.text {
			t.Errorf("ParseInner(%q) = op %v %+v text %q; want op %v kind %v raw %q int %d text %q",
				tc.in, c.Op, v, v.Text(), tc.op, tc.kind, tc.raw, tc.n, tc.text)
		}
	}
}

func TestLengthLimit(t *testing.T) {
	ok512 := "tag:'" + strings.Repeat("x", 506) + "'"
	if len(ok512) != 512 {
		t.Fatalf("setup: len %d", len(ok512))
	}
	if _, err := Parse(Quote(ok512)); err != nil {
		t.Errorf("512 characters: %v", err)
	}
	// Surrounding spaces inside the quotes are stripped before counting.
	if _, err := Parse(`"  ` + ok512 + `  "`); err != nil {
		t.Errorf("512 characters with padding: %v", err)
	}
	long := strings.Replace(ok512, "'x", "'xx", 1)
	_, err := Parse(Quote(long))
	want := `{"description":"Validation failed","errors":[{"field":"query","message":"Has 513 characters, it can have maximum of 512 characters","code":"invalid_value"}]}`
	if got := bodyJSON(t, err); got != want {
		t.Errorf("513 characters: body %s\nwant %s", got, want)
	}
	// The reference's example: 600 characters.
	six := "tag:'" + strings.Repeat("y", 594) + "'"
	_, err = Parse(Quote(six))
	want = `{"description":"Validation failed","errors":[{"field":"query","message":"Has 600 characters, it can have maximum of 512 characters","code":"invalid_value"}]}`
	if got := bodyJSON(t, err); got != want {
		t.Errorf("600 characters: body %s\nwant %s", got, want)
	}
	// Characters, not bytes: 300 two-byte characters are within the limit.
	if _, err := ParseInner("tag:'" + strings.Repeat("é", 300) + "'"); err != nil {
		t.Errorf("multi-byte: %v", err)
	}
	// The length is checked before the grammar.
	_, err = ParseInner(strings.Repeat("(", 513))
	var qe *Error
	if !errors.As(err, &qe) || !strings.HasPrefix(qe.Errors[0].Message, "Has 513 characters") {
		t.Errorf("length before format: %v", err)
	}
}

func TestFormatErrorBody(t *testing.T) {
	_, err := Parse(`priority:3`)
	want := `{"description":"Validation failed","errors":[{"field":"query","message":"Given query is invalid, expected format \"keyword:value  OPERATOR keyword:'string' OPERATOR keyword:>'yyyy-mm-dd' OPERATOR keyword:<integer\". Space is mandatory between key/value pair and operator. Please check the paranthesis if there are any.","code":"invalid_value"}]}`
	if got := bodyJSON(t, err); got != want {
		t.Errorf("body\n%s\nwant\n%s", got, want)
	}
	if got := err.Error(); !strings.HasPrefix(got, "query: Given query is invalid") {
		t.Errorf("Error() = %q", got)
	}
	// Standard json.Marshal escapes < and >; the JSON value is still the same.
	b, _ := json.Marshal(err.(*Error).Body())
	var a, w any
	_ = json.Unmarshal(b, &a)
	_ = json.Unmarshal([]byte(want), &w)
	if ab, wb := mustJSON(a), mustJSON(w); ab != wb {
		t.Errorf("json.Marshal body differs semantically:\n%s\n%s", ab, wb)
	}
}

// bodyJSON encodes err's Freshdesk body without HTML escaping, as the
// reference prints it.
func bodyJSON(t *testing.T, err error) string {
	t.Helper()
	var qe *Error
	if !errors.As(err, &qe) {
		t.Fatalf("error %v (%T) is not *Error", err, err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(qe.Body()); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestRoundTrip(t *testing.T) {
	inputs := []string{
		`a:1 OR b:2 AND c:3`,
		`(a:1 OR b:2) AND (c:3 OR d:4)`,
		`a:1 AND (b:2 AND (c:3 OR d:null))`,
		`((a:1 OR b:2) OR c:3) AND d:>'2017-01-01T00:00:00Z'`,
		`x:'a "quoted" b' OR y:O'Brien`,
		`a:1 OR (b:2 OR c:3) AND d:4`,
	}
	for _, in := range inputs {
		e, err := ParseInner(in)
		if err != nil {
			t.Errorf("ParseInner(%q): %v", in, err)
			continue
		}
		s := e.String()
		e2, err := ParseInner(s)
		if err != nil {
			t.Errorf("re-parse %q: %v", s, err)
			continue
		}
		if !equalExpr(e, e2) {
			t.Errorf("round trip of %q: %q -> %q", in, s, e2.String())
		}
		if e3, err := Parse(Quote(s)); err != nil || !equalExpr(e, e3) {
			t.Errorf("Parse(Quote(%q)) = %v, %v", s, e3, err)
		}
	}
}

// equalExpr compares trees structurally.
func equalExpr(a, b Expr) bool {
	switch x := a.(type) {
	case *And:
		y, ok := b.(*And)
		return ok && equalExpr(x.Left, y.Left) && equalExpr(x.Right, y.Right)
	case *Or:
		y, ok := b.(*Or)
		return ok && equalExpr(x.Left, y.Left) && equalExpr(x.Right, y.Right)
	case *Cond:
		y, ok := b.(*Cond)
		return ok && *x == *y
	}
	return false
}

func BenchmarkParse(b *testing.B) {
	const raw = `"(cf_sector:'finance' OR cf_sector:'marketing') AND priority:>3 AND created_at:>'2017-01-01'"`
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(raw); err != nil {
			b.Fatal(err)
		}
	}
}

func TestErrorText(t *testing.T) {
	e := &Error{Errors: []FieldError{{"a", "m1", "c"}, {"b", "m2", "c"}}}
	if got := e.Error(); got != "a: m1; b: m2" {
		t.Errorf("Error() = %q", got)
	}
	if IsFormat(errors.New("x")) || IsFormat(e) {
		t.Error("IsFormat true for a non-format error")
	}
}

func TestParseInnerLineBreaks(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"a:1\nAND b:2", false},            // Quote(s) has no quote pair on one line
		{"a:'x\ny'", false},                // even inside a quoted value
		{"a:'\"x\"\ny'", true},             // a pair on the first line
		{"a:1\nAND b:'\"'", true},          // the closing quote joins a quote on the last line
		{"a:1\nOR b:'\"\"'\nOR c:1", true}, // a pair on a middle line
		{"a:1 AND b:2", true},
	}
	for _, tc := range tests {
		_, err := ParseInner(tc.in)
		_, qerr := Parse(Quote(tc.in))
		if (err == nil) != tc.ok || (qerr == nil) != tc.ok {
			t.Errorf("ParseInner(%q) = %v, Parse(Quote) = %v; want ok %v", tc.in, err, qerr, tc.ok)
		}
	}
}
