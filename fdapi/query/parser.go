package query

import (
	"math"
	"strings"
	"unicode/utf8"
)

// Parse parses the raw value of the query URL parameter, including its outer
// double quotes, exactly as Freshdesk does: the (whitespace-stripped) value
// must contain a pair of double quotes on one line, its first and last
// characters are dropped, the rest is stripped again and may hold at most
// MaxLen characters. Errors are *Error values with Freshdesk's own entries.
func Parse(raw string) (Expr, error) {
	s := rubyStrip(raw)
	if !hasQuotePair(s) {
		return nil, formatError()
	}
	// Drop the first and last characters (not bytes), as Ruby's
	// query[1, length-2] does. They cannot overlap: s holds two quotes.
	_, first := utf8.DecodeRuneInString(s)
	_, last := utf8.DecodeLastRuneInString(s)
	return parseStripped(rubyStrip(s[first : len(s)-last]))
}

// ParseInner parses a query given without its outer double quotes, as
// Freshdesk will see it once Quote adds them: ParseInner(s) is equivalent to
// Parse(Quote(s)). Surrounding whitespace is ignored. Because the server
// looks for the two quotes on one line, a line break in s (even inside a
// quoted value) is a format error unless some line still holds a quote pair.
func ParseInner(s string) (Expr, error) {
	if !quotedHasPair(s) {
		return nil, formatError()
	}
	return parseStripped(rubyStrip(s))
}

// Quote wraps an inner query in the double quotes Freshdesk requires. The
// result still needs URL encoding (url.Values does that).
func Quote(inner string) string {
	return `"` + inner + `"`
}

func parseStripped(s string) (Expr, error) {
	if n := utf8.RuneCountInString(s); n > MaxLen {
		return nil, lengthError(n)
	}
	toks, err := lex(s)
	if err != nil {
		return nil, err
	}
	p := parser{toks: toks}
	e, ok := p.or()
	if !ok || p.pos != len(p.toks) {
		return nil, formatError()
	}
	return e, nil
}

// parser is a precedence-climbing parser over the tokens: OR of ANDs of
// pairs or parenthesised expressions; both operators are left-associative.
type parser struct {
	toks []token
	pos  int
}

func (p *parser) peek(k tokKind) bool {
	return p.pos < len(p.toks) && p.toks[p.pos].kind == k
}

func (p *parser) or() (Expr, bool) {
	left, ok := p.and()
	for ok && p.peek(tokOr) {
		p.pos++
		var right Expr
		if right, ok = p.and(); ok {
			left = &Or{Left: left, Right: right}
		}
	}
	return left, ok
}

func (p *parser) and() (Expr, bool) {
	left, ok := p.primary()
	for ok && p.peek(tokAnd) {
		p.pos++
		var right Expr
		if right, ok = p.primary(); ok {
			left = &And{Left: left, Right: right}
		}
	}
	return left, ok
}

func (p *parser) primary() (Expr, bool) {
	if p.pos >= len(p.toks) {
		return nil, false
	}
	t := p.toks[p.pos]
	switch t.kind {
	case tokPair:
		p.pos++
		return t.cond, true
	case tokLParen:
		p.pos++
		e, ok := p.or()
		if !ok || !p.peek(tokRParen) {
			return nil, false
		}
		p.pos++
		return e, true
	}
	return nil, false
}

// rubyStrip removes what Ruby's String#strip removes: leading ASCII
// whitespace and trailing ASCII whitespace or NUL bytes.
func rubyStrip(s string) string {
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	j := len(s)
	for j > i && (isSpace(s[j-1]) || s[j-1] == 0) {
		j--
	}
	return s[i:j]
}

// hasQuotePair reports whether s matches /"(.*)"/: two double quotes with no
// newline between them.
func hasQuotePair(s string) bool {
	for line := range strings.SplitSeq(s, "\n") {
		if strings.Count(line, `"`) >= 2 {
			return true
		}
	}
	return false
}

// quotedHasPair is hasQuotePair(Quote(s)) without building the string: the
// added quotes join the first and the last line.
func quotedHasPair(s string) bool {
	first := strings.IndexByte(s, '\n')
	if first < 0 {
		return true
	}
	last := strings.LastIndexByte(s, '\n')
	if strings.Count(s[:first], `"`) >= 1 || strings.Count(s[last+1:], `"`) >= 1 {
		return true
	}
	return first < last && hasQuotePair(s[first+1:last])
}

// wordValue classifies a bare word: null, an integer as Ruby's Integer()
// reads it, or a word.
func wordValue(raw string) Value {
	if raw == "null" {
		return Value{Kind: NoValue, Raw: raw}
	}
	return intValue(raw)
}

// intValue converts raw to an Int value when Ruby's Integer() accepts it and
// to a Word otherwise ("08" is not valid octal, so it stays a word).
func intValue(raw string) Value {
	if n, ok := rubyInteger(raw); ok {
		return Value{Kind: Int, Raw: raw, Int: n}
	}
	return Value{Kind: Word, Raw: raw}
}

// rubyInteger parses s the way Ruby's Integer(s) does for the strings the
// lexer can produce: optional sign, 0x/0b/0o/0d prefixes, a leading 0 for
// octal, and single underscores between digits. Out-of-range values saturate.
func rubyInteger(s string) (int64, bool) {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	base := uint64(10)
	if len(s) > 1 && s[0] == '0' {
		switch s[1] | 0x20 {
		case 'x':
			base, s = 16, s[2:]
		case 'b':
			base, s = 2, s[2:]
		case 'o':
			base, s = 8, s[2:]
		case 'd':
			base, s = 10, s[2:]
		default:
			base = 8
		}
	}
	if s == "" || s[0] == '_' || s[len(s)-1] == '_' {
		return 0, false
	}
	var n uint64
	over := false
	prevUnderscore := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' {
			if prevUnderscore {
				return 0, false
			}
			prevUnderscore = true
			continue
		}
		prevUnderscore = false
		d := digitVal(c)
		if d >= base {
			return 0, false
		}
		if n > (math.MaxUint64-d)/base {
			over = true
		} else {
			n = n*base + d
		}
	}
	switch {
	case neg && (over || n > 1<<63):
		return math.MinInt64, true
	case neg:
		return -int64(n), true
	case over || n > math.MaxInt64:
		return math.MaxInt64, true
	}
	return int64(n), true
}

func digitVal(c byte) uint64 {
	switch {
	case isDigit(c):
		return uint64(c - '0')
	case (c|0x20) >= 'a' && (c|0x20) <= 'z':
		return uint64(c|0x20-'a') + 10
	}
	return 99
}
