package draft

import (
	"crypto/rand"
	"encoding/hex"
	"regexp"
	"strings"

	"github.com/freshdesk-mcp/freshdesk-mcp/shape"
)

// FenceName is the word every untrusted-data fence line carries. Data never
// contains it: Fence.Wrap removes it, so a customer cannot open or close a
// fence, not even a fake one with the wrong token.
const FenceName = "UNTRUSTED_CUSTOMER_DATA"

// Fence marks untrusted data in a prompt. The token is random per prompt, so
// the fence lines cannot be predicted by whoever wrote the data.
type Fence struct{ token string }

// NewFence returns a fence with a fresh random 64-bit token.
func NewFence() Fence {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return Fence{token: hex.EncodeToString(b[:])}
}

// Token returns the fence's random token.
func (f Fence) Token() string { return f.token }

// Open returns the line that starts fenced data.
func (f Fence) Open() string { return "<<<" + FenceName + " " + f.token + ">>>" }

// Close returns the line that ends fenced data.
func (f Fence) Close() string { return "<<<END_" + FenceName + " " + f.token + ">>>" }

// Wrap returns data, neutralised, between the fence lines.
func (f Fence) Wrap(data string) string {
	return f.Open() + "\n" + f.Neutralize(data) + "\n" + f.Close()
}

var (
	// Spaces, underscores, hyphens or dots between the words still spell the
	// marker for a model, so they are matched too.
	markerRE = regexp.MustCompile(`(?i)untrusted[\s_\-.]*customer[\s_\-.]*data`)
	openRE   = regexp.MustCompile(`<{3,}`)
	closeRE  = regexp.MustCompile(`>{3,}`)
)

// Neutralize makes untrusted text safe to place inside the fence: invisible
// and bidi characters go (shape.Sanitize), every spelling of the fence marker
// and the token are removed, and runs of three or more angle brackets are
// shortened, so nothing in the data looks like a fence line.
func (f Fence) Neutralize(s string) string {
	s = shape.Sanitize(s)
	s = markerRE.ReplaceAllString(s, "[marker removed]")
	if f.token != "" {
		s = strings.ReplaceAll(s, f.token, "[token removed]")
	}
	s = openRE.ReplaceAllString(s, "<<")
	return closeRE.ReplaceAllString(s, ">>")
}

// containsMarker reports whether s carries a fence marker in any spelling.
func containsMarker(s string) bool {
	return markerRE.MatchString(shape.Sanitize(s))
}
