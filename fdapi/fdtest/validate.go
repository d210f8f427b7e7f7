package fdtest

import (
	"encoding/json"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"time"
)

// checker collects field errors of a request body.
type checker struct {
	body *Obj
	errs []fieldErr
}

func (k *checker) add(fe fieldErr) { k.errs = append(k.errs, fe) }

// allow reports unknown body keys as invalid_field; it returns false when any.
func (k *checker) allow(keys ...string) bool {
	ok := true
	for _, key := range k.body.keys {
		if !slices.Contains(keys, key) {
			k.add(invalidField(key))
			ok = false
		}
	}
	return ok
}

// typeName names a JSON value's type as Freshdesk's messages do.
func typeName(v any) string {
	switch t := v.(type) {
	case nil:
		return "Null"
	case string:
		return "String"
	case bool:
		return "Boolean"
	case json.Number:
		if _, ok := asInt(t); ok {
			return "Integer"
		}
		return "Float"
	case []any:
		return "Array"
	case *Obj:
		return "key/value pair"
	}
	return "Unknown"
}

func mismatch(field string, v any, want string) fieldErr {
	return fieldErr{Field: field, Message: "Value set is of type " + typeName(v) + ".It should be a/an " + want, Code: codeDatatype}
}

// str reads an optional string key; required adds missing_field when absent or blank.
func (k *checker) str(field string, required bool) (string, bool) {
	v, ok := k.body.Get(field)
	if !ok {
		if required {
			k.add(fieldErr{Field: field, Message: msgBlank, Code: codeMissing})
		}
		return "", false
	}
	s, isStr := v.(string)
	if !isStr {
		k.add(mismatch(field, v, "String"))
		return "", false
	}
	if required && strings.TrimSpace(s) == "" {
		k.add(fieldErr{Field: field, Message: msgBlank, Code: codeMissing})
		return "", false
	}
	return s, true
}

// boolean reads an optional boolean key.
func (k *checker) boolean(field string) (val, present bool) {
	v, ok := k.body.Get(field)
	if !ok {
		return false, false
	}
	b, isBool := v.(bool)
	if !isBool {
		k.add(mismatch(field, v, "Boolean"))
		return false, false
	}
	return b, true
}

// integer reads an optional integer key; null is reported as nullOK allows.
func (k *checker) integer(field string, nullOK bool) (n int64, isNull, present bool) {
	v, ok := k.body.Get(field)
	if !ok {
		return 0, false, false
	}
	if v == nil {
		if !nullOK {
			k.add(mismatch(field, v, "Positive Integer"))
			return 0, false, false
		}
		return 0, true, true
	}
	n, isInt := asInt(v)
	if !isInt || n < 1 {
		k.add(mismatch(field, v, "Positive Integer"))
		return 0, false, false
	}
	return n, false, true
}

// timestamp reads an optional ISO-8601 date-time key.
func (k *checker) timestamp(field string) (time.Time, bool) {
	v, ok := k.body.Get(field)
	if !ok {
		return time.Time{}, false
	}
	s, isStr := v.(string)
	t, valid := parseTime(s)
	if !isStr || !valid {
		k.add(fieldErr{Field: field, Message: "It should be in the 'combined date and time ISO8601' format", Code: codeInvalidValue})
		return time.Time{}, false
	}
	return t, true
}

// emails reads an optional array of e-mail addresses.
func (k *checker) emails(field string) ([]string, bool) {
	v, ok := k.body.Get(field)
	if !ok {
		return nil, false
	}
	arr, isArr := v.([]any)
	if !isArr {
		k.add(mismatch(field, v, "Array"))
		return nil, false
	}
	out := []string{}
	for _, x := range arr {
		s, isStr := x.(string)
		if !isStr {
			k.add(fieldErr{Field: field, Message: "It should contain elements of type String only", Code: codeDatatype})
			return nil, false
		}
		if !validEmail(s) {
			k.add(fieldErr{Field: field, Message: "It should contain elements that are valid email addresses", Code: codeInvalidValue})
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

var reEmail = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

// validEmail accepts "a@b.c" and "Name <a@b.c>".
func validEmail(s string) bool {
	if reEmail.MatchString(s) {
		return true
	}
	a, err := mail.ParseAddress(s)
	return err == nil && reEmail.MatchString(a.Address)
}

// bareEmail returns the address part of "Name <a@b.c>".
func bareEmail(s string) string {
	if a, err := mail.ParseAddress(s); err == nil {
		return a.Address
	}
	return s
}

func (k *checker) err() *apiError {
	if len(k.errs) == 0 {
		return nil
	}
	return validation(k.errs...)
}
