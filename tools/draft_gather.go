package tools

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/draft"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/shape"
)

// draftCreditBudget is what gathering the grounding of one draft may spend
// in Freshdesk credits for a ticket of up to 10 conversations. Optional
// parts (the company name, the second and third knowledge-base searches) are left out
// when they would exceed it; a longer thread costs 1 more per 100
// conversations.
const draftCreditBudget = 7

// Limits of the grounding pack.
const (
	draftMaxArticles  = 6
	draftMaxCanned    = 4
	draftCannedRunes  = 1500
	draftMaxConvPages = 3 // 300 conversations; older ones are dropped
)

// noKnowledgeNote says why a grounding pack has no articles or canned
// responses.
const noKnowledgeNote = "Knowledge-base articles and canned responses were left out: the knowledge toolset is not available to this caller."

// draftRequest is what a draft is asked for.
type draftRequest struct {
	TicketID     int64
	Instructions string
	Tone         string
	Language     string
	// NoKnowledge leaves out knowledge-base articles and canned responses
	// (the caller may not see the knowledge toolset).
	NoKnowledge bool
	// PastAnswers adds a past public answer to a similar resolved ticket
	// (at most draftExampleCredits more).
	PastAnswers bool
}

// grounding is the gathered pack plus what the agent should know about how
// it was gathered.
type grounding struct {
	pack draft.Pack
	// notes say what was left out and why.
	notes []string
	// hidden is set when invisible characters were removed from the thread.
	hidden bool
}

// gatherGrounding reads the ticket thread, requester and company, candidate
// knowledge-base articles and (cached) canned responses for a draft, within
// draftCreditBudget credits.
func (b *builder) gatherGrounding(ctx context.Context, r draftRequest) (*grounding, error) {
	u := &fdapi.Usage{}
	// Past answers have their own cap (draftExampleCredits): their credits
	// must not count against the budget of the grounding below.
	outer := ctx
	ctx = fdapi.WithUsage(ctx, u)
	c := b.deps.Client
	g := &grounding{}

	// The names (cached: free when warm, 1 credit cold) and the ticket with
	// its requester and first 100 conversations (3 credits), in parallel.
	var (
		nm *names
		th *fdapi.TicketThread
	)
	err := fdapi.Parallel(ctx,
		func(ctx context.Context) (err error) { nm, err = loadNames(ctx, c); return err },
		func(ctx context.Context) (err error) { th, err = c.GetTicketThread(ctx, r.TicketID); return err })
	if err != nil {
		return nil, err
	}
	t, convs := th.Ticket, th.Conversations
	if th.NextPage != 0 { // more than 100 conversations: read the rest
		rest, more, err := allConversations(ctx, c, t.ID, th.NextPage)
		if err != nil {
			return nil, err
		}
		convs = append(convs, rest...)
		if more {
			g.notes = append(g.notes, fmt.Sprintf("The thread has more than %d conversations; only the first %d were read. Check the newest messages with get_ticket before sending.", draftMaxConvPages*convPageSize, len(convs)))
		}
	}

	p := people{names: nm, requesterID: t.RequesterID}
	pk := draft.Pack{
		Ticket:       draft.Ticket{ID: t.ID, Subject: shape.Sanitize(t.Subject), Status: nm.status(t.Status)},
		Instructions: r.Instructions,
		Tone:         r.Tone,
		Language:     r.Language,
	}
	if t.Requester != nil {
		p.requester = shape.Sanitize(t.Requester.Name)
		pk.Ticket.RequesterName = p.requester
		if t.Requester.Email != nil {
			pk.Ticket.RequesterEmail = *t.Requester.Email
		}
	}
	add := func(m msgSource) {
		g.hidden = g.hidden || m.hidden
		if strings.TrimSpace(m.text) == "" {
			return
		}
		pk.Messages = append(pk.Messages, draft.Message{Role: draft.Role(m.role), Author: m.from, At: m.at, Text: m.text})
	}
	add(p.fromDescription(t))
	for i, cv := range convs {
		if cv.Private && !b.deps.PrivateNotes {
			continue
		}
		add(p.fromConversation(cv, i+2))
	}

	k := b.gatherKnowledge(ctx, outer, draftCreditBudget-u.Credits(), r, t, pk)
	pk.Ticket.Company = k.company
	if r.NoKnowledge {
		g.notes = append(g.notes, noKnowledgeNote)
		g.pack = pk
		return g, nil
	}
	pk.Articles = k.articles
	g.notes = append(g.notes, k.articleNotes...)
	canned, note := b.draftCanned(pk)
	pk.Canned = canned
	if note != "" {
		g.notes = append(g.notes, note)
	}
	pk.Examples = k.examples
	g.notes = append(g.notes, k.exampleNotes...)
	g.pack = pk
	return g, nil
}

