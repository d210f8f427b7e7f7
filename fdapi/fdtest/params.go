package fdtest

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// param is one decoded query parameter; order is kept for the Link header.
type param struct{ key, val string }

// params is the ordered, decoded query string of a request.
type params []param

func parseParams(raw string) params {
	var out params
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		if dk, err := url.QueryUnescape(k); err == nil {
			k = dk
		}
		if dv, err := url.QueryUnescape(v); err == nil {
			v = dv
		}
		out = append(out, param{k, v})
	}
	return out
}

// get returns the last value of key.
func (p params) get(key string) (string, bool) {
	val, found := "", false
	for _, x := range p {
		if x.key == key {
			val, found = x.val, true
		}
	}
	return val, found
}

// has reports whether any of keys is present.
func (p params) has(keys ...string) bool {
	for _, k := range keys {
		if _, ok := p.get(k); ok {
			return true
		}
	}
	return false
}

// allow rejects parameters outside the allowed set, like Rails' unpermitted
// parameters check (each unknown name once, in request order).
func (p params) allow(allowed ...string) *apiError {
	var errs []fieldErr
	seen := map[string]bool{}
	for _, x := range p {
		if slices.Contains(allowed, x.key) || seen[x.key] {
			continue
		}
		seen[x.key] = true
		errs = append(errs, invalidField(x.key))
	}
	if len(errs) > 0 {
		return validation(errs...)
	}
	return nil
}

// paging validates page and per_page; maxPage 0 means no page cap.
func (p params) paging(maxPage int) (page, perPage int, err *apiError) {
	page, perPage, errs := p.pagingErrs(maxPage)
	if len(errs) > 0 {
		return 0, 0, validation(errs...)
	}
	return page, perPage, nil
}

// pagingErrs is paging returning the field errors for combining.
func (p params) pagingErrs(maxPage int) (page, perPage int, errs []fieldErr) {
	page, perPage = 1, 30
	if v, ok := p.get("page"); ok {
		n, e := strconv.Atoi(v)
		switch {
		case e != nil || n < 1:
			errs = append(errs, fieldErr{Field: "page", Message: msgPositiveInt, Code: codeDatatype})
		case maxPage > 0 && n > maxPage:
			errs = append(errs, fieldErr{Field: "page", Message: msgTicketPage, Code: codeInvalidValue})
		default:
			page = n
		}
	}
	if v, ok := p.get("per_page"); ok {
		n, e := strconv.Atoi(v)
		if e != nil || n < 1 || n > 100 {
			errs = append(errs, fieldErr{Field: "per_page", Message: msgPerPage, Code: codeInvalidValue})
		} else {
			perPage = n
		}
	}
	return page, perPage, errs
}

// positiveID parses an id parameter.
func positiveID(field, v string) (int64, *fieldErr) {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 1 {
		return 0, &fieldErr{Field: field, Message: msgPositiveInt, Code: codeDatatype}
	}
	return n, nil
}

// oneOf validates a choice parameter.
func oneOf(field, v string, choices ...string) *fieldErr {
	if slices.Contains(choices, v) {
		return nil
	}
	return &fieldErr{Field: field, Message: choicesMsg(choices), Code: codeInvalidValue}
}

func choicesMsg(choices []string) string {
	return "It should be one of these values: '" + strings.Join(choices, ",") + "'"
}

// splitList splits a comma-separated parameter, dropping empty items.
func splitList(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// nextLink builds the Link header value for page next, from the request URL
// with the original parameter order and un-encoded values, like Freshdesk.
func nextLink(r *http.Request, p params, next int) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	parts := make([]string, 0, len(p)+1)
	replaced := false
	for _, x := range p {
		if x.key == "page" {
			if !replaced {
				parts = append(parts, "page="+strconv.Itoa(next))
				replaced = true
			}
			continue
		}
		parts = append(parts, x.key+"="+x.val)
	}
	if !replaced {
		parts = append(parts, "page="+strconv.Itoa(next))
	}
	return "<" + scheme + "://" + r.Host + r.URL.Path + "?" + strings.Join(parts, "&") + `>; rel="next"`
}

// pageOf slices items for page/perPage and reports whether a next page exists.
func pageOf[T any](items []T, page, perPage int) ([]T, bool) {
	start := (page - 1) * perPage
	if start >= len(items) {
		return []T{}, false
	}
	end := min(start+perPage, len(items))
	return items[start:end], end < len(items)
}
