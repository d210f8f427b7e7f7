package tools

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/shape"
)

const excerptRunes = 200

// plainText converts agent-written HTML (articles, templates) to text without
// the quote and signature removal meant for e-mail.
func plainText(html, text string) string {
	if strings.TrimSpace(html) != "" {
		return shape.Sanitize(shape.HTMLToText(html))
	}
	return shape.Sanitize(text)
}

func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if shape.Runes(s) <= n {
		return s
	}
	t, _ := shape.Truncate(s, n)
	return t + " …"
}

type searchSolutionsIn struct {
	Term string `json:"term" jsonschema:"required,minLength=1" jsonschema_description:"Words to find, e.g. \"reset password\"."`
}

type articleRow struct {
	ID       int64  `json:"id"`
	Title    string `json:"title"`
	Folder   string `json:"folder,omitempty"`
	Category string `json:"category,omitempty"`
	Status   string `json:"status,omitempty"`
	Excerpt  string `json:"excerpt,omitempty"`
	Updated  string `json:"updated_at,omitempty"`
}

type articleListOut struct {
	Articles []articleRow `json:"articles,omitempty"`
	Note     string       `json:"note,omitempty"`
}

func articleStatus(s int) string {
	switch s {
	case fdapi.ArticleDraft:
		return "draft"
	case fdapi.ArticlePublished:
		return "published"
	}
	return ""
}

func (b *builder) searchSolutionsTool() Tool {
	return newTool(b, decl{
		Name: "search_solutions", Title: "Search knowledge base", Toolset: ToolsetKnowledge, Access: Read,
		Description: "Full-text search of the knowledge base: article id, title, folder, category, status, excerpt. Cite article titles to customers. 1 credit.",
	}, b.searchSolutions)
}

func (b *builder) searchSolutions(ctx context.Context, in searchSolutionsIn) (*articleListOut, error) {
	term := strings.TrimSpace(in.Term)
	if term == "" {
		return nil, inputErrorf("term must not be empty")
	}
	arts, err := b.deps.Client.SearchSolutions(ctx, term)
	if err != nil {
		return nil, err
	}
	out := &articleListOut{}
	for _, a := range arts {
		out.Articles = append(out.Articles, articleRow{
			ID: a.ID, Title: shape.Sanitize(a.Title), Folder: a.FolderName, Category: a.CategoryName,
			Status: articleStatus(a.Status), Excerpt: excerpt(shape.Sanitize(a.DescriptionText), excerptRunes), Updated: formatTime(a.UpdatedAt),
		})
	}
	if len(out.Articles) == 0 {
		out.Note = "No article matches; try fewer or different words."
	}
	return out, nil
}

type getArticleIn struct {
	ArticleID int64 `json:"article_id" jsonschema:"required,minimum=1" jsonschema_description:"Article id from search_solutions."`
	MaxChars  int   `json:"max_chars,omitempty" jsonschema:"minimum=2000,maximum=100000" jsonschema_description:"Size cap of the text (default 24000)."`
	Offset    int   `json:"offset,omitempty" jsonschema:"minimum=0" jsonschema_description:"next_offset of the previous answer, to continue."`
}

type articleOut struct {
	ID          int64           `json:"id"`
	Title       string          `json:"title"`
	Status      string          `json:"status,omitempty"`
	Folder      string          `json:"folder,omitempty"`
	Category    string          `json:"category,omitempty"`
	Tags        []string        `json:"tags,omitempty"`
	Text        string          `json:"text,omitempty"`
	Attachments []attachmentOut `json:"attachments,omitempty"`
	UpdatedAt   string          `json:"updated_at,omitempty"`
	Truncated   bool            `json:"truncated,omitempty" jsonschema_description:"True when more text follows; continue with offset=next_offset."`
	Offset      int             `json:"offset,omitempty" jsonschema_description:"Character offset of this text in the whole article."`
	NextOffset  int             `json:"next_offset,omitempty" jsonschema_description:"Pass as offset to read the rest."`
	TotalChars  int             `json:"total_chars,omitempty" jsonschema_description:"Length of the whole article text in characters, when it is split."`
	Note        string          `json:"note,omitempty"`
}

func (b *builder) getArticleTool() Tool {
	return newTool(b, decl{
		Name: "get_solution_article", Title: "Get knowledge-base article", Toolset: ToolsetKnowledge, Access: Read,
		Description: "Read a knowledge-base article as text; a long one comes in parts (when truncated, call again with offset=next_offset). 1 credit a call.",
	}, b.getArticle)
}

func (b *builder) getArticle(ctx context.Context, in getArticleIn) (*articleOut, error) {
	return b.articleAt(ctx, in.ArticleID, in.Offset, b.maxChars(in.MaxChars))
}

// article is the start of an article, at most limit runes of text.
func (b *builder) article(ctx context.Context, id int64, limit int) (*articleOut, error) {
	return b.articleAt(ctx, id, 0, limit)
}

