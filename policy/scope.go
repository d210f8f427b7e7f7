package policy

import (
	"fmt"
	"net/mail"
	"strconv"
	"strings"
)

// HeaderRequester binds one request to a requester (contact e-mail or id).
// Only a delegating token (TokenScope.Delegate) may send it: a trusted
// backend that serves many customers names the customer of each request.
const HeaderRequester = "X-Freshdesk-MCP-Requester"

// Requester is the one Freshdesk requester (contact) a customer-scoped
// caller is bound to: by contact id or by e-mail address.
type Requester struct {
	ID    int64
	Email string // lower case
}

// IsZero reports an unbound (agent-level) caller.
func (r Requester) IsZero() bool { return r.ID == 0 && r.Email == "" }

// String is "id:123" or "email:ann@example.com" (part of the caller identity).
func (r Requester) String() string {
	if r.ID != 0 {
		return "id:" + strconv.FormatInt(r.ID, 10)
	}
	return "email:" + r.Email
}

// ParseRequester parses a contact id or a plain e-mail address.
func ParseRequester(s string) (Requester, error) {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n < 1 {
			return Requester{}, fmt.Errorf("requester id %d must be at least 1", n)
		}
		return Requester{ID: n}, nil
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" || len(s) > 255 {
		return Requester{}, fmt.Errorf("requester %q is neither a contact id nor a plain e-mail address", s)
	}
	return Requester{Email: strings.ToLower(s)}, nil
}

// TokenScope is what a bearer token may see beyond its name: bound to one
// requester (a customer-facing bot for one customer), or delegating (a
// trusted backend that names the requester of each request in
// HeaderRequester). The zero value is an agent-level caller.
type TokenScope struct {
	Requester Requester
	Delegate  bool
}

// parseScope parses the options after a token: "requester=<email|id>" or
// "delegate".
func parseScope(opts []string) (TokenScope, error) {
	var s TokenScope
	for _, o := range opts {
		k, v, _ := strings.Cut(o, "=")
		switch strings.ToLower(k) {
		case "requester":
			r, err := ParseRequester(v)
			if err != nil {
				return s, err
			}
			s.Requester = r
		case "delegate":
			s.Delegate = true
		default:
			return s, fmt.Errorf("unknown option %q (want requester=<e-mail or contact id>, or delegate)", k)
		}
	}
	if s.Delegate && !s.Requester.IsZero() {
		return s, fmt.Errorf("a token is either bound to a requester or delegating, not both")
	}
	return s, nil
}
