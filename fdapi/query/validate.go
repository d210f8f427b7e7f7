package query

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// emailPattern approximates Freshdesk's e-mail validator.
var emailPattern = regexp.MustCompile(`(?i)^[-a-z0-9.'’_&%=~+]+@(?:[a-z0-9-]+\.)+[a-z]{2,15}$`)

// Validate checks a parsed query against a schema the way Freshdesk does and
// returns an *Error with Freshdesk's entries, or nil.
//
// As on the server: if any field is unknown, every unknown field is reported
// (invalid_field, in order of first appearance) and no value is checked;
// otherwise each field reports at most its first bad value. null is accepted
// for every field.
func Validate(e Expr, s Schema) error {
	type fieldValues struct {
		name   string
		values []Value
	}
	var order []fieldValues
	index := map[string]int{}
	Walk(e, func(c *Cond) {
		i, ok := index[c.Field]
		if !ok {
			i = len(order)
			index[c.Field] = i
			order = append(order, fieldValues{name: c.Field})
		}
		order[i].values = append(order[i].values, c.Value)
	})

	var errs []FieldError
	for _, fv := range order {
		if _, ok := s.fields[fv.name]; !ok {
			errs = append(errs, FieldError{Field: fv.name, Message: MsgInvalidField, Code: CodeInvalidField})
		}
	}
	if errs != nil {
		return &Error{Errors: errs}
	}
	for _, fv := range order {
		f := s.fields[fv.name]
		for _, v := range fv.values {
			if fe, bad := checkValue(fv.name, f, v); bad {
				errs = append(errs, fe)
				break
			}
		}
	}
	if errs != nil {
		return &Error{Errors: errs}
	}
	return nil
}

// checkValue validates one value; null is always valid.
func checkValue(name string, f FieldSpec, v Value) (FieldError, bool) {
	if v.Kind == NoValue {
		return FieldError{}, false
	}
	fail := func(msg, code string) (FieldError, bool) {
		return FieldError{Field: name, Message: msg, Code: code}, true
	}
	switch f.Kind {
	case KindChoice:
		if !inChoices(f, v) {
			return fail(choiceMessage(f.Choices), CodeInvalidValue)
		}
	case KindPositiveInt:
		if v.Kind != Int {
			return fail(MsgPositiveInteger, CodeDatatypeMismatch)
		}
		if v.Int <= 0 {
			return fail(MsgPositiveInteger, CodeInvalidValue)
		}
	case KindInt:
		if v.Kind != Int {
			return fail(MsgInteger, CodeDatatypeMismatch)
		}
	case KindDate:
		if v.Kind == Int || !isDate(v.Text()) {
			return fail(MsgDate, CodeInvalidValue)
		}
	case KindDateTime:
		if v.Kind == Int || !isDateTime(v.Text()) {
			return fail(MsgDateTime, CodeInvalidValue)
		}
	case KindBool:
		if t := v.Text(); v.Kind == Int || (t != "true" && t != "false") {
			return fail(MsgBoolean, CodeDatatypeMismatch)
		}
	case KindEmail:
		if v.Kind == Int || !emailPattern.MatchString(v.Text()) {
			return fail("It should be in the 'valid "+name+"' format", CodeInvalidValue)
		}
	}
	return FieldError{}, false
}

// inChoices mirrors the server's inclusion check: the choices plus their
// string forms; an integer literal only matches integer choices.
func inChoices(f FieldSpec, v Value) bool {
	for _, c := range f.Choices {
		if v.Kind == Int {
			if f.IntChoices && c == strconv.FormatInt(v.Int, 10) {
				return true
			}
		} else if c == v.Text() {
			return true
		}
	}
	return false
}

func choiceMessage(choices []string) string {
	if len(choices) == 0 {
		return MsgNotExpected
	}
	seen := make(map[string]bool, len(choices))
	uniq := make([]string, 0, len(choices))
	for _, c := range choices {
		if !seen[c] {
			seen[c] = true
			uniq = append(uniq, c)
		}
	}
	return "It should be one of these values: '" + strings.Join(uniq, ",") + "'"
}

// isDate reports whether s is a real calendar date written yyyy-mm-dd.
func isDate(s string) bool {
	if !matchPattern(s, "dddd-dd-dd") || len(s) != 10 {
		return false
	}
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// isDateTime accepts a date or an ISO 8601 date-time with optional seconds
// and zone.
func isDateTime(s string) bool {
	if isDate(s) {
		return true
	}
	for _, layout := range [...]string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02T15:04:05Z0700"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}
