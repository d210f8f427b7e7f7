package policy

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"strings"
	"sync"
	"time"
	"unicode"
)

// DefaultDuplicateWindow is how long an identical write is refused.
const DefaultDuplicateWindow = 10 * time.Minute

// ErrDuplicate is wrapped by *DuplicateError.
var ErrDuplicate = errors.New("duplicate write")

// DuplicateError says an identical write (same ticket, kind and normalised
// body) happened, or is happening, within the window.
type DuplicateError struct {
	TicketID int64
	Kind     WriteKind
	// At is when the earlier write was made (zero while it is in flight).
	At time.Time
	// InFlight: the earlier write has not finished yet.
	InFlight bool
	// Unknown: the earlier write's outcome is unknown; it may have been applied.
	Unknown bool
	Window  time.Duration
}

// Error is text for the model: what happened, that nothing was written and
// what to do next.
func (e *DuplicateError) Error() string {
	what := e.Kind.phrase()
	retry := "If writing it twice is really intended, repeat the call with allow_duplicate: true."
	switch {
	case e.InFlight:
		return fmt.Sprintf("refused as a duplicate: an identical %s to ticket %d is being written right now by another call, "+
			"so this one was not written. Check the ticket's conversation in a moment before doing anything else. %s",
			strings.TrimPrefix(strings.TrimPrefix(what, "a "), "an "), e.TicketID, retry)
	case e.Unknown:
		return fmt.Sprintf("refused as a duplicate: %s with the same text was attempted on ticket %d at %s and its outcome is unknown "+
			"(it may have been applied). This one was not written. Check the ticket's conversation first; if it is not there, %s",
			what, e.TicketID, e.At.UTC().Format(time.RFC3339), lowerFirst(retry))
	}
	return fmt.Sprintf("refused as a duplicate: %s with the same text was already written to ticket %d at %s "+
		"(identical writes to one ticket are refused for %s), so it was not written again. %s",
		what, e.TicketID, e.At.UTC().Format(time.RFC3339), e.Window, retry)
}

// Unwrap returns ErrDuplicate.
func (e *DuplicateError) Unwrap() error { return ErrDuplicate }

// GuardConfig configures a Guard.
type GuardConfig struct {
	// Window is how long a write is remembered; 0 means DefaultDuplicateWindow.
	Window time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Store holds the memory; nil means a new MemoryStore.
	Store Store
}

// Guard refuses the same reply or note twice within a window. Use Begin
// before the write and Pending.Done after it. It is safe for concurrent use
// and race-free: of two identical concurrent writes, one proceeds and the
// other gets a DuplicateError (in flight).
type Guard struct {
	window time.Duration
	now    func() time.Time
	store  Store
}

// NewGuard builds a Guard from cfg.
func NewGuard(cfg GuardConfig) *Guard {
	g := &Guard{window: cfg.Window, now: cfg.Now, store: cfg.Store}
	if g.window <= 0 {
		g.window = DefaultDuplicateWindow
	}
	if g.now == nil {
		g.now = time.Now
	}
	if g.store == nil {
		g.store = NewMemoryStore(g.now)
	}
	return g
}

// Pending is a write that passed Begin. Call Done exactly once with the
// write's outcome; later calls do nothing.
type Pending struct {
	g        *Guard
	key      string
	reserved bool
	once     sync.Once
}

// Write identifies a write for the duplicate guard.
type Write struct {
	// Helpdesk is the Freshdesk domain written to, so ticket 42 on two
	// helpdesks (caller-supplied credentials) never collide; it is
	// normalised with NormalizeDomain. May be empty with one helpdesk.
	Helpdesk string
	TicketID int64
	Kind     WriteKind
	// Body is compared after NormalizeBody; only its hash is stored.
	Body string
}

// Begin checks and reserves the write atomically. It returns a
// *DuplicateError (errors.Is ErrDuplicate) when an identical write is
// remembered or in flight, or a Store error (fail closed: do not write).
// With allowDuplicate it never refuses, and the write is still remembered
// on success so later identical writes are refused.
func (g *Guard) Begin(ctx context.Context, w Write, allowDuplicate bool) (*Pending, error) {
	p := &Pending{g: g, key: dedupeKey(w)}
	if allowDuplicate {
		return p, nil
	}
	now := g.now()
	// Value 0 marks "in flight"; the reservation expires on its own if the
	// process dies before Done.
	ok, err := g.store.SetNX(ctx, p.key, 0, now.Add(g.window))
	if err != nil {
		return nil, fmt.Errorf("duplicate-write check: %w", err)
	}
	if ok {
		p.reserved = true
		return p, nil
	}
	de := &DuplicateError{TicketID: w.TicketID, Kind: w.Kind, Window: g.window}
	v, _, found, err := g.store.Get(ctx, p.key)
	switch {
	case err != nil:
		return nil, fmt.Errorf("duplicate-write check: %w", err)
	case !found:
		// The other entry expired between SetNX and Get: report in flight,
		// the conservative reading; a retry will pass.
		de.InFlight = true
	case v == 0:
		de.InFlight = true
	case v < 0:
		de.Unknown, de.At = true, time.Unix(0, -v)
	default:
		de.At = time.Unix(0, v)
	}
	return nil, de
}

// Done records the outcome. OutcomeOK and OutcomeUnknown (the write may have
// been applied) remember the write for the window from now; OutcomeError
// and OutcomeNotAttempted (nothing was written) release the reservation.
func (p *Pending) Done(ctx context.Context, outcome Outcome) error {
	var err error
	p.once.Do(func() {
		now := p.g.now()
		switch outcome {
		case OutcomeOK, OutcomeUnknown:
			v := now.UnixNano()
			if outcome == OutcomeUnknown {
				v = -v
			}
			err = p.g.store.Set(ctx, p.key, v, now.Add(p.g.window))
		default:
			if p.reserved {
				err = p.g.store.Delete(ctx, p.key)
			}
		}
		if err != nil {
			err = fmt.Errorf("duplicate-write record: %w", err)
		}
	})
	return err
}

func dedupeKey(w Write) string {
	h := sha256.New()
	// NUL-separated fields: no two different writes share an input.
	fmt.Fprintf(h, "%s\x00%d\x00%s\x00%s", NormalizeDomain(w.Helpdesk), w.TicketID, w.Kind, NormalizeBody(w.Body))
	return "dup:" + hex.EncodeToString(h.Sum(nil))
}

// NormalizeBody is the body as the duplicate guard compares it: HTML tags
// replaced by spaces, entities decoded, case folded, whitespace runs
// collapsed and trimmed. "<p>Hello&nbsp;World</p>" equals "hello world".
func NormalizeBody(body string) string {
	var b strings.Builder
	inTag := false
	for i, r := range body {
		switch {
		case inTag:
			inTag = r != '>'
		case r == '<' && looksLikeTag(body[i+1:]):
			inTag = true
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	s := strings.ToLower(html.UnescapeString(b.String()))
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// looksLikeTag reports whether the text after a '<' starts a tag, so plain
// text such as "a < b" is kept.
func looksLikeTag(rest string) bool {
	if rest == "" {
		return false
	}
	c := rest[0]
	return c == '/' || c == '!' || (c|0x20 >= 'a' && c|0x20 <= 'z')
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
