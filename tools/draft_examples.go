package tools

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/freshdesk-mcp/freshdesk-mcp/draft"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/query"
	"github.com/freshdesk-mcp/freshdesk-mcp/shape"
)

// draftExampleCredits is the most past answers cost: 1 ticket search, 1 for
// the company's recent tickets when the search found nothing about the same
// problem, then for the best similar ticket its conversations (1) and its
// requester (1, to remove their name and numbers). It is why past answers
// are off by default (--draft-past-answers).
const draftExampleCredits = 4

// Bounds of the similar-ticket search: a few of the ticket's tags and
// dropdown custom fields, within Freshdesk's 512-character query limit
// (reference: /search/tickets).
const (
	exampleMaxTags      = 3
	exampleMaxDropdowns = 2
	exampleMaxQuery     = 512
)

// exampleMatcher decides which resolved tickets are like t: same type,
// group, tags, dropdown custom fields (product, category...) or company,
// and, to count at all, about the same problem (a search term of t in
// their subject).
type exampleMatcher struct {
	t         *fdapi.Ticket
	terms     []string
	dropdowns map[string]string // cf_ API name -> t's value
}

// query is the ticket search for resolved (4) or closed (5) tickets like
// t: with the same dropdown values (product, category...) when t has any,
// which narrows the search to t's part of the helpdesk, else sharing a tag,
// the type or the group. Freshdesk's ticket search cannot filter by company,
// product or subject (reference: searchable ticket fields), and returns 30
// tickets a page, so the rest is scored locally.
func (m exampleMatcher) query() (string, error) {
	t := m.t
	var traits []query.Q
	for _, name := range slices.Sorted(maps.Keys(m.dropdowns)) {
		traits = append(traits, query.Field(name).Eq(m.dropdowns[name]))
	}
	join := query.AllOf
	if len(traits) == 0 {
		join = query.AnyOf
		for _, tag := range t.Tags[:min(len(t.Tags), exampleMaxTags)] {
			traits = append(traits, query.Field("tag").Eq(tag))
		}
		if t.Type != nil && *t.Type != "" {
			traits = append(traits, query.Field("type").Eq(*t.Type))
		}
		if t.GroupID != nil {
			traits = append(traits, query.Field("group_id").Eq(*t.GroupID))
		}
	}
	// A value Freshdesk cannot search (a quote in a tag) is left out, and
	// the query is cut from the end (the weakest traits) to the limit.
	traits = slices.DeleteFunc(traits, func(q query.Q) bool { _, err := q.Build(); return err != nil })
	for len(traits) > 0 {
		q, err := query.AllOf(query.AnyOf(query.Field("status").Eq(4), query.Field("status").Eq(5)), join(traits...)).Build()
		if err != nil || len(q) <= exampleMaxQuery {
			return q, err
		}
		traits = traits[:len(traits)-1]
	}
	return "", fmt.Errorf("the ticket has no type, group, tags or dropdown fields to find similar ones")
}

// relevant reports whether c is about the same problem: one of t's search
// terms in its subject or its description (search results carry it).
func (m exampleMatcher) relevant(c fdapi.Ticket) bool {
	if c.ID == m.t.ID || (c.Status != 4 && c.Status != 5) {
		return false
	}
	subj, desc := strings.ToLower(c.Subject), strings.ToLower(c.DescriptionText)
	return slices.ContainsFunc(m.terms, func(term string) bool {
		term = strings.ToLower(term)
		return strings.Contains(subj, term) || strings.Contains(desc, term)
	})
}

