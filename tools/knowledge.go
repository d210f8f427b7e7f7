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
	Term string `json:"term" jsonschema:"required,minLength=1" jsonschema_description:"Words to look for in knowledge-base articles, e.g. \"reset password\"."`
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
	return newTool(b, toolInfo{
		Name: "search_solutions", Title: "Search knowledge base", Toolset: ToolsetKnowledge, Access: Read,
		Description: "Full-text search of the knowledge base (solution articles): returns id, title, folder, category, status and a short excerpt. " +
			"Read one with get_solution_article; cite article titles when answering customers. Costs 1 credit.",
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
	MaxChars  int   `json:"max_chars,omitempty" jsonschema:"minimum=2000,maximum=100000" jsonschema_description:"Size cap of the article text in characters (default 24000)."`
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
	Truncated   bool            `json:"truncated,omitempty"`
	Note        string          `json:"note,omitempty"`
}

func (b *builder) getArticleTool() Tool {
	return newTool(b, toolInfo{
		Name: "get_solution_article", Title: "Get knowledge-base article", Toolset: ToolsetKnowledge, Access: Read,
		Description: "Read one knowledge-base article as plain text (title, status, folder, category, tags, text, attachments). Costs 1 credit.",
	}, b.getArticle)
}

func (b *builder) getArticle(ctx context.Context, in getArticleIn) (*articleOut, error) {
	return b.article(ctx, in.ArticleID, b.maxChars(in.MaxChars))
}

func (b *builder) article(ctx context.Context, id int64, limit int) (*articleOut, error) {
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
	if n := shape.Runes(text); n > limit {
		text, _ = shape.Truncate(text, limit)
		out.Truncated = true
		out.Note = fmt.Sprintf("The article has %d characters; this shows the first %d. Call get_solution_article with article_id=%d and max_chars=%d for all of it.", n, shape.Runes(text), id, min(n+100, MaxMaxChars))
	}
	out.Text = text
	return out, nil
}

// cannedCache keeps canned responses for a while: there is no search
// endpoint, the set is small, and listing costs one credit per folder.
type cannedCache struct {
	mu      sync.Mutex
	ttl     time.Duration
	at      time.Time
	folders []fdapi.CannedResponseFolder
	byID    map[int64][]fdapi.CannedResponse // folder id -> responses
}

func (c *cannedCache) load(ctx context.Context, cl *fdapi.Client) ([]fdapi.CannedResponseFolder, map[int64][]fdapi.CannedResponse, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byID != nil && time.Since(c.at) < c.ttl {
		return c.folders, c.byID, nil
	}
	folders, err := cl.ListCannedResponseFolders(ctx)
	if err != nil {
		return nil, nil, err
	}
	byID := map[int64][]fdapi.CannedResponse{}
	for _, f := range folders {
		rs, err := cl.ListCannedResponses(ctx, f.ID)
		if err != nil {
			return nil, nil, err
		}
		byID[f.ID] = rs
	}
	c.folders, c.byID, c.at = folders, byID, time.Now()
	return folders, byID, nil
}

type searchCannedIn struct {
	Term   string `json:"term,omitempty" jsonschema_description:"Words that must all appear in the title or text (case-insensitive). Omit to list all."`
	Folder string `json:"folder,omitempty" jsonschema_description:"Only this folder (name or id)."`
}

type cannedRow struct {
	ID      int64  `json:"id"`
	Title   string `json:"title"`
	Folder  string `json:"folder,omitempty"`
	Excerpt string `json:"excerpt,omitempty"`
}

type cannedListOut struct {
	Responses []cannedRow `json:"responses,omitempty"`
	Folders   []string    `json:"folders,omitempty" jsonschema_description:"All folder names."`
	Note      string      `json:"note,omitempty"`
}

func (b *builder) searchCannedTool() Tool {
	return newTool(b, toolInfo{
		Name: "search_canned_responses", Title: "Search canned responses", Toolset: ToolsetKnowledge, Access: Read,
		Description: "Find canned responses (reply templates) whose title or text contains all the words of term, optionally in one folder. " +
			"Freshdesk has no search for them, so all folders are read once and cached for a few minutes: the first call costs 1 credit plus 1 per folder, later calls are free. Read one with get_canned_response.",
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
	for _, h := range hits {
		out.Responses = append(out.Responses, h.row)
	}
	if len(hits) == 0 {
		out.Note = "No canned response contains all those words; try fewer words or omit term to list all."
	}
	return out, nil
}

type getCannedIn struct {
	CannedResponseID int64 `json:"canned_response_id" jsonschema:"required,minimum=1" jsonschema_description:"Canned response id from search_canned_responses."`
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
	return newTool(b, toolInfo{
		Name: "get_canned_response", Title: "Get canned response", Toolset: ToolsetKnowledge, Access: Read,
		Description: "Read one canned response (reply template) as text, with its folder and attachments. Costs 1 credit.",
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
