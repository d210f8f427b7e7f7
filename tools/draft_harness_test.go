package tools_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/server"
	openai "github.com/sashabaranov/go-openai"

	"github.com/freshdesk-mcp/freshdesk-mcp/draft"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools/toolstest"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"
)

// fakeModel is a local OpenAI-compatible chat server that records requests.
type fakeModel struct {
	URL     string
	mu      sync.Mutex
	reqs    []openai.ChatCompletionRequest
	status  int
	body    func(req openai.ChatCompletionRequest) string
	delay   time.Duration
	aborted chan struct{} // a request's context ended before the answer
}

func newFakeModel(t testing.TB, status int, body func(openai.ChatCompletionRequest) string, delay time.Duration) *fakeModel {
	t.Helper()
	f := &fakeModel{status: status, body: body, delay: delay, aborted: make(chan struct{}, 8)}
	srv := httptest.NewServer(http.HandlerFunc(f.serve)) // 127.0.0.1, run-time port
	t.Cleanup(srv.Close)
	f.URL = srv.URL
	return f
}

func (f *fakeModel) serve(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	var req openai.ChatCompletionRequest
	_ = json.Unmarshal(raw, &req)
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	f.mu.Unlock()
	if !strings.HasSuffix(r.URL.Path, "/chat/completions") {
		http.Error(w, `{"error":{"message":"no such route"}}`, http.StatusNotFound)
		return
	}
	if f.delay > 0 {
		select {
		case <-time.After(f.delay):
		case <-r.Context().Done():
			f.aborted <- struct{}{}
			return
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(f.status)
	_, _ = io.WriteString(w, f.body(req))
}

func (f *fakeModel) requests() []openai.ChatCompletionRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]openai.ChatCompletionRequest(nil), f.reqs...)
}

// answer is a chat completion whose content is the JSON the prompt asks for.
func answer(body, lang string, articles ...int64) func(openai.ChatCompletionRequest) string {
	return func(req openai.ChatCompletionRequest) string {
		content, _ := json.Marshal(map[string]any{"draft": body, "language": lang, "articles_used": articles, "open_questions": []string{"Which workspace?"}})
		resp, _ := json.Marshal(map[string]any{
			"id": "chatcmpl-1", "object": "chat.completion", "model": req.Model,
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": string(content)}}},
			"usage":   map[string]any{"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
		})
		return string(resp)
	}
}

func errorBody(msg, code string) func(openai.ChatCompletionRequest) string {
	return func(openai.ChatCompletionRequest) string {
		return fmt.Sprintf(`{"error":{"message":%q,"type":"invalid_request_error","code":%q}}`, msg, code)
	}
}

type draftOpts struct {
	model    *fakeModel // nil: no drafter
	timeout  time.Duration
	mode     policy.Mode
	progress func(*gomcp.ProgressNotificationClientRequest)
	fd       *fdtest.TestServer
	// toolsets and exclude narrow the server-wide filter; budget is the
	// credit budget ("" = unlimited).
	toolsets, exclude []string
	budget            string
	// pastAnswers is the server's default for past_answers.
	pastAnswers bool
}

// denv is a server with the full catalogue, a policy, and optionally a
// drafter pointed at a fake model, driven by the official Go SDK client.
type denv struct {
	*env
	audit *syncBuffer
}

func newDraftEnv(t testing.TB, o draftOpts) *denv {
	t.Helper()
	fd, client := toolstest.Client(t, o.fd)
	clk := newClock()
	audit := &syncBuffer{}
	pol := toolstest.NewPolicy(t, toolstest.PolicyOptions{Mode: o.mode, Toolsets: o.toolsets, ExcludeTools: o.exclude,
		Budget: o.budget, Now: clk.Now, Audit: audit})
	deps := tools.Deps{Client: client, PrivateNotes: true, Policy: pol, PortalURL: "https://demo.freshdesk.com", DraftPastAnswers: o.pastAnswers}
	if o.model != nil {
		timeout := o.timeout
		if timeout == 0 {
			timeout = 10 * time.Second
		}
		d, err := draft.New(draft.Config{BaseURL: o.model.URL + "/v1", APIKey: "sk-test-secret", Model: "test-model", Timeout: timeout, ProgressInterval: 20 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		deps.Drafter = d
	}
	s := server.NewMCPServer("freshdesk-mcp-test", "test", server.WithToolCapabilities(false))
	tools.Register(s, tools.All(deps))
	pol.Install(s, client)
	copts := &gomcp.ClientOptions{}
	if o.progress != nil {
		copts.ProgressNotificationHandler = func(_ context.Context, r *gomcp.ProgressNotificationClientRequest) { o.progress(r) }
	}
	cs := toolstest.Connect(t, s, copts, nil)
	return &denv{env: &env{t: t, fd: fd, cs: cs}, audit: audit}
}

// draftOut is the part of the answer the tests read.
type draftOut struct {
	Status        string             `json:"status"`
	Draft         string             `json:"draft"`
	Language      string             `json:"language"`
	ArticlesUsed  []draft.ArticleRef `json:"articles_used"`
	OpenQuestions []string           `json:"open_questions"`
	Warnings      []string           `json:"warnings"`
	Notes         []string           `json:"notes"`
	Instruction   string             `json:"instruction"`
	GroundingPack string             `json:"grounding_pack"`
	Model         string             `json:"model"`
	Credits       int                `json:"credits"`
	SavedNote     *struct {
		Status   string `json:"status"`
		NoteID   int64  `json:"note_id"`
		Decision string `json:"decision"`
		Reason   string `json:"reason"`
		Body     string `json:"note_body"`
	} `json:"saved_note"`
}

// promptText joins the messages of a chat request by role.
func promptText(req openai.ChatCompletionRequest, role string) string {
	var b strings.Builder
	for _, m := range req.Messages {
		if m.Role == role {
			b.WriteString(m.Content)
		}
	}
	return b.String()
}

// searchedArticles repeats the knowledge-base searches the tool made, to
// know which excerpts the prompt must carry.
func searchedArticles(t *testing.T, fd *fdtest.TestServer) []fdapi.Article {
	t.Helper()
	client, err := fdapi.New(fdapi.Config{Domain: fd.URL, APIKey: fd.APIKey})
	if err != nil {
		t.Fatal(err)
	}
	var out []fdapi.Article
	for _, r := range fd.Requests() {
		if !strings.HasSuffix(r.Path, "/search/solutions") {
			continue
		}
		term := strings.TrimPrefix(r.Query, "term=")
		term = strings.ReplaceAll(term, "+", " ")
		arts, err := client.SearchSolutions(context.Background(), unescape(t, term))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, arts...)
	}
	return out
}

func unescape(t *testing.T, s string) string {
	t.Helper()
	r, err := http.NewRequest("GET", "/?q="+s, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r.URL.Query().Get("q")
}
