package tools

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/freshdesk-mcp/freshdesk-mcp/draft"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/shape"
)

// draftExampleCredits is what past answers cost: 1 ticket search, then for
// the best similar ticket its conversations (1) and its requester (1, to
// remove their name and numbers). It is why past_answers is off by default.
const draftExampleCredits = 3

// Generic personal data of the other customer, removed whatever the record
// says. The phone pattern needs 7+ digits so dates and amounts stay.
var (
	exPhoneRE  = regexp.MustCompile(`\+?\d[\d ().\-]{5,}\d`)
	exTicketRE = regexp.MustCompile(`(?i)(#\s?\d+|\bticket\s+(no\.?\s*|number\s*)?\d+)`)
	exOrderRE  = regexp.MustCompile(`\b[A-Z]{2,}[-_]?\d[\w\-]*\b|\b\d{5,}\b`)
	isoDateRE  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	exGreetRE  = regexp.MustCompile(`(?im)^((hi|hello|dear|hallo|guten tag|bonjour|hola)\s+)[^\n,!]+`)
)

// draftExamples finds one resolved or closed ticket like t (same type,
// group, product, company or tags) and returns its final public agent reply
// with the other customer's personal data removed. Private notes are never
// read into it. It costs at most draftExampleCredits.
func (b *builder) draftExamples(ctx context.Context, t *fdapi.Ticket, pk draft.Pack) ([]draft.Example, []string) {
	u := &fdapi.Usage{}
	ctx = fdapi.WithUsage(ctx, u)
	var or []string
	if t.Type != nil && *t.Type != "" {
		or = append(or, fmt.Sprintf("type:'%s'", strings.ReplaceAll(*t.Type, "'", "")))
	}
	for _, f := range []struct {
		name string
		v    *int64
	}{{"group_id", t.GroupID}} { // ticket search cannot filter by company or product (see fdapi's search rules)
		if f.v != nil {
			or = append(or, fmt.Sprintf("%s:%d", f.name, *f.v))
		}
	}
	for _, tag := range t.Tags[:min(len(t.Tags), 3)] {
		or = append(or, fmt.Sprintf("tag:'%s'", strings.ReplaceAll(tag, "'", "")))
	}
	if len(or) == 0 {
		return nil, []string{"No past answers: the ticket has no type, group or tags to find similar ones."}
	}
	// Freshdesk ticket search (query language: field:value, OR/AND, status
	// numbers) — see the reference's /search/tickets section.
	q := "(status:4 OR status:5) AND (" + strings.Join(or, " OR ") + ")"
	res, err := b.deps.Client.SearchTickets(ctx, q, 1)
	if err != nil {
		return nil, []string{fmt.Sprintf("The search for past answers failed (%s); the draft was written without them.", errorText(err))}
	}
	terms := draft.SearchPlan(pk, 6)
	// Only a ticket about the same problem is an example: at least one of
	// the ticket's search terms in its subject; tags and type break ties.
	relevant := func(c fdapi.Ticket) bool {
		low := strings.ToLower(c.Subject)
		return slices.ContainsFunc(terms, func(term string) bool { return strings.Contains(low, strings.ToLower(term)) })
	}
	score := func(c fdapi.Ticket) int {
		s := 0
		for _, tag := range c.Tags {
			if slices.Contains(t.Tags, tag) {
				s += 2
			}
		}
		if c.Type != nil && t.Type != nil && *c.Type == *t.Type {
			s += 2
		}
		low := strings.ToLower(c.Subject)
		for _, term := range terms {
			if strings.Contains(low, strings.ToLower(term)) {
				s += 3
			}
		}
		return s
	}
	cands := slices.DeleteFunc(slices.Clone(res.Items), func(c fdapi.Ticket) bool {
		return c.ID == t.ID || !relevant(c)
	})
	slices.SortStableFunc(cands, func(a, b fdapi.Ticket) int { return cmp.Compare(score(b), score(a)) })
	for _, c := range cands[:min(len(cands), 1)] {
		reply, err := b.lastPublicReply(ctx, c.ID)
		if err != nil || reply == "" {
			continue
		}
		// Without the requester's record their name cannot be removed
		// reliably: no example then.
		who, err := b.deps.Client.GetContact(ctx, c.RequesterID)
		if err != nil || u.Credits() > draftExampleCredits {
			continue
		}
		return []draft.Example{{TicketID: c.ID, Subject: anonymize(c.Subject, who), Reply: anonymize(reply, who)}},
			[]string{fmt.Sprintf("A past answer (ticket %d, personal data removed) was given to the model as an example; it cost %d credits.", c.ID, u.Credits())}
	}
	return nil, []string{"No past answer was found for a similar resolved ticket."}
}

// lastPublicReply is the newest public agent reply of a ticket: never a
// private note, never the customer's text.
func (b *builder) lastPublicReply(ctx context.Context, id int64) (string, error) {
	pg, err := b.deps.Client.ListConversations(ctx, id, 1, convPageSize)
	if err != nil {
		return "", err
	}
	for i := len(pg.Items) - 1; i >= 0; i-- {
		cv := pg.Items[i]
		if cv.Private || cv.Incoming {
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

// anonymize removes the other customer's name, e-mail addresses, phone
// numbers, ticket and order numbers from s.
func anonymize(s string, who *fdapi.Contact) string {
	if who != nil {
		var exact []string
		for _, p := range []*string{who.Email, who.Phone, who.Mobile} {
			if p != nil && *p != "" {
				exact = append(exact, *p)
			}
		}
		exact = append(exact, who.OtherEmails...)
		for _, e := range exact {
			s = replaceFold(s, e, "[redacted]")
		}
		name := strings.TrimSpace(who.Name)
		if name != "" {
			s = replaceFold(s, name, "[customer name]")
			for _, part := range strings.Fields(name) {
				if len([]rune(part)) >= 2 {
					s = regexp.MustCompile(`(?i)\b`+regexp.QuoteMeta(part)+`\b`).ReplaceAllString(s, "[customer name]")
				}
			}
		}
	}
	s = emailPattern.ReplaceAllString(s, "[e-mail]")
	s = exGreetRE.ReplaceAllString(s, "${1}[customer name]")
	s = exTicketRE.ReplaceAllString(s, "[ticket]")
	s = exOrderRE.ReplaceAllString(s, "[number]")
	s = exPhoneRE.ReplaceAllStringFunc(s, func(m string) string {
		if digits(m) >= 7 && !isoDateRE.MatchString(m) {
			return "[phone]"
		}
		return m
	})
	return s
}

func replaceFold(s, old, repl string) string {
	return regexp.MustCompile(`(?i)`+regexp.QuoteMeta(old)).ReplaceAllString(s, repl)
}

func digits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

var emailPattern = regexp.MustCompile(`(?i)[A-Z0-9._%+\-]+@[A-Z0-9.\-]+\.[A-Z]{2,}`)
