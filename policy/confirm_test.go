package policy

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var testSecret = []byte("0123456789abcdef0123456789abcdef-shared")

func newTestConfirmer(t *testing.T, clk *fakeClock, store Store) *Confirmer {
	t.Helper()
	c, err := NewConfirmer(ConfirmConfig{Secret: testSecret, Now: clk.Now, Store: store})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func noteArgs() map[string]any {
	return map[string]any{"ticket_id": float64(42), "body": "Refund approved.", "private": true,
		"notify_emails": []any{"a@example.com"}, "meta": map[string]any{"z": 1, "a": 2}}
}

func TestTokenRedeem(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	c := newTestConfirmer(t, clk, nil)
	tok, exp, err := c.Issue("user:alice", "add_note", noteArgs())
	if err != nil {
		t.Fatal(err)
	}
	if want := clk.Now().Add(DefaultTokenTTL); !exp.Equal(want) {
		t.Errorf("expires %v, want %v", exp, want)
	}
	if !strings.HasPrefix(tok, tokenPrefix) || len(tok) > 120 {
		t.Errorf("token %q: want prefix %s and a short token", tok, tokenPrefix)
	}
	reordered := map[string]any{}
	if err := json.Unmarshal([]byte(`{"meta":{"a":2.0,"z":1},"notify_emails":["a@example.com"],"private":true,
		"body":"Refund approved.","ticket_id":4.2e1,"confirmation_token":"x","cc":null}`), &reordered); err != nil {
		t.Fatal(err)
	}
	type input struct {
		TicketID int64          `json:"ticket_id"`
		Body     string         `json:"body"`
		Private  bool           `json:"private"`
		Notify   []string       `json:"notify_emails"`
		Meta     map[string]int `json:"meta"`
		Token    string         `json:"confirmation_token,omitempty"`
	}
	asStruct := input{42, "Refund approved.", true, []string{"a@example.com"}, map[string]int{"a": 2, "z": 1}, tok}

	tests := []struct {
		name   string
		caller string
		tool   string
		args   any
		token  string
		want   error // nil: success
	}{
		{"other caller", "user:bob", "add_note", noteArgs(), tok, ErrTokenWrongCaller},
		{"other tool", "user:alice", "send_reply", noteArgs(), tok, ErrTokenWrongTool},
		{"altered body", "user:alice", "add_note", withArg(noteArgs(), "body", "Refund denied."), tok, ErrTokenArgsChanged},
		{"altered ticket", "user:alice", "add_note", withArg(noteArgs(), "ticket_id", 43), tok, ErrTokenArgsChanged},
		{"added arg", "user:alice", "add_note", withArg(noteArgs(), "allow_duplicate", true), tok, ErrTokenArgsChanged},
		{"nested change", "user:alice", "add_note", withArg(noteArgs(), "meta", map[string]any{"a": 2, "z": 2}), tok, ErrTokenArgsChanged},
		{"empty token", "user:alice", "add_note", noteArgs(), "", ErrTokenMalformed},
		{"garbage", "user:alice", "add_note", noteArgs(), "fdmc1_!!!", ErrTokenMalformed},
		{"truncated", "user:alice", "add_note", noteArgs(), tok[:len(tok)-4], ErrTokenMalformed},
		{"tampered signature", "user:alice", "add_note", noteArgs(), flipChar(tok, len(tok)-3), ErrTokenMalformed},
		{"tampered payload", "user:alice", "add_note", noteArgs(), flipChar(tok, len(tokenPrefix)+14), ErrTokenMalformed},
		{"wrong prefix", "user:alice", "add_note", noteArgs(), "xxxxx_" + tok[len(tokenPrefix):], ErrTokenMalformed},
		// Reordered keys, float/int forms, null args and the token arg itself do not matter.
		{"reordered keys", "user:alice", "add_note", reordered, tok, nil},
		{"replay", "user:alice", "add_note", noteArgs(), tok, ErrTokenReplayed},
		{"replay as struct", "user:alice", "add_note", asStruct, tok, ErrTokenReplayed},
	}
	for _, tt := range tests {
		err := c.Redeem(ctx, tt.caller, tt.tool, tt.args, tt.token)
		if tt.want == nil {
			if err != nil {
				t.Errorf("%s: Redeem = %v, want success", tt.name, err)
			}
			continue
		}
		if !errors.Is(err, tt.want) || !errors.Is(err, ErrTokenInvalid) {
			t.Errorf("%s: Redeem = %v, want %v (and ErrTokenInvalid)", tt.name, err, tt.want)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, "written") || !strings.Contains(msg, TokenArg) {
			t.Errorf("%s: error %q should say nothing was written and mention %s", tt.name, msg, TokenArg)
		}
		if tt.token != "" && strings.Contains(msg, tt.token) {
			t.Errorf("%s: error echoes the token", tt.name)
		}
	}
}

func withArg(m map[string]any, k string, v any) map[string]any {
	m[k] = v
	return m
}

// flipChar changes one base64 character of s at i.
func flipChar(s string, i int) string {
	b := []byte(s)
	if b[i] == 'A' {
		b[i] = 'B'
	} else {
		b[i] = 'A'
	}
	return string(b)
}

func TestTokenStructArgs(t *testing.T) {
	type in struct {
		TicketID int64  `json:"ticket_id"`
		Body     string `json:"body"`
	}
	c := newTestConfirmer(t, newClock(), nil)
	tok, _, err := c.Issue("u", "send_reply", in{7, "hi"})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Redeem(context.Background(), "u", "send_reply", map[string]any{"body": "hi", "ticket_id": 7, TokenArg: tok}, tok); err != nil {
		t.Errorf("struct-issued token redeemed with equal map: %v", err)
	}
}

func TestTokenExpiry(t *testing.T) {
	tests := []struct {
		name    string
		ttl     time.Duration
		advance time.Duration
		want    error
	}{
		{"just before default expiry", 0, DefaultTokenTTL - time.Second, nil},
		{"at default expiry", 0, DefaultTokenTTL, ErrTokenExpired},
		{"long after", 0, 3 * time.Hour, ErrTokenExpired},
		{"custom ttl valid", time.Minute, 59 * time.Second, nil},
		{"custom ttl expired", time.Minute, 61 * time.Second, ErrTokenExpired},
	}
	for _, tt := range tests {
		clk := newClock()
		c, err := NewConfirmer(ConfirmConfig{Secret: testSecret, Now: clk.Now, TTL: tt.ttl})
		if err != nil {
			t.Fatal(err)
		}
		tok, _, err := c.Issue("u", "add_note", noteArgs())
		if err != nil {
			t.Fatal(err)
		}
		clk.Advance(tt.advance)
		err = c.Redeem(context.Background(), "u", "add_note", noteArgs(), tok)
		if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
			t.Errorf("%s: Redeem = %v, want %v", tt.name, err, tt.want)
		}
		if tt.want != nil && !strings.Contains(err.Error(), "expired at") {
			t.Errorf("%s: error %q lacks the expiry time", tt.name, err)
		}
	}
}

