package fdapi

import (
	"context"
	"errors"
	"testing"
	"time"
)

// waitDone fails the test if ch is not closed soon (guards against hangs).
func waitDone(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(5 * time.Second):
		t.Fatalf("%s: still blocked", what)
	}
}

type loadResult struct {
	val any
	err error
}

// TestCacheLeaderCancelDoesNotFailWaiters: the caller that started a shared
// load cancels; the load keeps running (detached, with the client timeout)
// and the waiters get its value.
func TestCacheLeaderCancelDoesNotFailWaiters(t *testing.T) {
	var cc cache
	joined := make(chan struct{}, 1)
	cc.onJoin = func(string) { joined <- struct{}{} }
	started, release := make(chan struct{}), make(chan struct{})
	loads := 0
	var sawDeadline bool
	fn := func(ctx context.Context) (any, error) {
		loads++
		_, sawDeadline = ctx.Deadline()
		close(started)
		select {
		case <-release:
			return "value", nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	lctx, cancelLeader := context.WithCancel(context.Background())
	leader := make(chan loadResult, 1)
	go func() {
		v, err := cc.load(lctx, "k", time.Now(), time.Minute, time.Minute, false, fn)
		leader <- loadResult{v, err}
	}()
	<-started
	waiter := make(chan loadResult, 1)
	go func() {
		v, err := cc.load(context.Background(), "k", time.Now(), time.Minute, time.Minute, false, fn)
		waiter <- loadResult{v, err}
	}()
	<-joined
	cancelLeader()
	if r := <-leader; !errors.Is(r.err, context.Canceled) {
		t.Fatalf("leader: %v, want context.Canceled", r.err)
	}
	close(release)
	r := <-waiter
	if r.err != nil || r.val != "value" {
		t.Fatalf("waiter got %v, %v; want the shared value", r.val, r.err)
	}
	if loads != 1 || !sawDeadline {
		t.Fatalf("loads = %d, deadline set = %v; want 1 load bounded by the client timeout", loads, sawDeadline)
	}
}

// TestCacheWaiterRetriesAfterOthersContextError: a waiter whose own context
// is fine does not inherit a context error from someone else's load.
func TestCacheWaiterRetriesAfterOthersContextError(t *testing.T) {
	tests := []struct {
		name      string
		firstErr  error
		wantVal   any
		wantErr   error
		wantLoads int
	}{
		{name: "deadline in another caller's load: retry", firstErr: context.DeadlineExceeded, wantVal: 2, wantLoads: 2},
		{name: "canceled in another caller's load: retry", firstErr: context.Canceled, wantVal: 2, wantLoads: 2},
		{name: "other errors are shared, not retried", firstErr: errBoom, wantErr: errBoom, wantLoads: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var cc cache
			joined := make(chan struct{}, 1)
			cc.onJoin = func(string) { joined <- struct{}{} }
			started, release := make(chan struct{}), make(chan struct{})
			loads := 0
			first := func(context.Context) (any, error) {
				loads++
				close(started)
				<-release
				return nil, tt.firstErr
			}
			second := func(context.Context) (any, error) { loads++; return 2, nil }
			leader := make(chan loadResult, 1)
			go func() {
				v, err := cc.load(context.Background(), "k", time.Now(), time.Minute, time.Minute, false, first)
				leader <- loadResult{v, err}
			}()
			<-started
			waiter := make(chan loadResult, 1)
			go func() {
				v, err := cc.load(context.Background(), "k", time.Now(), time.Minute, time.Minute, false, second)
				waiter <- loadResult{v, err}
			}()
			<-joined
			close(release)
			if r := <-leader; !errors.Is(r.err, tt.firstErr) {
				t.Errorf("leader err = %v, want its own %v", r.err, tt.firstErr)
			}
			r := <-waiter
			if !errors.Is(r.err, tt.wantErr) || r.val != tt.wantVal {
				t.Errorf("waiter = %v, %v; want %v, %v", r.val, r.err, tt.wantVal, tt.wantErr)
			}
			if loads != tt.wantLoads {
				t.Errorf("loads = %d, want %d", loads, tt.wantLoads)
			}
		})
	}
}

var errBoom = errors.New("boom")

// TestCachePanicCleansUp: a panicking load does not leave the key in flight:
// the leader sees the panic, waiters get an error, and the next load runs.
func TestCachePanicCleansUp(t *testing.T) {
	var cc cache
	joined := make(chan struct{}, 1)
	cc.onJoin = func(string) { joined <- struct{}{} }
	started, release := make(chan struct{}), make(chan struct{})
	leaderPanic := make(chan any, 1)
	go func() {
		defer func() { leaderPanic <- recover() }()
		_, _ = cc.load(context.Background(), "k", time.Now(), time.Minute, time.Minute, false, func(context.Context) (any, error) {
			close(started)
			<-release
			panic("bug in loader")
		})
	}()
	<-started
	waiter := make(chan loadResult, 1)
	go func() {
		v, err := cc.load(context.Background(), "k", time.Now(), time.Minute, time.Minute, false, nil)
		waiter <- loadResult{v, err}
	}()
	<-joined
	close(release)
	if p := <-leaderPanic; p == nil {
		t.Error("leader did not see the panic")
	}
	r := <-waiter
	if !errors.Is(r.err, errCacheLoadPanicked) {
		t.Errorf("waiter err = %v, want errCacheLoadPanicked", r.err)
	}
	next := make(chan struct{})
	go func() {
		defer close(next)
		v, err := cc.load(context.Background(), "k", time.Now(), time.Minute, time.Minute, false, func(context.Context) (any, error) { return 3, nil })
		if err != nil || v != 3 {
			t.Errorf("load after panic = %v, %v", v, err)
		}
	}()
	waitDone(t, next, "load after panic")
}
