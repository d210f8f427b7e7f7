package draft

import (
	"sort"
	"strings"
	"unicode"
)

// MaxTerms is how many search terms SearchTerms returns: every knowledge-base
// search costs a Freshdesk credit and the caller runs one or two.
const MaxTerms = 3

// Subject words weigh more than body words: the subject is the customer's own
// summary. Repeats count, up to a cap, so a long pasted log cannot dominate.
const (
	subjectWeight = 3
	bodyWeight    = 1
	maxRepeats    = 3
)

// SearchTerms returns up to MaxTerms keywords for Freshdesk's
// search/solutions?term=, taken from the subject and the customer's latest
// messages, in the ticket's language, most useful first.
func SearchTerms(p Pack) []string {
	text := customerText(p, 2)
	lang := DetectLanguage(p.Ticket.Subject + "\n" + text)
	return Terms(p.Ticket.Subject, text, lang, MaxTerms)
}

// SearchQueries returns the term strings to search, in order: the two best
// terms together (narrow), then the best term alone (broad). Run the second
// only when the first finds fewer than two articles.
func SearchQueries(p Pack) []string {
	t := SearchTerms(p)
	switch len(t) {
	case 0:
		return nil
	case 1:
		return []string{t[0]}
	}
	return []string{t[0] + " " + t[1], t[0]}
}

// Terms extracts up to max search keywords from subject and text in lang:
// stopwords and support small talk removed; Korean words lose their trailing
// particles and verb endings (비밀번호를 -> 비밀번호, 재설정하고 -> 재설정);
// Japanese keeps katakana and kanji runs; Chinese keeps Han runs (long runs
// are cut into pairs); Latin acronyms keep their case (API, SSO), other
// words are lowercased.
func Terms(subject, text, lang string, max int) []string {
	type cand struct {
		display string
		score   int
		first   int
		seen    [2]int // occurrences in subject, body
	}
	byKey := map[string]*cand{}
	var order []*cand
	add := func(tok string, src, weight int) {
		key := strings.ToLower(tok)
		c, ok := byKey[key]
		if !ok {
			c = &cand{display: tok, first: len(order)}
			byKey[key] = c
			order = append(order, c)
		}
		if c.seen[src] < maxRepeats {
			c.seen[src]++
			c.score += weight
		}
	}
	for _, tok := range tokens(subject, lang) {
		add(tok, 0, subjectWeight)
	}
	for _, tok := range tokens(text, lang) {
		add(tok, 1, bodyWeight)
	}
	sort.SliceStable(order, func(i, j int) bool {
		if order[i].score != order[j].score {
			return order[i].score > order[j].score
		}
		return order[i].first < order[j].first
	})
	var out []string
	for _, c := range order {
		if len(out) == max {
			break
		}
		out = append(out, c.display)
	}
	return out
}

// tokens splits text into candidate terms, script by script.
func tokens(text, lang string) []string {
	var out []string
	for _, w := range words(text) {
		for _, run := range scriptRuns(w) {
			out = append(out, termsOfRun(run, lang)...)
		}
	}
	return out
}

// run is a maximal piece of a word in one script class.
type run struct {
	class int // runLatin, runHangul, runKatakana, runHiragana, runHan, runOther
	text  string
}

const (
	runLatin = iota
	runHangul
	runKatakana
	runHiragana
	runHan
	runOther
)

func runClass(r rune) int {
	switch {
	case r < 0x80 || unicode.Is(unicode.Latin, r):
		return runLatin
	case unicode.Is(unicode.Hangul, r):
		return runHangul
	case unicode.Is(unicode.Katakana, r), r == 'ー':
		return runKatakana
	case unicode.Is(unicode.Hiragana, r):
		return runHiragana
	case unicode.Is(unicode.Han, r):
		return runHan
	}
	return runOther
}

func scriptRuns(w string) []run {
	var out []run
	start, cls := 0, -1
	for i, r := range w {
		c := runClass(r)
		if c != cls && cls >= 0 {
			out = append(out, run{cls, w[start:i]})
			start = i
		}
		cls = c
	}
	if cls >= 0 {
		out = append(out, run{cls, w[start:]})
	}
	return out
}

