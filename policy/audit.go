package policy

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"sync"
	"time"
	"unicode/utf8"
)

// AuditDecision is why a write attempt went the way it did.
type AuditDecision string

// Audit decisions.
const (
	// DecisionConfirmed: the user confirmed (elicitation accepted or a valid token).
	DecisionConfirmed AuditDecision = "confirmed"
	// DecisionDeclined: the user declined or cancelled the elicitation.
	DecisionDeclined AuditDecision = "declined"
	// DecisionConfirmationRequired: a token and preview were returned; nothing written yet.
	DecisionConfirmationRequired AuditDecision = "confirmation_required"
	// DecisionCouldNotAsk: confirmation was needed but the client cannot
	// elicit (or eliciting failed) and --confirm-fallback deny refused it.
	DecisionCouldNotAsk AuditDecision = "could_not_ask"
	// DecisionTokenInvalid: a confirmation token was malformed, expired,
	// replayed or bound to other arguments, tool or caller.
	DecisionTokenInvalid AuditDecision = "token_invalid"
	// DecisionRefusedByMode: the mode does not allow this write.
	DecisionRefusedByMode AuditDecision = "refused_by_mode"
	// DecisionToolHidden: the tool is hidden by the toolset filter.
	DecisionToolHidden AuditDecision = "tool_hidden"
	// DecisionOverBudget: the caller's credit budget is exhausted.
	DecisionOverBudget AuditDecision = "over_budget"
	// DecisionDuplicate: the duplicate-write guard refused it.
	DecisionDuplicate AuditDecision = "duplicate"
	// DecisionUnattendedAllowed: unattended mode allowed it without confirmation.
	DecisionUnattendedAllowed AuditDecision = "unattended_allowed"
	// DecisionNotesAllowed: notes mode allowed a private note without confirmation.
	DecisionNotesAllowed AuditDecision = "notes_allowed"
)

// Outcome is what happened to a write.
type Outcome string

// Outcomes.
const (
	// OutcomeOK: Freshdesk applied the write.
	OutcomeOK Outcome = "ok"
	// OutcomeError: the write failed and was not applied.
	OutcomeError Outcome = "error"
	// OutcomeUnknown: the request may have reached Freshdesk; it may be applied.
	OutcomeUnknown Outcome = "outcome_unknown"
	// OutcomeNotAttempted: no request was sent.
	OutcomeNotAttempted Outcome = "not_attempted"
)

// AuditRecord is one write attempt. Body is never written to the log: only
// its length in runes and a SHA-256 prefix (to match a known text).
type AuditRecord struct {
	Time   time.Time // zero: the log's clock
	Caller string
	Tool   string
	// Mode is the effective mode as text (Filter.Mode().String()).
	Mode string
	// Helpdesk is the Freshdesk domain written to (useful with
	// caller-supplied credentials); optional.
	Helpdesk string
	TicketID int64
	Kind     WriteKind // 0 if not applicable
	Decision AuditDecision
	Outcome  Outcome
	// CreatedIDs are the ids the write created (note or reply id).
	CreatedIDs []int64
	// Fields lists the ticket fields an update changes (names only, no values).
	Fields []string
	// Body is hashed, never logged.
	Body string
	// Error is the error text, if any (secrets-looking tokens are redacted).
	Error string
}

type auditLine struct {
	Time       string   `json:"time"`
	Caller     string   `json:"caller"`
	Tool       string   `json:"tool"`
	Mode       string   `json:"mode,omitempty"`
	Helpdesk   string   `json:"helpdesk,omitempty"`
	TicketID   int64    `json:"ticket_id,omitempty"`
	Kind       string   `json:"kind,omitempty"`
	Decision   string   `json:"decision"`
	Outcome    string   `json:"outcome"`
	CreatedIDs []int64  `json:"created_ids,omitempty"`
	Fields     []string `json:"fields,omitempty"`
	BodyLen    *int     `json:"body_len,omitempty"`
	BodySHA256 string   `json:"body_sha256_prefix,omitempty"`
	Error      string   `json:"error,omitempty"`
}

