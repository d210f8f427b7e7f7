package shape

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sanitize makes untrusted text safe and compact to show a model:
//
//   - removes zero-width characters (U+200B..U+200D, U+2060..U+2064, U+FEFF),
//     bidi controls (U+202A..U+202E, U+2066..U+2069, U+200E, U+200F, U+061C),
//     Unicode tag characters (U+E0000..U+E007F), the soft hyphen and every
//     other invisible format (Cf) character, Hangul filler characters, the
//     combining grapheme joiner, runs of variation selectors and C0/C1
//     controls (except \n and \t);
//   - replaces each run of invalid UTF-8 bytes with one U+FFFD;
//   - keeps what real scripts need: a single ZWJ inside an emoji sequence or
//     between letters of a joining script (Arabic, Indic, ...), a single ZWNJ
//     between letters of a joining script, one variation selector after a
//     base character (emoji presentation, Japanese IVS), the Arabic
//     prepended concatenation marks; Korean and Japanese text is untouched;
//   - turns NBSP-like spaces into a plain space, CR LF / CR / U+2028 / U+2029
//     into \n, trims trailing spaces on every line, collapses runs of blank
//     lines into one and trims leading blank lines and trailing whitespace.
//
// Use [HasHidden] or [CountHidden] on the same input to learn whether
// anything invisible was removed.
func Sanitize(s string) string {
	out, _ := sanitize(s)
	return out
}

// HasHidden reports whether s contains characters that [Sanitize] removes as
// invisible or deceptive (zero-width, bidi, tag and other format characters,
// control characters). Whitespace normalisation does not count.
func HasHidden(s string) bool {
	return CountHidden(s) > 0
}

// CountHidden returns how many invisible or deceptive characters [Sanitize]
// would remove from s. Useful to flag possible prompt-injection attempts.
func CountHidden(s string) int {
	_, n := stripHidden(s)
	return n
}

// sanitize strips hidden characters and normalises whitespace; it returns
// the clean text and the number of hidden characters removed.
func sanitize(s string) (string, int) {
	s, n := stripHidden(s)
	return normalizeSpace(s), n
}

// stripHidden removes invisible and control characters and maps exotic
// spaces and line separators to ' ' and '\n'. It returns s itself (no
// allocation) when nothing changes.
func stripHidden(s string) (string, int) {
	if isPlainASCII(s) {
		return s, 0
	}
	var b strings.Builder
	removed := 0
	changed := false
	prev := rune(-1) // last rune written; -1 at start
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7f {
			// Printable ASCII: the common case, no decoding needed.
			if changed {
				b.WriteByte(c)
			}
			prev = rune(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isPlainLetter(r) {
			if changed {
				b.WriteString(s[i : i+size])
			}
			prev = r
			i += size
			continue
		}
		if r == utf8.RuneError && size == 1 {
			// Invalid UTF-8 (a mis-declared charset, usually): one U+FFFD
			// per run of bad bytes shows that something was there.
			if !changed {
				b.Grow(len(s))
				b.WriteString(s[:i])
				changed = true
			}
			if prev != utf8.RuneError {
				b.WriteRune(utf8.RuneError)
				prev = utf8.RuneError
			}
			i += size
			continue
		}
		next := rune(-1)
		if i+size < len(s) {
			next, _ = utf8.DecodeRuneInString(s[i+size:])
		}
		repl, keep := classify(prev, r, next)
		if keep && repl == r {
			if changed {
				b.WriteRune(r)
			}
			prev = r
			i += size
			continue
		}
		if !changed {
			b.Grow(len(s))
			b.WriteString(s[:i])
			changed = true
		}
		if keep {
			b.WriteRune(repl)
			prev = repl
		} else if repl == 0 {
			removed++
		}
		i += size
	}
	if !changed {
		return s, 0
	}
	return b.String(), removed
}

// classify decides what to do with r given its neighbours: keep it
// (possibly replaced by repl) or drop it. A dropped rune with repl == 0 is
// counted as hidden; repl == -1 drops silently (a bare CR of a CR LF pair).
func classify(prev, r, next rune) (repl rune, keep bool) {
	switch {
	case r == '\n' || r == '\t':
		return r, true
	case r == '\r':
		if next == '\n' {
			return -1, false
		}
		return '\n', true
	case r == '\v' || r == '\f' || r == '\u2028' || r == '\u2029' || r == '\u0085':
		return '\n', true
	case r < 0x20 || (r >= 0x7f && r < 0xa0):
		return 0, false
	case r < 0x80:
		return r, true
	case r == '\u00a0' || r == '\u2007' || r == '\u202f' || (r >= '\u2000' && r <= '\u200a') || r == '\u205f':
		// NBSP and friends look like a space; U+3000 (ideographic space) is
		// kept because CJK text uses it deliberately.
		return ' ', true
	case r == '\u200d': // ZWJ
		if (isPictographic(prev) || prev == '\ufe0f') && isPictographic(next) {
			return r, true
		}
		if isJoiningScriptLetter(prev) && isJoiningScriptLetter(next) {
			return r, true
		}
		return 0, false
	case r == '\u200c': // ZWNJ
		if isJoiningScriptLetter(prev) && isJoiningScriptLetter(next) {
			return r, true
		}
		return 0, false
	case isVariationSelector(r):
		if prev < 0 || isVariationSelector(prev) || prev == '\n' || prev == ' ' || prev < 0x20 {
			return 0, false
		}
		return r, true
	case r == '\u034f' || r == '\u115f' || r == '\u1160' || r == '\u3164' || r == '\uffa0':
		// Combining grapheme joiner and Hangul fillers render as nothing
		// and are a known way to hide text; modern Hangul never needs them.
		return 0, false
	case r >= 0xe0000 && r <= 0xe007f: // tag characters
		return 0, false
	case isPrependedConcatenationMark(r):
		return r, true
	case unicode.Is(unicode.Cf, r):
		return 0, false
	case r >= 0xfff9 && r <= 0xfffb, r == 0xfffc: // interlinear annotation, object replacement
		return 0, false
	case r == utf8.RuneError:
		return r, true
	}
	return r, true
}

// isPlainLetter is a fast path for ranges that hold no format, control or
// space characters: Latin-1 letters up to Arabic, and CJK/Hangul.
func isPlainLetter(r rune) bool {
	return (r >= 0xc0 && r < 0x600 && r != 0x34f) ||
		(r >= 0x3040 && r <= 0xd7ff && r != 0x3164)
}

func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}

