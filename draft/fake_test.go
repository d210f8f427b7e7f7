package draft

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// recorded is one request the fake received.
type recorded struct {
	Method, Path, Query string
	Header              http.Header
	Body                openai.ChatCompletionRequest
	Raw                 map[string]any
}

// fakeLLM is a minimal OpenAI-compatible server: POST .../chat/completions
// answers with the configured status and body after the configured delay,
// and records every request.
type fakeLLM struct {
	URL      string
	mu       sync.Mutex
	reqs     []recorded
	status   int
	body     string
	delay    time.Duration
	arrived  chan struct{} // receives one value per request, when it arrives
	noRecord bool
}

func newFake(t testing.TB, status int, body string, delay time.Duration) *fakeLLM {
	t.Helper()
	f := &fakeLLM{status: status, body: body, delay: delay, arrived: make(chan struct{}, 16)}
	srv := httptest.NewServer(http.HandlerFunc(f.serve)) // binds 127.0.0.1 on a free port
	t.Cleanup(srv.Close)
	f.URL = srv.URL
	return f
}

// newFakeB is a fake for benchmarks: it does not record requests, so memory
// stays flat over many iterations.
func newFakeB(b *testing.B, body string) *fakeLLM {
	f := newFake(b, http.StatusOK, body, 0)
	f.noRecord = true
	return f
}

func (f *fakeLLM) serve(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	rec := recorded{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone()}
	_ = json.Unmarshal(raw, &rec.Body)
	_ = json.Unmarshal(raw, &rec.Raw)
	if !f.noRecord {
		f.mu.Lock()
		f.reqs = append(f.reqs, rec)
		f.mu.Unlock()
		f.arrived <- struct{}{}
	}
	if r.Method != http.MethodPost || len(r.URL.Path) < len("/chat/completions") || r.URL.Path[len(r.URL.Path)-len("/chat/completions"):] != "/chat/completions" {
		http.Error(w, `{"error":{"message":"no such route","type":"invalid_request_error"}}`, http.StatusNotFound)
		return
	}
	if f.delay > 0 {
		select {
		case <-time.After(f.delay):
		case <-r.Context().Done():
			return
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(f.status)
	_, _ = io.WriteString(w, f.body)
}

func (f *fakeLLM) requests() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recorded(nil), f.reqs...)
}

// completion builds a chat-completion response body with content.
func completion(t testing.TB, content string) string {
	t.Helper()
	resp := openai.ChatCompletionResponse{
		ID: "chatcmpl-1", Object: "chat.completion", Model: "fake-model-2026",
		Choices: []openai.ChatCompletionChoice{{Index: 0, FinishReason: openai.FinishReasonStop,
			Message: openai.ChatCompletionMessage{Role: openai.ChatMessageRoleAssistant, Content: content}}},
		Usage: openai.Usage{PromptTokens: 900, CompletionTokens: 120, TotalTokens: 1020},
	}
	b, err := json.Marshal(resp)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// answerJSON builds the JSON answer the prompt asks for.
func answerJSON(t testing.TB, draft, lang string, articles ...int64) string {
	t.Helper()
	b, err := json.Marshal(map[string]any{"draft": draft, "language": lang, "articles_used": articles,
		"canned_used": []int64{}, "open_questions": []string{"Which plan is the customer on?"}, "cannot_answer": []string{}})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
