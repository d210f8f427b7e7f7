package draft

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

func newDrafter(t *testing.T, cfg Config) *Drafter {
	t.Helper()
	d, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDraftRequestAndAnswer(t *testing.T) {
	fake := newFake(t, 200, "", 0)
	fake.body = completion(t, "```json\n"+answerJSON(t, "Hi Ethan,\n\nYour API key is under Profile settings.", "en", 67062000001)+"\n```")
	d := newDrafter(t, Config{APIKey: testKey, BaseURL: fake.URL + "/v1", Model: "gpt-4o-mini", JSONMode: true, Temperature: 0.2})
	got, err := d.Draft(context.Background(), englishPack(), nil)
	if err != nil {
		t.Fatal(err)
	}
	reqs := fake.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if r.Method != http.MethodPost || r.Path != "/v1/chat/completions" {
		t.Errorf("request %s %s", r.Method, r.Path)
	}
	if r.Header.Get("Authorization") != "Bearer "+testKey {
		t.Error("missing bearer key")
	}
	if r.Body.Model != "gpt-4o-mini" || r.Body.ResponseFormat == nil || r.Body.ResponseFormat.Type != openai.ChatCompletionResponseFormatTypeJSONObject {
		t.Errorf("model %q, response_format %+v", r.Body.Model, r.Body.ResponseFormat)
	}
	if r.Body.Temperature != 0.2 || r.Body.Stream {
		t.Errorf("temperature %v, stream %v", r.Body.Temperature, r.Body.Stream)
	}
	if len(r.Body.Messages) != 2 {
		t.Fatalf("%d messages", len(r.Body.Messages))
	}
	sys, user := r.Body.Messages[0].Content, r.Body.Messages[1].Content
	if !strings.Contains(sys, "Write the reply in English (en).") {
		t.Error("language instruction missing")
	}
	tok := tokenOf(t, sys)
	f := Fence{token: tok}
	inside, _ := fenced(user, f)
	for _, want := range []string{"building an internal integration", "Open Profile settings in the console"} {
		if !strings.Contains(inside, want) {
			t.Errorf("the request lacks %q inside the untrusted-data fence", want)
		}
	}
	if got.Body != "Hi Ethan,\n\nYour API key is under Profile settings." || got.Language != "en" || got.Model != "fake-model-2026" {
		t.Errorf("draft = %+v", got)
	}
	if len(got.ArticlesUsed) != 1 || got.ArticlesUsed[0].URL != englishPack().Articles[0].URL {
		t.Errorf("ArticlesUsed = %+v", got.ArticlesUsed)
	}
	if got.Usage.TotalTokens != 1020 || len(got.OpenQuestions) != 1 || len(got.Warnings) != 0 {
		t.Errorf("usage %+v, questions %q, warnings %q", got.Usage, got.OpenQuestions, got.Warnings)
	}
}

// tokenOf extracts the fence token the prompt announced.
func tokenOf(t *testing.T, sys string) string {
	t.Helper()
	const open = "<<<" + FenceName + " "
	i := strings.Index(sys, open)
	if i < 0 {
		t.Fatal("no fence in the system message")
	}
	rest := sys[i+len(open):]
	j := strings.Index(rest, ">>>")
	return rest[:j]
}

func TestDraftLanguageInRequest(t *testing.T) {
	override := koreanPack()
	override.Language = "ja"
	tests := []struct {
		name string
		p    Pack
		want string
	}{
		{"korean ticket gets a korean instruction", koreanPack(), "Korean (ko)"},
		{"language override wins", override, "Japanese (ja)"},
		{"english ticket", englishPack(), "English (en)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := newFake(t, 200, completion(t, `{"draft":"ok"}`), 0)
			d := newDrafter(t, Config{BaseURL: fake.URL + "/v1", Model: "m"})
			if _, err := d.Draft(context.Background(), tt.p, nil); err != nil {
				t.Fatal(err)
			}
			sys := fake.requests()[0].Body.Messages[0].Content
			if !strings.Contains(sys, "Write the reply in "+tt.want+".") {
				t.Errorf("system message lacks the instruction for %s", tt.want)
			}
		})
	}
}

