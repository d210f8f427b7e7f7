package query

// The lexer mirrors the server's scanner: at each position it tries, in
// order, "(" + spaces, spaces + ")", spaces + AND|OR + spaces, and a
// FIELD:TERM pair, anchored at the current position and without skipping
// whitespace first. Anything else is a format error.

type tokKind uint8

const (
	tokLParen tokKind = iota
	tokRParen
	tokAnd
	tokOr
	tokPair
)

type token struct {
	kind tokKind
	cond *Cond // for tokPair
}

// isSpace is Ruby's \s: space, \t, \n, \v, \f, \r.
func isSpace(c byte) bool {
	return c == ' ' || (c >= '\t' && c <= '\r')
}

func isAlpha(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isFieldChar is [a-zA-Z0-9_].
func isFieldChar(c byte) bool { return isAlpha(c) || isDigit(c) || c == '_' }

// isWordChar is [0-9a-zA-Z_@].
func isWordChar(c byte) bool { return isFieldChar(c) || c == '@' }

func skipSpaces(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

// lex splits s into tokens, or reports a format error.
func lex(s string) ([]token, error) {
	toks := make([]token, 0, 8)
	i := 0
	for i < len(s) {
		if s[i] == '(' {
			toks = append(toks, token{kind: tokLParen})
			i = skipSpaces(s, i+1)
			continue
		}
		j := skipSpaces(s, i)
		if j < len(s) && s[j] == ')' {
			toks = append(toks, token{kind: tokRParen})
			i = j + 1
			continue
		}
		if j > i {
			if k, kind, ok := lexBool(s, j); ok {
				toks = append(toks, token{kind: kind})
				i = k
				continue
			}
			return nil, formatError()
		}
		c, k, ok := lexPair(s, i)
		if !ok {
			return nil, formatError()
		}
		toks = append(toks, token{kind: tokPair, cond: c})
		i = k
	}
	return toks, nil
}

// lexBool matches (AND|OR)\s+ at i (the leading whitespace is already
// consumed) case-insensitively and returns the position after the trailing
// whitespace.
func lexBool(s string, i int) (int, tokKind, bool) {
	var kind tokKind
	var n int
	switch {
	case hasFoldPrefix(s[i:], "and"):
		kind, n = tokAnd, 3
	case hasFoldPrefix(s[i:], "or"):
		kind, n = tokOr, 2
	default:
		return 0, 0, false
	}
	k := skipSpaces(s, i+n)
	if k == i+n {
		return 0, 0, false
	}
	return k, kind, true
}

func hasFoldPrefix(s, lower string) bool {
	if len(s) < len(lower) {
		return false
	}
	for i := 0; i < len(lower); i++ {
		if s[i]|0x20 != lower[i] {
			return false
		}
	}
	return true
}

// lexPair matches FIELD\s*:TERM at i.
func lexPair(s string, i int) (*Cond, int, bool) {
	if i >= len(s) || !isAlpha(s[i]) {
		return nil, 0, false
	}
	start := i
	for i < len(s) && isFieldChar(s[i]) {
		i++
	}
	field := s[start:i]
	i = skipSpaces(s, i)
	if i >= len(s) || s[i] != ':' {
		return nil, 0, false
	}
	i++
	// Equality term, optionally preceded by whitespace.
	if v, k, ok := lexValue(s, skipSpaces(s, i)); ok {
		return &Cond{Field: lowerASCII(field), Op: Eq, Value: v}, k, true
	}
	// Relational term: > or < directly after the colon.
	if i < len(s) && (s[i] == '>' || s[i] == '<') {
		op := Gte
		if s[i] == '<' {
			op = Lte
		}
		if v, k, ok := lexRelational(s, skipSpaces(s, i+1)); ok {
			return &Cond{Field: lowerASCII(field), Op: op, Value: v}, k, true
		}
	}
	return nil, 0, false
}

// lexValue matches a bare word (with inner apostrophes between word
// characters), a single-quoted string or a negative integer at i.
func lexValue(s string, i int) (Value, int, bool) {
	if i >= len(s) {
		return Value{}, 0, false
	}
	switch c := s[i]; {
	case isWordChar(c):
		k := i
		for k < len(s) && isWordChar(s[k]) {
			k++
		}
		for k+1 < len(s) && s[k] == '\'' && isWordChar(s[k+1]) {
			k += 2
			for k < len(s) && isWordChar(s[k]) {
				k++
			}
		}
		return wordValue(s[i:k]), k, true
	case c == '\'':
		k := i + 1
		for k < len(s) && s[k] != '\'' {
			k++
		}
		if k >= len(s) || k == i+1 {
			return Value{}, 0, false
		}
		return Value{Kind: Quoted, Raw: s[i+1 : k]}, k + 1, true
	case c == '-':
		k := i + 1
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		if k == i+1 {
			return Value{}, 0, false
		}
		return intValue(s[i:k]), k, true
	}
	return Value{}, 0, false
}

// lexRelational matches 'YYYY-MM-DD', 'YYYY-MM-DDTHH:MM:SSZ' or -?[0-9]+ at i.
func lexRelational(s string, i int) (Value, int, bool) {
	if i >= len(s) {
		return Value{}, 0, false
	}
	if s[i] == '\'' {
		for _, pat := range [...]string{"'dddd-dd-dd'", "'dddd-dd-ddTdd:dd:ddZ'"} {
			if matchPattern(s[i:], pat) {
				return Value{Kind: Quoted, Raw: s[i+1 : i+len(pat)-1]}, i + len(pat), true
			}
		}
		return Value{}, 0, false
	}
	k := i
	if s[k] == '-' {
		k++
	}
	d := k
	for k < len(s) && isDigit(s[k]) {
		k++
	}
	if k == d {
		return Value{}, 0, false
	}
	return intValue(s[i:k]), k, true
}

// matchPattern reports whether s starts with pat, where 'd' in pat stands
// for an ASCII digit and every other byte for itself.
func matchPattern(s, pat string) bool {
	if len(s) < len(pat) {
		return false
	}
	for i := 0; i < len(pat); i++ {
		if pat[i] == 'd' {
			if !isDigit(s[i]) {
				return false
			}
		} else if s[i] != pat[i] {
			return false
		}
	}
	return true
}

func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
