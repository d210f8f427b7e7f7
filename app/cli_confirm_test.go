package app

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"
)

// runCall runs `call` with stdin and a terminal (or not) in front of it.
func runCall(t *testing.T, envm map[string]string, stdin string, tty bool, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	r := &runner{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, lookupEnv: env(envm), terminal: func() bool { return tty }}
	return r.run(ctx, args), out.String(), errb.String()
}

// The person at the terminal confirms a write made with `call` (issue 12:
// the token `call` printed was refused by the next `call`, so a CLI user
// looped).
func TestCallConfirmsAtTheTerminal(t *testing.T) {
	ts := emulator(t)
	id, _ := demoTicket(t, ts)
	envm := emulatorEnv(ts)
	note := func(body string) string {
		return `{"ticket_id": ` + itoa64(id) + `, "body": "` + body + `"}`
	}
	before := len(ts.Conversations(id))

	code, stdout, stderr := runCall(t, envm, "y\n", true, "call", "add_note", note("Checked with the network team: edge node drained."))
	if code != exitOK || !strings.Contains(stderr, "Checked with the network team") || !strings.Contains(stderr, "Confirm? [y/N]") {
		t.Fatalf("accepted: exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
	if n := len(ts.Conversations(id)); n != before+1 {
		t.Fatalf("accepted: %d conversations, want %d", n, before+1)
	}

	code, stdout, stderr = runCall(t, envm, "n\n", true, "call", "add_note", note("A second note nobody confirms."))
	if code == exitOK || !strings.Contains(stdout+stderr, "declined") {
		t.Errorf("declined: exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}

	code, stdout, stderr = runCall(t, envm, "", false, "call", "add_note", note("A third note, from a script."))
	if code != exitError || !strings.Contains(stderr, "Run the same command in a terminal") || !strings.Contains(stdout, `"not_written"`) ||
		!strings.Contains(stdout, "A third note, from a script.") || strings.Contains(stdout+stderr, "confirmation_token\"") {
		t.Errorf("no terminal: exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}

	code, _, stderr = runCall(t, envm, "", false, "call", "add_note", `{"ticket_id": 1, "body": "x", "confirmation_token": "abc"}`)
	if code != exitUsage || !strings.Contains(stderr, "each `call` is a separate server process") {
		t.Errorf("token: exit %d, stderr %s", code, stderr)
	}
	if n := len(ts.Conversations(id)); n != before+1 {
		t.Errorf("%d conversations after the refused calls, want %d", n, before+1)
	}
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