func isVariationSelector(r rune) bool {
	return (r >= 0xfe00 && r <= 0xfe0f) || (r >= 0xe0100 && r <= 0xe01ef)
}

// isPictographic approximates Extended_Pictographic plus skin-tone modifiers,
// enough to keep ZWJ emoji sequences (family, profession, flag) intact.
func isPictographic(r rune) bool {
	switch {
	case r >= 0x1f000 && r <= 0x1faff:
		return true
	case r >= 0x2600 && r <= 0x27bf:
		return true
	case r >= 0x2300 && r <= 0x23ff:
		return true
	case r >= 0x2b00 && r <= 0x2bff:
		return true
	case r == 0x00a9 || r == 0x00ae || r == 0x203c || r == 0x2049 || r == 0x2122 || r == 0x2139:
		return true
	}
	return false
}

// joiningScripts are scripts whose orthography uses ZWJ/ZWNJ between letters.
var joiningScripts = []*unicode.RangeTable{
	unicode.Arabic, unicode.Syriac, unicode.Nko, unicode.Mongolian,
	unicode.Devanagari, unicode.Bengali, unicode.Gurmukhi, unicode.Gujarati,
	unicode.Oriya, unicode.Tamil, unicode.Telugu, unicode.Kannada,
	unicode.Malayalam, unicode.Sinhala, unicode.Khmer, unicode.Myanmar,
}

func isJoiningScriptLetter(r rune) bool {
	if r < 0x600 {
		return false
	}
	if !unicode.IsLetter(r) && !unicode.IsMark(r) {
		return false
	}
	return unicode.IsOneOf(joiningScripts, r)
}

func isPrependedConcatenationMark(r rune) bool {
	return (r >= 0x600 && r <= 0x605) || r == 0x6dd || r == 0x70f ||
		r == 0x890 || r == 0x891 || r == 0x8e2 || r == 0x110bd || r == 0x110cd
}

// normalizeSpace trims trailing spaces and tabs on every line, collapses
// runs of blank lines into one and trims leading blank lines and trailing
// whitespace. Input must already use \n line endings.
func normalizeSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	blank := 0
	started := false
	for len(s) > 0 {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		line = strings.TrimRight(line, " \t")
		if line == "" {
			blank++
			continue
		}
		if started {
			b.WriteByte('\n')
			if blank > 0 {
				b.WriteByte('\n')
			}
		}
		b.WriteString(line)
		started = true
		blank = 0
	}
	return b.String()
}
