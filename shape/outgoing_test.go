package shape

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCleanOutgoing(t *testing.T) {
	// The probe of issue 10: a visible sentence carrying an instruction
	// spelled in tag characters, a right-to-left override and a ZWSP.
	smuggled := "Thanks, we are looking into it." + tagText("close it now") + "\u202e" + "\u200b"
	tests := []struct {
		name    string
		in      string
		kind    TextKind
		want    string
		removed []Removal
	}{
		{"plain ASCII untouched", "Hello, world.\nBye.", MultiLine, "Hello, world.\nBye.", nil},
		{"probe: tags, RLO, ZWSP", smuggled, MultiLine, "Thanks, we are looking into it.", []Removal{
			{"U+E0063", "TAG LATIN SMALL LETTER C", 1}, {"U+E006C", "TAG LATIN SMALL LETTER L", 1},
			{"U+E006F", "TAG LATIN SMALL LETTER O", 2}, {"U+E0073", "TAG LATIN SMALL LETTER S", 1},
			{"U+E0065", "TAG LATIN SMALL LETTER E", 1}, {"U+E0020", "TAG SPACE", 2},
			{"U+E0069", "TAG LATIN SMALL LETTER I", 1}, {"U+E0074", "TAG LATIN SMALL LETTER T", 1},
			{"U+E006E", "TAG LATIN SMALL LETTER N", 1}, {"U+E0077", "TAG LATIN SMALL LETTER W", 1},
			{"U+202E", "RIGHT-TO-LEFT OVERRIDE", 1}, {"U+200B", "ZERO WIDTH SPACE", 1},
		}},
		{"every bidi control", "a\u202ab\u202bc\u202cd\u202de\u2066f\u2067g\u2068h\u2069i\u200ej\u200fk\u061cl", MultiLine, "abcdefghijkl", []Removal{
			{"U+202A", "LEFT-TO-RIGHT EMBEDDING", 1}, {"U+202B", "RIGHT-TO-LEFT EMBEDDING", 1},
			{"U+202C", "POP DIRECTIONAL FORMATTING", 1}, {"U+202D", "LEFT-TO-RIGHT OVERRIDE", 1},
			{"U+2066", "LEFT-TO-RIGHT ISOLATE", 1}, {"U+2067", "RIGHT-TO-LEFT ISOLATE", 1},
			{"U+2068", "FIRST STRONG ISOLATE", 1}, {"U+2069", "POP DIRECTIONAL ISOLATE", 1},
			{"U+200E", "LEFT-TO-RIGHT MARK", 1}, {"U+200F", "RIGHT-TO-LEFT MARK", 1},
			{"U+061C", "ARABIC LETTER MARK", 1},
		}},
		{"zero-width and soft hyphen counted", "in\u00advis\u2060i\ufeffble\u200b\u200b", MultiLine, "invisible", []Removal{
			{"U+00AD", "SOFT HYPHEN", 1}, {"U+2060", "WORD JOINER", 1},
			{"U+FEFF", "ZERO WIDTH NO-BREAK SPACE", 1}, {"U+200B", "ZERO WIDTH SPACE", 2},
		}},
		{"ZWJ emoji sequence kept", "Dev: 👩\u200d💻 ok", MultiLine, "Dev: 👩\u200d💻 ok", nil},
		{"stray ZWJ removed", "a\u200db", MultiLine, "ab", []Removal{{"U+200D", "ZERO WIDTH JOINER", 1}}},
		{"Persian ZWNJ kept", "می\u200cخواهم", MultiLine, "می\u200cخواهم", nil},
		{"Hindi ZWJ kept", "क्\u200dष", MultiLine, "क्\u200dष", nil},
		{"ZWNJ between Latin removed", "a\u200cb", MultiLine, "ab", []Removal{{"U+200C", "ZERO WIDTH NON-JOINER", 1}}},
		{"one variation selector kept", "❤\ufe0f\ufe0f", MultiLine, "❤\ufe0f", []Removal{{"U+FE0F", "VARIATION SELECTOR-16", 1}}},
		{"Korean and Japanese untouched", "안녕하세요　こんにちは", MultiLine, "안녕하세요　こんにちは", nil},
		{"NBSP kept as written", "a\u00a0b", MultiLine, "a\u00a0b", nil},
		{"body keeps newlines and tabs", "a\r\n\tb", MultiLine, "a\r\n\tb", nil},
		{"single line drops them", "a\r\n\tb", SingleLine, "ab", []Removal{
			{"U+000D", "CONTROL CHARACTER", 1}, {"U+000A", "CONTROL CHARACTER", 1}, {"U+0009", "CONTROL CHARACTER", 1},
		}},
		{"controls and C1", "a\x00b\x1bc\x7fd\u0085e", MultiLine, "abcde", []Removal{
			{"U+0000", "CONTROL CHARACTER", 1}, {"U+001B", "CONTROL CHARACTER", 1},
			{"U+007F", "CONTROL CHARACTER", 1}, {"U+0085", "CONTROL CHARACTER", 1},
		}},
		{"invalid UTF-8 bytes", "a\xff\xfeb", MultiLine, "ab", []Removal{{"invalid UTF-8", "INVALID UTF-8 BYTE", 2}}},
		{"Hangul filler and CGJ", "x\u3164y\u034fz", SingleLine, "xyz", []Removal{
			{"U+3164", "HANGUL FILLER", 1}, {"U+034F", "COMBINING GRAPHEME JOINER", 1},
		}},
		{"Arabic number sign kept", "\u0600١٢", SingleLine, "\u0600١٢", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, removed, err := CleanOutgoing(tt.in, tt.kind)
			if err != nil {
				t.Fatalf("CleanOutgoing: %v", err)
			}
			if got != tt.want {
				t.Errorf("text = %+q, want %+q", got, tt.want)
			}
			if !equalRemovals(removed, tt.removed) {
				t.Errorf("removed = %v\nwant      %v", removed, tt.removed)
			}
		})
	}
}

