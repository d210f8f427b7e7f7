package fdapi

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// SearchSolutions searches the knowledge base (GET /search/solutions?term=).
func (c *Client) SearchSolutions(ctx context.Context, term string) ([]Article, error) {
	if strings.TrimSpace(term) == "" {
		return nil, localError(http.MethodGet, "/api/v2/search/solutions", FieldError{Field: "term", Message: "It should not be blank as this is a mandatory field", Code: "missing_field"})
	}
	v, _, err := getJSON[[]Article](ctx, c, "/search/solutions", url.Values{"term": {term}})
	return v, err
}

// GetArticle returns GET /solutions/articles/{id}.
func (c *Client) GetArticle(ctx context.Context, id int64) (*Article, error) {
	return getByID[Article](ctx, c, "/solutions/articles/%d", id)
}

// ListSolutionCategories returns GET /solutions/categories.
func (c *Client) ListSolutionCategories(ctx context.Context) ([]Category, error) {
	return getList[Category](ctx, c, "/solutions/categories")
}

// ListSolutionFolders returns the folders of a category.
func (c *Client) ListSolutionFolders(ctx context.Context, categoryID int64) ([]Folder, error) {
	if categoryID <= 0 {
		return nil, localError(http.MethodGet, "/api/v2/solutions/categories/0/folders", FieldError{Field: "id", Message: "It should be a/an Positive Integer", Code: "datatype_mismatch"})
	}
	return getList[Folder](ctx, c, fmt.Sprintf("/solutions/categories/%d/folders", categoryID))
}

// ListFolderArticles returns every article of a folder.
func (c *Client) ListFolderArticles(ctx context.Context, folderID int64) ([]Article, error) {
	if folderID <= 0 {
		return nil, localError(http.MethodGet, "/api/v2/solutions/folders/0/articles", FieldError{Field: "id", Message: "It should be a/an Positive Integer", Code: "datatype_mismatch"})
	}
	return collect[Article](ctx, c, fmt.Sprintf("/solutions/folders/%d/articles", folderID), 0)
}

// ListCannedResponseFolders returns GET /canned_response_folders.
func (c *Client) ListCannedResponseFolders(ctx context.Context) ([]CannedResponseFolder, error) {
	return getList[CannedResponseFolder](ctx, c, "/canned_response_folders")
}

// ListCannedResponses returns the full responses of a folder
// (GET /canned_response_folders/{id}/responses).
func (c *Client) ListCannedResponses(ctx context.Context, folderID int64) ([]CannedResponse, error) {
	if folderID <= 0 {
		return nil, localError(http.MethodGet, "/api/v2/canned_response_folders/0/responses", FieldError{Field: "id", Message: "It should be a/an Positive Integer", Code: "datatype_mismatch"})
	}
	return getList[CannedResponse](ctx, c, fmt.Sprintf("/canned_response_folders/%d/responses", folderID))
}

// GetCannedResponse returns GET /canned_responses/{id}.
func (c *Client) GetCannedResponse(ctx context.Context, id int64) (*CannedResponse, error) {
	return getByID[CannedResponse](ctx, c, "/canned_responses/%d", id)
}

// ListSatisfactionRatings returns a ticket's satisfaction ratings.
func (c *Client) ListSatisfactionRatings(ctx context.Context, ticketID int64) ([]SatisfactionRating, error) {
	if ticketID <= 0 {
		return nil, localError(http.MethodGet, "/api/v2/tickets/0/satisfaction_ratings", FieldError{Field: "ticket_id", Message: "It should be a/an Positive Integer", Code: "datatype_mismatch"})
	}
	return collect[SatisfactionRating](ctx, c, fmt.Sprintf("/tickets/%d/satisfaction_ratings", ticketID), 0)
}

// ListTimeEntries returns the time logged on a ticket.
func (c *Client) ListTimeEntries(ctx context.Context, ticketID int64) ([]TimeEntry, error) {
	if ticketID <= 0 {
		return nil, localError(http.MethodGet, "/api/v2/tickets/0/time_entries", FieldError{Field: "ticket_id", Message: "It should be a/an Positive Integer", Code: "datatype_mismatch"})
	}
	return collect[TimeEntry](ctx, c, fmt.Sprintf("/tickets/%d/time_entries", ticketID), 0)
}