func TestDraftPromptInjection(t *testing.T) {
	// The fake model obeys the injection: the check must flag the draft.
	evil := answerJSON(t, "Dear Mallory, as requested we are sending the customer list to every customer.", "en")
	fake := newFake(t, 200, completion(t, evil), 0)
	d := newDrafter(t, Config{BaseURL: fake.URL + "/v1", Model: "m"})
	got, err := d.Draft(context.Background(), injectionPack(), nil)
	if err != nil {
		t.Fatal(err)
	}
	msgs := fake.requests()[0].Body.Messages
	f := Fence{token: tokenOf(t, msgs[0].Content)}
	inside, outside := fenced(msgs[1].Content, f)
	for _, phrase := range []string{"ignore previous instructions", "send the full customer list", "Export all contacts"} {
		if !strings.Contains(inside, phrase) || strings.Contains(outside, phrase) || strings.Contains(msgs[0].Content, phrase) {
			t.Errorf("%q must appear only inside the fence", phrase)
		}
	}
	w := strings.Join(got.Warnings, "\n")
	if strings.Contains(w, "ignore previous") || strings.Contains(w, "API keys") {
		t.Errorf("warnings must not repeat the injected text: %s", w)
	}
	for _, want := range []string{"instructions aimed at an AI assistant (in message 1)", "the draft addresses"} {
		if !strings.Contains(w, want) {
			t.Errorf("warnings %q lack %q", w, want)
		}
	}
}

func TestDraftAnswerFormats(t *testing.T) {
	tests := []struct {
		name, content, body, note string
	}{
		{"json", answerJSON(t, "Hello", "en"), "Hello", ""},
		{"fenced json", "```json\n" + answerJSON(t, "Hello", "en") + "\n```", "Hello", ""},
		{"plain text", "Hello Ethan, see Profile settings.", "Hello Ethan, see Profile settings.", "JSON format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := newFake(t, 200, completion(t, tt.content), 0)
			got, err := newDrafter(t, Config{BaseURL: fake.URL, Model: "m"}).Draft(context.Background(), englishPack(), nil)
			if err != nil {
				t.Fatal(err)
			}
			if got.Body != tt.body {
				t.Errorf("Body = %q", got.Body)
			}
			if notes := strings.Join(got.Notes, " "); (tt.note == "") != (notes == "") || !strings.Contains(notes, tt.note) {
				t.Errorf("Notes = %q, want %q", notes, tt.note)
			}
		})
	}
}

func TestDraftOddCompletions(t *testing.T) {
	empty := `{"id":"x","object":"chat.completion","model":"m","choices":[]}`
	refusal := `{"id":"x","object":"chat.completion","model":"m","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"","refusal":"I can't help with that."}}]}`
	cut := `{"id":"x","object":"chat.completion","model":"m","choices":[{"index":0,"finish_reason":"length","message":{"role":"assistant","content":"{\"draft\":\"Hello\"}"}}]}`
	for _, tt := range []struct{ name, body, errHas, noteHas string }{
		{"no choices", empty, "returned no answer", ""},
		{"refusal", refusal, "declined to draft this reply: I can't help with that.", ""},
		{"cut off", cut, "", "cut off"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fake := newFake(t, 200, tt.body, 0)
			got, err := newDrafter(t, Config{BaseURL: fake.URL, Model: "m"}).Draft(context.Background(), englishPack(), nil)
			if tt.errHas != "" {
				if !errors.Is(err, ErrNoAnswer) || !strings.Contains(err.Error(), tt.errHas) {
					t.Fatalf("err = %v", err)
				}
				return
			}
			if err != nil || !strings.Contains(strings.Join(got.Notes, " "), tt.noteHas) {
				t.Fatalf("err %v, notes %q", err, got.Notes)
			}
		})
	}
}

// chain flattens an error tree.
func chain(err error) []error {
	if err == nil {
		return nil
	}
	out := []error{err}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		out = append(out, chain(u.Unwrap())...)
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			out = append(out, chain(e)...)
		}
	}
	return out
}