// maxAuditError bounds the error text per line, in runes.
const maxAuditError = 2000

// secretLike matches our confirmation tokens and bearer-style credentials
// that might end up in an error text.
var secretLike = regexp.MustCompile(`(?i)fdmc1_[A-Za-z0-9_-]+|(bearer|basic)\s+[A-Za-z0-9._~+/=-]+`)

// AuditLog writes one JSON line per write attempt, appending and syncing
// each line. It is safe for concurrent use.
type AuditLog struct {
	// Now is the clock for records without Time; nil means time.Now.
	Now func() time.Time

	mu     sync.Mutex
	w      io.Writer
	closer io.Closer
	closed bool
}

// OpenAuditLog opens (creating with mode 0600) the file at path for
// appending. An existing file readable by group or others is chmod-ed to
// 0600; if that fails, OpenAuditLog fails.
func OpenAuditLog(path string) (*AuditLog, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open audit log: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("open audit log: %w", err)
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("open audit log %s: not a regular file", path)
	}
	if st.Mode().Perm()&0o077 != 0 {
		if err := f.Chmod(0o600); err != nil {
			f.Close()
			return nil, fmt.Errorf("audit log %s is readable by others (mode %#o) and could not be made private: %w", path, st.Mode().Perm(), err)
		}
	}
	return &AuditLog{w: f, closer: f}, nil
}

// NewAuditLog writes to w (tests, or a writer the caller manages). If w has
// a Sync() error method it is called after each line. Close does not close w.
func NewAuditLog(w io.Writer) *AuditLog { return &AuditLog{w: w} }

// ErrAuditClosed is returned by Write after Close.
var ErrAuditClosed = errors.New("audit log closed")

// Write appends r as one JSON line and syncs it to disk. It only reports
// failures; what to do when the audit log is failing (for example refuse
// further writes) is the caller's decision.
func (l *AuditLog) Write(r AuditRecord) error {
	line, err := json.Marshal(l.line(r))
	if err != nil {
		return fmt.Errorf("audit record: %w", err)
	}
	line = append(line, '\n')
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return ErrAuditClosed
	}
	// One Write call per line: with O_APPEND, lines from several processes
	// sharing the file do not interleave.
	if _, err := l.w.Write(line); err != nil {
		return fmt.Errorf("write audit log: %w", err)
	}
	if s, ok := l.w.(interface{ Sync() error }); ok {
		if err := s.Sync(); err != nil {
			return fmt.Errorf("sync audit log: %w", err)
		}
	}
	return nil
}

// Close closes the file opened by OpenAuditLog. Later writes fail.
func (l *AuditLog) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil
	}
	l.closed = true
	if l.closer != nil {
		return l.closer.Close()
	}
	return nil
}

func (l *AuditLog) line(r AuditRecord) auditLine {
	t := r.Time
	if t.IsZero() {
		if l.Now != nil {
			t = l.Now()
		} else {
			t = time.Now()
		}
	}
	a := auditLine{
		Time:       t.UTC().Format(time.RFC3339Nano),
		Caller:     r.Caller,
		Tool:       r.Tool,
		Mode:       r.Mode,
		Helpdesk:   r.Helpdesk,
		TicketID:   r.TicketID,
		Decision:   string(r.Decision),
		Outcome:    string(r.Outcome),
		CreatedIDs: r.CreatedIDs,
		Fields:     r.Fields,
	}
	if r.Kind != 0 {
		a.Kind = r.Kind.String()
	}
	if a.Outcome == "" {
		a.Outcome = string(OutcomeNotAttempted)
	}
	if r.Body != "" {
		n := utf8.RuneCountInString(r.Body)
		sum := sha256.Sum256([]byte(r.Body))
		a.BodyLen, a.BodySHA256 = &n, hex.EncodeToString(sum[:8])
	}
	if r.Error != "" {
		e := secretLike.ReplaceAllString(r.Error, "[redacted]")
		if utf8.RuneCountInString(e) > maxAuditError {
			e = string([]rune(e)[:maxAuditError]) + "…"
		}
		a.Error = e
	}
	return a
}
