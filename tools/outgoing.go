package tools

import (
	"errors"
	"fmt"
	"strings"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/shape"
)

// outgoing cleans the text one write sends to Freshdesk
// (shape.CleanOutgoing: invisible, bidi-control, tag and control characters
// removed) and checks Freshdesk's limits, before any credit is spent. The
// cleaned values are both what the preview shows and what is sent, so a
// person confirms exactly the bytes the customer gets; removed lists what
// was taken out, for the preview.
type outgoing struct {
	removed []shape.Removal
}

// text cleans one required text value of field; text that is empty once
// cleaned, or longer than max characters, is refused.
func (o *outgoing) text(field, s string, kind shape.TextKind, max int) (string, error) {
	out, rm, err := shape.CleanOutgoing(s, kind)
	if errors.Is(err, shape.ErrEmptyText) {
		if len(rm) > 0 {
			return "", inputErrorf("%s has no visible text: it is empty once invisible characters are removed (%s). Write the text itself.", field, shape.FormatRemovals(rm))
		}
		return "", inputErrorf("%s is empty: write the text in %s", field, field)
	}
	if err != nil {
		return "", inputErrorf("%s: %v", field, err)
	}
	if err := shape.CheckRunes(field, out, max); err != nil {
		return "", inputErrorf("%v", err)
	}
	o.add(rm)
	return out, nil
}

// emails cleans a list of e-mail addresses and checks Freshdesk's count and
// length limits and the format.
func (o *outgoing) emails(field string, in []string) ([]string, error) {
	if err := shape.CheckCount(field, "addresses", len(in), shape.MaxEmailsPerField); err != nil {
		return nil, inputErrorf("%v", err)
	}
	var out []string
	for i, e := range in {
		c, err := o.text(fmt.Sprintf("%s[%d]", field, i), e, shape.SingleLine, shape.MaxEmailRunes)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := checkEmails(field, out); err != nil {
		return nil, err
	}
	return out, nil
}

// tags cleans a list of tags and checks each (1-32 characters, no comma)
// and their number.
func (o *outgoing) tags(field string, in []string) ([]string, error) {
	if err := shape.CheckCount(field, "tags", len(in), shape.MaxTags); err != nil {
		return nil, inputErrorf("%v", err)
	}
	var out []string
	for i, t := range in {
		name := fmt.Sprintf("%s[%d]", field, i)
		c, err := o.text(name, t, shape.SingleLine, shape.MaxTagRunes)
		if err != nil {
			return nil, err
		}
		if err := shape.CheckTag(name, c); err != nil {
			return nil, inputErrorf("%v", err)
		}
		out = append(out, c)
	}
	return out, nil
}

// add merges rm into the removal list, by code point.
func (o *outgoing) add(rm []shape.Removal) {
next:
	for _, r := range rm {
		for i := range o.removed {
			if o.removed[i].CodePoint == r.CodePoint {
				o.removed[i].Count += r.Count
				continue next
			}
		}
		o.removed = append(o.removed, r)
	}
}

// customText cleans a text value of a custom field (paragraph fields keep
// line breaks) and checks its length; other values pass unchanged.
func (o *outgoing) customText(fields []fdapi.TicketField, key string, v any) (any, error) {
	s, ok := v.(string)
	if !ok || strings.TrimSpace(s) == "" {
		return v, nil // not text, or clearing the field
	}
	f, nested, found := findField(fields, key)
	if !found {
		return v, nil // customValue reports the unknown field
	}
	kind, max := shape.SingleLine, shape.MaxCustomTextRunes
	if nested == nil && f.Type == "custom_paragraph" {
		kind, max = shape.MultiLine, shape.MaxBodyRunes
	}
	return o.text("custom_fields."+key, s, kind, max)
}
