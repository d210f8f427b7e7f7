package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
)

func TestLogToolCallsOneLinePerCall(t *testing.T) {
	okResult := mcp.NewToolResultText("fine")
	okResult.Meta = mcp.NewMetaFromMap(map[string]any{"credits_used": 2})
	tests := []struct {
		name        string
		handler     func(context.Context, mcp.CallToolRequest) (*mcp.CallToolResult, error)
		wantOutcome string
		wantCredits float64
		wantIsError bool
		wantErr     bool
	}{
		{"ok", func(context.Context, mcp.CallToolRequest) (*mcp.CallToolResult, error) { return okResult, nil }, outcomeOK, 2, false, false},
		{"tool error", func(context.Context, mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			return mcp.NewToolResultError("ticket 9 not found"), nil
		}, outcomeToolError, 0, true, false},
		{"protocol error", func(context.Context, mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			return nil, errors.New("boom")
		}, outcomeProtocolError, 0, false, true},
		{"panic becomes a tool error", func(context.Context, mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			panic("nil map")
		}, outcomeToolError, 0, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			logger := slog.New(slog.NewJSONHandler(&buf, nil))
			h := logToolCalls(logger)(tt.handler)
			req := mcp.CallToolRequest{}
			req.Params.Name = "get_ticket"
			res, err := h(context.Background(), req)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if !tt.wantErr && res.IsError != tt.wantIsError {
				t.Errorf("IsError = %v, want %v", res.IsError, tt.wantIsError)
			}
			var lines []map[string]any
			for l := range strings.SplitSeq(strings.TrimSpace(buf.String()), "\n") {
				var m map[string]any
				if err := json.Unmarshal([]byte(l), &m); err != nil {
					t.Fatalf("log line %q: %v", l, err)
				}
				if m["msg"] == "tool call" {
					lines = append(lines, m)
				}
			}
			if len(lines) != 1 {
				t.Fatalf("got %d tool-call lines, want 1:\n%s", len(lines), buf.String())
			}
			l := lines[0]
			if l["tool"] != "get_ticket" || l["outcome"] != tt.wantOutcome || l["credits"] != tt.wantCredits {
				t.Errorf("line = %v; want tool get_ticket, outcome %s, credits %v", l, tt.wantOutcome, tt.wantCredits)
			}
			if _, ok := l["duration"].(float64); !ok {
				t.Errorf("line has no numeric duration: %v", l)
			}
		})
	}
}

func TestRedactor(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{ReplaceAttr: redactor("k3y-v4lue")}))
	logger.Info("request", "url", "https://x/?k3y-v4lue", "err", errors.New("auth k3y-v4lue:X failed"), "n", 3)
	if strings.Contains(buf.String(), "k3y-v4lue") {
		t.Errorf("secret logged: %s", buf.String())
	}
	if !strings.Contains(buf.String(), "[REDACTED]") || !strings.Contains(buf.String(), `"n":3`) {
		t.Errorf("unexpected log: %s", buf.String())
	}
}

// TestSecretsNeverLogged runs real sessions at debug level, in both log
// formats, including a failed authentication, and greps everything written
// for the API key.
func TestSecretsNeverLogged(t *testing.T) {
	const key = "fdSECRETkey0123456789abcd"
	ts := fdtest.NewServer(t, fdtest.Options{Demo: true, APIKey: key, RateLimit: 1 << 30})
	id, _ := demoTicket(t, ts)
	good := map[string]string{"FRESHDESK_DOMAIN": ts.URL, "FRESHDESK_API_KEY": key}
	bad := map[string]string{"FRESHDESK_DOMAIN": ts.URL, "FRESHDESK_API_KEY": key + "-wrong"}
	runs := []struct {
		env  map[string]string
		args []string
	}{
		{good, []string{"--log-level", "debug", "check"}},
		{good, []string{"--log-level", "debug", "--log-format", "json", "call", "get_ticket", `{"ticket_id":` + itoa(id) + `}`}},
		{good, []string{"--log-level", "debug", "call", "get_ticket", `{"ticket_id":999999}`}},
		{good, []string{"--log-level", "debug", "config"}},
		{bad, []string{"--log-level", "debug", "check"}},
		{bad, []string{"--log-level", "debug", "--log-format", "json", "call", "list_agents"}},
	}
	for _, r := range runs {
		_, stdout, stderr := runMain(t, r.env, r.args...)
		for name, out := range map[string]string{"stdout": stdout, "stderr": stderr} {
			if strings.Contains(out, key) {
				t.Errorf("%v: the API key appears on %s:\n%s", r.args, name, out)
			}
		}
	}
	// The wrong-key run must still say what is wrong.
	code, _, stderr := runMain(t, bad, "check")
	if code != exitError || !strings.Contains(stderr, "401") || !strings.Contains(stderr, "FRESHDESK_API_KEY") {
		t.Errorf("check with a wrong key: exit %d, stderr %q", code, stderr)
	}
}

func itoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}
