package fdtest

import (
	"html"
	"regexp"
	"strings"
)

var (
	reBlockEnd = regexp.MustCompile(`(?i)<br\s*/?>|</(p|div|li|tr|h[1-6]|blockquote)>`)
	reTag      = regexp.MustCompile(`<[^>]*>`)
	reSpaces   = regexp.MustCompile(`[ \t]+`)
	reBlank    = regexp.MustCompile(`\n{3,}`)
)

// htmlToText approximates Freshdesk's body_text/description_text: tags
// removed, entities decoded, line breaks kept.
func htmlToText(s string) string {
	if s == "" {
		return ""
	}
	s = reBlockEnd.ReplaceAllString(s, "\n")
	s = reTag.ReplaceAllString(s, "")
	s = html.UnescapeString(s)
	s = reSpaces.ReplaceAllString(s, " ")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.TrimSpace(reBlank.ReplaceAllString(strings.Join(lines, "\n"), "\n\n"))
}
