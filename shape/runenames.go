package shape

import (
	"strings"
	"unicode"
)

// Names of the characters outgoing hygiene removes, for the list a person
// confirms. A small table instead of golang.org/x/text/unicode/runenames,
// whose table of every Unicode name is more than a megabyte of the binary
// (and of the container image); TestRuneNamesMatchUnicode holds these to
// the Unicode names.

// formatNames are the invisible and direction-changing characters that
// appear in text.
var formatNames = map[rune]string{
	0x00AD: "SOFT HYPHEN", 0x034F: "COMBINING GRAPHEME JOINER", 0x061C: "ARABIC LETTER MARK",
	0x115F: "HANGUL CHOSEONG FILLER", 0x1160: "HANGUL JUNGSEONG FILLER", 0x17B4: "KHMER VOWEL INHERENT AQ",
	0x17B5: "KHMER VOWEL INHERENT AA", 0x180E: "MONGOLIAN VOWEL SEPARATOR",
	0x200B: "ZERO WIDTH SPACE", 0x200C: "ZERO WIDTH NON-JOINER", 0x200D: "ZERO WIDTH JOINER",
	0x200E: "LEFT-TO-RIGHT MARK", 0x200F: "RIGHT-TO-LEFT MARK",
	0x2028: "LINE SEPARATOR", 0x2029: "PARAGRAPH SEPARATOR",
	0x202A: "LEFT-TO-RIGHT EMBEDDING", 0x202B: "RIGHT-TO-LEFT EMBEDDING", 0x202C: "POP DIRECTIONAL FORMATTING",
	0x202D: "LEFT-TO-RIGHT OVERRIDE", 0x202E: "RIGHT-TO-LEFT OVERRIDE",
	0x2060: "WORD JOINER", 0x2061: "FUNCTION APPLICATION", 0x2062: "INVISIBLE TIMES",
	0x2063: "INVISIBLE SEPARATOR", 0x2064: "INVISIBLE PLUS",
	0x2066: "LEFT-TO-RIGHT ISOLATE", 0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE",
	0x2069: "POP DIRECTIONAL ISOLATE",
	0x206A: "INHIBIT SYMMETRIC SWAPPING", 0x206B: "ACTIVATE SYMMETRIC SWAPPING",
	0x206C: "INHIBIT ARABIC FORM SHAPING", 0x206D: "ACTIVATE ARABIC FORM SHAPING",
	0x206E: "NATIONAL DIGIT SHAPES", 0x206F: "NOMINAL DIGIT SHAPES",
	0x3164: "HANGUL FILLER", 0xFEFF: "ZERO WIDTH NO-BREAK SPACE", 0xFFA0: "HALFWIDTH HANGUL FILLER",
	0xFFF9: "INTERLINEAR ANNOTATION ANCHOR", 0xFFFA: "INTERLINEAR ANNOTATION SEPARATOR",
	0xFFFB:  "INTERLINEAR ANNOTATION TERMINATOR",
	0xE0001: "LANGUAGE TAG", 0xE007F: "CANCEL TAG",
}

// asciiNames are the Unicode names of the printable ASCII characters other
// than letters and digits; tag characters (U+E0020-U+E007E) are "TAG " and
// the name of the ASCII character they shadow.
var asciiNames = map[rune]string{
	' ': "SPACE", '!': "EXCLAMATION MARK", '"': "QUOTATION MARK", '#': "NUMBER SIGN", '$': "DOLLAR SIGN",
	'%': "PERCENT SIGN", '&': "AMPERSAND", '\'': "APOSTROPHE", '(': "LEFT PARENTHESIS", ')': "RIGHT PARENTHESIS",
	'*': "ASTERISK", '+': "PLUS SIGN", ',': "COMMA", '-': "HYPHEN-MINUS", '.': "FULL STOP", '/': "SOLIDUS",
	':': "COLON", ';': "SEMICOLON", '<': "LESS-THAN SIGN", '=': "EQUALS SIGN", '>': "GREATER-THAN SIGN",
	'?': "QUESTION MARK", '@': "COMMERCIAL AT", '[': "LEFT SQUARE BRACKET", '\\': "REVERSE SOLIDUS",
	']': "RIGHT SQUARE BRACKET", '^': "CIRCUMFLEX ACCENT", '_': "LOW LINE", '`': "GRAVE ACCENT",
	'{': "LEFT CURLY BRACKET", '|': "VERTICAL LINE", '}': "RIGHT CURLY BRACKET", '~': "TILDE",
}

var digitNames = [10]string{"ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"}

// runeName is the Unicode name of r where the tables above know it, else
// a description of its kind.
func runeName(r rune) string {
	if n, ok := formatNames[r]; ok {
		return n
	}
	if r >= 0xE0020 && r <= 0xE007E {
		return "TAG " + asciiName(r-0xE0000)
	}
	switch {
	case r >= 0xFE00 && r <= 0xFE0F:
		return variationName(r - 0xFE00 + 1)
	case r >= 0xE0100 && r <= 0xE01EF:
		return variationName(r - 0xE0100 + 17)
	case r < 0x20 || (r >= 0x7f && r < 0xa0):
		return "CONTROL CHARACTER"
	case unicode.Is(unicode.Cf, r):
		return "FORMAT CHARACTER"
	}
	return "UNNAMED CHARACTER"
}

func asciiName(c rune) string {
	switch {
	case c >= 'a' && c <= 'z':
		return "LATIN SMALL LETTER " + strings.ToUpper(string(c))
	case c >= 'A' && c <= 'Z':
		return "LATIN CAPITAL LETTER " + string(c)
	case c >= '0' && c <= '9':
		return "DIGIT " + digitNames[c-'0']
	}
	return asciiNames[c]
}

func variationName(n rune) string {
	return "VARIATION SELECTOR-" + itoa(int(n))
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