func termsOfRun(r run, lang string) []string {
	n := len([]rune(r.text))
	switch r.class {
	case runLatin:
		return latinTerm(r.text, lang)
	case runHangul:
		if t := koreanStem(r.text); t != "" && !isStop(t, "ko") {
			return []string{t}
		}
	case runKatakana:
		if n >= 2 && !isStop(r.text, "ja") {
			return []string{r.text}
		}
	case runHan:
		if lang == "zh" && n > 4 {
			return hanPairs(r.text)
		}
		if n >= 2 && !isStop(r.text, lang) {
			return []string{r.text}
		}
	case runOther:
		if n >= 3 && !isStop(strings.ToLower(r.text), lang) {
			return []string{strings.ToLower(r.text)}
		}
	}
	return nil // hiragana is grammar; single kanji and short runs are too vague
}

// latinTerm keeps acronyms (API, 2FA) as written, lowercases other words and
// drops stopwords, short words and numbers other than HTTP-status-like codes.
func latinTerm(w, lang string) []string {
	lower := strings.ToLower(w)
	hasLetter, hasDigit := false, false
	for _, r := range w {
		if unicode.IsLetter(r) {
			hasLetter = true
		} else if unicode.IsDigit(r) {
			hasDigit = true
		}
	}
	switch {
	case !hasLetter:
		if len(w) == 3 && w >= "100" && w <= "599" {
			return []string{w} // 401, 429, 502: error codes find the right article
		}
		return nil
	case isAcronym(w):
		if isStop(lower, lang) {
			return nil
		}
		return []string{w}
	case hasDigit && len(w) >= 2:
		return []string{lower}
	case len([]rune(w)) < 3 || isStop(lower, lang):
		return nil
	}
	return []string{lower}
}

// isAcronym: two or more letters/digits, every letter upper case (API, SSO, 2FA).
func isAcronym(w string) bool {
	if len(w) < 2 {
		return false
	}
	for _, r := range w {
		if unicode.IsLetter(r) && !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// hanPairs cuts a long Chinese run into two-character pieces: without a
// dictionary these are the most likely words.
func hanPairs(s string) []string {
	r := []rune(s)
	var out []string
	for i := 0; i+1 < len(r); i += 2 {
		p := string(r[i : i+2])
		if !isStop(p, "zh") {
			out = append(out, p)
		}
	}
	return out
}

// koreanParticles are stripped from the end of a word, longest first.
var koreanParticles = []string{
	"에서는", "으로는", "에게서", "이라고", "에서도", "까지는", "부터는", "이라는",
	"에서", "으로", "에게", "한테", "까지", "부터", "처럼", "보다", "이랑", "이나", "마다",
	"은", "는", "이", "가", "을", "를", "에", "로", "의", "도", "만", "와", "과", "랑", "별",
}

// koreanOneSyllable: particles that may leave a one-syllable noun (키를 -> 키).
// The others would break real words (추가 -> 추).
var koreanOneSyllable = map[string]bool{"을": true, "를": true, "은": true, "는": true}

// koreanVerbEndings mark predicates; such words are not search terms.
var koreanVerbEndings = []string{
	"습니다", "니다", "세요", "나요", "어요", "아요", "해요", "는데", "인데", "니까", "네요", "군요", "지만", "어서", "아서",
}

// koreanVerbStems: a noun + 하다/되다 predicate is cut before the verb
// (재설정하고 -> 재설정, 수신됩니다 -> 수신).
var koreanVerbStems = map[rune]bool{
	'하': true, '되': true, '해': true, '했': true, '됐': true, '합': true, '됩': true,
	'할': true, '될': true, '한': true, '된': true, '함': true, '됨': true,
}

// koreanStem strips particles and light-verb endings from a Hangul word; it
// returns "" for predicates and words that are only grammar.
func koreanStem(w string) string {
	r := []rune(w)
	for i := 2; i < len(r); i++ { // index >= 2 keeps 한도, 제한, 해결
		if koreanVerbStems[r[i]] {
			return string(r[:i])
		}
	}
	for _, e := range koreanVerbEndings {
		if strings.HasSuffix(w, e) {
			return ""
		}
	}
	for _, p := range koreanParticles {
		if !strings.HasSuffix(w, p) {
			continue
		}
		rest := []rune(strings.TrimSuffix(w, p))
		if len(rest) >= 2 || (len(rest) == 1 && koreanOneSyllable[p]) {
			return string(rest)
		}
		break
	}
	if len(r) < 2 {
		return "" // a lone syllable without a particle is rarely a topic
	}
	return w
}
