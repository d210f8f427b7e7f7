package policy

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// TestBudgetReserveConcurrent: 50 parallel reservations released together
// near the limit: exactly the ones that fit pass, and the refused ones leave
// no trace in the counter.
func TestBudgetReserveConcurrent(t *testing.T) {
	const limit, parallel = 100, 50
	tests := []struct {
		name     string
		used     int
		est      int
		wantPass int
	}{
		{name: "used limit-1, est 1", used: limit - 1, est: 1, wantPass: 1},
		{name: "used limit-10, est 1", used: limit - 10, est: 1, wantPass: 10},
		{name: "used limit-20, est 3", used: limit - 20, est: 3, wantPass: 6},
		{name: "used limit, est 1", used: limit, est: 1, wantPass: 0},
		{name: "used 0, est 1", used: 0, est: 1, wantPass: parallel},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			b, err := NewBudget(BudgetConfig{Limit: Limit{limit, time.Hour}, Now: newClock().Now})
			if err != nil {
				t.Fatal(err)
			}
			if err := b.Charge(ctx, "u", tt.used); err != nil {
				t.Fatal(err)
			}
			start := make(chan struct{})
			var wg sync.WaitGroup
			type outcome struct {
				r   *Reservation
				err error
			}
			out := make(chan outcome, parallel)
			for range parallel {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start // barrier: all reserve at once
					r, err := b.Reserve(ctx, "u", tt.est)
					out <- outcome{r, err}
				}()
			}
			close(start)
			wg.Wait()
			close(out)
			var passed []*Reservation
			for o := range out {
				switch {
				case o.err == nil:
					passed = append(passed, o.r)
				case !errors.Is(o.err, ErrOverBudget):
					t.Fatalf("unexpected error: %v", o.err)
				}
			}
			if len(passed) != tt.wantPass {
				t.Fatalf("%d reservations passed, want %d", len(passed), tt.wantPass)
			}
			u, _ := b.Status(ctx, "u")
			if want := tt.used + tt.wantPass*tt.est; u.Used != want {
				t.Fatalf("used after reserve = %d, want %d (refusals must roll back)", u.Used, want)
			}
			// Each call actually used one credit.
			for _, r := range passed {
				if err := r.Settle(ctx, 1); err != nil {
					t.Fatal(err)
				}
			}
			u, _ = b.Status(ctx, "u")
			if want := tt.used + tt.wantPass; u.Used != want {
				t.Fatalf("used after settle = %d, want %d", u.Used, want)
			}
		})
	}
}

func TestBudgetReserveSettle(t *testing.T) {
	ctx := context.Background()
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	tests := []struct {
		name      string
		unlimited bool
		used      int
		est       int
		advance   time.Duration // between Reserve and Settle
		actual    int
		settleCtx context.Context
		wantErr   bool
		wantHeld  int // Used right after Reserve
		wantUsed  int // Used after Settle
	}{
		{name: "actual below estimate refunds", used: 2, est: 5, actual: 1, wantHeld: 7, wantUsed: 3},
		{name: "actual above estimate charges more", used: 2, est: 1, actual: 4, wantHeld: 3, wantUsed: 6},
		{name: "failed call releases the estimate", used: 2, est: 3, actual: 0, wantHeld: 5, wantUsed: 2},
		{name: "settles with a cancelled context", used: 2, est: 3, actual: 1, settleCtx: cancelled, wantHeld: 5, wantUsed: 3},
		{name: "cached call (estimate 0) passes at the limit", used: 10, est: 0, actual: 0, wantHeld: 10, wantUsed: 10},
		{name: "estimate 0 refused once over the limit", used: 11, est: 0, wantErr: true},
		{name: "estimate above the whole budget", used: 0, est: 11, wantErr: true},
		{name: "window ended before settle: actual goes to the new window", used: 2, est: 3, advance: time.Hour, actual: 2, wantHeld: 5, wantUsed: 2},
		{name: "unlimited reserves nothing, counts actual", unlimited: true, used: 50, est: 7, actual: 4, wantHeld: 50, wantUsed: 54},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := newClock()
			lim := Limit{10, time.Hour}
			if tt.unlimited {
				lim = Limit{}
			}
			b, err := NewBudget(BudgetConfig{Limit: lim, Now: clk.Now})
			if err != nil {
				t.Fatal(err)
			}
			if err := b.Charge(ctx, "u", tt.used); err != nil {
				t.Fatal(err)
			}
			r, err := b.Reserve(ctx, "u", tt.est)
			if tt.wantErr {
				var be *BudgetError
				if !errors.As(err, &be) || be.Estimated != tt.est || be.Used != tt.used {
					t.Fatalf("Reserve = %v, want *BudgetError used %d est %d", err, tt.used, tt.est)
				}
				if u, _ := b.Status(ctx, "u"); u.Used != tt.used {
					t.Fatalf("refused reserve changed used to %d", u.Used)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if u, _ := b.Status(ctx, "u"); u.Used != tt.wantHeld {
				t.Fatalf("used after Reserve = %d, want %d", u.Used, tt.wantHeld)
			}
			clk.Advance(tt.advance)
			sctx := tt.settleCtx
			if sctx == nil {
				sctx = ctx
			}
			if err := r.Settle(sctx, tt.actual); err != nil {
				t.Fatal(err)
			}
			if err := r.Settle(ctx, 100); err != nil { // only the first Settle counts
				t.Fatal(err)
			}
			if u, _ := b.Status(ctx, "u"); u.Used != tt.wantUsed {
				t.Fatalf("used after Settle = %d, want %d", u.Used, tt.wantUsed)
			}
			if r.Reserved() != 0 {
				t.Fatalf("Reserved after Settle = %d", r.Reserved())
			}
		})
	}
}
