package app

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

func TestNewDrafter(t *testing.T) {
	cases := []struct {
		name    string
		env     map[string]string
		model   string
		want    bool // a drafter is built
		wantErr string
	}{
		{"nothing set", nil, "", false, ""},
		{"model without provider", nil, "llama3.1", false, "OPENAI_BASE_URL"},
		{"ollama via env", map[string]string{"OPENAI_BASE_URL": "http://127.0.0.1:11434/v1", "FRESHDESK_MCP_DRAFT_MODEL": "llama3.1"}, "", true, ""},
		{"flag model with env key", map[string]string{"OPENAI_API_KEY": "sk-secret-value"}, "gpt-4o-mini", true, ""},
		{"bad timeout", map[string]string{"OPENAI_API_KEY": "sk-secret-value", "FRESHDESK_MCP_DRAFT_TIMEOUT": "soon"}, "gpt-4o-mini", false, "FRESHDESK_MCP_DRAFT_TIMEOUT"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var logs bytes.Buffer
			cfg := Config{DraftModel: c.model}
			if v, ok := c.env["FRESHDESK_MCP_DRAFT_TIMEOUT"]; ok {
				cfg.DraftTimeout = v
			}
			d, err := newDrafter(cfg, func(k string) (string, bool) { v, ok := c.env[k]; return v, ok }, slog.New(slog.NewTextHandler(&logs, nil)))
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("err = %v, want it to name %s", err, c.wantErr)
				}
				return
			}
			if err != nil || (d != nil) != c.want {
				t.Fatalf("drafter %v, err %v; want built=%v", d != nil, err, c.want)
			}
			if strings.Contains(logs.String(), "sk-secret-value") {
				t.Errorf("the key was logged: %s", logs.String())
			}
		})
	}
}
