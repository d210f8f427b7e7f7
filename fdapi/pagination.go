package fdapi

import (
	"iter"
	"regexp"
	"strconv"
	"strings"
)

// Page is one page of a list endpoint.
type Page[T any] struct {
	Items    []T
	NextPage int // 0 = no more pages (Freshdesk sent no Link rel="next")
}

// SearchPage is one page of a search endpoint (30 results per page, at most 10 pages).
type SearchPage[T any] struct {
	Items   []T
	Total   int  // all matches; may exceed the 300 that search can return
	Page    int  // the page returned, 1..10
	HasMore bool // another page exists within the 10-page cap
	// Capped is true on the last page search allows (page 10) when more
	// matches exist beyond it (Page*30 < Total): Freshdesk never returns
	// them, so the caller must narrow the query to see the rest.
	Capped bool
}

// Search paging limits of Freshdesk.
const (
	SearchPageSize = 30
	SearchMaxPages = 10
	// MaxTicketListPage is the last page list tickets serves.
	MaxTicketListPage = 300
	// MaxPerPage is the largest per_page of list endpoints.
	MaxPerPage = 100
)

// linkNext matches the next link. The URL is taken greedily up to the last
// '>' before rel="next" because Freshdesk does not encode query values, so the
// URL may hold ',', '>' or ';'.
var linkNext = regexp.MustCompile(`<(.*)>\s*;\s*rel="?next"?`)

// NextPageFromLink returns the page number of the Link header's rel="next"
// URL, or 0 when there is none. Values in the URL may be un-encoded.
func NextPageFromLink(link string) int {
	m := linkNext.FindStringSubmatch(link)
	if m == nil {
		return 0
	}
	u := m[1]
	i := strings.IndexByte(u, '?')
	if i < 0 {
		return 0
	}
	// Split by hand: un-encoded values ('+', ':', '%') break url.ParseQuery.
	page := 0
	for _, kv := range strings.Split(u[i+1:], "&") {
		k, v, _ := strings.Cut(kv, "=")
		if k == "page" {
			if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n > 0 {
				page = n
			}
		}
	}
	return page
}

// pages iterates every item of a paged list, fetching page after page until
// NextPage is 0. It stops at the first error, yielding it once.
func pages[T any](first int, fetch func(page int) (Page[T], error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		page := max(first, 1)
		for {
			p, err := fetch(page)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range p.Items {
				if !yield(it, nil) {
					return
				}
			}
			if p.NextPage == 0 || p.NextPage <= page {
				return
			}
			page = p.NextPage
		}
	}
}

// searchPages iterates every search result over at most 10 pages.
func searchPages[T any](fetch func(page int) (SearchPage[T], error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for page := 1; page <= SearchMaxPages; page++ {
			p, err := fetch(page)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range p.Items {
				if !yield(it, nil) {
					return
				}
			}
			if !p.HasMore {
				return
			}
		}
	}
}
