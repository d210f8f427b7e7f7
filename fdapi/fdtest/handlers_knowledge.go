package fdtest

import (
	"net/http"
	"strconv"
	"strings"
	"unicode"
)

func renderCategory(o *Obj) *Obj { return pick(o, categoryKeys, true) }

// listCategories serves GET /solutions/categories.
func (s *Server) listCategories(c *ctx) (int, any, *apiError) {
	out := []any{}
	for _, o := range s.st.categories.list {
		out = append(out, renderCategory(o))
	}
	return http.StatusOK, out, nil
}

// viewCategory serves GET /solutions/categories/{id}.
func (s *Server) viewCategory(c *ctx) (int, any, *apiError) {
	return view(s.st.categories, c.id(0), renderCategory)
}

// renderFolder renders a folder, counting its articles when the record has no count.
func (s *Server) renderFolder(o *Obj) *Obj {
	out := pick(o, folderKeys, true)
	if v, _ := out.Get("articles_count"); v == nil {
		id, _ := o.getInt("id")
		n := 0
		for _, a := range s.st.articles.list {
			if f, _ := a.getInt("folder_id"); f == id {
				n++
			}
		}
		out.Set("articles_count", num(int64(n)))
	}
	return out
}

// listFolders serves GET /solutions/categories/{id}/folders.
func (s *Server) listFolders(c *ctx) (int, any, *apiError) {
	cid := c.id(0)
	if s.st.categories.get(cid) == nil {
		return 0, nil, notFound()
	}
	out := []any{}
	for _, f := range s.st.folders.list {
		if id, _ := f.getInt("category_id"); id == cid {
			out = append(out, s.renderFolder(f))
		}
	}
	return http.StatusOK, out, nil
}

// viewFolder serves GET /solutions/folders/{id}.
func (s *Server) viewFolder(c *ctx) (int, any, *apiError) {
	return view(s.st.folders, c.id(0), s.renderFolder)
}

func renderArticle(o *Obj) *Obj { return pick(o, articleKeys, true) }

// listArticles serves GET /solutions/folders/{id}/articles.
func (s *Server) listArticles(c *ctx) (int, any, *apiError) {
	page, perPage, err := c.p.paging(0)
	if err != nil {
		return 0, nil, err
	}
	fid := c.id(0)
	if s.st.folders.get(fid) == nil {
		return 0, nil, notFound()
	}
	var list []*Obj
	for _, a := range s.st.articles.list {
		if id, _ := a.getInt("folder_id"); id == fid {
			list = append(list, a)
		}
	}
	return http.StatusOK, listPage(c, list, page, perPage, renderArticle), nil
}

// viewArticle serves GET /solutions/articles/{id}.
func (s *Server) viewArticle(c *ctx) (int, any, *apiError) {
	return view(s.st.articles, c.id(0), renderArticle)
}

// searchSolutions serves GET /search/solutions?term= (a bare array).
func (s *Server) searchSolutions(c *ctx) (int, any, *apiError) {
	term, ok := c.p.get("term")
	if !ok {
		return 0, nil, validation(fieldErr{Field: "term", Message: msgBlank, Code: codeMissing})
	}
	var errs []fieldErr
	var catID, folderID int64
	if v, ok := c.p.get("category_id"); ok {
		var fe *fieldErr
		if catID, fe = positiveID("category_id", v); fe != nil {
			errs = append(errs, *fe)
		}
	}
	if v, ok := c.p.get("folder_id"); ok {
		var fe *fieldErr
		if folderID, fe = positiveID("folder_id", v); fe != nil {
			errs = append(errs, *fe)
		}
	}
	if len(errs) > 0 {
		return 0, nil, validation(errs...)
	}
	lang, _ := c.p.get("language")
	words := strings.Fields(strings.ToLower(term))
	var titleHits, bodyHits []any
	for _, a := range s.st.articles.list {
		if cid, _ := a.getInt("category_id"); catID != 0 && cid != catID {
			continue
		}
		if fid, _ := a.getInt("folder_id"); folderID != 0 && fid != folderID {
			continue
		}
		if lang != "" && articleLanguage(a) != lang {
			continue
		}
		title := strings.ToLower(a.getString("title"))
		text := title + "\n" + strings.ToLower(a.getString("description_text")+"\n"+htmlToText(a.getString("description")))
		if len(words) == 0 || !containsAll(text, words) {
			continue
		}
		if containsAll(title, words) {
			titleHits = append(titleHits, s.renderArticleHit(a))
		} else {
			bodyHits = append(bodyHits, s.renderArticleHit(a))
		}
	}
	return http.StatusOK, append(append([]any{}, titleHits...), bodyHits...), nil
}

