package query

import (
	"errors"
	"strconv"
	"strings"
)

// MaxLen is the maximum number of characters Freshdesk accepts inside the
// outer double quotes of a search query.
const MaxLen = 512

// Error codes used in FieldError.Code, as Freshdesk spells them.
const (
	CodeInvalidValue     = "invalid_value"
	CodeInvalidField     = "invalid_field"
	CodeDatatypeMismatch = "datatype_mismatch"
)

// FormatMessage is Freshdesk's message for a query that does not match the
// search grammar, verbatim (including the double space and "paranthesis").
const FormatMessage = `Given query is invalid, expected format "keyword:value  OPERATOR keyword:'string' OPERATOR keyword:>'yyyy-mm-dd' OPERATOR keyword:<integer". Space is mandatory between key/value pair and operator. Please check the paranthesis if there are any.`

// Messages used by Validate, verbatim from Freshdesk.
const (
	MsgInvalidField    = "Unexpected/invalid field in request"
	MsgPositiveInteger = "It should be a/an Positive Integer"
	MsgInteger         = "It should be a/an Integer"
	MsgBoolean         = "It should be a/an Boolean"
	MsgDate            = "It should be a valid date in the 'yyyy-mm-dd' format"
	MsgDateTime        = "It should be a valid date in the 'combined date and time ISO8601' format"
	MsgNotExpected     = "It should not be set, as input is not expected"
)

// FieldError is one entry of a Freshdesk validation error body
// ({"description":"Validation failed","errors":[...]}); its JSON encoding is
// exactly Freshdesk's.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
	Code    string `json:"code"`
}

// Error is a query that Freshdesk would refuse with HTTP 400. Errors holds the
// entries of the body in Freshdesk's order.
type Error struct {
	Errors []FieldError
}

// Error returns "field: message" for each entry, joined by "; ".
func (e *Error) Error() string {
	var b strings.Builder
	for i, fe := range e.Errors {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(fe.Field)
		b.WriteString(": ")
		b.WriteString(fe.Message)
	}
	return b.String()
}

// Body returns the full Freshdesk validation body for the error
// ({"description":"Validation failed","errors":[...]}), ready for json.Marshal.
func (e *Error) Body() ValidationBody {
	return ValidationBody{Description: "Validation failed", Errors: e.Errors}
}

// ValidationBody is Freshdesk's 400 validation body.
type ValidationBody struct {
	Description string       `json:"description"`
	Errors      []FieldError `json:"errors"`
}

// IsFormat reports whether err is the grammar (format) error of a query.
func IsFormat(err error) bool {
	var e *Error
	return errors.As(err, &e) && len(e.Errors) == 1 && e.Errors[0].Field == "query" && e.Errors[0].Message == FormatMessage
}

func formatError() *Error {
	return &Error{Errors: []FieldError{{Field: "query", Message: FormatMessage, Code: CodeInvalidValue}}}
}

func lengthError(n int) *Error {
	return &Error{Errors: []FieldError{{
		Field:   "query",
		Message: "Has " + strconv.Itoa(n) + " characters, it can have maximum of " + strconv.Itoa(MaxLen) + " characters",
		Code:    CodeInvalidValue,
	}}}
}
