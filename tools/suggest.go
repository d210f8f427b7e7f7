package tools

import (
	"fmt"

	"github.com/freshdesk-mcp/freshdesk-mcp/internal/suggest"
)

// didYouMean is ` (did you mean "X"?)` when one of valid is close to got,
// else "".
func didYouMean(got string, valid []string) string {
	if near, ok := suggest.Nearest(got, valid); ok {
		return fmt.Sprintf(" (did you mean %q?)", near)
	}
	return ""
}

// plural is the plural of a vocabulary kind ("status" -> "statuses").
func plural(kind string) string {
	switch kind {
	case "status":
		return "statuses"
	case "priority":
		return "priorities"
	}
	return kind + "s"
}

func choiceNames(cs []choice) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Name
	}
	return out
}
