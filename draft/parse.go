package draft

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// NoteNotJSON is added to Draft.Notes when the model did not answer with the
// requested JSON object and its whole answer became the draft.
const NoteNotJSON = "The model did not answer in the requested JSON format; its whole answer is used as the draft, without citations, open questions or gaps. Check it against the articles yourself."

var (
	// Reasoning models served by Ollama or vLLM (Qwen, DeepSeek-R1) may put
	// their thinking before the answer.
	thinkRE = regexp.MustCompile(`(?s)<think>.*?</think>`)
	fenceRE = regexp.MustCompile("(?s)```[A-Za-z0-9_-]*[ \t]*\n?(.*?)\n?```")
)

// answer is the JSON object the prompt asks for. Fields are raw so that a
// model that answers with slightly wrong types is still understood.
type answer struct {
	Draft         json.RawMessage `json:"draft"`
	Reply         json.RawMessage `json:"reply"`
	Body          json.RawMessage `json:"body"`
	Language      json.RawMessage `json:"language"`
	ArticlesUsed  json.RawMessage `json:"articles_used"`
	CannedUsed    json.RawMessage `json:"canned_used"`
	ExamplesUsed  json.RawMessage `json:"examples_used"`
	OpenQuestions json.RawMessage `json:"open_questions"`
	CannotAnswer  json.RawMessage `json:"cannot_answer"`
}

// ParseAnswer reads the model's answer for p. It accepts the JSON object the
// prompt asks for, also inside a ```json fence or after <think> text, with ids
// as numbers, strings or {"id":..} objects. Article and canned ids are kept
// only when they belong to p, with p's titles and links (a model's links are
// never trusted). An answer that is not JSON becomes the draft as a whole,
// with NoteNotJSON.
func ParseAnswer(content string, p Pack) *Draft {
	lang := ReplyLanguage(p)
	text := strings.TrimSpace(thinkRE.ReplaceAllString(content, ""))
	d := &Draft{Language: lang, Format: FormatText}
	a, ok := decodeAnswer(text)
	if ok {
		d.Body = strings.TrimSpace(firstString(a.Draft, a.Reply, a.Body))
	}
	if !ok || d.Body == "" {
		d.Body = unfence(text)
		d.Notes = append(d.Notes, NoteNotJSON)
		d.Sources, d.CitedBy = citedInText(d.Body, p)
		return d
	}
	defer func() { d.Sources = sourcesOf(p, d) }()
	d.CitedBy = CitedByModel
	if l := NormalizeLanguage(firstString(a.Language)); l != "" {
		d.Language = l
	}
	d.OpenQuestions = stringList(a.OpenQuestions)
	d.CannotAnswer = stringList(a.CannotAnswer)

	articles := map[int64]Article{}
	for _, art := range p.Articles {
		articles[art.ID] = art
	}
	for _, id := range idList(a.ArticlesUsed) {
		art, ok := articles[id]
		if !ok {
			d.Notes = append(d.Notes, fmt.Sprintf("Ignored article id %d cited by the model: it is not one of the articles provided.", id))
			d.Invented = append(d.Invented, fmt.Sprintf("article %d", id))
			continue
		}
		d.ArticlesUsed = append(d.ArticlesUsed, ArticleRef{ID: art.ID, Title: oneLine(art.Title), URL: art.URL})
		delete(articles, id) // cite each once
	}
	canned := map[int64]Canned{}
	for _, c := range p.Canned {
		canned[c.ID] = c
	}
	for _, id := range idList(a.CannedUsed) {
		c, ok := canned[id]
		if !ok {
			d.Notes = append(d.Notes, fmt.Sprintf("Ignored canned response id %d cited by the model: it is not one of those provided.", id))
			d.Invented = append(d.Invented, fmt.Sprintf("canned response %d", id))
			continue
		}
		d.CannedUsed = append(d.CannedUsed, CannedRef{ID: c.ID, Title: oneLine(c.Title)})
		delete(canned, id)
	}
	examples := map[int64]bool{}
	for _, e := range p.Examples {
		examples[e.TicketID] = true
	}
	for _, id := range idList(a.ExamplesUsed) {
		if !examples[id] {
			d.Notes = append(d.Notes, fmt.Sprintf("Ignored past answer id %d cited by the model: it is not one of those provided.", id))
			d.Invented = append(d.Invented, fmt.Sprintf("past answer %d", id))
			continue
		}
		d.examplesUsed = append(d.examplesUsed, id)
	}
	return d
}

// decodeAnswer finds and decodes the JSON object in text.
func decodeAnswer(text string) (answer, bool) {
	candidates := []string{text}
	if m := fenceRE.FindStringSubmatch(text); m != nil {
		candidates = append(candidates, m[1])
	}
	if i, j := strings.Index(text, "{"), strings.LastIndex(text, "}"); i >= 0 && j > i {
		candidates = append(candidates, text[i:j+1])
	}
	for _, c := range candidates {
		var a answer
		c = strings.TrimSpace(c)
		if !strings.HasPrefix(c, "{") {
			continue
		}
		if err := json.Unmarshal([]byte(c), &a); err == nil {
			return a, true
		}
	}
	return answer{}, false
}

// unfence returns the content of a lone code fence around the whole text.
func unfence(text string) string {
	if m := fenceRE.FindStringSubmatch(text); m != nil && strings.HasPrefix(text, "```") && strings.HasSuffix(text, "```") {
		return strings.TrimSpace(m[1])
	}
	return text
}

func firstString(raws ...json.RawMessage) string {
	for _, r := range raws {
		var s string
		if len(r) > 0 && json.Unmarshal(r, &s) == nil && strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// stringList accepts a list of strings, a single string, or a list of other
// values (kept as compact JSON); empty entries are dropped.
func stringList(r json.RawMessage) []string {
	if len(r) == 0 || string(r) == "null" {
		return nil
	}
	var one string
	if json.Unmarshal(r, &one) == nil {
		if one = strings.TrimSpace(one); one != "" {
			return []string{one}
		}
		return nil
	}
	var items []json.RawMessage
	if json.Unmarshal(r, &items) != nil {
		return nil
	}
	var out []string
	for _, it := range items {
		var s string
		if json.Unmarshal(it, &s) != nil {
			var buf bytes.Buffer
			if json.Compact(&buf, it) != nil {
				continue
			}
			s = buf.String()
		}
		if s = strings.TrimSpace(s); s != "" && s != "null" {
			out = append(out, s)
		}
	}
	return out
}

// idList accepts [1, "2", "#3", {"id": 4}] and a single id.
func idList(r json.RawMessage) []int64 {
	if len(r) == 0 || string(r) == "null" {
		return nil
	}
	var items []json.RawMessage
	if json.Unmarshal(r, &items) != nil {
		items = []json.RawMessage{r}
	}
	var out []int64
	for _, it := range items {
		if id, ok := parseID(it); ok {
			out = append(out, id)
		}
	}
	return out
}

func parseID(r json.RawMessage) (int64, bool) {
	var n json.Number
	if json.Unmarshal(r, &n) == nil {
		id, err := n.Int64()
		return id, err == nil
	}
	var s string
	if json.Unmarshal(r, &s) == nil {
		s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "#"))
		id, err := strconv.ParseInt(s, 10, 64)
		return id, err == nil
	}
	var obj struct {
		ID json.RawMessage `json:"id"`
	}
	if json.Unmarshal(r, &obj) == nil && len(obj.ID) > 0 {
		return parseID(obj.ID)
	}
	return 0, false
}