func TestTokenReplicas(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	shared := NewMemoryStore(clk.Now)
	a := newTestConfirmer(t, clk, shared)
	b := newTestConfirmer(t, clk, shared)
	tok, _, err := a.Issue("token:bot", "send_reply", noteArgs())
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Redeem(ctx, "token:bot", "send_reply", noteArgs(), tok); err != nil {
		t.Fatalf("replica B rejects replica A's token: %v", err)
	}
	if err := a.Redeem(ctx, "token:bot", "send_reply", noteArgs(), tok); !errors.Is(err, ErrTokenReplayed) {
		t.Errorf("replay on replica A = %v, want ErrTokenReplayed", err)
	}

	other, err := NewConfirmer(ConfirmConfig{Secret: []byte(strings.Repeat("z", 32)), Now: clk.Now, Store: shared})
	if err != nil {
		t.Fatal(err)
	}
	tok2, _, _ := a.Issue("token:bot", "send_reply", noteArgs())
	if err := other.Redeem(ctx, "token:bot", "send_reply", noteArgs(), tok2); !errors.Is(err, ErrTokenMalformed) {
		t.Errorf("server with another secret: Redeem = %v, want ErrTokenMalformed", err)
	}
	// Random secrets (no config) are per process.
	r1, _ := NewConfirmer(ConfirmConfig{Now: clk.Now})
	r2, _ := NewConfirmer(ConfirmConfig{Now: clk.Now})
	tok3, _, _ := r1.Issue("u", "t", nil)
	if err := r2.Redeem(ctx, "u", "t", nil, tok3); !errors.Is(err, ErrTokenMalformed) {
		t.Errorf("random-secret servers share tokens: %v", err)
	}
	if err := r1.Redeem(ctx, "u", "t", map[string]any{}, tok3); err != nil {
		t.Errorf("nil args vs empty map: %v", err)
	}
}

func TestTokenConcurrentRedeemOnce(t *testing.T) {
	c := newTestConfirmer(t, newClock(), nil)
	tok, _, err := c.Issue("u", "send_reply", noteArgs())
	if err != nil {
		t.Fatal(err)
	}
	var ok, replayed atomic.Int32
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			switch err := c.Redeem(context.Background(), "u", "send_reply", noteArgs(), tok); {
			case err == nil:
				ok.Add(1)
			case errors.Is(err, ErrTokenReplayed):
				replayed.Add(1)
			default:
				t.Errorf("unexpected error %v", err)
			}
		}()
	}
	wg.Wait()
	if ok.Load() != 1 || replayed.Load() != 49 {
		t.Errorf("ok=%d replayed=%d, want 1 and 49", ok.Load(), replayed.Load())
	}
}

