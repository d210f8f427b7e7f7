package draft

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
)

// MaxSearches is how many knowledge-base searches (1 Freshdesk credit each)
// one draft may run.
const MaxSearches = 3

// httpCodeRE finds HTTP error codes, the most specific words of a ticket.
var httpCodeRE = regexp.MustCompile(`\b[45]\d\d\b`)

// glossary maps support vocabulary of the demo languages to the English
// product terms, so a ticket written in German, Korean or Japanese can still
// find an English article when no translation exists. Keys are lower-case
// substrings of the ticket text.
var glossary = []struct{ key, en string }{
	{"rückerstattung", "refund"}, {"erstattung", "refund"}, {"환불", "refund"}, {"返金", "refund"},
	{"kündigung", "cancel"}, {"해지", "cancel"}, {"解約", "cancel"},
	{"rechnung", "invoice"}, {"ust-id", "VAT"}, {"세금계산서", "invoice"}, {"청구서", "invoice"}, {"請求書", "invoice"},
	{"zwei-faktor", "2FA"}, {"2단계 인증", "2FA"}, {"二段階認証", "2FA"},
	{"passwort", "password"}, {"비밀번호", "password"}, {"パスワード", "password"},
	{"dsgvo", "GDPR"}, {"datenexport", "export"}, {"내보내기", "export"}, {"エクスポート", "export"},
	{"einladung", "invite"}, {"초대", "invite"}, {"招待", "invite"},
	{"zahlung", "payment"}, {"결제", "payment"}, {"支払", "payment"},
	{"요금제", "plan"}, {"プラン", "plan"}, {"tarif", "plan"},
	{"웹훅", "webhooks"}, {"zustellung", "webhooks"},
	{"레이트", "rate limit"}, {"요청 한도", "rate limit"}, {"レート制限", "rate limit"},
	{"로그인", "SSO"}, {"sso", "SSO"}, {"saml", "SSO"},
	// English product vocabulary: the same terms, found in English tickets.
	{"refund", "refund"}, {"invoice", "invoice"}, {"password", "password"}, {"2fa", "2FA"},
	{"export", "export"}, {"invite", "invite"}, {"invitation", "invite"}, {"card", "card"}, {"payment", "payment"},
	{"webhook", "webhooks"}, {"rate limit", "rate limit"}, {"pagination", "page"}, {"gdpr", "GDPR"},
}

// englishTerms returns the English product terms of text, in glossary order.
func englishTerms(text string) []string {
	low := strings.ToLower(text)
	var out []string
	for _, g := range glossary {
		if strings.Contains(low, g.key) && !slices.Contains(out, g.en) {
			out = append(out, g.en)
		}
	}
	return out
}

// SearchPlan returns up to n queries for Freshdesk's keyword search of the
// knowledge base, best first: HTTP error codes, then the ticket's best terms
// one by one (Freshdesk returns only articles with every word of a query, so
// single terms find more), interleaved with English product terms when the
// ticket is not in English. Results are merged and re-ranked with
// [RankArticles].
func SearchPlan(p Pack, n int) []string {
	text := searchText(p)
	all := p.Ticket.Subject + "\n" + text
	lang := DetectLanguage(all)
	terms := Terms(p.Ticket.Subject, text, lang, 6)
	en := englishTerms(all)
	// Terms the customer used in the subject and again in the text come
	// first, then the subject's: the subject alone has small talk ("after",
	// "twice"), the text alone follow-ups ("thanks, quick reply").
	low, subj := strings.ToLower(text), strings.ToLower(p.Ticket.Subject)
	weight := func(t string) int {
		t = strings.ToLower(t)
		return 2*btoi(strings.Contains(subj, t)) + btoi(strings.Contains(low, t))
	}
	slices.SortStableFunc(terms, func(a, b string) int { return cmp.Compare(weight(b), weight(a)) })
	var out []string
	add := func(q string) {
		if q = strings.TrimSpace(q); q != "" && len(out) < n && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, q) }) {
			out = append(out, q)
		}
	}
	for _, c := range httpCodes(all, 2) {
		add(c)
	}
	for i := 0; i < max(len(terms), len(en)) && len(out) < n; i++ {
		if i < len(en) {
			add(en[i])
		}
		if i < len(terms) && !httpCodeRE.MatchString(terms[i]) {
			add(terms[i])
		}
	}
	return out
}

// httpCodes returns up to n HTTP error codes of text, skipping numbers that
// are part of a longer digit group such as a phone number ("+1 617 555 0111").
func httpCodes(text string, n int) []string {
	var out []string
	for _, m := range httpCodeRE.FindAllStringIndex(text, -1) {
		before, after := strings.TrimRight(text[:m[0]], " "), strings.TrimLeft(text[m[1]:], " ")
		if (before != "" && strings.ContainsAny(before[len(before)-1:], "0123456789+-")) || (after != "" && strings.ContainsAny(after[:1], "0123456789")) {
			continue
		}
		if c := text[m[0]:m[1]]; !slices.Contains(out, c) && len(out) < n {
			out = append(out, c)
		}
	}
	return out
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Candidate is an article returned by one or more searches.
type Candidate struct {
	Article
	Text string // full plain text, for ranking
	Hits int    // how many searches returned it
}

// RankArticles orders merged search results by how well they match p: the
// ticket's terms (and their English product terms) in the title count three
// times, in the text once; each search that returned the article counts once;
// an article in the reply language is preferred over its translation in
// another language, and one in neither the reply language nor English comes
// last. The sort is stable: ties keep the search order.
func RankArticles(p Pack, cands []Candidate) []Candidate {
	text := searchText(p)
	all := p.Ticket.Subject + "\n" + text
	lang := ReplyLanguage(p)
	terms := append(Terms(p.Ticket.Subject, text, DetectLanguage(all), 10), englishTerms(all)...)
	terms = append(terms, httpCodes(all, 3)...)
	score := func(c Candidate) int {
		title, body := strings.ToLower(c.Title), strings.ToLower(c.Text)
		s := 2 * c.Hits
		for _, t := range terms {
			t = strings.ToLower(t)
			switch {
			case strings.Contains(title, t):
				s += 3
			case strings.Contains(body, t):
				s++
			}
		}
		// The article in the reply language first; one in a third language
		// (neither the customer's nor English, the usual original) is a
		// translation the customer cannot read, so it goes last.
		switch l := DetectLanguage(c.Title + "\n" + c.Text); {
		case l == lang:
			s += 3
		case l != "en":
			s -= 6
		}
		return s
	}
	out := slices.Clone(cands)
	scores := map[int64]int{}
	for _, c := range out {
		scores[c.ID] = score(c)
	}
	slices.SortStableFunc(out, func(a, b Candidate) int { return cmp.Compare(scores[b.ID], scores[a.ID]) })
	return out
}

// searchText is the customer's problem: the ticket description (the first
// customer message) and the latest two customer messages.
func searchText(p Pack) string {
	latest := customerText(p, 2)
	for _, m := range p.Messages {
		if m.Role == RoleCustomer && strings.TrimSpace(m.Text) != "" {
			if !strings.Contains(latest, m.Text) {
				return m.Text + "\n" + latest
			}
			break
		}
	}
	return latest
}
