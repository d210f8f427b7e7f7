package shape

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/runenames"
)

// TestRuneNamesMatchUnicode: every character outgoing hygiene can remove is
// listed under its Unicode name, or (for rare ones the small table leaves
// out) under a description of its kind, never under a wrong name.
func TestRuneNamesMatchUnicode(t *testing.T) {
	described := map[string]bool{"CONTROL CHARACTER": true, "FORMAT CHARACTER": true, "UNNAMED CHARACTER": true}
	named, generic := 0, 0
	for r := rune(0); r <= 0x10FFFF; r++ {
		if !OutgoingForbidden(r, SingleLine) && !(r >= 0xFE00 && r <= 0xFE0F) && r != 0x200C && r != 0x200D {
			continue
		}
		got := runeName(r)
		want := runenames.Name(r)
		switch {
		case got == want:
			named++
		case described[got]:
			generic++
		case strings.HasPrefix(want, "<") && described[got]:
			generic++
		default:
			t.Errorf("U+%04X: named %q, Unicode says %q", r, got, want)
		}
	}
	// The characters of the issue-10 probe and the usual invisible ones
	// carry their real names.
	for _, r := range []rune{0xE0049, 0xE0063, 0xE0020, 0x202E, 0x200B, 0xFEFF, 0x2066, 0x061C, 0xFE0F} {
		if got, want := runeName(r), runenames.Name(r); got != want {
			t.Errorf("U+%04X: %q, want %q", r, got, want)
		}
	}
	t.Logf("%d removable characters named, %d described by kind", named, generic)
}
