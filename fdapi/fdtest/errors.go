package fdtest

import "net/http"

// Freshdesk's fixed error texts.
const (
	msgInvalidField   = "Unexpected/invalid field in request"
	msgLoggedIn       = "You have to be logged in to perform this action."
	msgInvalidJSON    = "Request body has invalid json format"
	msgContentType    = "Content-Type header should have application/json"
	msgAccept         = "Accept header should have application/json or */*"
	msgServerError    = "We're sorry, but something went wrong."
	msgRateLimited    = "You have exceeded the limit of requests per minute"
	msgBlank          = "It should not be blank as this is a mandatory field"
	msgPositiveInt    = "It should be a/an Positive Integer"
	msgPerPage        = "It should be a Positive Integer less than or equal to 100"
	msgTicketPage     = "You cannot access tickets beyond the 300th page. Please provide a smaller page number."
	msgSearchPage     = "It should be a Positive Integer less than or equal to 10"
	msgValidEmail     = "It should be a valid email address"
	msgUniqueValue    = "It should be a unique value"
	codeInvalidValue  = "invalid_value"
	codeInvalidField  = "invalid_field"
	codeMissing       = "missing_field"
	codeDatatype      = "datatype_mismatch"
	codeDuplicate     = "duplicate_value"
	codeIncompatible  = "incompatible_field"
	validationFailure = "Validation failed"
)

// fieldErr is one entry of a validation body's errors array.
type fieldErr struct {
	Field, Message, Code string
	NestedField          string
	AdditionalInfo       *Obj
}

// apiError is a handler's failure; status 0 means "derive from the field errors".
type apiError struct {
	status int
	body   *Obj // nil means an empty body (404)
}

func (e *apiError) Error() string { return http.StatusText(e.status) }

// validation builds a "Validation failed" body; 409 when any error is a duplicate.
func validation(errs ...fieldErr) *apiError {
	status := http.StatusBadRequest
	list := make([]any, 0, len(errs))
	for _, fe := range errs {
		o := newObj()
		o.Set("field", fe.Field)
		if fe.NestedField != "" {
			o.Set("nested_field", fe.NestedField)
		}
		o.Set("message", fe.Message)
		o.Set("code", fe.Code)
		if fe.AdditionalInfo != nil {
			o.Set("additional_info", fe.AdditionalInfo)
		}
		if fe.Code == codeDuplicate {
			status = http.StatusConflict
		}
		list = append(list, o)
	}
	body := newObj()
	body.Set("description", validationFailure)
	body.Set("errors", list)
	return &apiError{status: status, body: body}
}

// requestError builds a {code,message} body.
func requestError(status int, code, msg string) *apiError {
	o := newObj()
	o.Set("code", code)
	o.Set("message", msg)
	return &apiError{status: status, body: o}
}

// baseError builds a {message} body.
func baseError(status int, msg string) *apiError {
	o := newObj()
	o.Set("message", msg)
	return &apiError{status: status, body: o}
}

// notFound is the real server's empty-bodied 404.
func notFound() *apiError { return &apiError{status: http.StatusNotFound} }

// invalidField is the error for a parameter the endpoint does not accept.
func invalidField(name string) fieldErr {
	return fieldErr{Field: name, Message: msgInvalidField, Code: codeInvalidField}
}
