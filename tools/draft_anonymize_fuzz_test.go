package tools

import (
	"regexp"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
)

// FuzzAnonymize: anonymize ends (a name made of the marker's words once
// looped forever), leaves no sentinel behind, and the other customer's full
// name (letters and spaces, 3+ runes, not a word of the markers) never
// survives, in any case or normalisation form.
func FuzzAnonymize(f *testing.F) {
	for _, s := range [][3]string{
		{"Hi Name Smith, call +1 555 0100 about ORD-2026-1", "Name Smith", "Globex Corporation"},
		{"田中様、太郎さん", "田中太郎", ""},
		{"Thanks Zoe\u0308, the customer portal", "Zoë Customer", "Acme"},
		{"Dear Ｊｏｈｎ \uE000", "John", ""},
	} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, text, name, company string) {
		if len(text) > 2000 || len(name) > 60 || len(company) > 60 {
			return
		}
		out := anonymize(text, &fdapi.Contact{Name: name}, company)
		if strings.ContainsAny(out, markName+markRedact+markEmail+markTicket+markNumber+markPhone) {
			t.Fatalf("a sentinel survived: %q", out)
		}
		n := norm.NFKC.String(strings.TrimSpace(name))
		letters := strings.IndexFunc(n, func(r rune) bool { return !unicode.IsLetter(r) && r != ' ' }) < 0
		if !letters || len([]rune(n)) < 3 || strings.Contains(spellMarks.Replace(markName+markRedact+markEmail+markTicket+markNumber+markPhone), strings.ToLower(n)) {
			return
		}
		if regexp.MustCompile(`(?i)` + regexp.QuoteMeta(n)).MatchString(out) {
			t.Fatalf("the name %q survived in %q (from %q)", n, out, text)
		}
	})
}
