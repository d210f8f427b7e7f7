package policy

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestGuardSequences(t *testing.T) {
	type step struct {
		advance  time.Duration
		ticket   int64
		kind     WriteKind
		body     string
		allowDup bool
		outcome  Outcome // applied with Done if Begin succeeds
		want     string  // "ok", "dup", "inflight", "unknown"
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"same note twice", []step{
			{0, 42, PrivateNote, "Refund approved.", false, OutcomeOK, "ok"},
			{time.Minute, 42, PrivateNote, "Refund approved.", false, OutcomeOK, "dup"},
		}},
		{"normalised body", []step{
			{0, 42, Reply, "<p>Hello&nbsp;World</p>", false, OutcomeOK, "ok"},
			{0, 42, Reply, "  hello   world\n", false, OutcomeOK, "dup"},
		}},
		{"other ticket, kind or text", []step{
			{0, 42, PrivateNote, "x", false, OutcomeOK, "ok"},
			{0, 43, PrivateNote, "x", false, OutcomeOK, "ok"},
			{0, 42, PublicNote, "x", false, OutcomeOK, "ok"},
			{0, 42, Reply, "x", false, OutcomeOK, "ok"},
			{0, 42, PrivateNote, "y", false, OutcomeOK, "ok"},
		}},
		{"window passes", []step{
			{0, 1, Reply, "hi", false, OutcomeOK, "ok"},
			{DefaultDuplicateWindow - time.Second, 1, Reply, "hi", false, OutcomeOK, "dup"},
			{time.Second, 1, Reply, "hi", false, OutcomeOK, "ok"},
		}},
		{"window counts from the write", []step{
			{0, 1, Reply, "hi", false, OutcomeOK, "ok"},
			{9 * time.Minute, 1, Reply, "hi", true, OutcomeOK, "ok"},
			{9 * time.Minute, 1, Reply, "hi", false, OutcomeOK, "dup"},
		}},
		{"failed write is forgotten", []step{
			{0, 1, Reply, "hi", false, OutcomeError, "ok"},
			{0, 1, Reply, "hi", false, OutcomeNotAttempted, "ok"},
			{0, 1, Reply, "hi", false, OutcomeOK, "ok"},
		}},
		{"unknown outcome is remembered", []step{
			{0, 1, PrivateNote, "hi", false, OutcomeUnknown, "ok"},
			{time.Minute, 1, PrivateNote, "hi", false, OutcomeOK, "unknown"},
		}},
		{"allow_duplicate proceeds and is remembered", []step{
			{0, 1, Reply, "hi", false, OutcomeOK, "ok"},
			{0, 1, Reply, "hi", true, OutcomeOK, "ok"},
			{0, 1, Reply, "hi", false, OutcomeOK, "dup"},
		}},
		{"failed allow_duplicate keeps the earlier record", []step{
			{0, 1, Reply, "hi", false, OutcomeOK, "ok"},
			{0, 1, Reply, "hi", true, OutcomeError, "ok"},
			{0, 1, Reply, "hi", false, OutcomeOK, "dup"},
		}},
		{"in flight", []step{
			{0, 1, Reply, "hi", false, "", "ok"}, // no Done: still in flight
			{0, 1, Reply, "hi", false, OutcomeOK, "inflight"},
		}},
		{"abandoned reservation expires", []step{
			{0, 1, Reply, "hi", false, "", "ok"},
			{DefaultDuplicateWindow, 1, Reply, "hi", false, OutcomeOK, "ok"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			clk := newClock()
			g := NewGuard(GuardConfig{Now: clk.Now})
			for i, s := range tt.steps {
				clk.Advance(s.advance)
				p, err := g.Begin(ctx, Write{TicketID: s.ticket, Kind: s.kind, Body: s.body}, s.allowDup)
				got := "ok"
				var de *DuplicateError
				if errors.As(err, &de) {
					switch {
					case de.InFlight:
						got = "inflight"
					case de.Unknown:
						got = "unknown"
					default:
						got = "dup"
					}
				} else if err != nil {
					t.Fatalf("step %d: Begin: %v", i, err)
				}
				if got != s.want {
					t.Fatalf("step %d: got %s (%v), want %s", i, got, err, s.want)
				}
				if err != nil {
					if !errors.Is(err, ErrDuplicate) || de.TicketID != s.ticket || de.Kind != s.kind {
						t.Errorf("step %d: error %+v", i, de)
					}
					if !strings.Contains(err.Error(), "allow_duplicate") {
						t.Errorf("step %d: error %q does not name allow_duplicate", i, err)
					}
					if got == "dup" && de.At.IsZero() {
						t.Errorf("step %d: duplicate error without time", i)
					}
					if strings.Contains(err.Error(), s.body) && len(s.body) > 3 {
						t.Errorf("step %d: error echoes the body", i)
					}
					continue
				}
				if s.outcome != "" {
					if err := p.Done(ctx, s.outcome); err != nil {
						t.Fatalf("step %d: Done: %v", i, err)
					}
				}
			}
		})
	}
}

