package shape

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzMessage(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b), "")
	}
	f.Add("", "On Mon, Nov 3, 2025 at 10:04 AM Bob <bob@example.com> wrote:\n> hi")
	f.Add("<blockquote type=cite>x</blockquote>", "-- \nsig")
	f.Add("<div id=divRplyFwdMsg>a</div>", "\u202e\u200b\U000E0041\xff")
	f.Add("<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>", "")
	f.Fuzz(func(t *testing.T, h, text string) {
		r := Process(h, text)
		if !utf8.ValidString(r.Text) {
			t.Fatalf("invalid UTF-8 output %q", r.Text)
		}
		if strings.Contains(r.Text, "\n\n\n") {
			t.Fatalf("blank-line run in %q", r.Text)
		}
		if CountHidden(r.Text) != 0 {
			t.Fatalf("hidden characters left in %q", r.Text)
		}
		for _, m := range []rune{markSoft, markQuote, markLT, markGT} {
			if strings.ContainsRune(r.Text, m) {
				t.Fatalf("internal marker %U leaked into %q", m, r.Text)
			}
		}
		cut, _ := Truncate(r.Text, 50)
		if !utf8.ValidString(cut) || Runes(cut) > 50 {
			t.Fatalf("bad truncation %q", cut)
		}
	})
}