func containsAll(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// articleLanguage is the record's language, else its category's (the first
// hierarchy level), else "ko" for Hangul titles, else "en".
func articleLanguage(a *Obj) string {
	if l := a.getString("language"); l != "" {
		return l
	}
	if h, ok := a.Get("hierarchy"); ok {
		if levels, ok := h.([]any); ok && len(levels) > 0 {
			if lv, ok := levels[0].(*Obj); ok {
				if l := lv.getObj("data").getString("language"); l != "" {
					return l
				}
			}
		}
	}
	for _, r := range a.getString("title") {
		if unicode.Is(unicode.Hangul, r) {
			return "ko"
		}
	}
	return "en"
}

// renderArticleHit renders an article as a /search/solutions item.
func (s *Server) renderArticleHit(a *Obj) *Obj {
	out := pick(a, articleKeys[:len(articleKeys)-1], false)
	folderID, _ := a.getInt("folder_id")
	catID, _ := a.getInt("category_id")
	folder := s.st.folders.get(folderID)
	cat := s.st.categories.get(catID)
	vis, _ := folder.Get("visibility")
	out.Set("folder_visibility", clone(vis))
	id, _ := a.getInt("id")
	out.Set("path", strconv.FormatInt(id, 10)+"-"+slug(a.getString("title")))
	out.Set("modified_at", a.getString("updated_at"))
	mod, _ := a.Get("agent_id")
	out.Set("modified_by", clone(mod))
	lang := articleLanguage(a)
	if v, ok := a.Get("language_id"); ok {
		out.Set("language_id", clone(v))
	} else if lang == "en" {
		out.Set("language_id", num(6))
	} else {
		out.Set("language_id", nil)
	}
	out.Set("language", lang)
	out.Set("category_name", nameOrNull(cat))
	out.Set("folder_name", nameOrNull(folder))
	return out
}

func nameOrNull(o *Obj) any {
	if o == nil {
		return nil
	}
	return o.getString("name")
}

// slug lowercases title and joins its letter/digit runs with '-'.
func slug(title string) string {
	f := strings.FieldsFunc(strings.ToLower(title), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return strings.Join(f, "-")
}

// listCannedFolders serves GET /canned_response_folders.
func (s *Server) listCannedFolders(c *ctx) (int, any, *apiError) {
	out := []any{}
	for _, f := range s.st.cannedFolders.list {
		r := pick(f, cannedFolderListKeys, false)
		r.Set("responses_count", num(int64(len(s.cannedIn(f)))))
		out = append(out, r)
	}
	return http.StatusOK, out, nil
}

// cannedIn returns the responses of folder f.
func (s *Server) cannedIn(f *Obj) []*Obj {
	fid, _ := f.getInt("id")
	var out []*Obj
	for _, r := range s.st.canned.list {
		if id, _ := r.getInt("folder_id"); id == fid {
			out = append(out, r)
		}
	}
	return out
}

// viewCannedFolder serves GET /canned_response_folders/{id}.
func (s *Server) viewCannedFolder(c *ctx) (int, any, *apiError) {
	return view(s.st.cannedFolders, c.id(0), func(f *Obj) *Obj {
		out := pick(f, cannedFolderViewKeys, false)
		list := []any{}
		for _, r := range s.cannedIn(f) {
			list = append(list, pick(r, []string{"id", "title"}, false))
		}
		out.Set("canned_responses", list)
		return out
	})
}

func renderCanned(o *Obj) *Obj { return pick(o, cannedKeys, false) }

// listCannedResponses serves GET /canned_response_folders/{id}/responses.
func (s *Server) listCannedResponses(c *ctx) (int, any, *apiError) {
	f := s.st.cannedFolders.get(c.id(0))
	if f == nil {
		return 0, nil, notFound()
	}
	out := []any{}
	for _, r := range s.cannedIn(f) {
		out = append(out, renderCanned(r))
	}
	return http.StatusOK, out, nil
}

// viewCannedResponse serves GET /canned_responses/{id}.
func (s *Server) viewCannedResponse(c *ctx) (int, any, *apiError) {
	return view(s.st.canned, c.id(0), renderCanned)
}

// ticketChildren serves a paged per-ticket list from t.
func (s *Server) ticketChildren(c *ctx, t *table, keys []string) (int, any, *apiError) {
	page, perPage, err := c.p.paging(0)
	if err != nil {
		return 0, nil, err
	}
	tid := c.id(0)
	if s.st.tickets.get(tid) == nil {
		return 0, nil, notFound()
	}
	var list []*Obj
	for _, o := range t.list {
		if id, _ := o.getInt("ticket_id"); id == tid {
			list = append(list, o)
		}
	}
	return http.StatusOK, listPage(c, list, page, perPage, func(o *Obj) *Obj { return pick(o, keys, true) }), nil
}

// listRatings serves GET /tickets/{id}/satisfaction_ratings.
func (s *Server) listRatings(c *ctx) (int, any, *apiError) {
	return s.ticketChildren(c, s.st.ratings, ratingKeys)
}

// listTimeEntries serves GET /tickets/{id}/time_entries.
func (s *Server) listTimeEntries(c *ctx) (int, any, *apiError) {
	return s.ticketChildren(c, s.st.timeEntries, timeEntryKeys)
}