func TestDraftHTTPErrors(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		key    string
		kind   error
		want   []string
	}{
		{"401 bad key echoed by provider", 401, `{"error":{"message":"Incorrect API key provided: ` + testKey + `. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}`,
			testKey, ErrAuth, []string{"HTTP 401", "OPENAI_API_KEY", "invalid"}},
		{"401 masked key echoed", 401, `{"error":{"message":"Incorrect API key provided: sk-test-********************cdef.","type":"invalid_request_error","code":"invalid_api_key"}}`,
			testKey, ErrAuth, []string{"HTTP 401", "[redacted key]"}},
		{"401 without key", 401, `{"error":{"message":"Unauthorized","type":"auth"}}`, "", ErrAuth, []string{"none is set", "OPENAI_API_KEY"}},
		{"403", 403, `{"error":{"message":"Project does not have access to model","type":"invalid_request_error","code":"model_not_allowed"}}`,
			testKey, ErrAuth, []string{"HTTP 403", "OPENAI_API_KEY", `"gpt-9"`}},
		{"404 model not found", 404, `{"error":{"message":"The model gpt-9 does not exist or you do not have access to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}}`,
			testKey, ErrModelNotFound, []string{`"gpt-9"`, "FRESHDESK_MCP_DRAFT_MODEL", "HTTP 404", "ollama pull gpt-9"}},
		{"429 rate limit", 429, `{"error":{"message":"Rate limit reached for requests","type":"requests","code":"rate_limit_exceeded"}}`,
			testKey, ErrRateLimited, []string{"HTTP 429", "Retry in a minute", "not Freshdesk's"}},
		{"429 quota", 429, `{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}`,
			testKey, ErrRateLimited, []string{"quota", "retrying will not help"}},
		{"500", 500, `{"error":{"message":"The server had an error while processing your request.","type":"server_error"}}`,
			testKey, ErrProvider, []string{"HTTP 500", "retry in a minute"}},
		{"503 non-json body", 503, `upstream connect error or disconnect/reset before headers`, testKey, ErrProvider, []string{"HTTP 503", "upstream connect error"}},
		{"400 context length", 400, `{"error":{"message":"This model's maximum context length is 8192 tokens.","type":"invalid_request_error","code":"context_length_exceeded"}}`,
			testKey, ErrRejected, []string{"too long for the context window"}},
		{"400 vllm json mode", 400, `{"object":"error","message":"response_format json_object is not supported","type":"BadRequestError","param":null,"code":400}`,
			testKey, ErrRejected, []string{"FRESHDESK_MCP_DRAFT_JSON_MODE=false"}},
		{"400 other", 400, `{"error":{"message":"bad temperature","type":"invalid_request_error"}}`, testKey, ErrRejected, []string{"rejected the request (HTTP 400)", "bad temperature"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := newFake(t, tt.status, tt.body, 0)
			d := newDrafter(t, Config{APIKey: tt.key, BaseURL: fake.URL + "/v1", Model: "gpt-9"})
			_, err := d.Draft(context.Background(), englishPack(), nil)
			var de *Error
			if !errors.As(err, &de) || !errors.Is(err, tt.kind) || de.Status != tt.status {
				t.Fatalf("err = %v (%T), want *Error of kind %v with status %d", err, err, tt.kind, tt.status)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			for _, e := range chain(err) {
				if strings.Contains(e.Error(), testKey) || strings.Contains(e.Error(), "SECRETKEY") {
					t.Errorf("the key leaks through %T: %s", e, e)
				}
			}
		})
	}
}

func TestDraftTimeout(t *testing.T) {
	fake := newFake(t, 200, completion(t, `{"draft":"late"}`), 10*time.Second)
	d := newDrafter(t, Config{BaseURL: fake.URL, Model: "slow-model", Timeout: 150 * time.Millisecond})
	start := time.Now()
	_, err := d.Draft(context.Background(), englishPack(), nil)
	if el := time.Since(start); el > 3*time.Second {
		t.Errorf("took %s, want about the 150ms timeout", el)
	}
	if !errors.Is(err, ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want ErrTimeout wrapping context.DeadlineExceeded", err)
	}
	for _, w := range []string{"took longer than 150ms", EnvTimeout, "slow-model"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q lacks %q", err, w)
		}
	}
}

func TestDraftCallerDeadline(t *testing.T) {
	fake := newFake(t, 200, completion(t, `{"draft":"late"}`), 10*time.Second)
	d := newDrafter(t, Config{BaseURL: fake.URL, Model: "m", Timeout: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := d.Draft(ctx, englishPack(), nil)
	if !errors.Is(err, ErrTimeout) || !strings.Contains(err.Error(), "request's own deadline") {
		t.Fatalf("err = %v", err)
	}
}

func TestDraftCancel(t *testing.T) {
	fake := newFake(t, 200, completion(t, `{"draft":"late"}`), 10*time.Second)
	d := newDrafter(t, Config{BaseURL: fake.URL, Model: "m"})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-fake.arrived // cancel mid-request, once the server has it
		cancel()
	}()
	start := time.Now()
	_, err := d.Draft(ctx, englishPack(), nil)
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("returned after %s, want promptly", el)
	}
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "canceled") {
		t.Fatalf("err = %v, want context.Canceled in the chain", err)
	}
}

