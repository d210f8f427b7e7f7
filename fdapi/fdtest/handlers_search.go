package fdtest

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/query"
)

const searchPerPage = 30

// searchRequest validates page and query of a /search/* call.
func searchRequest(p params, schema query.Schema) (query.Expr, int, *apiError) {
	var errs []fieldErr
	raw, hasQuery := p.get("query")
	var expr query.Expr
	if !hasQuery {
		errs = append(errs, fieldErr{Field: "query", Message: msgBlank, Code: codeMissing})
	} else {
		e, err := query.Parse(raw)
		if err == nil {
			err = query.Validate(e, schema)
		}
		var qe *query.Error
		switch {
		case errors.As(err, &qe):
			for _, fe := range qe.Errors {
				errs = append(errs, fieldErr{Field: fe.Field, Message: fe.Message, Code: fe.Code})
			}
		case err != nil:
			errs = append(errs, fieldErr{Field: "query", Message: query.FormatMessage, Code: codeInvalidValue})
		default:
			expr = e
		}
	}
	page := 1
	if v, ok := p.get("page"); ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 10 {
			errs = append(errs, fieldErr{Field: "page", Message: msgSearchPage, Code: codeInvalidValue})
		} else {
			page = n
		}
	}
	if len(errs) > 0 {
		return nil, 0, validation(errs...)
	}
	return expr, page, nil
}

// searchResult renders the {results,total} envelope for one page of matches.
func searchResult(matches []*Obj, page int, render func(*Obj) *Obj) *Obj {
	items, _ := pageOf(matches, page, searchPerPage)
	results := make([]any, 0, len(items))
	for _, o := range items {
		results = append(results, render(o))
	}
	out := newObj()
	out.Set("results", results)
	out.Set("total", num(int64(len(matches))))
	return out
}

// values turns a stored JSON value into query.Record values.
func values(v any) []any {
	switch t := v.(type) {
	case nil:
		return nil
	case []any:
		return t
	}
	return []any{v}
}

// ticketSchema returns the account's ticket search schema.
func (s *Server) ticketSchema() (query.Schema, map[string]string) {
	var custom []query.CustomField
	types := map[string]string{}
	for _, f := range s.customTicketFields() {
		name, typ := f.getString("name"), f.getString("type")
		types[name] = typ
		ct, ok := query.CustomTypeOf(typ)
		if !ok {
			continue
		}
		cf := query.CustomField{Name: name, Type: ct}
		if ct == query.CustomDropdown {
			cf.Choices = dropdownChoices(f)
		}
		custom = append(custom, cf)
	}
	return query.TicketSchema(s.statusIDs(), s.ticketTypes(), custom), types
}

// searchTickets serves GET /search/tickets.
func (s *Server) searchTickets(c *ctx) (int, any, *apiError) {
	schema, cfTypes := s.ticketSchema()
	expr, page, err := searchRequest(c.p, schema)
	if err != nil {
		return 0, nil, err
	}
	var matches []*Obj
	for _, t := range s.st.tickets.list {
		if t.getBool("spam") || t.getBool("deleted") {
			continue
		}
		rec := query.RecordFunc(func(field string) ([]any, bool) {
			cf := t.getObj("custom_fields")
			switch field {
			case "agent_id":
				v, _ := t.Get("responder_id")
				return values(v), true
			case "tag":
				v, _ := t.Get("tags")
				return values(v), true
			case "closed_at":
				v, _ := s.statsOf(t).Get("closed_at")
				return values(v), true
			case "custom_string", "custom_number", "custom_dropdown":
				want := map[string]string{"custom_string": "custom_text", "custom_number": "custom_number",
					"custom_dropdown": "custom_dropdown"}[field]
				var out []any
				for name, typ := range cfTypes {
					if typ == want {
						v, _ := cf.Get(name)
						out = append(out, values(v)...)
					}
				}
				return out, true
			}
			if strings.HasPrefix(field, "cf_") {
				v, _ := cf.Get(field)
				return values(v), true
			}
			v, ok := t.Get(field)
			return values(v), ok
		})
		if query.Match(expr, rec) {
			matches = append(matches, t)
		}
	}
	sortTickets(matches, "created_at", false)
	return http.StatusOK, searchResult(matches, page, func(t *Obj) *Obj {
		return s.renderTicket(t, shapeSearch, nil)
	}), nil
}

// inferredCustom derives search custom fields from the values records hold
// (contacts and companies have no field endpoint in the emulator).
func inferredCustom(list []*Obj) []query.CustomField {
	seen := map[string]bool{}
	var out []query.CustomField
	for _, o := range list {
		cf := o.getObj("custom_fields")
		for _, k := range cf.Keys() {
			v := cf.vals[k]
			if seen[k] || v == nil {
				continue
			}
			seen[k] = true
			f := query.CustomField{Name: k, Type: query.CustomText}
			switch v.(type) {
			case bool:
				f.Type = query.CustomCheckbox
			case interface{ Int64() (int64, error) }:
				f.Type = query.CustomNumber
			}
			out = append(out, f)
		}
	}
	return out
}

// objRecord looks fields up in o, mapping renamed fields first.
func objRecord(o *Obj, rename map[string]string, extra func(string) ([]any, bool)) query.Record {
	return query.RecordFunc(func(field string) ([]any, bool) {
		if extra != nil {
			if v, ok := extra(field); ok {
				return v, true
			}
		}
		if strings.HasPrefix(field, "cf_") {
			v, _ := o.getObj("custom_fields").Get(field)
			return values(v), true
		}
		if r, ok := rename[field]; ok {
			field = r
		}
		v, ok := o.Get(field)
		return values(v), ok
	})
}

// searchContacts serves GET /search/contacts.
func (s *Server) searchContacts(c *ctx) (int, any, *apiError) {
	expr, page, err := searchRequest(c.p, query.ContactSchema(inferredCustom(s.st.contacts.list)))
	if err != nil {
		return 0, nil, err
	}
	var matches []*Obj
	for _, o := range s.st.contacts.list {
		if o.getBool("deleted") {
			continue
		}
		rec := objRecord(o, map[string]string{"tag": "tags"}, func(field string) ([]any, bool) {
			if field != "email" {
				return nil, false
			}
			v, _ := o.Get("email")
			return append(values(v), values(clone(o.vals["other_emails"]))...), true
		})
		if query.Match(expr, rec) {
			matches = append(matches, o)
		}
	}
	return http.StatusOK, searchResult(byName(matches, ownName), page, renderContactList), nil
}

// searchCompanies serves GET /search/companies.
func (s *Server) searchCompanies(c *ctx) (int, any, *apiError) {
	expr, page, err := searchRequest(c.p, query.CompanySchema(inferredCustom(s.st.companies.list)))
	if err != nil {
		return 0, nil, err
	}
	var matches []*Obj
	for _, o := range s.st.companies.list {
		if query.Match(expr, objRecord(o, map[string]string{"domain": "domains"}, nil)) {
			matches = append(matches, o)
		}
	}
	return http.StatusOK, searchResult(byName(matches, ownName), page, func(o *Obj) *Obj {
		return pick(o, companyListKeys, true)
	}), nil
}
