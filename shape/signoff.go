package shape

import (
	"strings"
	"unicode/utf8"
)

// Sign-off limits: a sign-off is a closing line (see valedictions) followed
// by at most maxSignOffLines short lines (name, title, company, phone) up to
// the end of the message.
const (
	maxSignOffLines = 5
	maxSignOffRunes = 80
)

// valedictions are closing lines, lower case, without trailing punctuation,
// in the languages the server drafts in and a few more.
var valedictions = map[string]bool{
	// English
	"best regards": true, "kind regards": true, "warm regards": true, "regards": true, "best": true,
	"best wishes": true, "cheers": true, "thanks": true, "thank you": true, "many thanks": true,
	"thanks again": true, "thanks and regards": true, "thanks & regards": true, "sincerely": true,
	"yours sincerely": true, "yours truly": true, "all the best": true, "talk soon": true, "with thanks": true,
	// German
	"viele grüße": true, "beste grüße": true, "freundliche grüße": true, "mit freundlichen grüßen": true,
	"liebe grüße": true, "schöne grüße": true, "herzliche grüße": true, "grüße": true, "gruß": true, "mfg": true,
	// French, Spanish, Portuguese, Italian, Dutch
	"cordialement": true, "bien cordialement": true, "bien à vous": true, "salutations": true,
	"saludos": true, "un saludo": true, "saludos cordiales": true, "atentamente": true,
	"atenciosamente": true, "abraços": true, "cordiali saluti": true, "distinti saluti": true,
	"met vriendelijke groet": true, "groeten": true,
	// Korean, Japanese
	"감사합니다": true, "고맙습니다": true, "감사드립니다": true,
	"よろしくお願いいたします": true, "よろしくお願いします": true, "よろしくお願い致します": true,
}

// isValediction reports whether the whole line is a closing formula.
func isValediction(l string) bool {
	l = strings.ToLower(strings.TrimRight(cleanLine(l), " ,.!。！、"))
	return valedictions[l]
}

// dropSignOff removes a trailing signature block ("Best regards,\nSarah
// Chen\nSenior Support Engineer, Acme Cloud"): a closing line followed by
// two to maxSignOffLines short lines that do not read as sentences (name,
// title, company, phone), like the block after a "-- " delimiter. A closing
// with just a name ("Thanks,\nAnna") is kept: it costs a few tokens and
// says how the writer signs; so is the message when nothing else would be
// left.
func dropSignOff(lines []string) ([]string, bool) {
	last := len(lines) - 1
	for last >= 0 && strings.TrimSpace(lines[last]) == "" {
		last--
	}
	n := 0 // non-blank lines after the closing line
	for i := last; i >= 0 && last-i <= maxSignOffLines+2; i-- {
		l := strings.TrimSpace(lines[i])
		if l == "" {
			continue
		}
		if isValediction(l) {
			if n < 2 || !hasText(lines[:i]) {
				return nil, false
			}
			return lines[:i], true
		}
		n++
		if n > maxSignOffLines || !signatureLine(l) {
			return nil, false
		}
	}
	return nil, false
}

// signatureLine reports whether l could be part of a signature block: short
// and not a sentence (no question, exclamation or colon at the end, and a
// final full stop only on a short line such as "Acme Cloud Inc.").
func signatureLine(l string) bool {
	if utf8.RuneCountInString(l) > maxSignOffRunes {
		return false
	}
	if lower := strings.ToLower(l); strings.HasPrefix(lower, "p.s") || strings.HasPrefix(lower, "ps:") || strings.HasPrefix(lower, "ps ") {
		return false // a postscript is content
	}
	switch {
	case strings.HasSuffix(l, "?"), strings.HasSuffix(l, "!"), strings.HasSuffix(l, ":"),
		strings.HasSuffix(l, "？"), strings.HasSuffix(l, "！"), strings.HasSuffix(l, "："):
		return false
	case strings.HasSuffix(l, ".") || strings.HasSuffix(l, "。"):
		return len(strings.Fields(l)) <= 3
	}
	return true
}
