package draft

import (
	"slices"
	"strconv"
	"strings"
)

// sourcesOf lists every article, canned response and example given to the
// model (as rendered: the caps of Render apply), marking those d cites.
func sourcesOf(p Pack, d *Draft) []Source {
	var out []Source
	for _, a := range limit(p.Articles, maxArticles) {
		cited := slices.ContainsFunc(d.ArticlesUsed, func(r ArticleRef) bool { return r.ID == a.ID })
		out = append(out, Source{Kind: SourceArticle, ID: a.ID, Title: oneLine(a.Title), URL: a.URL, Cited: cited})
	}
	for _, c := range limit(p.Canned, maxCanned) {
		cited := slices.ContainsFunc(d.CannedUsed, func(r CannedRef) bool { return r.ID == c.ID })
		out = append(out, Source{Kind: SourceCanned, ID: c.ID, Title: oneLine(c.Title), Cited: cited})
	}
	for _, e := range limit(p.Examples, maxExamples) {
		out = append(out, Source{Kind: SourceExample, ID: e.TicketID, Title: oneLine(e.Subject), Cited: slices.Contains(d.examplesUsed, e.TicketID)})
	}
	return out
}

// Sources lists what p gives the model, none marked cited (the no-model
// grounding pack).
func Sources(p Pack) []Source { return sourcesOf(p, &Draft{}) }

// citedInText reads citations from a plain-text answer: an article counts as
// cited when its link, or "article <id>", appears in body. Canned responses
// and examples have no link, so nothing can be said about them.
func citedInText(body string, p Pack) ([]Source, string) {
	d := &Draft{}
	low := strings.ToLower(body)
	for _, a := range limit(p.Articles, maxArticles) {
		id := strconv.FormatInt(a.ID, 10)
		if (a.URL != "" && strings.Contains(body, a.URL)) || strings.Contains(low, "article "+id) || strings.Contains(low, "article id "+id) {
			d.ArticlesUsed = append(d.ArticlesUsed, ArticleRef{ID: a.ID, Title: oneLine(a.Title), URL: a.URL})
		}
	}
	by := CitedByNone
	if len(p.Articles) > 0 {
		by = CitedByLinks
	}
	return sourcesOf(p, d), by
}
