package draft

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// Shingle sizes for copy detection: a run of this many words (or runes, for
// text written without spaces such as Korean runs or Japanese) taken from a
// private note or a past answer and found in the draft counts as copied.
const (
	copyWords = 6
	copyRunes = 14
)

var urlRE = regexp.MustCompile(`(?i)\bhttps?://[^\s<>"'()\[\]]+`)

// Leaks checks the draft for internal text reaching the customer: text
// copied from private notes or from other customers' past answers, and
// e-mail addresses or links that appear only in private notes or in past
// answers. Findings name where the text comes from; they never quote it.
func Leaks(d *Draft, p Pack) []string {
	if d == nil || strings.TrimSpace(d.Body) == "" {
		return nil
	}
	public := publicText(p)
	pubShingles := shingles(public)
	body := shingles(d.Body)
	var out []string
	for i, m := range p.Messages {
		if m.Role != RolePrivateNote {
			continue
		}
		where := fmt.Sprintf("message %d, a private note", i+1)
		if copied(body, shingles(m.Text), pubShingles) {
			out = append(out, fmt.Sprintf("The draft copies text from %s (%s): rewrite that part before sending.", where, InternalLabel))
		}
		out = append(out, onlyIn(d.Body, m.Text, public, where)...)
	}
	for _, e := range limit(p.Examples, maxExamples) {
		where := fmt.Sprintf("the past answer to ticket %d (another customer)", e.TicketID)
		if copied(body, shingles(e.Reply), pubShingles) {
			out = append(out, fmt.Sprintf("The draft copies text from %s: check that none of that customer's details remain.", where))
		}
		out = append(out, onlyIn(d.Body, e.Reply+"\n"+e.Subject, public, where)...)
	}
	return out
}

// publicText is what the customer may see anyway: the public thread, the
// requester, the articles and canned responses.
func publicText(p Pack) string {
	var b strings.Builder
	b.WriteString(p.Ticket.Subject + "\n" + p.Ticket.RequesterName + " " + p.Ticket.RequesterEmail + "\n" + p.Ticket.Company + "\n")
	for _, m := range p.Messages {
		if m.Role != RolePrivateNote {
			b.WriteString(m.Text + "\n")
		}
	}
	for _, a := range p.Articles {
		b.WriteString(a.Title + "\n" + a.URL + "\n" + a.Excerpt + "\n")
	}
	for _, c := range p.Canned {
		b.WriteString(c.Title + "\n" + c.Excerpt + "\n")
	}
	return b.String()
}

// onlyIn reports e-mail addresses and links of src that the draft repeats
// and that the public material does not contain.
func onlyIn(body, src, public, where string) []string {
	var out []string
	lowBody, lowPublic := strings.ToLower(body), strings.ToLower(public)
	var mails, links []string
	for _, m := range emailRE.FindAllString(src, -1) {
		l := strings.ToLower(m)
		if strings.Contains(lowBody, l) && !strings.Contains(lowPublic, l) && !slices.Contains(mails, l) {
			mails = append(mails, l)
		}
	}
	for _, u := range urlRE.FindAllString(src, -1) {
		u = strings.TrimRight(u, ".,;:!?")
		if strings.Contains(body, u) && !strings.Contains(public, u) && !slices.Contains(links, u) {
			links = append(links, u)
		}
	}
	if len(mails) > 0 {
		out = append(out, fmt.Sprintf("The draft contains %d e-mail address(es) found only in %s: remove them.", len(mails), where))
	}
	if len(links) > 0 {
		out = append(out, fmt.Sprintf("The draft contains %d link(s) found only in %s (internal): remove them.", len(links), where))
	}
	return out
}

// copied reports whether body shares a shingle with src that the public
// material does not also contain (quoting an article the note quotes is fine).
func copied(body, src, public map[string]bool) bool {
	for s := range src {
		if body[s] && !public[s] {
			return true
		}
	}
	return false
}

// shingles returns the word runs of copyWords words of text, normalised to
// lower-case letters and digits, plus runes runs of copyRunes for the parts
// written without spaces.
func shingles(text string) map[string]bool {
	out := map[string]bool{}
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	for i := 0; i+copyWords <= len(words); i++ {
		out[strings.Join(words[i:i+copyWords], " ")] = true
	}
	for _, w := range words {
		r := []rune(w)
		for i := 0; i+copyRunes <= len(r); i++ {
			out["\x00"+string(r[i:i+copyRunes])] = true
		}
	}
	return out
}
