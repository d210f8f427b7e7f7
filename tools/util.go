package tools

import (
	"bytes"
	"io"
	"slices"
	"strings"
)

// innerQuery is a raw search query without the outer double quotes that
// Freshdesk's URL form has (models often copy them): the one place tools
// strip them. fdapi tolerates them too, but tools parse the inner text.
func innerQuery(q string) string {
	q = strings.TrimSpace(q)
	if len(q) >= 2 && q[0] == '"' && q[len(q)-1] == '"' {
		q = strings.TrimSpace(q[1 : len(q)-1])
	}
	return q
}

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
