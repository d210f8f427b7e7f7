package tools_test

import (
	"encoding/json"
	"net/http"
	"testing"

	openai "github.com/sashabaranov/go-openai"

	"github.com/freshdesk-mcp/freshdesk-mcp/draft"
)

// plainAnswer answers in plain text, as small local models often do.
func plainAnswer(text string) func(openai.ChatCompletionRequest) string {
	return func(req openai.ChatCompletionRequest) string {
		resp, _ := json.Marshal(map[string]any{"id": "c", "object": "chat.completion", "model": req.Model,
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": text}}}})
		return string(resp)
	}
}

// Through draft_reply, the sources are listed whatever the model's answer
// format, and an invented citation is dropped and reported.
func TestDraftReplySourcesAlwaysListed(t *testing.T) {
	const link = "https://demo.freshdesk.com/support/solutions/articles/67062000003"
	tests := []struct {
		name       string
		model      func(openai.ChatCompletionRequest) string
		wantFormat string
		wantBy     string
		invented   bool
	}{
		{"plain text", plainAnswer("Hi,\n\nYou hit the rate limit, see " + link + "\n\n[Agent name]"), "text", draft.CitedByLinks, false},
		{"json", answer("Hi, you hit the rate limit.", "en", 67062000003, 999), "text", draft.CitedByModel, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm := newFakeModel(t, http.StatusOK, tt.model, 0)
			e := newDraftEnv(t, draftOpts{model: fm})
			var out struct {
				draftOut
				Sources  []draft.Source `json:"sources"`
				CitedBy  string         `json:"cited_by"`
				Format   string         `json:"format"`
				Invented []string       `json:"invented_citations"`
			}
			e.ok("draft_reply", map[string]any{"ticket_id": 28}, &out)
			if len(out.Sources) == 0 {
				t.Fatal("no sources listed")
			}
			cited := false
			for _, s := range out.Sources {
				if s.ID == 67062000003 {
					cited = s.Cited && s.URL == link
				}
				if s.ID == 999 {
					t.Error("invented id listed as a source")
				}
			}
			if !cited || out.CitedBy != tt.wantBy || out.Format != tt.wantFormat {
				t.Errorf("article 3 cited %v, cited_by %q, format %q; sources %+v", cited, out.CitedBy, out.Format, out.Sources)
			}
			if tt.invented != (len(out.Invented) == 1 && out.Invented[0] == "article 999") {
				t.Errorf("invented_citations = %q", out.Invented)
			}
		})
	}
}
