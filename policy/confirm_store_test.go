package policy

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestTokenBoundToStore: with a shared secret, a token is redeemable only
// through the store that issued it, because single use is recorded there
// (review 3 item 1: `call` runs, restarts and replicas replayed tokens).
func TestTokenBoundToStore(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	issuerStore := NewMemoryStore(clk.Now)
	issuer := newTestConfirmer(t, clk, issuerStore)
	tests := []struct {
		name    string
		redeem  func() *Confirmer
		wantErr error
	}{
		{"same confirmer", func() *Confirmer { return issuer }, nil},
		{"another confirmer on the same store (shared store)", func() *Confirmer { return newTestConfirmer(t, clk, issuerStore) }, nil},
		{"restart: same secret, new memory store", func() *Confirmer { return newTestConfirmer(t, clk, NewMemoryStore(clk.Now)) }, ErrTokenOtherProcess},
		{"replica: same secret, default store", func() *Confirmer { return newTestConfirmer(t, clk, nil) }, ErrTokenOtherProcess},
		{"zero-value store", func() *Confirmer { return newTestConfirmer(t, clk, &MemoryStore{Now: clk.Now}) }, ErrTokenOtherProcess},
	}
	for _, tt := range tests {
		tok, _, err := issuer.Issue("token:bot", "send_reply", noteArgs())
		if err != nil {
			t.Fatal(err)
		}
		other := tt.redeem()
		err = other.Redeem(ctx, "token:bot", "send_reply", noteArgs(), tok)
		if tt.wantErr == nil {
			if err != nil {
				t.Errorf("%s: Redeem = %v, want nil", tt.name, err)
			}
			continue
		}
		if !errors.Is(err, tt.wantErr) || !errors.Is(err, ErrTokenInvalid) {
			t.Fatalf("%s: Redeem = %v, want %v (and ErrTokenInvalid)", tt.name, err, tt.wantErr)
		}
		for _, want := range []string{"another server process", "Nothing was written", "without confirmation_token"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: error %q lacks %q", tt.name, err, want)
			}
		}
		// The foreign redeem must not have used up the token where it lives.
		if err := issuer.Redeem(ctx, "token:bot", "send_reply", noteArgs(), tok); err != nil {
			t.Errorf("%s: issuer's own redeem after a foreign attempt = %v, want nil", tt.name, err)
		}
		// Repeated foreign attempts stay refused (no replay through another process).
		if err := other.Redeem(ctx, "token:bot", "send_reply", noteArgs(), tok); !errors.Is(err, ErrTokenOtherProcess) {
			t.Errorf("%s: second foreign redeem = %v, want ErrTokenOtherProcess", tt.name, err)
		}
	}
}

func TestMemoryStoreID(t *testing.T) {
	a, b := NewMemoryStore(nil), &MemoryStore{}
	tests := []struct {
		name string
		x, y string
		same bool
	}{
		{"stable", a.ID(), a.ID(), true},
		{"stable zero value", b.ID(), b.ID(), true},
		{"distinct stores", a.ID(), b.ID(), false},
		{"distinct new stores", NewMemoryStore(nil).ID(), NewMemoryStore(nil).ID(), false},
	}
	for _, tt := range tests {
		if tt.x == "" || (tt.x == tt.y) != tt.same {
			t.Errorf("%s: ids %q and %q, want same=%v", tt.name, tt.x, tt.y, tt.same)
		}
	}
}
