package app

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
)

// TestCredentialServersGetDraftModel: servers built for caller-supplied
// credentials draft with the configured model like the main server
// (review 3 item 6: they answered no_model because they were built from a
// configuration without the drafter).
func TestCredentialServersGetDraftModel(t *testing.T) {
	var calls atomic.Int32
	model := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if !strings.HasSuffix(r.URL.Path, "/chat/completions") {
			http.NotFound(w, r)
			return
		}
		calls.Add(1)
		content, _ := json.Marshal(map[string]any{"draft": "Hello, here is the fix.", "language": "en", "articles_used": []int64{}, "open_questions": []string{}})
		resp, _ := json.Marshal(map[string]any{"id": "c1", "object": "chat.completion", "model": "test-model",
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": string(content)}}}})
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(resp)
	}))
	t.Cleanup(model.Close)

	ts := emulator(t)
	acct := fdtest.NewServer(t, fdtest.Options{Demo: true, APIKey: "drafting-account-key", RateLimit: 1 << 30})
	base := liveServer(t, ts, map[string]string{"OPENAI_BASE_URL": model.URL + "/v1", "FRESHDESK_MCP_DRAFT_MODEL": "test-model"},
		"--allow-caller-credentials")
	tests := []struct {
		name    string
		headers map[string]string
	}{
		{"server's own account", nil},
		{"caller credentials", map[string]string{"X-Freshdesk-Domain": acct.URL, "X-Freshdesk-Api-Key": acct.APIKey}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := calls.Load()
			cs := httpSession(t, base, tt.headers)
			res := callMCP(t, cs, "draft_reply", map[string]any{"ticket_id": writeTicket})
			var out struct {
				Status string `json:"status"`
				Draft  string `json:"draft"`
			}
			if err := json.Unmarshal([]byte(resultText(res)), &out); err != nil || res.IsError {
				t.Fatalf("draft_reply: %v %s", err, resultText(res))
			}
			if out.Status != "drafted" || !strings.Contains(out.Draft, "here is the fix") || calls.Load() != before+1 {
				t.Errorf("status %q draft %q, model calls %d; want drafted by the model once", out.Status, out.Draft, calls.Load()-before)
			}
		})
	}
}
