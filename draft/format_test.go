package draft

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	openai "github.com/sashabaranov/go-openai"
)

// styleServer emulates how OpenAI-compatible servers differ: whether they
// accept, reject (HTTP 400) or ignore response_format and tools, and how
// they answer.
type styleServer struct {
	rejectJSON  string // 400 body when response_format is sent ("" = accept)
	rejectTools string // 400 body when tools are sent ("" = accept)
	answer      func(req map[string]any) openai.ChatCompletionMessage
	calls       atomic.Int32
}

func (s *styleServer) start(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.calls.Add(1)
		raw, _ := io.ReadAll(r.Body)
		var req map[string]any
		_ = json.Unmarshal(raw, &req)
		w.Header().Set("Content-Type", "application/json")
		if _, ok := req["response_format"]; ok && s.rejectJSON != "" {
			w.WriteHeader(400)
			_, _ = io.WriteString(w, s.rejectJSON)
			return
		}
		if _, ok := req["tools"]; ok && s.rejectTools != "" {
			w.WriteHeader(400)
			_, _ = io.WriteString(w, s.rejectTools)
			return
		}
		m := s.answer(req)
		m.Role = openai.ChatMessageRoleAssistant
		resp := openai.ChatCompletionResponse{Model: "m", Choices: []openai.ChatCompletionChoice{{Message: m, FinishReason: openai.FinishReasonStop}}}
		_ = json.NewEncoder(w).Encode(resp)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

const (
	vllmRejectsJSON   = `{"object":"error","message":"response_format json_object is not supported by this model","type":"BadRequestError","param":null,"code":400}`
	ollamaRejectsTool = `{"error":{"message":"registry.ollama.ai/library/gemma:2b does not support tools","type":"api_error","param":null,"code":null}}`
)

func TestStructuredOutputStylesAndSources(t *testing.T) {
	p := englishPack()
	art := p.Articles[0]
	// The JSON answer cites one real article and one invented id.
	jsonAnswer := `{"draft":"Hi Ethan, open Profile settings.","language":"en","articles_used":[67062000001, 424242],"canned_used":[5]}`
	content := func(s string) func(map[string]any) openai.ChatCompletionMessage {
		return func(map[string]any) openai.ChatCompletionMessage { return openai.ChatCompletionMessage{Content: s} }
	}
	toolCall := func(req map[string]any) openai.ChatCompletionMessage {
		if _, ok := req["tools"]; !ok {
			return openai.ChatCompletionMessage{Content: "tools were not offered"}
		}
		return openai.ChatCompletionMessage{ToolCalls: []openai.ToolCall{{ID: "c1", Type: openai.ToolTypeFunction,
			Function: openai.FunctionCall{Name: draftFunction, Arguments: jsonAnswer}}}}
	}
	plain := "Hi Ethan,\n\nYour API key is in Profile settings, see " + art.URL + "\n\nBest"
	tests := []struct {
		name       string
		cfg        Config
		srv        *styleServer
		wantFormat Format
		wantCalls  int32
		wantBy     string
		invented   bool
	}{
		{"openai json mode", Config{APIKey: "k", JSONMode: true}, &styleServer{answer: content(jsonAnswer)}, FormatJSONMode, 1, CitedByModel, true},
		{"azure json mode", Config{Azure: true, APIKey: "k", JSONMode: true}, &styleServer{answer: content(jsonAnswer)}, FormatJSONMode, 1, CitedByModel, true},
		{"vllm rejects response_format, tool call", Config{JSONMode: true}, &styleServer{rejectJSON: vllmRejectsJSON, answer: toolCall}, FormatToolCall, 2, CitedByModel, true},
		{"server ignores response_format, plain text", Config{APIKey: "k", JSONMode: true}, &styleServer{answer: content(plain)}, FormatText, 1, CitedByLinks, false},
		{"ollama tool call", Config{}, &styleServer{answer: toolCall}, FormatToolCall, 1, CitedByModel, true},
		{"ollama model without tools, plain text", Config{}, &styleServer{rejectTools: ollamaRejectsTool, answer: content(plain)}, FormatText, 2, CitedByLinks, false},
		{"ignores tools, JSON in content", Config{}, &styleServer{answer: content("```json\n" + jsonAnswer + "\n```")}, FormatText, 1, CitedByModel, true},
		{"rejects both, plain text", Config{JSONMode: true}, &styleServer{rejectJSON: vllmRejectsJSON, rejectTools: ollamaRejectsTool, answer: content(plain)}, FormatText, 3, CitedByLinks, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.cfg
			cfg.BaseURL, cfg.Model = tt.srv.start(t), "m"
			got, err := newDrafter(t, cfg).Draft(context.Background(), p, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got.Format != tt.wantFormat || tt.srv.calls.Load() != tt.wantCalls || got.CitedBy != tt.wantBy {
				t.Errorf("format %q after %d calls, cited_by %q; want %q after %d, %q", got.Format, tt.srv.calls.Load(), got.CitedBy, tt.wantFormat, tt.wantCalls, tt.wantBy)
			}
			// Every source is listed whatever the format: 2 articles, 1 canned.
			var kinds []string
			for _, s := range got.Sources {
				kinds = append(kinds, s.Kind)
				if s.Title == "" || (s.Kind == SourceArticle && s.URL == "") {
					t.Errorf("source without title or link: %+v", s)
				}
			}
			if !slices.Equal(kinds, []string{SourceArticle, SourceArticle, SourceCanned}) {
				t.Fatalf("sources = %+v", got.Sources)
			}
			if !got.Sources[0].Cited || got.Sources[1].Cited {
				t.Errorf("cited marks = %+v, want only article %d", got.Sources, art.ID)
			}
			if tt.invented != slices.Equal(got.Invented, []string{"article 424242"}) {
				t.Errorf("invented = %q (want reported: %v)", got.Invented, tt.invented)
			}
			for _, s := range got.Sources {
				if s.ID == 424242 {
					t.Error("an invented id is listed as a source")
				}
			}
			if tt.invented && !strings.Contains(strings.Join(got.Notes, "\n"), "424242") {
				t.Errorf("notes %q do not report the invented id", got.Notes)
			}
		})
	}
}

// A 400 that is not about the format is not retried.
func TestFormatNotRetriedOnOtherErrors(t *testing.T) {
	s := styleServer{rejectTools: `{"error":{"message":"bad temperature","type":"invalid_request_error"}}`}
	url := s.start(t)
	_, err := newDrafter(t, Config{BaseURL: url, Model: "m"}).Draft(context.Background(), englishPack(), nil)
	if err == nil || s.calls.Load() != 1 {
		t.Fatalf("err %v after %d calls, want an error after 1", err, s.calls.Load())
	}
}
