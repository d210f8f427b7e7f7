package app

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestToolsVerbNeedsNoCredentials(t *testing.T) {
	code, out, errOut := runMain(t, nil, "tools")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, name := range catalogueNames() {
		if !strings.Contains(out, name) {
			t.Errorf("tools output lacks %s", name)
		}
	}
	if !strings.HasPrefix(out, "TOOLSET") {
		t.Errorf("tools output has no header:\n%s", out)
	}
}

func TestToolsVerbJSONAndFilters(t *testing.T) {
	code, out, errOut := runMain(t, map[string]string{"FRESHDESK_MCP_TOOLSETS": "lookups"}, "tools", "--json", "--tools", "get_ticket", "--toolsets", "lookups")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got []struct {
		Name        string          `json:"name"`
		Toolset     string          `json:"toolset"`
		Access      string          `json:"access"`
		InputSchema json.RawMessage `json:"inputSchema"`
		Annotations map[string]any  `json:"annotations"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("tools --json is not JSON: %v\n%s", err, out)
	}
	var names []string
	for _, tool := range got {
		names = append(names, tool.Name)
		if tool.Toolset != "lookups" && tool.Name != "get_ticket" {
			t.Errorf("%s from toolset %s leaked through --toolsets lookups", tool.Name, tool.Toolset)
		}
		if tool.Access != "read" || len(tool.InputSchema) == 0 || tool.Annotations == nil {
			t.Errorf("%s: access %q, schema %d bytes, annotations %v", tool.Name, tool.Access, len(tool.InputSchema), tool.Annotations)
		}
	}
	for _, want := range []string{"get_ticket", "list_agents", "list_groups", "get_ticket_fields"} {
		if !slices.Contains(names, want) {
			t.Errorf("tools --json lacks %s: %v", want, names)
		}
	}
	if slices.Contains(names, "search_tickets") {
		t.Errorf("search_tickets served with --toolsets lookups --tools get_ticket")
	}
}

func TestCallVerb(t *testing.T) {
	ts := emulator(t)
	id, subject := demoTicket(t, ts)
	envm := emulatorEnv(ts)

	code, out, errOut := runMain(t, envm, "call", "get_ticket", fmt.Sprintf(`{"ticket_id": %d}`, id))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("call output is not JSON: %v\n%s", err, out)
	}
	if !strings.Contains(out, "\n  ") {
		t.Error("call output is not indented")
	}
	if !strings.Contains(out, jsonEscaped(subject)) {
		t.Errorf("call output lacks the subject %q", subject)
	}
	if !strings.Contains(errOut, "tool call") || !strings.Contains(errOut, "outcome=ok") {
		t.Errorf("no tool-call log line on stderr: %s", errOut)
	}

	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"tool error exits 1", []string{"call", "get_ticket", `{"ticket_id": 99999999}`}, exitError, "99999999"},
		{"unknown argument lists valid ones", []string{"call", "get_ticket", `{"id": 1}`}, exitError, "ticket_id"},
		{"unknown tool", []string{"call", "get_tickets", `{}`}, exitUsage, "freshdesk-mcp tools"},
		{"bad JSON", []string{"call", "get_ticket", `{ticket_id: 1}`}, exitUsage, "JSON object"},
		{"no tool", []string{"call"}, exitUsage, "usage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runMain(t, envm, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d (stderr %s)", code, tt.wantCode, errOut)
			}
			if out != "" {
				t.Errorf("stdout %q on failure, want nothing", out)
			}
			if !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantErr, errOut)
			}
		})
	}
}

func TestCallVerbDemo(t *testing.T) {
	code, out, errOut := runMain(t, nil, "call", "list_groups", "--demo")
	if code != 0 || !strings.Contains(out, "{") {
		t.Fatalf("call --demo: exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
}

func TestCheckVerb(t *testing.T) {
	ts := emulator(t)
	code, out, errOut := runMain(t, emulatorEnv(ts), "check")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "ok: authenticated") || !strings.Contains(out, "rate limit: ") || !strings.Contains(out, "remaining") {
		t.Errorf("check output:\n%s", out)
	}
	code, out, _ = runMain(t, nil, "check", "--demo")
	if code != 0 || !strings.Contains(out, "demo helpdesk") {
		t.Errorf("check --demo: exit %d\n%s", code, out)
	}
}