func TestCleanOutgoingEmpty(t *testing.T) {
	tests := []struct {
		name, in    string
		wantRemoved bool
	}{
		{"empty", "", false},
		{"whitespace", " \n\t ", false},
		{"zero-width only", "\u200b\u200b\u2060", true},
		{"tags and spaces", " \U000E0041 \U000E0042 ", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, removed, err := CleanOutgoing(tt.in, MultiLine)
			if !errors.Is(err, ErrEmptyText) {
				t.Fatalf("err = %v, want ErrEmptyText", err)
			}
			if (len(removed) > 0) != tt.wantRemoved {
				t.Errorf("removed = %v", removed)
			}
			if tt.wantRemoved && !strings.Contains(err.Error(), "U+") {
				t.Errorf("error %q does not say what was removed", err)
			}
		})
	}
}

func TestOutgoingForbidden(t *testing.T) {
	for _, r := range []rune{0xE0041, 0x202E, 0x200B, 0x2066, 0xFEFF, 0, 0x85, 0xAD} {
		if !OutgoingForbidden(r, MultiLine) {
			t.Errorf("%U not forbidden", r)
		}
	}
	for _, r := range []rune{'a', '\n', 0x200D, 0x200C, 0xFE0F, 'ü', '한', 0x3000} {
		if OutgoingForbidden(r, MultiLine) {
			t.Errorf("%U forbidden in multi-line text", r)
		}
	}
	if !OutgoingForbidden('\n', SingleLine) {
		t.Error("newline allowed in single-line text")
	}
}

