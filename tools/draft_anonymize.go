package tools

import (
	"regexp"
	"strings"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
)

// Generic personal data of the other customer, removed whatever the record
// says. The phone pattern needs 7+ digits so dates and amounts stay.
var (
	exPhoneRE  = regexp.MustCompile(`\+?\d[\d ().\-]{5,}\d`)
	exTicketRE = regexp.MustCompile(`(?i)(#\s?\d+|\bticket\s+(no\.?\s*|number\s*)?\d+)`)
	exOrderRE  = regexp.MustCompile(`\b[A-Z]{2,}[-_]?\d[\w\-]*\b|\b\d{5,}\b`)
	isoDateRE  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	exGreetRE  = regexp.MustCompile(`(?im)^((hi|hello|dear|hallo|guten tag|bonjour|hola)\s+)[^\n,!]+`)
)

// anonymize removes the other customer's name, e-mail addresses, phone
// numbers, ticket and order numbers from s.
func anonymize(s string, who *fdapi.Contact) string {
	if who != nil {
		var exact []string
		for _, p := range []*string{who.Email, who.Phone, who.Mobile} {
			if p != nil && *p != "" {
				exact = append(exact, *p)
			}
		}
		exact = append(exact, who.OtherEmails...)
		for _, e := range exact {
			s = replaceFold(s, e, "[redacted]")
		}
		name := strings.TrimSpace(who.Name)
		if name != "" {
			s = replaceFold(s, name, "[customer name]")
			for _, part := range strings.Fields(name) {
				if len([]rune(part)) >= 2 {
					s = regexp.MustCompile(`(?i)\b`+regexp.QuoteMeta(part)+`\b`).ReplaceAllString(s, "[customer name]")
				}
			}
		}
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
	return s
}

func replaceFold(s, old, repl string) string {
	return regexp.MustCompile(`(?i)`+regexp.QuoteMeta(old)).ReplaceAllString(s, repl)
}

func digits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

var emailPattern = regexp.MustCompile(`(?i)[A-Z0-9._%+\-]+@[A-Z0-9.\-]+\.[A-Z]{2,}`)
