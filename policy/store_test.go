package policy

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestMemoryStore(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	s := NewMemoryStore(clk.Now)
	exp := clk.Now().Add(time.Minute)

	if ok, err := s.SetNX(ctx, "a", 1, exp); !ok || err != nil {
		t.Fatalf("SetNX new = %v, %v", ok, err)
	}
	if ok, _ := s.SetNX(ctx, "a", 2, exp); ok {
		t.Error("SetNX on existing key succeeded")
	}
	if v, e, ok, _ := s.Get(ctx, "a"); !ok || v != 1 || !e.Equal(exp) {
		t.Errorf("Get = %d %v %v", v, e, ok)
	}
	if err := s.Set(ctx, "a", 5, exp.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if v, _, _, _ := s.Get(ctx, "a"); v != 5 {
		t.Errorf("after Set: %d", v)
	}
	if v, e, err := s.Incr(ctx, "n", 3, exp); v != 3 || !e.Equal(exp) || err != nil {
		t.Errorf("Incr new = %d %v %v", v, e, err)
	}
	if v, e, _ := s.Incr(ctx, "n", 4, exp.Add(time.Hour)); v != 7 || !e.Equal(exp) {
		t.Errorf("Incr keeps expiry: %d %v", v, e)
	}
	if m, _ := s.Scan(ctx, "n"); len(m) != 1 || m["n"].Value != 7 {
		t.Errorf("Scan = %v", m)
	}
	if err := s.Delete(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	if _, _, ok, _ := s.Get(ctx, "a"); ok {
		t.Error("Get after Delete found the key")
	}
	clk.Advance(time.Minute)
	if _, _, ok, _ := s.Get(ctx, "n"); ok {
		t.Error("expired key still visible")
	}
	if v, _, _ := s.Incr(ctx, "n", 1, clk.Now().Add(time.Minute)); v != 1 {
		t.Errorf("Incr after expiry = %d, want a fresh counter", v)
	}
	if ok, _ := s.SetNX(ctx, "past", 1, clk.Now()); !ok {
		t.Error("SetNX with past expiry")
	}
	if _, _, ok, _ := s.Get(ctx, "past"); ok {
		t.Error("already-expired key stored")
	}

	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.SetNX(cctx, "x", 1, exp); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled ctx: %v", err)
	}
}

func TestMemoryStoreBounded(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	s := &MemoryStore{Now: clk.Now, MaxEntries: 3000}
	// Many short-lived keys: the sweep keeps the map near the live set.
	for i := range 20000 {
		if _, err := s.SetNX(ctx, string(rune('a'+i%26))+time.Duration(i).String(), 0, clk.Now().Add(time.Second)); err != nil {
			t.Fatalf("key %d: %v", i, err)
		}
		clk.Advance(10 * time.Millisecond)
	}
	if n := s.Len(); n > 2100 {
		t.Errorf("Len = %d after churn, want swept", n)
	}
	// Live keys beyond the bound are refused, not evicted.
	s2 := &MemoryStore{Now: clk.Now, MaxEntries: 2}
	s2.Set(ctx, "a", 0, clk.Now().Add(time.Hour))
	s2.Set(ctx, "b", 0, clk.Now().Add(time.Hour))
	if _, err := s2.SetNX(ctx, "c", 0, clk.Now().Add(time.Hour)); !errors.Is(err, ErrStoreFull) {
		t.Errorf("over bound: %v", err)
	}
	if err := s2.Set(ctx, "a", 1, clk.Now().Add(time.Hour)); err != nil {
		t.Errorf("overwriting an existing key when full: %v", err)
	}
}
