package app

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestStdioStdoutIsProtocolOnly runs the built binary with a scripted client
// session (initialize, lists, a tool call, a tool error, an unknown tool, a
// malformed line, a resource, a prompt) at debug log level, and checks that
// every stdout line is a JSON-RPC 2.0 message, that every request got its
// answer, and that the logs went to stderr.
func TestStdioStdoutIsProtocolOnly(t *testing.T) {
	ts := emulator(t)
	id, subject := demoTicket(t, ts)

	requests := []string{
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"script","version":"1"}}}`,
		`{"jsonrpc":"2.0","method":"notifications/initialized"}`,
		`{"jsonrpc":"2.0","id":2,"method":"tools/list"}`,
		fmt.Sprintf(`{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"get_ticket","arguments":{"ticket_id":%d}}}`, id),
		`{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"get_ticket","arguments":{"ticket_id":"not a number","bogus":true}}}`,
		`{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"no_such_tool","arguments":{}}}`,
		`{"jsonrpc":"2.0","id":6,"method":"resources/list"}`,
		fmt.Sprintf(`{"jsonrpc":"2.0","id":7,"method":"resources/read","params":{"uri":"freshdesk://tickets/%d"}}`, id),
		`{"jsonrpc":"2.0","id":8,"method":"prompts/list"}`,
		fmt.Sprintf(`{"jsonrpc":"2.0","id":9,"method":"prompts/get","params":{"name":"summarize_ticket","arguments":{"ticket_id":"%d"}}}`, id),
		`{"jsonrpc":"2.0","id":10,"method":"logging/setLevel","params":{"level":"debug"}}`,
		`this is not json`,
		`{"jsonrpc":"2.0","id":11,"method":"ping"}`,
	}
	wantIDs := 11

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, builtBinary(t), "--log-level", "debug")
	cmd.Env = []string{"FRESHDESK_DOMAIN=" + ts.URL, "FRESHDESK_API_KEY=" + ts.APIKey}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdoutPipe, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}

	// Send one message at a time and wait for its answer, so the session is
	// realistic (tool calls run concurrently on mcp-go's worker pool).
	out := bufio.NewReader(stdoutPipe)
	var lines []string
	readLine := func() string {
		line, err := out.ReadString('\n')
		if err != nil {
			t.Fatalf("reading stdout: %v (stderr:\n%s)", err, stderr.String())
		}
		lines = append(lines, line)
		return line
	}
	for _, req := range requests {
		if _, err := io.WriteString(stdin, req+"\n"); err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if json.Unmarshal([]byte(req), &m) == nil && m["id"] == nil {
			continue // a notification has no answer
		}
		readLine()
	}
	_ = stdin.Close()
	rest, _ := io.ReadAll(out)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("server exit: %v\nstderr:\n%s", err, stderr.String())
	}
	for l := range strings.SplitSeq(string(rest), "\n") {
		if l != "" {
			lines = append(lines, l+"\n")
		}
	}

	seen := map[float64]bool{}
	var parseErrors int
	for i, line := range lines {
		if !strings.HasSuffix(line, "\n") {
			t.Errorf("stdout line %d is not newline-terminated", i+1)
		}
		var msg map[string]any
		if err := json.Unmarshal([]byte(line), &msg); err != nil {
			t.Fatalf("stdout line %d is not JSON: %v\n%q", i+1, err, line)
		}
		if msg["jsonrpc"] != "2.0" {
			t.Errorf("stdout line %d: jsonrpc = %v, want \"2.0\"", i+1, msg["jsonrpc"])
		}
		if id, ok := msg["id"].(float64); ok {
			seen[id] = true
		}
		if e, ok := msg["error"].(map[string]any); ok && e["code"] == float64(-32700) {
			parseErrors++
		}
	}
	for id := 1; id <= wantIDs; id++ {
		if !seen[float64(id)] {
			t.Errorf("no answer with id %d on stdout", id)
		}
	}
	if parseErrors != 1 {
		t.Errorf("got %d parse-error answers for the malformed line, want 1", parseErrors)
	}
	joined := strings.Join(lines, "")
	if !strings.Contains(joined, jsonEscaped(subject)) {
		t.Errorf("stdout never carried the ticket subject %q", subject)
	}

	logs := stderr.String()
	for _, want := range []string{"tool call", "get_ticket", "outcome=ok", "outcome=tool_error"} {
		if !strings.Contains(logs, want) {
			t.Errorf("stderr logs lack %q:\n%s", want, logs)
		}
	}
	if strings.Contains(logs, ts.APIKey) {
		t.Error("stderr logs contain the API key")
	}
}

// jsonEscaped is s as it appears inside a JSON string.
func jsonEscaped(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

// TestStdioAnswersEverythingReadBeforeEOF pipes a session that ends right
// after its requests (as `printf ... | freshdesk-mcp` does) and checks that
// every request is still answered.
func TestStdioAnswersEverythingReadBeforeEOF(t *testing.T) {
	ts := emulator(t)
	id, subject := demoTicket(t, ts)
	input := strings.Join([]string{
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"pipe","version":"1"}}}`,
		`{"jsonrpc":"2.0","method":"notifications/initialized"}`,
		fmt.Sprintf(`{"jsonrpc":"2.0","id":"call-a","method":"tools/call","params":{"name":"get_ticket","arguments":{"ticket_id":%d}}}`, id),
		`{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"list_groups","arguments":{}}}`,
		`{"jsonrpc":"2.0","id":4,"method":"ping"}`,
	}, "\n") // no final newline: the last line ends at EOF
	var out bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := serveStdio(ctx, testServer(t, ts, nil), strings.NewReader(input), &out, discardLogger()); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for line := range strings.SplitSeq(strings.TrimSpace(out.String()), "\n") {
		var m struct {
			ID     any             `json:"id"`
			Result json.RawMessage `json:"result"`
		}
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("stdout line %q: %v", line, err)
		}
		if m.Result != nil {
			got[fmt.Sprint(m.ID)] = true
		}
	}
	for _, want := range []string{"1", "call-a", "3", "4"} {
		if !got[want] {
			t.Errorf("request %s was not answered before exit; stdout:\n%.400s", want, out.String())
		}
	}
	if !strings.Contains(out.String(), jsonEscaped(subject)) {
		t.Error("get_ticket answer lacks the ticket subject")
	}
}

func TestIDKey(t *testing.T) {
	tests := []struct {
		raw  string
		want string
		ok   bool
	}{
		{`1`, "n:1", true}, {`1.0`, "n:1", true}, {`"1"`, "s:1", true}, {`"a b"`, "s:a b", true}, {`null`, "", false}, {``, "", false}, {`{}`, "", false},
	}
	for _, tt := range tests {
		got, ok := idKey(json.RawMessage(tt.raw))
		if got != tt.want || ok != tt.ok {
			t.Errorf("idKey(%s) = %q, %v; want %q, %v", tt.raw, got, ok, tt.want, tt.ok)
		}
	}
}
