package draft

import "strings"

// GroundingPack is what the draft_reply tool returns when no model is
// configured: the same grounding pack the model would have seen, with a ready
// instruction for the calling assistant to write the draft itself.
type GroundingPack struct {
	Language     string       `json:"language"`      // reply language code, e.g. "ko"
	LanguageName string       `json:"language_name"` // e.g. "Korean"
	Instruction  string       `json:"instruction"`   // the rules for the calling assistant
	Pack         string       `json:"pack"`          // Render output: fenced thread, articles, canned responses
	Articles     []ArticleRef `json:"articles,omitempty"`
	Canned       []CannedRef  `json:"canned,omitempty"`
	Warnings     []string     `json:"warnings,omitempty"` // Suspicious findings about the ticket
}

// Text is the instruction followed by the pack: one block to hand to an
// assistant (the draft_reply tool result and the draft_reply MCP prompt).
func (g *GroundingPack) Text() string {
	return g.Instruction + "\n\n" + g.Pack
}

// Fallback builds the grounding pack for p with a fresh fence.
func Fallback(p Pack) *GroundingPack {
	return FallbackWithFence(p, NewFence())
}

// FallbackWithFence builds the grounding pack for p with the given fence.
func FallbackWithFence(p Pack, f Fence) *GroundingPack {
	lang := ReplyLanguage(p)
	g := &GroundingPack{
		Language:     lang,
		LanguageName: LanguageName(lang),
		Instruction:  Instruction(p, f),
		Pack:         Render(p, f),
		Warnings:     Suspicious(p),
	}
	for _, a := range limit(p.Articles, maxArticles) {
		g.Articles = append(g.Articles, ArticleRef{ID: a.ID, Title: oneLine(a.Title), URL: a.URL})
	}
	for _, c := range limit(p.Canned, maxCanned) {
		g.Canned = append(g.Canned, CannedRef{ID: c.ID, Title: oneLine(c.Title)})
	}
	return g
}

// Instruction returns the drafting instruction for a calling assistant that
// writes the draft itself: the same language, grounding and security rules as
// the model prompt, and what to hand back to the agent.
func Instruction(p Pack, f Fence) string {
	var b strings.Builder
	b.WriteString("No drafting model is configured on this server, so write the reply draft yourself from the grounding pack below.\n\n")
	b.WriteString(rules(p, ReplyLanguage(p), f))
	b.WriteString("\nHand back to the agent, for review: the draft; the articles you relied on (id, title, link); the canned responses used; open questions; what the material could not answer. ")
	b.WriteString("Do not send the draft to the customer: the agent decides.")
	return b.String()
}

func limit[T any](s []T, n int) []T {
	if len(s) > n {
		return s[:n]
	}
	return s
}