// articleAt is at most limit runes of an article's text from rune offset.
func (b *builder) articleAt(ctx context.Context, id int64, offset, limit int) (*articleOut, error) {
	a, err := b.deps.Client.GetArticle(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &articleOut{ID: a.ID, Title: shape.Sanitize(a.Title), Status: articleStatus(a.Status), Folder: a.FolderName,
		Category: a.CategoryName, Tags: a.Tags, Attachments: attachmentsOut(a.Attachments), UpdatedAt: formatTime(a.UpdatedAt)}
	for _, h := range a.Hierarchy {
		switch {
		case h.Type == "category" && out.Category == "":
			out.Category = h.Data.Name
		case h.Type == "folder":
			out.Folder = h.Data.Name
		}
	}
	text := plainText(a.Description, a.DescriptionText)
	n := shape.Runes(text)
	if offset > 0 {
		if offset >= n {
			return nil, inputErrorf("offset %d is past the end of article %d (%d characters); omit offset to read it from the beginning", offset, id, n)
		}
		text = string([]rune(text)[offset:])
		out.Offset, out.TotalChars = offset, n
	}
	if rest := n - offset; rest > limit {
		piece, _ := shape.Truncate(text, limit)
		if piece == "" {
			piece = string([]rune(text)[:limit])
		}
		text = piece
		next := offset + shape.Runes(piece)
		out.Truncated, out.NextOffset, out.TotalChars = true, next, n
		out.Note = fmt.Sprintf("The article has %d characters; this is characters %d-%d. Call get_solution_article with article_id=%d and offset=%d for the next part (max_chars up to %d per call).", n, offset+1, next, id, next, MaxMaxChars)
	}
	out.Text = text
	return out, nil
}

// cannedCache keeps canned responses for a while: there is no search
// endpoint, the set is small, and listing costs one credit per folder.
// mu guards the fields but is never held across a network call: one caller
// loads while the others wait on loading (a single-flight marker).
type cannedCache struct {
	mu      sync.Mutex
	ttl     time.Duration
	at      time.Time
	folders []fdapi.CannedResponseFolder
	byID    map[int64][]fdapi.CannedResponse // folder id -> responses
	// loading is closed when the load in flight ends; nil when none is.
	loading chan struct{}
}

func (c *cannedCache) load(ctx context.Context, cl *fdapi.Client) ([]fdapi.CannedResponseFolder, map[int64][]fdapi.CannedResponse, error) {
	for {
		c.mu.Lock()
		if c.byID != nil && time.Since(c.at) < c.ttl {
			folders, byID := c.folders, c.byID
			c.mu.Unlock()
			return folders, byID, nil
		}
		wait := c.loading
		if wait == nil {
			c.loading = make(chan struct{})
			c.mu.Unlock()
			break
		}
		c.mu.Unlock()
		select { // another call is loading: wait for it, then look again
		case <-wait:
		case <-ctx.Done():
			return nil, nil, fmt.Errorf("canned responses: %w", ctx.Err())
		}
	}
	folders, byID, err := fetchCanned(ctx, cl)
	c.mu.Lock()
	defer c.mu.Unlock()
	close(c.loading)
	c.loading = nil
	if err != nil {
		return nil, nil, err // waiters retry with their own context
	}
	c.folders, c.byID, c.at = folders, byID, time.Now()
	return folders, byID, nil
}

// fetchCanned lists every canned-response folder and its responses.
func fetchCanned(ctx context.Context, cl *fdapi.Client) ([]fdapi.CannedResponseFolder, map[int64][]fdapi.CannedResponse, error) {
	folders, err := cl.ListCannedResponseFolders(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("canned response folders: %w", err)
	}
	byID := map[int64][]fdapi.CannedResponse{}
	for _, f := range folders {
		rs, err := cl.ListCannedResponses(ctx, f.ID)
		if err != nil {
			return nil, nil, fmt.Errorf("canned responses of folder %d: %w", f.ID, err)
		}
		byID[f.ID] = rs
	}
	return folders, byID, nil
}

// cannedPageSize is how many canned responses one search answer lists.
const cannedPageSize = 50

type searchCannedIn struct {
	Term   string `json:"term,omitempty" jsonschema_description:"Words that must all appear (any case); omit to list all."`
	Folder string `json:"folder,omitempty" jsonschema_description:"Only this folder (name or id)."`
	Page   int    `json:"page,omitempty" jsonschema:"minimum=1" jsonschema_description:"Page of 50, default 1."`
}

type cannedRow struct {
	ID      int64  `json:"id"`
	Title   string `json:"title"`
	Folder  string `json:"folder,omitempty"`
	Excerpt string `json:"excerpt,omitempty"`
}

type cannedListOut struct {
	Total     int         `json:"total" jsonschema_description:"Number of matching canned responses."`
	Page      int         `json:"page" jsonschema_description:"This page (50 per page)."`
	HasMore   bool        `json:"has_more,omitempty" jsonschema_description:"True when another page of matches exists."`
	Responses []cannedRow `json:"responses,omitempty"`
	Folders   []string    `json:"folders,omitempty" jsonschema_description:"All folder names."`
	Note      string      `json:"note,omitempty"`
}

func (b *builder) searchCannedTool() Tool {
	return newTool(b, decl{
		Name: "search_canned_responses", Title: "Search canned responses", Toolset: ToolsetKnowledge, Access: Read,
		Description: "Find reply templates whose title or text has all the words of term, optionally in one folder; 50 a page. From a cache: the first call costs 1 credit plus 1 per folder, later ones nothing.",
	}, b.searchCanned)
}

func (b *builder) searchCanned(ctx context.Context, in searchCannedIn) (*cannedListOut, error) {
	folders, byID, err := b.canned.load(ctx, b.deps.Client)
	if err != nil {
		return nil, err
	}
	out := &cannedListOut{}
	var pick []fdapi.CannedResponseFolder
	for _, f := range folders {
		out.Folders = append(out.Folders, f.Name)
		if in.Folder == "" || normName(f.Name) == normName(in.Folder) || strconv.FormatInt(f.ID, 10) == strings.TrimSpace(in.Folder) {
			pick = append(pick, f)
		}
	}
	if len(pick) == 0 {
		return nil, inputErrorf("no canned-response folder %q; folders: %s", in.Folder, quoteList(out.Folders))
	}
	words := strings.Fields(strings.ToLower(in.Term))
	type hit struct {
		row   cannedRow
		title bool
	}
	var hits []hit
	for _, f := range pick {
		for _, r := range byID[f.ID] {
			title := strings.ToLower(r.Title)
			hay := title + "\n" + strings.ToLower(r.Content)
			ok, inTitle := true, len(words) > 0
			for _, w := range words {
				if !strings.Contains(hay, w) {
					ok = false
					break
				}
				inTitle = inTitle && strings.Contains(title, w)
			}
			if ok {
				hits = append(hits, hit{cannedRow{ID: r.ID, Title: shape.Sanitize(r.Title), Folder: f.Name, Excerpt: excerpt(shape.Sanitize(r.Content), 160)}, inTitle})
			}
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int { // title matches first
		switch {
		case a.title && !b.title:
			return -1
		case b.title && !a.title:
			return 1
		}
		return 0
	})
	page := max(in.Page, 1)
	out.Total, out.Page = len(hits), page
	from := min((page-1)*cannedPageSize, len(hits))
	to := min(from+cannedPageSize, len(hits))
	for _, h := range hits[from:to] {
		out.Responses = append(out.Responses, h.row)
	}
	out.HasMore = to < len(hits)
	switch {
	case len(hits) == 0:
		out.Note = "No canned response contains all those words; try fewer words or omit term to list all."
	case from >= len(hits):
		out.Note = fmt.Sprintf("Page %d is past the last match (%d matches, %d per page).", page, len(hits), cannedPageSize)
	case out.HasMore:
		out.Note = fmt.Sprintf("Showing matches %d-%d of %d. Narrow with term (words that must all appear) or folder, or call search_canned_responses again with the same term and folder and page=%d.", from+1, to, len(hits), page+1)
	}
	return out, nil
}

type getCannedIn struct {
	CannedResponseID int64 `json:"canned_response_id" jsonschema:"required,minimum=1" jsonschema_description:"Id from search_canned_responses."`
}

type cannedOut struct {
	ID          int64           `json:"id"`
	Title       string          `json:"title"`
	Folder      string          `json:"folder,omitempty"`
	Text        string          `json:"text,omitempty" jsonschema_description:"The template as text; placeholders such as {{ticket.requester.name}} are kept."`
	Attachments []attachmentOut `json:"attachments,omitempty"`
	UpdatedAt   string          `json:"updated_at,omitempty"`
}

func (b *builder) getCannedTool() Tool {
	return newTool(b, decl{
		Name: "get_canned_response", Title: "Get canned response", Toolset: ToolsetKnowledge, Access: Read,
		Description: "Read a reply template as text, with its folder and attachments. 1 credit.",
	}, b.getCanned)
}

func (b *builder) getCanned(ctx context.Context, in getCannedIn) (*cannedOut, error) {
	r, err := b.deps.Client.GetCannedResponse(ctx, in.CannedResponseID)
	if err != nil {
		return nil, err
	}
	out := &cannedOut{ID: r.ID, Title: shape.Sanitize(r.Title), Attachments: attachmentsOut(r.Attachments), UpdatedAt: formatTime(r.UpdatedAt)}
	out.Text = plainText(r.ContentHTML, r.Content)
	b.canned.mu.Lock()
	for _, f := range b.canned.folders {
		if f.ID == r.FolderID {
			out.Folder = f.Name
		}
	}
	b.canned.mu.Unlock()
	return out, nil
}