// knowledge is what a draft's second round trip finds.
type knowledge struct {
	company                    string
	articles                   []draft.Article
	examples                   []draft.Example
	articleNotes, exampleNotes []string
}

// gatherKnowledge reads, in parallel (one round trip's wall time; none of
// them fails the draft), the company's name, the knowledge-base articles
// and a past answer. room, what is left of draftCreditBudget, is shared out
// before anything is sent: the searches first (the right article matters
// more to a reply than the company's name: on a cold start the name would
// cost the third search), then the name when it is not known yet. Past
// answers have their own cap and count on outer, not on the budget's meter.
func (b *builder) gatherKnowledge(ctx, outer context.Context, room int, r draftRequest, t *fdapi.Ticket, pk draft.Pack) knowledge {
	var k knowledge
	searches := 0
	if !r.NoKnowledge {
		searches = min(draft.MaxSearches, room)
	}
	company, readCompany := b.knownCompany(t)
	k.company = company
	_ = fdapi.Parallel(ctx,
		func(ctx context.Context) error {
			if readCompany && room-searches >= 1 {
				k.company, _ = b.readCompany(ctx, *t.CompanyID) // the draft does without it
			}
			return nil
		},
		func(ctx context.Context) error {
			if searches > 0 {
				k.articles, k.articleNotes = b.draftArticles(ctx, searches, pk)
			}
			return nil
		},
		func(context.Context) error {
			if r.PastAnswers && !r.NoKnowledge {
				k.examples, k.exampleNotes = b.draftExamples(outer, t, pk)
			}
			return nil
		})
	return k
}

// allConversations reads the conversations of ticket from page on, 100 a
// page (1 credit each), until draftMaxConvPages pages in all have been read;
// more reports that some were left.
func allConversations(ctx context.Context, c *fdapi.Client, ticket int64, page int) (all []fdapi.Conversation, more bool, err error) {
	for range draftMaxConvPages - page + 1 {
		pg, err := c.ListConversations(ctx, ticket, page, convPageSize)
		if err != nil {
			return nil, false, err
		}
		all = append(all, pg.Items...)
		if pg.NextPage == 0 {
			return all, false, nil
		}
		page = pg.NextPage
	}
	return all, true, nil
}

// knownCompany is the company's name when the client's directory has it
// from an earlier answer; read says it is unknown and worth 1 credit.
func (b *builder) knownCompany(t *fdapi.Ticket) (name string, read bool) {
	if t.CompanyID == nil {
		return "", false
	}
	if name, ok := b.deps.Client.CompanyName(*t.CompanyID); ok {
		return shape.Sanitize(name), false
	}
	return "", true
}

// readCompany reads the company's name (1 credit).
func (b *builder) readCompany(ctx context.Context, id int64) (string, error) {
	co, err := b.deps.Client.GetCompany(ctx, id)
	if err != nil {
		return "", err
	}
	return shape.Sanitize(co.Name), nil
}

