package tools

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
)

// Generic personal data of the other customer, removed whatever the record
// says. Patterns are Unicode-aware (names, e-mails and digits in any
// script: Go's \b and \d are ASCII only). The phone pattern needs 7+ digits
// so dates and amounts stay.
var (
	exPhoneRE  = regexp.MustCompile(`\+?\p{Nd}[\p{Nd}\p{Zs}\t ()./\-‐‑‒–—−－]{5,}\p{Nd}`)
	exTicketRE = regexp.MustCompile(`(?i)(#\s?\p{Nd}+|\bticket\s+(no\.?\s*|number\s*)?\p{Nd}+)`)
	exOrderRE  = regexp.MustCompile(`\b[A-Z]{2,}[-_]?\d[\w\-]*\b|\p{Nd}{5,}`)
	exCodeRE   = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}_\-]*`)
	isoDateRE  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	exGreetRE  = regexp.MustCompile(`(?im)^((hi|hello|dear|hallo|guten tag|bonjour|hola)\s+)[^\n,!]+`)
	// emailPattern finds e-mail addresses, internationalised ones included,
	// and the "name (at) domain" spelling.
	emailPattern = regexp.MustCompile(`(?i)[\p{L}\p{N}._%+\-]+(@|\s*[(\[]\s*at\s*[)\]]\s*)[\p{L}\p{N}.\-]+\.\p{L}{2,}`)
)

// Replacements are made with private-use sentinels, which no pattern or
// name can match (a name such as "Customer" would otherwise match the
// "[customer name]" it was just replaced with, forever), and spelled out at
// the end.
const (
	markName   = "\uE000"
	markRedact = "\uE001"
	markEmail  = "\uE002"
	markTicket = "\uE003"
	markNumber = "\uE004"
	markPhone  = "\uE005"
)

var (
	spellMarks = strings.NewReplacer(markName, "[customer name]", markRedact, "[redacted]", markEmail, "[e-mail]",
		markTicket, "[ticket]", markNumber, "[number]", markPhone, "[phone]")
	dropMarks = strings.NewReplacer(markName, "", markRedact, "", markEmail, "", markTicket, "", markNumber, "", markPhone, "")
)

// companySuffixes are parts of company names too generic to remove alone.
var companySuffixes = []string{"inc", "inc.", "ltd", "ltd.", "llc", "gmbh", "corp", "corp.", "corporation", "company",
	"limited", "group", "holdings", "the", "and", "株式会社", "주식회사"}

// anonymize removes the other customer's personal data from s: their name
// (and each part of it), e-mail addresses, phones, social handle and
// external id from the contact record; their company's name and its parts;
// the known values of their ticket (cc'd addresses, text fields such as an
// order number); and any e-mail address, phone, ticket, order or reference
// number. Text is compared in NFKC (a decomposed "Zoë", a full-width
// "Ｊｏｈｎ" or "＠" are found too). Residual risk: a name that is in no
// record (a colleague named in the text, a nickname).
func anonymize(s string, who *fdapi.Contact, company string, known ...string) string {
	s = clean(dropMarks.Replace(s))
	var exact []string
	if who != nil {
		for _, p := range []*string{who.Email, who.Phone, who.Mobile, who.TwitterID, who.UniqueExternalID} {
			if p != nil {
				exact = append(exact, *p)
			}
		}
		exact = append(exact, who.OtherEmails...)
	}
	exact = append(exact, known...)
	exact = append(exact, company)
	for _, e := range slices.Clone(exact) {
		// The address's local part ("rachel.kim") is as telling as the address.
		if at := strings.IndexByte(e, '@'); at >= 3 {
			exact = append(exact, e[:at])
		}
	}
	// Longest first, so a value is not half-replaced by a shorter one.
	slices.SortFunc(exact, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	for _, e := range exact {
		if e = clean(strings.TrimSpace(e)); len([]rune(e)) >= 3 {
			s = replaceFold(s, e, markRedact)
		}
	}
	var companyParts []string
	for _, p := range strings.Fields(clean(company)) {
		if len([]rune(p)) >= 4 && !slices.Contains(companySuffixes, strings.ToLower(p)) {
			companyParts = append(companyParts, p)
		}
	}
	s = redactParts(s, companyParts, markRedact)
	if who != nil {
		name := clean(strings.TrimSpace(who.Name))
		if name != "" {
			s = replaceFold(s, name, markName)
		}
		s = redactParts(s, nameParts(name), markName)
	}
	s = emailPattern.ReplaceAllString(s, markEmail)
	s = exGreetRE.ReplaceAllString(s, "${1}"+markName)
	s = exTicketRE.ReplaceAllString(s, markTicket)
	s = exOrderRE.ReplaceAllString(s, markNumber)
	s = exPhoneRE.ReplaceAllStringFunc(s, func(m string) string {
		if digits(m) >= 7 && !isoDateRE.MatchString(m) {
			return markPhone
		}
		return m
	})
	// Reference codes of any shape ("x9k2-7781", "A-4711", request ids):
	// four digits or more mixed with letters or dashes.
	s = exCodeRE.ReplaceAllStringFunc(s, func(m string) string {
		if digits(m) >= 4 && strings.ContainsFunc(m, func(r rune) bool { return unicode.IsLetter(r) || r == '-' || r == '_' }) && !isoDateRE.MatchString(m) {
			return markNumber
		}
		return m
	})
	return spellMarks.Replace(s)
}

// nameParts are the parts of a person's name to remove alone: each
// space-separated part, and for a part written in a script without spaces
// (Han, Hangul, Kana, Thai...: "田中太郎", "김민수", "王芳") every prefix and
// suffix too, since the family or given name alone is how such a customer
// is addressed ("田中様", "민수님", "王先生"). Removing a common character
// too often only makes the example less readable.
func nameParts(name string) []string {
	var out []string
	for _, part := range strings.Fields(name) {
		r := []rune(part)
		if !unspaced(part) {
			if len(r) >= 2 {
				out = append(out, part)
			}
			continue
		}
		out = append(out, part)
		for i := 1; i < len(r); i++ {
			out = append(out, string(r[:i]), string(r[i:]))
		}
	}
	// Longest first: "田中" before "田".
	slices.SortStableFunc(out, func(a, b string) int { return cmp.Compare(len([]rune(b)), len([]rune(a))) })
	return slices.Compact(out)
}

// redactParts replaces each of parts with mark: parts in scripts written
// without spaces wherever they appear, other parts only as whole words
// (Unicode word boundaries).
func redactParts(s string, parts []string, mark string) string {
	for _, part := range parts {
		if unspaced(part) {
			s = replaceFold(s, part, mark)
			continue
		}
		re, err := regexp.Compile(`(?i)(^|[^\p{L}\p{N}])` + regexp.QuoteMeta(part) + `($|[^\p{L}\p{N}])`)
		if err != nil {
			continue
		}
		// Adjacent matches share a boundary: repeat until nothing changes
		// (the mark is no letter, so this ends).
		for prev := ""; prev != s; {
			prev, s = s, re.ReplaceAllString(s, "${1}"+mark+"${2}")
		}
	}
	return s
}

// unspaced reports whether s is written in a script without spaces between
// words.
func unspaced(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana,
			unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
	})
}

// clean is s as valid UTF-8 (a regexp cannot be built from anything else)
// in NFKC.
func clean(s string) string { return norm.NFKC.String(strings.ToValidUTF8(s, "\uFFFD")) }

// replaceFold replaces old, compared case-insensitively, with repl; both
// come through clean, so the pattern always compiles.
func replaceFold(s, old, repl string) string {
	re, err := regexp.Compile(`(?i)` + regexp.QuoteMeta(old))
	if err != nil {
		return s
	}
	return re.ReplaceAllString(s, repl)
}

func digits(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsDigit(r) {
			n++
		}
	}
	return n
}
