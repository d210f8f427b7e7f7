package draft

import (
	"slices"
	"strings"
	"testing"
)

func TestParseAnswer(t *testing.T) {
	p := englishPack()
	tests := []struct {
		name          string
		content       string
		wantBody      string
		wantLang      string
		wantArticles  []int64
		wantCanned    []int64
		wantQuestions int
		wantNote      string // substring of a note, "" = no notes
	}{
		{"json", `{"draft":"Hi Ethan,\nOpen Profile settings.","language":"en","articles_used":[67062000001],"canned_used":[5],"open_questions":["Plan?"],"cannot_answer":[]}`,
			"Hi Ethan,\nOpen Profile settings.", "en", []int64{67062000001}, []int64{5}, 1, ""},
		{"fenced json", "```json\n{\"draft\":\"Hi Ethan\",\"language\":\"en\",\"articles_used\":[\"67062000003\"]}\n```",
			"Hi Ethan", "en", []int64{67062000003}, nil, 0, ""},
		{"think then json with prose", "<think>The user wants a key.</think>\nHere you go:\n{\"draft\":\"Hi!\",\"articles_used\":[{\"id\":67062000001,\"url\":\"https://evil.example\"}]}",
			"Hi!", "en", []int64{67062000001}, nil, 0, ""},
		{"unknown ids dropped", `{"draft":"Hi","articles_used":[999, 67062000001, 67062000001],"canned_used":["#77"]}`,
			"Hi", "en", []int64{67062000001}, nil, 0, "Ignored article id 999"},
		{"language from the answer", `{"draft":"Hallo","language":"de"}`, "Hallo", "de", nil, nil, 0, ""},
		{"single string lists", `{"draft":"Hi","open_questions":"Which plan?","cannot_answer":null}`, "Hi", "en", nil, nil, 1, ""},
		{"alias key reply", `{"reply":"Hi there"}`, "Hi there", "en", nil, nil, 0, ""},
		{"plain text", "Hi Ethan,\n\nYour key is in Profile settings.\n\nBest", "Hi Ethan,\n\nYour key is in Profile settings.\n\nBest", "en", nil, nil, 0, "did not answer in the requested JSON"},
		{"fenced plain text", "```\nHi Ethan\n```", "Hi Ethan", "en", nil, nil, 0, "did not answer in the requested JSON"},
		{"json without draft", `{"language":"en"}`, `{"language":"en"}`, "en", nil, nil, 0, "did not answer in the requested JSON"},
		{"broken json", `{"draft": "Hi`, `{"draft": "Hi`, "en", nil, nil, 0, "did not answer in the requested JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := ParseAnswer(tt.content, p)
			if d.Body != tt.wantBody {
				t.Errorf("Body = %q, want %q", d.Body, tt.wantBody)
			}
			if d.Language != tt.wantLang {
				t.Errorf("Language = %q, want %q", d.Language, tt.wantLang)
			}
			var ids []int64
			for _, a := range d.ArticlesUsed {
				ids = append(ids, a.ID)
				if a.URL == "https://evil.example" || a.Title == "" {
					t.Errorf("article %d: title/link must come from the pack, got %+v", a.ID, a)
				}
			}
			if !slices.Equal(ids, tt.wantArticles) {
				t.Errorf("ArticlesUsed = %v, want %v", ids, tt.wantArticles)
			}
			var cids []int64
			for _, c := range d.CannedUsed {
				cids = append(cids, c.ID)
			}
			if !slices.Equal(cids, tt.wantCanned) {
				t.Errorf("CannedUsed = %v, want %v", cids, tt.wantCanned)
			}
			if len(d.OpenQuestions) != tt.wantQuestions {
				t.Errorf("OpenQuestions = %q, want %d", d.OpenQuestions, tt.wantQuestions)
			}
			joined := strings.Join(d.Notes, "\n")
			if tt.wantNote == "" && joined != "" {
				t.Errorf("unexpected notes: %s", joined)
			}
			if tt.wantNote != "" && !strings.Contains(joined, tt.wantNote) {
				t.Errorf("notes %q lack %q", joined, tt.wantNote)
			}
		})
	}
}