func TestTokenUsedRecordsAreEvicted(t *testing.T) {
	clk := newClock()
	store := NewMemoryStore(clk.Now)
	store.MaxEntries = 10
	c := newTestConfirmer(t, clk, store)
	ctx := context.Background()
	// 100 tokens over ~25 minutes each: expired records make room.
	for i := range 100 {
		tok, _, _ := c.Issue("u", "t", map[string]any{"i": i})
		if err := c.Redeem(ctx, "u", "t", map[string]any{"i": i}, tok); err != nil {
			t.Fatalf("token %d: %v", i, err)
		}
		clk.Advance(DefaultTokenTTL + replaySlack)
	}
	if n := store.Len(); n > 10 {
		t.Errorf("store holds %d records, want <= 10", n)
	}
	// A full store of live records refuses instead of forgetting.
	for i := range 10 {
		tok, _, _ := c.Issue("u", "t", map[string]any{"j": i})
		if err := c.Redeem(ctx, "u", "t", map[string]any{"j": i}, tok); err != nil {
			t.Fatalf("live token %d: %v", i, err)
		}
	}
	tok, _, _ := c.Issue("u", "t", nil)
	if err := c.Redeem(ctx, "u", "t", nil, tok); !errors.Is(err, ErrStoreFull) {
		t.Errorf("full store: Redeem = %v, want ErrStoreFull", err)
	}
}

func TestNewConfirmerSecret(t *testing.T) {
	tests := []struct {
		name    string
		secret  []byte
		wantErr bool
	}{
		{"random", nil, false},
		{"32 bytes", []byte(strings.Repeat("k", 32)), false},
		{"short", []byte("too-short-secret"), true},
	}
	for _, tt := range tests {
		_, err := NewConfirmer(ConfirmConfig{Secret: tt.secret})
		if (err != nil) != tt.wantErr {
			t.Errorf("%s: err = %v", tt.name, err)
		}
		if err != nil && strings.Contains(err.Error(), string(tt.secret)) {
			t.Errorf("%s: error echoes the secret", tt.name)
		}
	}
}

func TestCanonicalArgs(t *testing.T) {
	tests := []struct {
		name    string
		args    any
		want    string
		wantErr bool
	}{
		{"nil", nil, `{}`, false},
		{"sorted, token and nulls dropped", map[string]any{"b": 1, "a": nil, TokenArg: "t", "c": map[string]any{"y": nil, "x": 1}}, `{"b":1,"c":{"x":1,"y":null}}`, false},
		{"numbers", map[string]any{"i": 42.0, "f": 1.5, "e": json.Number("4.2e1"), "big": json.Number("9007199254740993")}, `{"big":9007199254740993,"e":42,"f":1.5,"i":42}`, false},
		{"unicode kept", map[string]any{"body": "안녕하세요 <b>"}, `{"body":"안녕하세요 \u003cb\u003e"}`, false},
		{"not an object", []int{1}, "", true},
		{"unmarshalable", map[string]any{"c": make(chan int)}, "", true},
	}
	for _, tt := range tests {
		got, err := CanonicalArgs(tt.args)
		if (err != nil) != tt.wantErr || string(got) != tt.want {
			t.Errorf("%s: CanonicalArgs = %s, %v; want %s", tt.name, got, err, tt.want)
		}
	}
}

func TestParseFallback(t *testing.T) {
	tests := []struct {
		in      string
		want    Fallback
		wantErr bool
	}{
		{"token", FallbackToken, false}, {" DENY ", FallbackDeny, false}, {"approver", FallbackApprover, false}, {"ask", FallbackApprover, true},
	}
	for _, tt := range tests {
		got, err := ParseFallback(tt.in)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("ParseFallback(%q) = %s, %v", tt.in, got, err)
		}
	}
	if FallbackDeny.String() != "deny" || FallbackToken.String() != "token" || Fallback(0).String() != "approver" {
		t.Error("Fallback.String")
	}
}

// FuzzRedeem: arbitrary tokens never panic and never redeem.
func FuzzRedeem(f *testing.F) {
	// A random secret per process: fuzz workers re-run this setup, so a
	// seed token from another process must not verify.
	c, _ := NewConfirmer(ConfirmConfig{})
	tok, _, _ := c.Issue("u", "t", nil)
	f.Add(tok)
	f.Add("fdmc1_" + base64.RawURLEncoding.EncodeToString(make([]byte, payloadLen+macLen)))
	f.Fuzz(func(t *testing.T, s string) {
		if s == tok {
			return
		}
		if err := c.Redeem(context.Background(), "u", "t", nil, s); err == nil {
			t.Fatalf("forged token %q redeemed", s)
		}
	})
}