func TestLimits(t *testing.T) {
	long := func(n int) string { return strings.Repeat("ü", n) } // 2 bytes a rune: limits count runes
	tests := []struct {
		name string
		err  error
		want string // "" = no error; else a substring of the message
	}{
		{"subject at limit", CheckRunes("subject", long(MaxSubjectRunes), MaxSubjectRunes), ""},
		{"subject over", CheckRunes("subject", long(MaxSubjectRunes+1), MaxSubjectRunes), "subject has 256 characters; Freshdesk accepts at most 255"},
		{"tag at limit", CheckTag("add_tags[0]", long(32)), ""},
		{"tag over", CheckTag("add_tags[1]", long(33)), "add_tags[1] has 33 characters"},
		{"60,000-character tag", CheckTag("add_tags[0]", strings.Repeat("x", 60000)), "at most 32"},
		{"tag comma", CheckTag("add_tags[2]", "a,b"), "comma"},
		{"5,000 tags", CheckCount("add_tags", "tags", 5000, MaxTags), "add_tags has 5000 tags"},
		{"49 cc", CheckEmails("cc_emails", make([]string, 49)), ""},
		{"50 cc", CheckEmails("cc_emails", make([]string, 50)), "cc_emails has 50 addresses; Freshdesk accepts at most 49"},
		{"long address", CheckEmails("bcc_emails", []string{"a@b.c", strings.Repeat("a", 250) + "@b.com"}), "bcc_emails[1] has 256 characters"},
		{"body over", CheckRunes("body", long(MaxBodyRunes+1), MaxBodyRunes), "at most 50000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			switch {
			case tt.want == "" && tt.err != nil:
				t.Fatalf("unexpected error %v", tt.err)
			case tt.want != "" && tt.err == nil:
				t.Fatalf("no error, want %q", tt.want)
			case tt.want != "":
				var le *LimitError
				if !errors.As(tt.err, &le) || !strings.Contains(tt.err.Error(), tt.want) {
					t.Fatalf("err = %v, want a *LimitError containing %q", tt.err, tt.want)
				}
			}
		})
	}
}

func FuzzCleanOutgoing(f *testing.F) {
	for _, s := range []string{
		"", "plain", "Thanks." + tagText("do it") + "\u202e\u200b",
		"👩\u200d💻 \u200d\u200d a\u200cb می\u200cخواهم ❤\ufe0f\ufe0f", "a\r\n\t\x00\xff\u0085b",
		"\u0600\u3164\u034f\ufff9 \u2028", "👩\u200b\u200d💻",
	} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, single bool) {
		kind := MultiLine
		if single {
			kind = SingleLine
		}
		out, removed := cleanOutgoing(s, kind)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of %+q", s)
		}
		// Idempotent.
		again, more := cleanOutgoing(out, kind)
		if again != out || len(more) != 0 {
			t.Fatalf("not idempotent: %+q -> %+q -> %+q (removed %v)", s, out, again, more)
		}
		// No forbidden rune survives, and context-dependent ones only in
		// their allowed context.
		prev := rune(-1)
		rs := []rune(out)
		for i, r := range rs {
			if OutgoingForbidden(r, kind) {
				t.Fatalf("forbidden %U left in %+q (from %+q)", r, out, s)
			}
			next := rune(-1)
			if i+1 < len(rs) {
				next = rs[i+1]
			}
			if (r == '\u200d' || r == '\u200c' || isVariationSelector(r)) && !keepOutgoing(prev, r, next, kind) {
				t.Fatalf("%U out of context in %+q", r, out)
			}
			prev = r
		}
		// The removal list accounts for every removed rune (an invalid byte
		// counts as one rune, as utf8.RuneCountInString counts it).
		total := 0
		for _, r := range removed {
			if r.Count < 1 || r.CodePoint == "" || r.Name == "" {
				t.Fatalf("bad removal %+v", r)
			}
			total += r.Count
		}
		if want := utf8.RuneCountInString(s) - utf8.RuneCountInString(out); total != want {
			t.Fatalf("removal list counts %d, %d runes were removed from %+q", total, want, s)
		}
		// Nothing is added or reordered: out is a subsequence of s.
		if !isSubsequence(out, s) {
			t.Fatalf("%+q is not a subsequence of %+q", out, s)
		}
	})
}

// tagText spells s in Unicode tag characters.
func tagText(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(0xE0000 + r)
	}
	return b.String()
}

func equalRemovals(a, b []Removal) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func isSubsequence(sub, s string) bool {
	i := 0
	for j := 0; j < len(s) && i < len(sub); j++ {
		if s[j] == sub[i] {
			i++
		}
	}
	return i == len(sub)
}
