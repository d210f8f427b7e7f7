// Package suggest proposes the valid name a person or a model most likely
// meant when it gave one that does not exist ("opened" -> "Open",
// "get_tiket" -> "get_ticket").
package suggest

import (
	"strings"

	"github.com/agnivade/levenshtein"
)

// Nearest returns the name in valid closest to got, ignoring case: the one
// with the fewest edits if that is at most a third of got's length (1 to 3
// edits), else the only name that starts with got (at least 3 letters).
// ok is false when nothing is close enough to be worth suggesting.
func Nearest(got string, valid []string) (name string, ok bool) {
	g := strings.ToLower(strings.TrimSpace(got))
	if g == "" {
		return "", false
	}
	limit := min(max(len([]rune(g))/3, 1), 3)
	best, bestD := "", limit+1
	for _, v := range valid {
		if d := levenshtein.ComputeDistance(g, strings.ToLower(v)); d < bestD {
			best, bestD = v, d
		}
	}
	if best != "" {
		return best, true
	}
	if len([]rune(g)) < 3 {
		return "", false
	}
	prefixed := ""
	for _, v := range valid {
		if strings.HasPrefix(strings.ToLower(v), g) {
			if prefixed != "" {
				return "", false // ambiguous
			}
			prefixed = v
		}
	}
	return prefixed, prefixed != ""
}
