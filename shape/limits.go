package shape

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Freshdesk's own limits on what a write may carry, checked locally so a
// write that Freshdesk would refuse is refused before it spends a credit.
// Lengths are in characters (Unicode code points), as Freshdesk (Ruby
// String#length) counts them.
//
// Source, unless a constant says otherwise: Freshdesk's API v2 server
// (helpkit) as of 2020-11 [FC in /work/shared/reference/freshdesk-api-v2.md,
// github.com/Ramesh-Veeriaperumal/freshconsult commit 79a4e8cf],
// used as a behavioural reference only.
const (
	// MaxSubjectRunes: ticket subject, `custom_length: {maximum:
	// ApiConstants::MAX_LENGTH_STRING}` = 255 (api/app/controllers/
	// validations/ticket_validation.rb; the unit test default_field_validator_test.rb
	// expects "max_count: 255" for subject).
	MaxSubjectRunes = 255
	// MaxTagRunes: each tag, `ApiConstants::TAG_MAX_LENGTH_STRING` = 32
	// (ticket_validation.rb, ticket_update_property_validation.rb; the tag
	// model Helpdesk::Tag validates name length 1..32). Tags may not contain
	// a comma (`string_rejection: {excluded_chars: [',']}`).
	MaxTagRunes = 32
	// MaxEmailRunes: an e-mail address (requester email: MAX_LENGTH_STRING
	// = 255, ticket_validation.rb).
	MaxEmailRunes = 255
	// MaxCustomTextRunes: a single-line text, dropdown or phone custom field
	// value (api/app/validators/custom_field_validator.rb:
	// validate_custom_text uses MAX_LENGTH_STRING = 255). Paragraph fields
	// have no API length limit there; MaxBodyRunes applies to them.
	MaxCustomTextRunes = 255
	// MaxEmailsPerField: cc_emails, bcc_emails, notify_emails (and
	// to_emails) each hold at most ApiTicketConstants::MAX_EMAIL_COUNT =
	// TicketConstants::MAX_EMAIL_COUNT - 1 = 49 addresses
	// (conversation_validation.rb, ticket_validation.rb).
	MaxEmailsPerField = 49

	// MaxBodyRunes is OUR limit on a reply or note body and a paragraph
	// custom field (the write tools' schemas say maxLength 50000):
	// Freshdesk's API validates no maximum for `body`.
	MaxBodyRunes = 50_000
	// MaxTags is OUR limit on the tags one write may add or set: Freshdesk
	// validates no count, but a write with thousands of tags is never what
	// a person meant.
	MaxTags = 100
)

// LimitError is a value that breaks one of the limits above. Its message
// names the field, the limit and what was given, for the model to fix.
type LimitError struct {
	Field string // the argument, e.g. "subject" or "add_tags[3]"
	What  string // "characters", "addresses", "tags"
	Max   int
	Got   int
	// Detail, when set, replaces the length message (e.g. a comma in a tag).
	Detail string
}

func (e *LimitError) Error() string {
	if e.Detail != "" {
		return fmt.Sprintf("%s: %s", e.Field, e.Detail)
	}
	return fmt.Sprintf("%s has %d %s; Freshdesk accepts at most %d", e.Field, e.Got, e.What, e.Max)
}

// CheckRunes returns a *LimitError when s has more than max characters.
func CheckRunes(field, s string, max int) error {
	if n := utf8.RuneCountInString(s); n > max {
		return &LimitError{Field: field, What: "characters", Max: max, Got: n}
	}
	return nil
}

// CheckCount returns a *LimitError when a list of n items (what: "tags",
// "addresses") is longer than max.
func CheckCount(field, what string, n, max int) error {
	if n > max {
		return &LimitError{Field: field, What: what, Max: max, Got: n}
	}
	return nil
}

// CheckTag checks one (already cleaned) tag: 1..MaxTagRunes characters and
// no comma.
func CheckTag(field, tag string) error {
	if strings.Contains(tag, ",") {
		return &LimitError{Field: field, Detail: "a tag may not contain a comma (Freshdesk refuses it); pass each tag as its own list item"}
	}
	return CheckRunes(field, tag, MaxTagRunes)
}

// CheckEmails checks a list of (already cleaned) e-mail addresses against
// MaxEmailsPerField and MaxEmailRunes. The format is checked elsewhere.
func CheckEmails(field string, addrs []string) error {
	if err := CheckCount(field, "addresses", len(addrs), MaxEmailsPerField); err != nil {
		return err
	}
	for i, a := range addrs {
		if err := CheckRunes(fmt.Sprintf("%s[%d]", field, i), a, MaxEmailRunes); err != nil {
			return err
		}
	}
	return nil
}