// draftArticles runs up to n of draft.SearchPlan's queries (1 credit each)
// in parallel, merges the published articles they return in plan order and
// re-ranks them locally with draft.RankArticles. A failed search is not
// fatal: the draft then says what it cannot answer.
func (b *builder) draftArticles(ctx context.Context, n int, pk draft.Pack) ([]draft.Article, []string) {
	plan := draft.SearchPlan(pk, n)
	results := make([][]fdapi.Article, len(plan))
	errs := make([]error, len(plan))
	var fns []func(context.Context) error
	for i, q := range plan {
		fns = append(fns, func(ctx context.Context) error {
			results[i], errs[i] = b.deps.Client.SearchSolutions(ctx, q)
			return nil
		})
	}
	_ = fdapi.Parallel(ctx, fns...)
	var notes []string
	var found []draft.Candidate
	index := map[int64]int{}
	skipped := map[int64]bool{}
	base := b.portalURL()
	for i, q := range plan {
		if errs[i] != nil {
			notes = append(notes, fmt.Sprintf("The knowledge-base search for %q failed (%s); the draft was written without those articles.", q, errorText(errs[i])))
			continue
		}
		for _, a := range results[i] {
			if i, ok := index[a.ID]; ok {
				found[i].Hits++
				continue
			}
			// A draft article has no public link: the customer could not open it.
			if a.Status != fdapi.ArticlePublished {
				skipped[a.ID] = true
				continue
			}
			text := strings.TrimSpace(shape.Sanitize(a.DescriptionText))
			if text == "" {
				text = plainText(a.Description, "")
			}
			index[a.ID] = len(found)
			found = append(found, draft.Candidate{Article: draft.Article{ID: a.ID, Title: shape.Sanitize(a.Title), URL: articleLink(base, a.ID), Excerpt: text}, Text: text, Hits: 1})
		}
	}
	if len(skipped) > 0 {
		notes = append(notes, fmt.Sprintf("%d unpublished knowledge-base article(s) matched but were left out (customers cannot open them).", len(skipped)))
	}
	ranked := draft.RankArticles(pk, found)
	out := make([]draft.Article, 0, min(len(ranked), draftMaxArticles))
	for _, c := range ranked[:min(len(ranked), draftMaxArticles)] {
		out = append(out, c.Article)
	}
	return out, notes
}

// portalURL is the base of customer-facing links.
func (b *builder) portalURL() string {
	if b.deps.PortalURL != "" {
		return strings.TrimRight(b.deps.PortalURL, "/")
	}
	if b.deps.Client == nil {
		return ""
	}
	return strings.TrimRight(b.deps.Client.BaseURL(), "/")
}

// articleLink is the customer portal address of an article.
func articleLink(base string, id int64) string {
	if base == "" {
		return ""
	}
	return base + "/support/solutions/articles/" + strconv.FormatInt(id, 10)
}

// draftCanned ranks the cached canned responses by how many of the ticket's
// search terms they contain. Listing them costs 1 credit plus 1 per folder,
// more than a draft's budget, so a cold cache is skipped (search_canned_responses
// fills it; later drafts use it free).
func (b *builder) draftCanned(pk draft.Pack) ([]draft.Canned, string) {
	folders, byID, ok := b.canned.warm()
	if !ok {
		return nil, "Canned responses were not consulted: they are not cached yet and loading them costs 1 credit plus 1 per folder. Call search_canned_responses once (later drafts then use them free), or check for a template yourself."
	}
	terms := draft.SearchTerms(pk)
	type hit struct {
		c     draft.Canned
		score int
	}
	var hits []hit
	for _, f := range folders {
		for _, r := range byID[f.ID] {
			text := plainText(r.ContentHTML, r.Content)
			hay := strings.ToLower(r.Title + "\n" + text)
			score := 0
			for _, t := range terms {
				if strings.Contains(hay, strings.ToLower(t)) {
					score++
				}
			}
			if score == 0 {
				continue
			}
			ex, _ := shape.Truncate(text, draftCannedRunes)
			hits = append(hits, hit{draft.Canned{ID: r.ID, Title: shape.Sanitize(r.Title), Excerpt: ex}, score})
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int { return cmp.Compare(b.score, a.score) })
	out := make([]draft.Canned, 0, min(len(hits), draftMaxCanned))
	for _, h := range hits[:min(len(hits), draftMaxCanned)] {
		out = append(out, h.c)
	}
	return out, ""
}

// warm returns the cached canned responses without loading them.
func (c *cannedCache) warm() ([]fdapi.CannedResponseFolder, map[int64][]fdapi.CannedResponse, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byID == nil || time.Since(c.at) >= c.ttl {
		return nil, nil, false
	}
	return c.folders, c.byID, true
}
