package policy

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestAuditLogFile(t *testing.T) {
	clk := newClock()
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	l, err := OpenAuditLog(path)
	if err != nil {
		t.Fatal(err)
	}
	l.Now = clk.Now
	const body = "Dear customer, your refund of 99 EUR is approved. 환불이 승인되었습니다."
	c, _ := NewConfirmer(ConfirmConfig{})
	tok, _, _ := c.Issue("token:bot", "send_reply", nil)
	apiKey := "sk_live_abcdefghijklmnopqrstuvwxyz"

	decisions := []AuditDecision{DecisionConfirmed, DecisionDeclined, DecisionConfirmationRequired, DecisionCouldNotAsk,
		DecisionTokenInvalid, DecisionRefusedByMode, DecisionToolHidden, DecisionOverBudget, DecisionDuplicate,
		DecisionUnattendedAllowed, DecisionNotesAllowed}
	var wg sync.WaitGroup
	for i, d := range decisions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := AuditRecord{Caller: "token:bot", Tool: "send_reply", Mode: ModeConfirm.String(), Helpdesk: "acme", TicketID: int64(100 + i),
				Kind: Reply, Decision: d, Outcome: OutcomeNotAttempted, Body: body}
			if d == DecisionConfirmed {
				r.Outcome, r.CreatedIDs = OutcomeOK, []int64{5001}
			}
			if d == DecisionTokenInvalid {
				r.Error = "token " + tok + " rejected; Authorization: Bearer " + apiKey
			}
			if err := l.Write(r); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if err := l.Write(AuditRecord{Caller: "u", Tool: "update_ticket", Decision: DecisionUnattendedAllowed,
		Outcome: OutcomeUnknown, Fields: []string{"status", "tags"}, Error: strings.Repeat("é", 3000)}); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if err := l.Write(AuditRecord{}); !errors.Is(err, ErrAuditClosed) {
		t.Errorf("Write after Close = %v", err)
	}

	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %#o, want 0600", st.Mode().Perm())
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{body, "refund of 99", "환불", tok, tok[len(tokenPrefix):], apiKey} {
		if bytes.Contains(raw, []byte(secret)) {
			t.Errorf("audit log contains %q", secret)
		}
	}
	lines := 0
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines++
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %d is not JSON: %v", lines, err)
		}
		seen[m["decision"].(string)] = true
		if m["time"] != clk.Now().Format(time.RFC3339Nano) {
			t.Errorf("time = %v", m["time"])
		}
		for _, k := range []string{"caller", "tool", "decision", "outcome"} {
			if _, ok := m[k]; !ok {
				t.Errorf("line %d lacks %s", lines, k)
			}
		}
		switch {
		case m["tool"] == "update_ticket":
			if m["outcome"] != "outcome_unknown" || fmt.Sprint(m["fields"]) != "[status tags]" {
				t.Errorf("update line: %v", m)
			}
			if n := len([]rune(m["error"].(string))); n != maxAuditError+1 {
				t.Errorf("error length %d, want capped at %d+1", n, maxAuditError)
			}
		case m["decision"] == string(DecisionConfirmed):
			if m["outcome"] != "ok" || fmt.Sprint(m["created_ids"]) != "[5001]" || m["kind"] != "reply" || m["mode"] != "confirm" {
				t.Errorf("confirmed line: %v", m)
			}
			if m["body_len"] != float64(len([]rune(body))) || len(m["body_sha256_prefix"].(string)) != 16 {
				t.Errorf("body fields: %v %v", m["body_len"], m["body_sha256_prefix"])
			}
		case m["decision"] == string(DecisionTokenInvalid):
			if e := m["error"].(string); !strings.Contains(e, "[redacted]") {
				t.Errorf("error not redacted: %q", e)
			}
		}
	}
	if lines != len(decisions)+1 {
		t.Errorf("%d lines, want %d", lines, len(decisions)+1)
	}
	for _, d := range decisions {
		if !seen[string(d)] {
			t.Errorf("no line for %s", d)
		}
	}
}

func TestAuditLogAppendsAndTightensMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	if err := os.WriteFile(path, []byte(`{"earlier":true}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil { // defeat umask
		t.Fatal(err)
	}
	l, err := OpenAuditLog(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Write(AuditRecord{Caller: "u", Tool: "add_note", Decision: DecisionDeclined}); err != nil {
		t.Fatal(err)
	}
	l.Close()
	raw, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	if len(lines) != 2 || lines[0] != `{"earlier":true}` || !strings.Contains(lines[1], `"outcome":"not_attempted"`) {
		t.Errorf("file = %q", raw)
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %#o, want 0600", st.Mode().Perm())
	}
	if _, err := OpenAuditLog(t.TempDir()); err == nil {
		t.Error("directory accepted as audit log")
	}
}

type syncWriter struct {
	bytes.Buffer
	syncs int
}

func (w *syncWriter) Sync() error { w.syncs++; return nil }

func TestAuditLogSyncsEachLine(t *testing.T) {
	w := &syncWriter{}
	l := NewAuditLog(w)
	for range 3 {
		if err := l.Write(AuditRecord{Time: time.Unix(0, 0), Caller: "u", Tool: "t", Decision: DecisionConfirmed, Outcome: OutcomeOK}); err != nil {
			t.Fatal(err)
		}
	}
	if w.syncs != 3 || strings.Count(w.String(), "\n") != 3 {
		t.Errorf("syncs=%d lines=%d", w.syncs, strings.Count(w.String(), "\n"))
	}
	if !strings.HasPrefix(w.String(), `{"time":"1970-01-01T00:00:00Z"`) {
		t.Errorf("line = %s", w.String())
	}
}
