package fdapi

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"time"
)

// ListContactsParams are the filters of GET /contacts. Zero values are not sent.
type ListContactsParams struct {
	Email            string
	Mobile           string
	Phone            string
	CompanyID        int64
	State            string    // verified | unverified | deleted | blocked
	UpdatedSince     time.Time // sent as _updated_since (with the leading underscore)
	UniqueExternalID string
	Tag              string
	Page             int
	PerPage          int // 1..100
}

func (p ListContactsParams) values() (url.Values, error) {
	var ck checker
	ck.oneOf("state", p.State, contactStates)
	ck.paging(p.Page, p.PerPage, 0)
	if err := ck.err(http.MethodGet, "/contacts"); err != nil {
		return nil, err
	}
	q := url.Values{}
	setStr(q, "email", p.Email)
	setStr(q, "mobile", p.Mobile)
	setStr(q, "phone", p.Phone)
	setID(q, "company_id", p.CompanyID)
	setStr(q, "state", p.State)
	if !p.UpdatedSince.IsZero() {
		q.Set("_updated_since", timeParam(p.UpdatedSince))
	}
	setStr(q, "unique_external_id", p.UniqueExternalID)
	setStr(q, "tag", p.Tag)
	setPaging(q, p.Page, p.PerPage)
	return q, nil
}

// ListContacts returns one page of GET /contacts.
func (c *Client) ListContacts(ctx context.Context, p ListContactsParams) (Page[Contact], error) {
	q, err := p.values()
	if err != nil {
		return Page[Contact]{}, err
	}
	return listPage[Contact](ctx, c, "/contacts", q)
}

// AllContacts iterates every contact matching p (100 per request unless set).
func (c *Client) AllContacts(ctx context.Context, p ListContactsParams) iter.Seq2[Contact, error] {
	if p.PerPage == 0 {
		p.PerPage = MaxPerPage
	}
	return pages(p.Page, func(page int) (Page[Contact], error) {
		q := p
		q.Page = page
		return c.ListContacts(ctx, q)
	})
}

// GetContact returns GET /contacts/{id}.
func (c *Client) GetContact(ctx context.Context, id int64) (*Contact, error) {
	return getByID[Contact](ctx, c, "/contacts/%d", id)
}

// GetCompany returns GET /companies/{id}.
func (c *Client) GetCompany(ctx context.Context, id int64) (*Company, error) {
	return getByID[Company](ctx, c, "/companies/%d", id)
}

// ListCompanies returns one page of GET /companies.
func (c *Client) ListCompanies(ctx context.Context, page, perPage int) (Page[Company], error) {
	var ck checker
	ck.paging(page, perPage, 0)
	if err := ck.err(http.MethodGet, "/companies"); err != nil {
		return Page[Company]{}, err
	}
	q := url.Values{}
	setPaging(q, page, perPage)
	return listPage[Company](ctx, c, "/companies", q)
}

// AllCompanies iterates every company, 100 per request.
func (c *Client) AllCompanies(ctx context.Context) iter.Seq2[Company, error] {
	return pages(1, func(page int) (Page[Company], error) { return c.ListCompanies(ctx, page, MaxPerPage) })
}

// getByID fetches one object by a positive id.
func getByID[T any](ctx context.Context, c *Client, pathFmt string, id int64) (*T, error) {
	path := fmt.Sprintf(pathFmt, id)
	var ck checker
	ck.positiveID("id", id)
	if err := ck.err(http.MethodGet, path); err != nil {
		return nil, err
	}
	v, _, err := getJSON[*T](ctx, c, path, nil)
	if err == nil {
		c.remember(v)
	}
	return v, err
}

// getList fetches an unpaginated list.
func getList[T any](ctx context.Context, c *Client, path string) ([]T, error) {
	v, _, err := getJSON[[]T](ctx, c, path, nil)
	return v, err
}

// collect gathers every item of a paged list, following Link headers.
// perPage 0 sends no paging parameter on the first request (for endpoints
// whose paging parameters are not documented).
func collect[T any](ctx context.Context, c *Client, path string, perPage int) ([]T, error) {
	var out []T
	for it, err := range pages(1, func(page int) (Page[T], error) {
		q := url.Values{}
		if page == 1 {
			page = 0
		}
		setPaging(q, page, perPage)
		return listPage[T](ctx, c, path, q)
	}) {
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, nil
}