// score ranks relevant tickets: each shared search term counts 4 in the
// subject and 2 in the description, so the ticket about the same problem
// wins; shared tags, type, dropdown values, company and group (1 each)
// break ties.
func (m exampleMatcher) score(c fdapi.Ticket) int {
	t, s := m.t, 0
	subj, desc := strings.ToLower(c.Subject), strings.ToLower(c.DescriptionText)
	for _, term := range m.terms {
		term = strings.ToLower(term)
		switch {
		case strings.Contains(subj, term):
			s += 4
		case strings.Contains(desc, term):
			s += 2
		}
	}
	for _, tag := range c.Tags {
		if slices.Contains(t.Tags, tag) {
			s++
		}
	}
	same := func(a, b *string) bool { return a != nil && b != nil && *a == *b }
	sameID := func(a, b *int64) bool { return a != nil && b != nil && *a == *b }
	for name, v := range m.dropdowns {
		if got, _ := c.CustomFields[name].(string); got == v {
			s++
		}
	}
	s += btoi(same(c.Type, t.Type)) + btoi(sameID(c.CompanyID, t.CompanyID)) + btoi(sameID(c.GroupID, t.GroupID))
	return s
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// best returns the relevant tickets of cands, best first.
func (m exampleMatcher) best(cands []fdapi.Ticket) []fdapi.Ticket {
	out := slices.DeleteFunc(slices.Clone(cands), func(c fdapi.Ticket) bool { return !m.relevant(c) })
	slices.SortStableFunc(out, func(a, b fdapi.Ticket) int { return cmp.Compare(m.score(b), m.score(a)) })
	return out
}

// fieldValues are tk's non-empty string values of the account's custom
// fields of the given types (from the cached ticket fields; nothing when
// they are not cached), at most limit of them.
func (b *builder) fieldValues(ctx context.Context, tk *fdapi.Ticket, limit int, types ...string) map[string]string {
	out := map[string]string{}
	fields, err := b.deps.Client.TicketFields(ctx)
	if err != nil {
		return out
	}
	for _, f := range fields {
		if !slices.Contains(types, f.Type) || len(out) >= limit {
			continue
		}
		if v, _ := tk.CustomFields[f.Name].(string); v != "" {
			out[f.Name] = v
		}
	}
	return out
}

// similarResolved finds resolved or closed tickets like t, best first: one
// ticket search, and when it finds none about the same problem, the
// company's 100 most recently updated tickets (1 credit).
func (b *builder) similarResolved(ctx context.Context, u *fdapi.Usage, m exampleMatcher) ([]fdapi.Ticket, []string) {
	var notes []string
	c := b.deps.Client
	if q, err := m.query(); err != nil {
		notes = append(notes, "No ticket search for past answers: "+err.Error()+".")
	} else if res, err := c.SearchTickets(ctx, q, 1); err != nil {
		notes = append(notes, fmt.Sprintf("The search for past answers failed (%s).", errorText(err)))
	} else if best := m.best(res.Items); len(best) > 0 {
		return best, notes
	}
	// The listing, then the best ticket's conversations and requester,
	// must fit in what is left of draftExampleCredits.
	if m.t.CompanyID == nil || u.Credits()+3 > draftExampleCredits {
		return nil, notes
	}
	pg, err := c.ListTickets(ctx, fdapi.ListTicketsParams{CompanyID: *m.t.CompanyID, OrderBy: "updated_at", PerPage: 100})
	if err != nil {
		return nil, append(notes, fmt.Sprintf("Listing the company's tickets for past answers failed (%s).", errorText(err)))
	}
	return m.best(pg.Items), notes
}

// draftExamples finds one resolved or closed ticket like t and returns its
// final public agent reply with the other customer's personal data removed.
// Private notes are never read into it. It costs at most
// draftExampleCredits.
func (b *builder) draftExamples(ctx context.Context, t *fdapi.Ticket, pk draft.Pack) ([]draft.Example, []string) {
	u := &fdapi.Usage{}
	// Optional grounding with a credit cap: a failing request is not
	// retried (each retry costs a credit).
	ctx = fdapi.WithoutRetries(fdapi.WithUsage(ctx, u))
	// Only an agent's reply is an example: without the agent roster (cached
	// with the ticket fields) a customer's public note could pass for one.
	nm, err := loadNames(ctx, b.deps.Client)
	if err != nil || len(nm.agents) == 0 {
		return nil, []string{"No past answer: the agent list is not available to tell agents' replies from customers' messages."}
	}
	// Only dropdowns: Freshdesk's search takes text, number, checkbox and
	// dropdown custom fields, not dependent (nested) ones (reference:
	// searchable ticket fields), and a text field is rarely shared by
	// similar tickets.
	m := exampleMatcher{t: t, terms: draft.SearchPlan(pk, 6), dropdowns: b.fieldValues(ctx, t, exampleMaxDropdowns, "custom_dropdown")}
	cands, notes := b.similarResolved(ctx, u, m)
	for _, c := range cands[:min(len(cands), 1)] {
		ex, err := b.example(ctx, t, c, nm)
		if err != nil || ex == nil || u.Credits() > draftExampleCredits {
			continue
		}
		return []draft.Example{*ex},
			append(notes, fmt.Sprintf("A past answer (ticket %d, personal data removed) was given to the model as an example; it cost %d credits.", c.ID, u.Credits()))
	}
	return nil, append(notes, fmt.Sprintf("No past answer was found for a similar resolved ticket (%d credits spent looking).", u.Credits()))
}

// example reads c's newest agent reply, its requester's record and, when c
// belongs to another company than t, that company's name, in one round
// trip, and returns the reply with all of it removed (nil: no agent reply).
// Without the records the other customer's data cannot be removed
// reliably: no example then (the error).
func (b *builder) example(ctx context.Context, t *fdapi.Ticket, c fdapi.Ticket, nm *names) (*draft.Example, error) {
	var (
		reply   string
		who     *fdapi.Contact
		company string
	)
	fns := []func(context.Context) error{
		func(ctx context.Context) (err error) { reply, err = b.lastAgentReply(ctx, c.ID, nm); return err },
		func(ctx context.Context) (err error) {
			who, err = b.deps.Client.GetContact(ctx, c.RequesterID)
			return err
		},
	}
	if c.CompanyID != nil && (t.CompanyID == nil || *t.CompanyID != *c.CompanyID) {
		var read bool
		if company, read = b.knownCompany(&c); read {
			fns = append(fns, func(ctx context.Context) (err error) { company, err = b.readCompany(ctx, *c.CompanyID); return err })
		}
	}
	if err := fdapi.Parallel(ctx, fns...); err != nil || reply == "" {
		return nil, err
	}
	// Free-text fields (an order number, a customer reference) are that
	// customer's data.
	known := slices.Collect(maps.Values(b.fieldValues(ctx, &c, len(c.CustomFields), "custom_text", "custom_paragraph")))
	for _, l := range [][]string{c.CCEmails, c.FwdEmails, c.ReplyCCEmails, c.TicketCCEmails, c.ToEmails} {
		known = append(known, l...)
	}
	return &draft.Example{TicketID: c.ID, Subject: anonymize(c.Subject, who, company, known...), Reply: anonymize(reply, who, company, known...)}, nil
}

// lastAgentReply is the newest reply an agent (in nm's roster) sent on a
// ticket: never a private note, a public note, a system message or
// anything a customer wrote.
func (b *builder) lastAgentReply(ctx context.Context, id int64, nm *names) (string, error) {
	pg, err := b.deps.Client.ListConversations(ctx, id, 1, convPageSize)
	if err != nil {
		return "", err
	}
	for i := len(pg.Items) - 1; i >= 0; i-- {
		cv := pg.Items[i]
		if _, agent := nm.agents[cv.UserID]; cv.Private || cv.Incoming || !agent ||
			cv.Source == nil || *cv.Source != fdapi.ConversationSourceReply {
			continue
		}
		// The quoted customer message below the reply is the other
		// customer's own text: never part of an example.
		text := strings.TrimSpace(shape.StripQuotedText(shape.Sanitize(cv.BodyText)))
		if text == "" {
			text = plainText(cv.Body, "")
		}
		if text != "" {
			return text, nil
		}
	}
	return "", nil
}
