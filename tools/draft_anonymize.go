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
	exPhoneRE  = regexp.MustCompile(`\+?\p{Nd}[\p{Nd} ().\-‐‑‒–—−－]{5,}\p{Nd}`)
	exTicketRE = regexp.MustCompile(`(?i)(#\s?\p{Nd}+|\bticket\s+(no\.?\s*|number\s*)?\p{Nd}+)`)
	exOrderRE  = regexp.MustCompile(`\b[A-Z]{2,}[-_]?\d[\w\-]*\b|\p{Nd}{5,}`)
	exCodeRE   = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}_\-]*`)
	isoDateRE  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	exGreetRE  = regexp.MustCompile(`(?im)^((hi|hello|dear|hallo|guten tag|bonjour|hola)\s+)[^\n,!]+`)
)

// emailPattern finds e-mail addresses, internationalised ones included.
var emailPattern = regexp.MustCompile(`(?i)[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}.\-]+\.\p{L}{2,}`)

// anonymize removes the other customer's personal data from s: their name
// (and each part of it), e-mail addresses, phones, social handles and
// external id from the contact record, the known values of their ticket
// (company name, cc'd addresses, text fields such as an order number), and
// any e-mail address, phone, ticket, order or reference number. Text is
// compared in NFC, so a decomposed "Zoë" is found too. Residual risk: a
// name that is in no record (a colleague named in the text, a nickname).
func anonymize(s string, who *fdapi.Contact, known ...string) string {
	s = norm.NFC.String(s)
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
	for _, e := range slices.Clone(exact) {
		// The address's local part ("rachel.kim") is as telling as the address.
		if at := strings.IndexByte(e, '@'); at >= 3 {
			exact = append(exact, e[:at])
		}
	}
	// Longest first, so a value is not half-replaced by a shorter one.
	slices.SortFunc(exact, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	for _, e := range exact {
		if e = norm.NFC.String(strings.TrimSpace(e)); len([]rune(e)) >= 3 {
			s = replaceFold(s, e, "[redacted]")
		}
	}
	if who != nil {
		s = redactName(s, norm.NFC.String(strings.TrimSpace(who.Name)))
	}
	s = emailPattern.ReplaceAllString(s, "[e-mail]")
	s = exGreetRE.ReplaceAllString(s, "${1}[customer name]")
	s = exTicketRE.ReplaceAllString(s, "[ticket]")
	s = exOrderRE.ReplaceAllString(s, "[number]")
	s = exPhoneRE.ReplaceAllStringFunc(s, func(m string) string {
		if digits(m) >= 7 && !isoDateRE.MatchString(m) {
			return "[phone]"
		}
		return m
	})
	// Reference codes of any shape ("x9k2-7781", "A-4711", request ids):
	// four digits or more mixed with letters or dashes.
	return exCodeRE.ReplaceAllStringFunc(s, func(m string) string {
		if digits(m) >= 4 && strings.ContainsFunc(m, func(r rune) bool { return unicode.IsLetter(r) || r == '-' || r == '_' }) && !isoDateRE.MatchString(m) {
			return "[number]"
		}
		return m
	})
}

// redactName replaces name and each part of it. Parts in scripts written
// without spaces (Han, Hangul, Kana: "田中様", "민수님") are replaced wherever
// they appear; other parts only as whole words, with Unicode word
// boundaries. A space-less Hangul or Han name of 3-4 characters is a family
// name and a given name: the given name alone is replaced too.
func redactName(s, name string) string {
	if name == "" {
		return s
	}
	const mark = "[customer name]"
	s = replaceFold(s, name, mark)
	parts := strings.Fields(name)
	if r := []rune(name); len(parts) == 1 && len(r) >= 3 && len(r) <= 4 && unspaced(name) {
		parts = append(parts, string(r[1:]))
	}
	for _, part := range parts {
		if len([]rune(part)) < 2 {
			continue
		}
		if unspaced(part) {
			s = replaceFold(s, part, mark)
			continue
		}
		re := regexp.MustCompile(`(?i)(^|[^\p{L}\p{N}])` + regexp.QuoteMeta(part) + `($|[^\p{L}\p{N}])`)
		// Adjacent matches share a boundary: repeat until nothing changes.
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
		return unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana)
	})
}

func replaceFold(s, old, repl string) string {
	return regexp.MustCompile(`(?i)`+regexp.QuoteMeta(old)).ReplaceAllString(s, repl)
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
