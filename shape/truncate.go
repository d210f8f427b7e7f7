package shape

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Runes returns the number of runes (Unicode code points) in s; sizes and
// caps in this project are counted in runes, never bytes.
func Runes(s string) int {
	return utf8.RuneCountInString(s)
}

// Truncate shortens s to at most maxRunes runes and reports whether it cut.
//
// It never splits a rune. Within the last tenth of the allowed length (at
// least 16 runes, at most a third, on short caps) it
// prefers, in order, a paragraph break, a line break, the end of a sentence
// (including the CJK full stops 。！？) and a word boundary; failing those it
// cuts hard, but steps back so that combining marks, variation selectors,
// ZWJ sequences and skin-tone modifiers stay with their base character.
// Trailing whitespace is trimmed from the result; no ellipsis is added
// (callers append their own explicit note). maxRunes <= 0 yields "".
func Truncate(s string, maxRunes int) (string, bool) {
	if maxRunes <= 0 {
		return "", s != ""
	}
	// Fast path: byte length bounds rune count.
	if len(s) <= maxRunes {
		return s, false
	}
	hard := -1 // byte offset of rune number maxRunes
	n := 0
	for i := range s {
		if n == maxRunes {
			hard = i
			break
		}
		n++
	}
	if hard < 0 {
		return s, false
	}
	// Look back over the last tenth, but at least a few words' worth on
	// short caps (never more than a third of the text).
	window := max(maxRunes/10, min(16, maxRunes/3), 1)
	// lo is the byte offset of the earliest acceptable soft cut.
	lo := hard
	for k := 0; k < window && lo > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(s[:lo])
		lo -= size
	}
	head := s[:hard]
	if cut := softCut(head, lo); cut > 0 {
		return strings.TrimRight(s[:cut], " \t\n"), true
	}
	cut := graphemeSafe(s, hard)
	if cut == 0 {
		// A single enormous grapheme cluster: fall back to the rune boundary.
		cut = hard
	}
	return strings.TrimRight(s[:cut], " \t\n"), true
}

// softCut returns the best byte offset >= lo to cut head at, or 0.
func softCut(head string, lo int) int {
	if lo >= len(head) {
		return 0
	}
	if i := strings.LastIndex(head[lo:], "\n\n"); i >= 0 && lo+i > 0 {
		return lo + i
	}
	if i := strings.LastIndexByte(head[lo:], '\n'); i >= 0 && lo+i > 0 {
		return lo + i
	}
	// Sentence end: a terminator followed by a space, or a CJK full stop.
	best := 0
	for i := len(head); i > lo; {
		r, size := utf8.DecodeLastRuneInString(head[:i])
		switch r {
		case '。', '！', '？', '．':
			best = i
		case '.', '!', '?':
			if i < len(head) && head[i] == ' ' {
				best = i
			}
		}
		if best > 0 {
			return best
		}
		i -= size
	}
	if i := strings.LastIndexAny(head[lo:], " \t、，"); i >= 0 && lo+i > 0 {
		return lo + i
	}
	return 0
}

// graphemeSafe moves cut back (never forward) so that the rune at cut does
// not continue the cluster before it.
func graphemeSafe(s string, cut int) int {
	for cut > 0 && cut < len(s) {
		r, _ := utf8.DecodeRuneInString(s[cut:])
		p, psize := utf8.DecodeLastRuneInString(s[:cut])
		if !continuesCluster(p, r) {
			break
		}
		cut -= psize
	}
	return cut
}

// continuesCluster reports whether r extends the grapheme cluster ending
// with p (a practical subset of UAX #29).
func continuesCluster(p, r rune) bool {
	switch {
	case unicode.Is(unicode.Mn, r), unicode.Is(unicode.Me, r), unicode.Is(unicode.Mc, r):
		return true
	case isVariationSelector(r), r == '\u200d', r == '\u200c':
		return true
	case r >= 0x1f3fb && r <= 0x1f3ff: // skin tone
		return true
	case r >= 0xe0020 && r <= 0xe007f: // emoji tag sequence
		return true
	case p == '\u200d':
		return true
	case r >= 0x1160 && r <= 0x11ff && p >= 0x1100 && p <= 0x11ff: // conjoining jamo
		return true
	case r >= 0x1f1e6 && r <= 0x1f1ff && p >= 0x1f1e6 && p <= 0x1f1ff: // regional indicators
		return true
	case p == '\r' && r == '\n':
		return true
	}
	return false
}
