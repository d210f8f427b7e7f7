package draft

import (
	"fmt"
	"strings"

	"github.com/freshdesk-mcp/freshdesk-mcp/shape"
)

// Size caps of the rendered pack, in runes. The tools layer already caps the
// thread; these keep a prompt bounded whatever the caller passes.
const (
	maxMessageRunes = 4000
	maxThreadRunes  = 24000
	maxArticleRunes = 1500
	maxCannedRunes  = 800
	maxArticles     = 6
	maxCanned       = 5
	maxExamples     = 3
	maxExampleRunes = 1200
	maxFieldRunes   = 300 // subject, names, titles
)

// Render renders the grounding pack of p as text: the ticket header, the
// thread, the candidate articles and canned responses, and the agent's
// instructions. Every piece of free text sits inside f's fence; ids, roles,
// dates and links (our own data) stay outside. The model prompt and the
// no-model fallback use exactly this text.
func Render(p Pack, f Fence) string {
	var b strings.Builder
	renderTicket(&b, p, f)
	renderThread(&b, p, f)
	renderArticles(&b, p, f)
	renderCanned(&b, p, f)
	renderExamples(&b, p, f)
	if s := strings.TrimSpace(p.Instructions); s != "" {
		b.WriteString("\n# Instructions from the agent\n")
		b.WriteString(f.Neutralize(clip(s, maxMessageRunes)))
		b.WriteString("\n")
	}
	return b.String()
}

func renderTicket(b *strings.Builder, p Pack, f Fence) {
	t := p.Ticket
	fmt.Fprintf(b, "# Ticket %d", t.ID)
	if t.Status != "" {
		fmt.Fprintf(b, " (status: %s)", f.Neutralize(oneLine(t.Status)))
	}
	b.WriteString("\n")
	var h strings.Builder
	fmt.Fprintf(&h, "Subject: %s\n", oneLine(t.Subject))
	if t.RequesterName != "" || t.RequesterEmail != "" {
		fmt.Fprintf(&h, "Requester: %s", oneLine(t.RequesterName))
		if t.RequesterEmail != "" {
			fmt.Fprintf(&h, " <%s>", oneLine(t.RequesterEmail))
		}
		h.WriteString("\n")
	}
	if t.Company != "" {
		fmt.Fprintf(&h, "Company: %s\n", oneLine(t.Company))
	}
	b.WriteString(f.Wrap(h.String()))
	b.WriteString("\n")
}

// renderThread keeps the first message (the ticket description) and as many
// of the newest messages as fit, and says which were left out.
func renderThread(b *strings.Builder, p Pack, f Fence) {
	n := len(p.Messages)
	fmt.Fprintf(b, "\n# Conversation (%d messages, oldest first)\n", n)
	if n == 0 {
		b.WriteString("(no messages)\n")
		return
	}
	texts := make([]string, n)
	keep := make([]bool, n)
	budget := maxThreadRunes
	for i := range p.Messages {
		texts[i] = clip(p.Messages[i].Text, maxMessageRunes)
	}
	take := func(i int) {
		if r := shape.Runes(texts[i]); r <= budget || i == 0 {
			keep[i] = true
			budget -= r
		}
	}
	take(0)
	for i := n - 1; i > 0 && budget > 0; i-- {
		take(i)
	}
	omitted := 0
	for i, m := range p.Messages {
		if !keep[i] {
			omitted++
			continue
		}
		if omitted > 0 {
			fmt.Fprintf(b, "\n(%d earlier messages left out to fit the prompt)\n", omitted)
			omitted = 0
		}
		fmt.Fprintf(b, "\n## Message %d of %d · %s", i+1, n, roleLabel(m.Role))
		if !m.At.IsZero() {
			fmt.Fprintf(b, " · %s", m.At.UTC().Format("2006-01-02 15:04 UTC"))
		}
		b.WriteString("\n")
		body := texts[i]
		if m.Author != "" {
			body = "From: " + oneLine(m.Author) + "\n" + body
		}
		b.WriteString(f.Wrap(body))
		b.WriteString("\n")
	}
}

func roleLabel(r Role) string {
	switch r {
	case RoleCustomer:
		return "customer"
	case RoleAgent:
		return "agent reply"
	case RolePrivateNote:
		return "private note (" + InternalLabel + ")"
	case RoleSystem:
		return "system"
	}
	return "unknown author"
}

func renderArticles(b *strings.Builder, p Pack, f Fence) {
	arts := p.Articles
	if len(arts) > maxArticles {
		arts = arts[:maxArticles]
	}
	fmt.Fprintf(b, "\n# Knowledge-base articles (%d)\n", len(arts))
	if len(arts) == 0 {
		b.WriteString("(none found: state in cannot_answer what information is missing)\n")
		return
	}
	for _, a := range arts {
		fmt.Fprintf(b, "\n## Article id %d", a.ID)
		if a.URL != "" {
			fmt.Fprintf(b, " · %s", f.Neutralize(oneLine(a.URL)))
		}
		b.WriteString("\n")
		b.WriteString(f.Wrap("Title: " + oneLine(a.Title) + "\n" + clip(a.Excerpt, maxArticleRunes)))
		b.WriteString("\n")
	}
}

func renderCanned(b *strings.Builder, p Pack, f Fence) {
	cs := p.Canned
	if len(cs) > maxCanned {
		cs = cs[:maxCanned]
	}
	fmt.Fprintf(b, "\n# Canned responses (%d)\n", len(cs))
	if len(cs) == 0 {
		b.WriteString("(none)\n")
		return
	}
	for _, c := range cs {
		fmt.Fprintf(b, "\n## Canned response id %d\n", c.ID)
		b.WriteString(f.Wrap("Title: " + oneLine(c.Title) + "\n" + clip(c.Excerpt, maxCannedRunes)))
		b.WriteString("\n")
	}
}

// InternalLabel marks private notes in the prompt.
const InternalLabel = "internal: never disclose"

// renderExamples renders past answers to other customers; they are only
// shown when there are any, so prompts without them are unchanged.
func renderExamples(b *strings.Builder, p Pack, f Fence) {
	es := limit(p.Examples, maxExamples)
	if len(es) == 0 {
		return
	}
	fmt.Fprintf(b, "\n# Past answers to similar tickets of other customers (%d; how the team answered before: reuse the approach, never their details)\n", len(es))
	for _, e := range es {
		fmt.Fprintf(b, "\n## Past answer id %d\n", e.TicketID)
		b.WriteString(f.Wrap("Subject: " + oneLine(e.Subject) + "\n" + clip(e.Reply, maxExampleRunes)))
		b.WriteString("\n")
	}
}

// clip truncates on a rune boundary and says so.
func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	if t, cut := shape.Truncate(s, n); cut {
		return t + " […truncated]"
	}
	return s
}

// oneLine flattens a header field so it cannot start a new line of the
// prompt, and caps it.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(shape.Sanitize(s)), " ")
	t, _ := shape.Truncate(s, maxFieldRunes)
	return t
}
