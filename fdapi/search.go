package fdapi

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/query"
)

// searchBody is the {results,total} envelope of the search endpoints.
type searchBody[T any] struct {
	Results []T `json:"results"`
	Total   int `json:"total"`
}

// SearchTickets runs GET /search/tickets?query="<q>"&page=N. q is the inner
// expression without the outer double quotes (a surrounding pair is
// tolerated). The query is parsed and validated locally against the
// account's statuses, types and custom fields (cached ticket fields) before
// any credit is spent. page is 1..10 (0 means 1).
func (c *Client) SearchTickets(ctx context.Context, q string, page int) (SearchPage[Ticket], error) {
	return search[Ticket](ctx, c, "tickets", q, page)
}

// SearchContacts runs GET /search/contacts with the same rules as SearchTickets.
func (c *Client) SearchContacts(ctx context.Context, q string, page int) (SearchPage[Contact], error) {
	return search[Contact](ctx, c, "contacts", q, page)
}

// SearchCompanies runs GET /search/companies with the same rules as SearchTickets.
func (c *Client) SearchCompanies(ctx context.Context, q string, page int) (SearchPage[Company], error) {
	return search[Company](ctx, c, "companies", q, page)
}

// SearchTicketsAll iterates every ticket search result (at most 300: 10 pages of 30).
func (c *Client) SearchTicketsAll(ctx context.Context, q string) iter.Seq2[Ticket, error] {
	return searchPages(func(page int) (SearchPage[Ticket], error) { return c.SearchTickets(ctx, q, page) })
}

// SearchContactsAll iterates every contact search result (at most 300).
func (c *Client) SearchContactsAll(ctx context.Context, q string) iter.Seq2[Contact, error] {
	return searchPages(func(page int) (SearchPage[Contact], error) { return c.SearchContacts(ctx, q, page) })
}

// SearchCompaniesAll iterates every company search result (at most 300).
func (c *Client) SearchCompaniesAll(ctx context.Context, q string) iter.Seq2[Company, error] {
	return searchPages(func(page int) (SearchPage[Company], error) { return c.SearchCompanies(ctx, q, page) })
}

func search[T any](ctx context.Context, c *Client, kind, q string, page int) (SearchPage[T], error) {
	path := "/search/" + kind
	if page == 0 {
		page = 1
	}
	if page < 1 || page > SearchMaxPages {
		return SearchPage[T]{}, localError(http.MethodGet, "/api/v2"+path, FieldError{Field: "page",
			Message: "It should be a Positive Integer less than or equal to 10", Code: "invalid_value"})
	}
	inner := strings.TrimSpace(q)
	if len(inner) >= 2 && inner[0] == '"' && inner[len(inner)-1] == '"' {
		inner = strings.TrimSpace(inner[1 : len(inner)-1])
	}
	if err := c.validateSearch(ctx, kind, inner); err != nil {
		return SearchPage[T]{}, err
	}
	vals := url.Values{"query": {query.Quote(inner)}}
	if page > 1 {
		vals.Set("page", strconv.Itoa(page))
	}
	body, _, err := getJSON[searchBody[T]](ctx, c, path, vals)
	if err != nil {
		return SearchPage[T]{}, err
	}
	c.remember(body.Results)
	return SearchPage[T]{
		Items:   body.Results,
		Total:   body.Total,
		Page:    page,
		HasMore: page < SearchMaxPages && page*SearchPageSize < body.Total,
		Capped:  page == SearchMaxPages && page*SearchPageSize < body.Total,
	}, nil
}

// validateSearch parses the query with Freshdesk's grammar and checks its
// fields and values, returning a local *Error in Freshdesk's format.
func (c *Client) validateSearch(ctx context.Context, kind, inner string) error {
	path := "/api/v2/search/" + kind
	expr, err := query.ParseInner(inner)
	if err == nil {
		var schema query.Schema
		schema, err = c.searchSchema(ctx, kind, expr)
		if err != nil {
			// The schema needs the ticket fields; without them the server judges.
			c.logDebug(ctx, "freshdesk search: semantic validation skipped", "error", err.Error())
			return nil
		}
		err = query.Validate(expr, schema)
	}
	if err == nil {
		return nil
	}
	var qe *query.Error
	if !errors.As(err, &qe) {
		return localError(http.MethodGet, path, FieldError{Field: "query", Message: err.Error(), Code: "invalid_value"})
	}
	fes := make([]FieldError, len(qe.Errors))
	for i, fe := range qe.Errors {
		fes[i] = FieldError{Field: fe.Field, Message: fe.Message, Code: fe.Code}
		if kind == "tickets" && fe.Code == query.CodeInvalidField {
			if h := query.Hint(fe.Field); h != "" {
				fes[i].Message += " (hint: " + h + ")"
			}
		}
	}
	return localError(http.MethodGet, path, fes...)
}

// searchSchema builds the schema for a search endpoint. Ticket search uses
// the account's cached ticket fields; contact and company custom fields are
// not loaded, so their cf_* fields are passed through for the server to judge.
func (c *Client) searchSchema(ctx context.Context, kind string, expr query.Expr) (query.Schema, error) {
	switch kind {
	case "tickets":
		fields, err := c.TicketFields(ctx)
		if err != nil {
			return query.Schema{}, err
		}
		return TicketSearchSchema(fields), nil
	case "contacts":
		return passCustom(query.ContactSchema(nil), expr), nil
	default:
		return passCustom(query.CompanySchema(nil), expr), nil
	}
}

func passCustom(s query.Schema, expr query.Expr) query.Schema {
	query.Walk(expr, func(cd *query.Cond) {
		name := strings.ToLower(cd.Field)
		if _, ok := s.Lookup(name); !ok && strings.HasPrefix(name, "cf_") {
			s = s.With(name, query.FieldSpec{Kind: query.KindString})
		}
	})
	return s
}

// TicketSearchSchema builds the ticket search schema from an account's ticket
// fields: its status ids (custom statuses included), ticket types and
// searchable custom fields (text, number, checkbox, dropdown).
func TicketSearchSchema(fields []TicketField) query.Schema {
	var ids []int
	for _, s := range StatusesFromFields(fields) {
		ids = append(ids, s.ID)
	}
	if len(ids) == 0 {
		ids = query.DefaultStatusIDs()
	}
	types := TicketTypesFromFields(fields)
	var custom []query.CustomField
	for _, f := range fields {
		if f.Default || !strings.HasPrefix(f.Name, "cf_") {
			continue
		}
		t, ok := query.CustomTypeOf(f.Type)
		if !ok {
			continue
		}
		cf := query.CustomField{Name: f.Name, Type: t}
		if t == query.CustomDropdown {
			cf.Choices = f.Choices.Labels()
		}
		custom = append(custom, cf)
	}
	return query.TicketSchema(ids, types, custom)
}
