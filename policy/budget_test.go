package policy

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestParseLimit(t *testing.T) {
	tests := []struct {
		in      string
		want    Limit
		wantErr string
	}{
		{"300/1h", Limit{300, time.Hour}, ""},
		{"50/10m", Limit{50, 10 * time.Minute}, ""},
		{"1000/24h", Limit{1000, 24 * time.Hour}, ""},
		{" 1000 / 1d ", Limit{1000, 24 * time.Hour}, ""},
		{"5/90s", Limit{5, 90 * time.Second}, ""},
		{"", Limit{}, ""},
		{"off", Limit{}, ""},
		{"Unlimited", Limit{}, ""},
		{"300", Limit{}, `missing "/"`},
		{"300/", Limit{}, "window must be"},
		{"abc/1h", Limit{}, "credits must be"},
		{"0/1h", Limit{}, "credits must be"},
		{"-5/1h", Limit{}, "credits must be"},
		{"300/1x", Limit{}, "window must be"},
		{"300/0d", Limit{}, "window must be"},
		{"300/0s", Limit{}, "at least 1s"},
		{"300/1h/2", Limit{}, "window must be"},
	}
	for _, tt := range tests {
		got, err := ParseLimit(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "300/1h, 50/10m or 1000/24h") {
				t.Errorf("ParseLimit(%q) err = %v, want %q and examples", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseLimit(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
}

func TestLimitString(t *testing.T) {
	tests := []struct {
		l    Limit
		want string
	}{
		{Limit{300, time.Hour}, "300/1h"},
		{Limit{50, 10 * time.Minute}, "50/10m"},
		{Limit{1000, 24 * time.Hour}, "1000/24h"},
		{Limit{5, 90 * time.Second}, "5/1m30s"},
		{Limit{}, "unlimited"},
	}
	for _, tt := range tests {
		if got := tt.l.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.l, got, tt.want)
		}
	}
}

func TestBudgetExhaustionAndReset(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	b, err := NewBudget(BudgetConfig{Limit: Limit{10, time.Hour}, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	const alice = "user:alice"
	clk.Advance(5 * time.Minute)
	windowStart := clk.Now()
	steps := []struct {
		advance  time.Duration
		check    int
		wantOK   bool
		charge   int
		wantLeft int
	}{
		{0, 3, true, 3, 7},
		{10 * time.Minute, 5, true, 5, 2},
		{0, 2, true, 0, 2},  // exactly at the limit is fine
		{0, 3, false, 0, 2}, // 8+3 > 10
		{0, 0, true, 0, 2},  // a cached call (estimate 0) passes
		{30 * time.Minute, 3, false, 0, 2},
		{20*time.Minute - time.Second, 3, false, 0, 2},
		{time.Second, 3, true, 3, 7}, // window (aligned to first use) ended
	}
	for i, s := range steps {
		clk.Advance(s.advance)
		err := b.Check(ctx, alice, s.check)
		if (err == nil) != s.wantOK {
			t.Fatalf("step %d: Check(%d) = %v, want ok=%v", i, s.check, err, s.wantOK)
		}
		if err != nil {
			var be *BudgetError
			if !errors.As(err, &be) || !errors.Is(err, ErrOverBudget) {
				t.Fatalf("step %d: error %T %v", i, err, err)
			}
			if be.Used != 8 || be.Limit != 10 || !be.Resets.Equal(windowStart.Add(time.Hour)) {
				t.Errorf("step %d: %+v, want used 8 limit 10 resets %v", i, be, windowStart.Add(time.Hour))
			}
			for _, w := range []string{"used 8 of 10", "needs about 3", "no request was sent", windowStart.Add(time.Hour).Format(time.RFC3339), "1h window"} {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("step %d: %q lacks %q", i, err, w)
				}
			}
		}
		if err := b.Charge(ctx, alice, s.charge); err != nil {
			t.Fatal(err)
		}
		left, err := b.Remaining(ctx, alice)
		if err != nil || left != s.wantLeft {
			t.Errorf("step %d: Remaining = %d, %v; want %d", i, left, err, s.wantLeft)
		}
	}
	// Other callers have their own budget.
	if err := b.Check(ctx, "token:bot", 10); err != nil {
		t.Errorf("other caller: %v", err)
	}
}

func TestBudgetEstimateAboveLimit(t *testing.T) {
	b, _ := NewBudget(BudgetConfig{Limit: Limit{5, 10 * time.Minute}, Now: newClock().Now})
	err := b.Check(context.Background(), "u", 6)
	if !errors.Is(err, ErrOverBudget) || !strings.Contains(err.Error(), "more than the whole budget of 5 per 10m") {
		t.Errorf("Check = %v", err)
	}
}

func TestBudgetUnlimitedCountsUsage(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	b, err := NewBudget(BudgetConfig{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Check(ctx, "u", 1_000_000); err != nil {
		t.Errorf("unlimited Check = %v", err)
	}
	_ = b.Charge(ctx, "u", 4)
	u, err := b.Status(ctx, "u")
	if err != nil || u.Used != 4 || u.Remaining != -1 || u.Limit != 0 || u.Window != "1h" {
		t.Errorf("Status = %+v, %v", u, err)
	}
	if _, err := NewBudget(BudgetConfig{Limit: Limit{Credits: 5}}); err == nil {
		t.Error("limit without window accepted")
	}
}

func TestBudgetUsageSnapshot(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	b, _ := NewBudget(BudgetConfig{Limit: Limit{100, time.Hour}, Now: clk.Now})
	_ = b.Charge(ctx, "user:zed", 5)
	clk.Advance(time.Minute)
	_ = b.Charge(ctx, "token:bot", 7)
	_ = b.Charge(ctx, "token:bot", 0) // ignored
	_ = b.Charge(ctx, "user:zed", -3) // ignored
	got, err := b.Usage(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []CallerUsage{
		{Caller: "token:bot", Used: 7, Limit: 100, Remaining: 93, Window: "1h", Resets: clk.Now().Add(time.Hour)},
		{Caller: "user:zed", Used: 5, Limit: 100, Remaining: 95, Window: "1h", Resets: clk.Now().Add(59 * time.Minute)},
	}
	if len(got) != len(want) {
		t.Fatalf("Usage = %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Usage[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}
	clk.Advance(time.Hour)
	if got, _ := b.Usage(ctx); len(got) != 0 {
		t.Errorf("after the windows: %+v", got)
	}
}

func TestBudgetConcurrentCharges(t *testing.T) {
	ctx := context.Background()
	b, _ := NewBudget(BudgetConfig{Limit: Limit{1000, time.Hour}, Now: newClock().Now})
	var wg sync.WaitGroup
	for range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = b.Check(ctx, "u", 1)
			if err := b.Charge(ctx, "u", 2); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if left, _ := b.Remaining(ctx, "u"); left != 800 {
		t.Errorf("Remaining = %d, want 800", left)
	}
}