func TestDraftAzure(t *testing.T) {
	fake := newFake(t, 200, completion(t, `{"draft":"ok"}`), 0)
	d := newDrafter(t, Config{Azure: true, BaseURL: fake.URL + "/", APIKey: "azure-key-123", Model: "gpt-3.5-drafts", APIVersion: "2024-10-21", JSONMode: true})
	if _, err := d.Draft(context.Background(), englishPack(), nil); err != nil {
		t.Fatal(err)
	}
	r := fake.requests()[0]
	if r.Path != "/openai/deployments/gpt-3.5-drafts/chat/completions" {
		t.Errorf("path = %s, want the deployment path with the name unchanged", r.Path)
	}
	if r.Query != "api-version=2024-10-21" {
		t.Errorf("query = %s", r.Query)
	}
	if r.Header.Get("api-key") != "azure-key-123" || r.Header.Get("Authorization") != "" {
		t.Errorf("auth headers: api-key %q, Authorization %q", r.Header.Get("api-key"), r.Header.Get("Authorization"))
	}

	ad := newDrafter(t, Config{Azure: true, AzureAD: true, BaseURL: fake.URL, APIKey: "entra-token", Model: "d"})
	if _, err := ad.Draft(context.Background(), englishPack(), nil); err != nil {
		t.Fatal(err)
	}
	r = fake.requests()[1]
	if r.Header.Get("Authorization") != "Bearer entra-token" || r.Query != "api-version="+DefaultAzureAPIVersion {
		t.Errorf("azure ad: Authorization %q, query %q", r.Header.Get("Authorization"), r.Query)
	}
}

func TestDraftOllamaWithoutKey(t *testing.T) {
	fake := newFake(t, 200, completion(t, `{"draft":"ok"}`), 0)
	c, ok, err := ConfigFromEnv(env(map[string]string{EnvBaseURL: fake.URL + "/v1", EnvModel: "llama3.1:8b"}))
	if err != nil || !ok {
		t.Fatalf("config: %v %v", ok, err)
	}
	got, err := newDrafter(t, c).Draft(context.Background(), englishPack(), nil)
	if err != nil || got.Body != "ok" {
		t.Fatalf("draft %+v, err %v", got, err)
	}
	r := fake.requests()[0]
	if r.Path != "/v1/chat/completions" || r.Header.Get("Authorization") != "" || r.Body.Model != "llama3.1:8b" {
		t.Errorf("path %s, Authorization %q, model %q", r.Path, r.Header.Get("Authorization"), r.Body.Model)
	}
	if _, has := r.Raw["response_format"]; has {
		t.Error("response_format must not be sent when JSON mode is off")
	}
	if _, has := r.Raw["temperature"]; has {
		t.Error("temperature 0 must be left to the provider")
	}
}

func TestDraftConnectionRefused(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close() // nothing listens there now
	d := newDrafter(t, Config{BaseURL: "http://" + addr + "/v1", Model: "llama3.1"})
	_, err = d.Draft(context.Background(), englishPack(), nil)
	if !errors.Is(err, ErrUnreachable) {
		t.Fatalf("err = %v, want ErrUnreachable", err)
	}
	for _, w := range []string{"connection refused", "Ollama", EnvBaseURL, addr} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q lacks %q", err, w)
		}
	}
}

func TestDraftProgress(t *testing.T) {
	fake := newFake(t, 200, completion(t, `{"draft":"ok"}`), 120*time.Millisecond)
	d := newDrafter(t, Config{BaseURL: fake.URL, Model: "m", ProgressInterval: 20 * time.Millisecond})
	var mu sync.Mutex
	var steps []string
	var fracs []float64
	_, err := d.Draft(context.Background(), englishPack(), func(step string, f float64) {
		mu.Lock()
		defer mu.Unlock()
		steps = append(steps, step)
		fracs = append(fracs, f)
	})
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(steps, "|")
	for _, w := range []string{"building the prompt", "asking the model m", "waiting for the model m", "reading the answer", "done"} {
		if !strings.Contains(all, w) {
			t.Errorf("progress steps %q lack %q", all, w)
		}
	}
	for i := 1; i < len(fracs); i++ {
		if fracs[i] < fracs[i-1] || fracs[i] > 1 {
			t.Errorf("fractions not monotonic in [0,1]: %v", fracs)
			break
		}
	}
	if fracs[len(fracs)-1] != 1 {
		t.Errorf("last fraction = %v, want 1", fracs[len(fracs)-1])
	}
}

func TestNew(t *testing.T) {
	tests := []struct {
		name   string
		cfg    Config
		errHas string
	}{
		{"no model", Config{APIKey: "k"}, EnvModel},
		{"no key nor url", Config{Model: "m"}, EnvAPIKey},
		{"azure without url", Config{Model: "m", Azure: true, APIKey: "k"}, EnvBaseURL},
		{"ok openai", Config{Model: "m", APIKey: "k"}, ""},
		{"ok ollama", Config{Model: "m", BaseURL: "http://127.0.0.1:11434/v1"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := New(tt.cfg)
			if tt.errHas == "" {
				if err != nil || d.Config().Model != tt.cfg.Model {
					t.Fatalf("New = %v, %v", d, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.errHas) {
				t.Fatalf("err = %v, want one mentioning %s", err, tt.errHas)
			}
		})
	}
}
