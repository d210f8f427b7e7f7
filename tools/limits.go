package tools

import (
	"github.com/invopop/jsonschema"

	"github.com/freshdesk-mcp/freshdesk-mcp/shape"
)

// Documented maximums of tool arguments, written into every input schema
// (maxLength, maxItems, maxProperties) and enforced by bindArgs before
// anything else runs, so an oversized argument costs no credit. A property
// that declares its own maximum keeps it.
const (
	// DefaultMaxStringRunes bounds a string argument without a maximum of
	// its own (names, ids as text, dates, cursors, tokens).
	DefaultMaxStringRunes = 1000
	// DefaultMaxItems bounds a list argument without a maximum of its own.
	DefaultMaxItems = 100
	// DefaultMaxItemRunes bounds each string of such a list.
	DefaultMaxItemRunes = 200
	// DefaultMaxProperties bounds an object argument (custom_fields).
	DefaultMaxProperties = 50
	// maxSafeInteger is the largest integer every JSON client represents
	// exactly (2^53-1): the upper bound of integer arguments without one.
	maxSafeInteger = 1<<53 - 1
)

// argLimit is the maximum of one named argument (0: the default).
type argLimit struct {
	runes, items, itemRunes int
	email                   bool
}

// argLimits are the arguments with limits of their own: Freshdesk's (see
// shape/limits.go for the sources) and e-mail addresses.
var argLimits = map[string]argLimit{
	"email":           {runes: shape.MaxEmailRunes, email: true},
	"requester_email": {runes: shape.MaxEmailRunes, email: true},
	"cc_emails":       {items: shape.MaxEmailsPerField, itemRunes: shape.MaxEmailRunes, email: true},
	"bcc_emails":      {items: shape.MaxEmailsPerField, itemRunes: shape.MaxEmailRunes, email: true},
	"notify_emails":   {items: shape.MaxEmailsPerField, itemRunes: shape.MaxEmailRunes, email: true},
	"add_tags":        {items: shape.MaxTags, itemRunes: shape.MaxTagRunes},
	"remove_tags":     {items: shape.MaxTags, itemRunes: shape.MaxTagRunes},
}

// applyLimits writes the maximums into the top-level properties of an
// input schema.
func applyLimits(s *jsonschema.Schema) {
	if s == nil || s.Properties == nil {
		return
	}
	for p := s.Properties.Oldest(); p != nil; p = p.Next() {
		lim, prop := argLimits[p.Key], p.Value
		switch prop.Type {
		case "string":
			setMax(&prop.MaxLength, orDefault(lim.runes, DefaultMaxStringRunes))
			if lim.email && prop.Format == "" {
				prop.Format = "email"
			}
		case "array":
			setMax(&prop.MaxItems, orDefault(lim.items, DefaultMaxItems))
			if prop.Items != nil && prop.Items.Type == "string" {
				setMax(&prop.Items.MaxLength, orDefault(lim.itemRunes, DefaultMaxItemRunes))
				if lim.email && prop.Items.Format == "" {
					prop.Items.Format = "email"
				}
			}
		case "object":
			setMax(&prop.MaxProperties, DefaultMaxProperties)
		}
	}
}

func orDefault(n, def int) int {
	if n > 0 {
		return n
	}
	return def
}

// setMax sets *p to n unless the property declares a maximum of its own.
func setMax(p **uint64, n int) {
	if *p == nil {
		v := uint64(n)
		*p = &v
	}
}
