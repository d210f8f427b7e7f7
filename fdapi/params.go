package fdapi

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Allowed values of list/view parameters, as Freshdesk documents them.
var (
	ticketFilters         = []string{"new_and_my_open", "watching", "spam", "deleted"}
	ticketOrderBy         = []string{"created_at", "due_by", "updated_at", "status"}
	orderTypes            = []string{"asc", "desc"}
	ticketListIncludes    = []string{"stats", "requester", "description", "company"}
	ticketViewIncludes    = []string{"conversations", "requester", "company", "stats"}
	contactStates         = []string{"verified", "unverified", "deleted", "blocked"}
	fieldMustBeOneOf      = "It should be one of these values: '%s'"
	perPageInvalidMessage = "It should be a Positive Integer less than or equal to 100"
)

// timeParam formats a time as Freshdesk expects in query strings.
func timeParam(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// checker collects local validation errors in Freshdesk's format.
type checker struct{ errs []FieldError }

func (c *checker) oneOf(field, v string, allowed []string) {
	if v != "" && !slices.Contains(allowed, v) {
		c.add(field, fmt.Sprintf(fieldMustBeOneOf, strings.Join(allowed, ",")), "invalid_value")
	}
}

func (c *checker) add(field, msg, code string) {
	c.errs = append(c.errs, FieldError{Field: field, Message: msg, Code: code})
}

func (c *checker) paging(page, perPage, maxPage int) {
	if page < 0 || (maxPage > 0 && page > maxPage) {
		msg := "It should be a Positive Integer"
		if maxPage == MaxTicketListPage {
			msg = "You cannot access tickets beyond the 300th page. Please provide a smaller page number."
		}
		c.add("page", msg, "invalid_value")
	}
	if perPage < 0 || perPage > MaxPerPage {
		c.add("per_page", perPageInvalidMessage, "invalid_value")
	}
}

func (c *checker) positiveID(field string, id int64) {
	if id <= 0 {
		c.add(field, "It should be a/an Positive Integer", "datatype_mismatch")
	}
}

func (c *checker) err(method, path string) error {
	if len(c.errs) == 0 {
		return nil
	}
	return localError(method, "/api/v2"+path, c.errs...)
}

func setPaging(q url.Values, page, perPage int) {
	if page > 0 {
		q.Set("page", strconv.Itoa(page))
	}
	if perPage > 0 {
		q.Set("per_page", strconv.Itoa(perPage))
	}
}

func setID(q url.Values, key string, id int64) {
	if id != 0 {
		q.Set(key, strconv.FormatInt(id, 10))
	}
}

func setStr(q url.Values, key, v string) {
	if v != "" {
		q.Set(key, v)
	}
}

// listPage fetches one page of a list endpoint and reads its Link header.
func listPage[T any](ctx context.Context, c *Client, path string, q url.Values) (Page[T], error) {
	items, res, err := getJSON[[]T](ctx, c, path, q)
	if err != nil {
		return Page[T]{}, err
	}
	c.remember(items)
	return Page[T]{Items: items, NextPage: NextPageFromLink(res.header.Get("Link"))}, nil
}