func TestGuardDoneOnce(t *testing.T) {
	ctx := context.Background()
	g := NewGuard(GuardConfig{Now: newClock().Now})
	p, err := g.Begin(ctx, Write{TicketID: 1, Kind: Reply, Body: "hi"}, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Done(ctx, OutcomeOK); err != nil {
		t.Fatal(err)
	}
	// A second Done with a failure must not forget the applied write.
	if err := p.Done(ctx, OutcomeError); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Begin(ctx, Write{TicketID: 1, Kind: Reply, Body: "hi"}, false); !errors.Is(err, ErrDuplicate) {
		t.Errorf("after Done(ok), Done(error): Begin = %v, want duplicate", err)
	}
}

// TestGuardConcurrentRace: 50 identical concurrent writes, exactly one
// proceeds; and the others stay refused after it completes.
func TestGuardConcurrentRace(t *testing.T) {
	ctx := context.Background()
	for _, outcome := range []Outcome{OutcomeOK, OutcomeUnknown} {
		g := NewGuard(GuardConfig{Now: newClock().Now})
		var won, dup atomic.Int32
		var wg sync.WaitGroup
		start := make(chan struct{})
		for range 50 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				p, err := g.Begin(ctx, Write{TicketID: 7, Kind: Reply, Body: "Your refund is on its way."}, false)
				switch {
				case err == nil:
					won.Add(1)
					if err := p.Done(ctx, outcome); err != nil {
						t.Error(err)
					}
				case errors.Is(err, ErrDuplicate):
					dup.Add(1)
				default:
					t.Error(err)
				}
			}()
		}
		close(start)
		wg.Wait()
		if won.Load() != 1 || dup.Load() != 49 {
			t.Errorf("%s: won=%d dup=%d, want 1 and 49", outcome, won.Load(), dup.Load())
		}
		if _, err := g.Begin(ctx, Write{TicketID: 7, Kind: Reply, Body: "your refund is on its way."}, false); !errors.Is(err, ErrDuplicate) {
			t.Errorf("%s: later identical write = %v, want duplicate", outcome, err)
		}
	}
}

func TestGuardSharedStore(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	s := NewMemoryStore(clk.Now)
	a := NewGuard(GuardConfig{Now: clk.Now, Store: s})
	b := NewGuard(GuardConfig{Now: clk.Now, Store: s})
	p, err := a.Begin(ctx, Write{Helpdesk: "acme", TicketID: 5, Kind: PrivateNote, Body: "note"}, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Done(ctx, OutcomeOK); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Begin(ctx, Write{Helpdesk: "https://acme.freshdesk.com", TicketID: 5, Kind: PrivateNote, Body: "note"}, false); !errors.Is(err, ErrDuplicate) {
		t.Errorf("replica B: %v, want duplicate", err)
	}
	// The same ticket number on another helpdesk is another ticket.
	if _, err := b.Begin(ctx, Write{Helpdesk: "globex", TicketID: 5, Kind: PrivateNote, Body: "note"}, false); err != nil {
		t.Errorf("other helpdesk: %v", err)
	}
}

func TestDuplicateErrorText(t *testing.T) {
	at := time.Date(2026, 11, 20, 12, 3, 4, 0, time.UTC)
	tests := []struct {
		e    DuplicateError
		want []string
	}{
		{DuplicateError{TicketID: 42, Kind: Reply, At: at, Window: 10 * time.Minute},
			[]string{"customer-visible reply", "ticket 42", "2026-11-20T12:03:04Z", "10m0s", "not written again", "allow_duplicate: true"}},
		{DuplicateError{TicketID: 42, Kind: PrivateNote, InFlight: true},
			[]string{"identical private note", "right now", "was not written"}},
		{DuplicateError{TicketID: 42, Kind: PrivateNote, Unknown: true, At: at},
			[]string{"outcome is unknown", "Check the ticket", "allow_duplicate"}},
	}
	for _, tt := range tests {
		msg := tt.e.Error()
		for _, w := range tt.want {
			if !strings.Contains(msg, w) {
				t.Errorf("%q lacks %q", msg, w)
			}
		}
	}
}

func TestNormalizeBody(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hello World", "hello world"},
		{"<p>Hello</p><p>World</p>", "hello world"},
		{"Hi<br/>there", "hi there"},
		{"a &amp; b &lt;c&gt;", "a & b <c>"},
		{"price < 5 and > 3", "price < 5 and > 3"},
		{"\t x \n\n y\u00a0z ", "x y z"},
		{"안녕하세요  <b>고객님</b>", "안녕하세요 고객님"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormalizeBody(tt.in); got != tt.want {
			t.Errorf("NormalizeBody(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if NormalizeBody("price < 5") == NormalizeBody("price < 7") {
		t.Error("plain-text '<' swallowed different text")
	}
}
