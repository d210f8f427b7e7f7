package shape

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Outgoing text hygiene: what we send TO Freshdesk (reply and note bodies,
// subjects, tags, custom field values, e-mail addresses) is cleaned of
// characters a person reviewing a preview cannot see, so that what a
// person confirms is what the customer receives.
//
// Removed (each reported in the removal list):
//   - Unicode tag characters U+E0000..U+E007F. They spell invisible ASCII
//     ("ASCII smuggling"); an emoji subdivision flag (🏴 + tags) degrades to
//     a plain black flag, a loss we accept for the same reason as incoming.
//   - Bidi controls, all of them: embeddings and overrides U+202A..U+202E,
//     isolates U+2066..U+2069 and the marks U+200E, U+200F, U+061C. Removing
//     a mark changes at most the display order of mixed-direction runs,
//     never a character; an override can make text read differently from
//     what is sent, so none is kept.
//   - Zero-width and other invisible format (Cf) characters: U+200B, U+2060
//     word joiner, U+FEFF, U+00AD soft hyphen, U+180E, interlinear
//     annotation U+FFF9..U+FFFB, U+FFFC; the combining grapheme joiner
//     U+034F and the Hangul fillers (modern Hangul never needs them).
//   - C0 and C1 control characters and DEL. Multi-line fields (bodies,
//     paragraph custom fields) keep \n, \r and \t; single-line fields
//     (subjects, tags, e-mail addresses, text custom fields) lose them too.
//   - Invalid UTF-8 bytes (not producible from JSON, but the API is Go).
//
// Kept, because real text needs them (the same rules as incoming
// [Sanitize]): a ZWJ (U+200D) between two pictographs (emoji sequences
// 👩‍💻) or between two letters of a joining script (Arabic, Indic, ...);
// a ZWNJ (U+200C) between two letters of a joining script (Persian
// "می‌خواهم", Hindi half forms); one variation selector after a base
// character (emoji presentation, Japanese ideographic variants); the Arabic
// prepended concatenation marks. Visible spacing (NBSP, ideographic space,
// U+2028/U+2029 in multi-line text) is left as written: outgoing text is
// never reflowed, only stripped of what cannot be seen.

// TextKind says whether a field may hold line breaks and tabs.
type TextKind int

const (
	// MultiLine fields (reply and note bodies, paragraph custom fields)
	// keep \n, \r and \t.
	MultiLine TextKind = iota
	// SingleLine fields (subjects, tags, e-mail addresses, text custom
	// fields) lose line breaks and tabs as well.
	SingleLine
)

// Removal is one kind of character removed from outgoing text, for the
// preview a person confirms.
type Removal struct {
	// CodePoint is "U+200B", or "invalid UTF-8" for a byte that is not UTF-8.
	CodePoint string `json:"code_point"`
	// Name is the Unicode character name, e.g. "ZERO WIDTH SPACE".
	Name string `json:"name"`
	// Count is how many times it was removed.
	Count int `json:"count"`
}

// String renders r as "2 × U+200B ZERO WIDTH SPACE".
func (r Removal) String() string {
	return fmt.Sprintf("%d × %s %s", r.Count, r.CodePoint, r.Name)
}

// ErrEmptyText is returned (wrapped) by [CleanOutgoing] when nothing but
// whitespace is left once invisible characters are removed.
var ErrEmptyText = errors.New("the text is empty")

// invalidByte is the pseudo code point of a removed invalid UTF-8 byte.
const invalidByte = "invalid UTF-8"

// CleanOutgoing removes invisible, bidi-control, tag and control characters
// from text going out to Freshdesk (see the rules above) and returns the
// cleaned text and what was removed, grouped by code point in order of
// first occurrence. It returns an error wrapping ErrEmptyText when
// the result is empty or only whitespace, so callers must not call it for
// an optional field that was left out. Cleaning is idempotent: cleaning
// the result again removes nothing.
func CleanOutgoing(s string, kind TextKind) (string, []Removal, error) {
	out, removed := cleanOutgoing(s, kind)
	if strings.TrimSpace(out) == "" {
		if len(removed) == 0 {
			return out, nil, fmt.Errorf("%w (nothing but whitespace)", ErrEmptyText)
		}
		return out, removed, fmt.Errorf("%w once invisible characters are removed (removed: %s)", ErrEmptyText, FormatRemovals(removed))
	}
	return out, removed, nil
}

// FormatRemovals renders a removal list for a preview or an error message:
// "27 × U+E0041 TAG LATIN CAPITAL LETTER A, 1 × U+202E RIGHT-TO-LEFT
// OVERRIDE".
func FormatRemovals(rs []Removal) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.String()
	}
	return strings.Join(parts, ", ")
}

// cleanOutgoing does the work of CleanOutgoing without the empty check.
func cleanOutgoing(s string, kind TextKind) (string, []Removal) {
	var (
		b       strings.Builder
		removed []Removal
		index   map[string]int // code point -> position in removed
	)
	drop := func(key, name string) {
		if index == nil {
			index = map[string]int{}
		}
		if i, ok := index[key]; ok {
			removed[i].Count++
			return
		}
		index[key] = len(removed)
		removed = append(removed, Removal{CodePoint: key, Name: name, Count: 1})
	}
	changed := false
	prev := rune(-1) // last rune kept
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		keep := true
		if r == utf8.RuneError && size == 1 {
			keep = false
			drop(invalidByte, "INVALID UTF-8 BYTE")
		} else {
			next := rune(-1)
			if i+size < len(s) {
				next, _ = utf8.DecodeRuneInString(s[i+size:])
			}
			if !keepOutgoing(prev, r, next, kind) {
				keep = false
				drop(fmt.Sprintf("U+%04X", r), runeName(r))
			}
		}
		if !keep && !changed {
			b.Grow(len(s))
			b.WriteString(s[:i])
			changed = true
		}
		if keep {
			if changed {
				b.WriteString(s[i : i+size])
			}
			prev = r
		}
		i += size
	}
	if !changed {
		return s, nil
	}
	return b.String(), removed
}

// keepOutgoing decides whether r (between the last kept rune prev and the
// raw next rune) stays in outgoing text of kind.
func keepOutgoing(prev, r, next rune, kind TextKind) bool {
	switch {
	case r >= 0x20 && r < 0x7f:
		return true
	case r == '\n' || r == '\r' || r == '\t':
		return kind == MultiLine
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return false
	case r == '\u2028' || r == '\u2029':
		return kind == MultiLine
	}
	// The incoming rules decide the rest; a rune they keep or only
	// respell (exotic spaces) stays as written.
	repl, keep := classify(prev, r, next)
	return keep || repl == -1
}

// OutgoingForbidden reports whether r is never left in outgoing text of
// kind, whatever surrounds it. (ZWJ, ZWNJ and variation selectors are kept
// or removed depending on their neighbours and are not reported here.)
func OutgoingForbidden(r rune, kind TextKind) bool {
	if r == '\u200d' || r == '\u200c' || isVariationSelector(r) {
		return false
	}
	if !utf8.ValidRune(r) {
		return true
	}
	// With neighbours that make every context-dependent rune welcome, a
	// rune that is still removed is removed everywhere.
	return !keepOutgoing('a', r, 'a', kind)
}
