// Package policy holds the safety rules of freshdesk-mcp: write modes, tool
// filters, confirmation tokens, the duplicate-write guard, credit budgets,
// the audit log and caller identities.
//
// It knows nothing about MCP wire types; the server adapts it. Every type
// that depends on time takes an injectable clock (a func() time.Time field);
// there is no package-level mutable state.
package policy

import (
	"errors"
	"fmt"
	"strings"
)

// Mode is the server-wide write mode (--mode). Modes are ordered by
// permissiveness: ModeReadOnly < ModeNotes < ModeConfirm < ModeUnattended.
// The zero value is ModeReadOnly so that an unset Mode fails closed.
type Mode int

const (
	// ModeReadOnly allows no writes; write tools are hidden and refused.
	ModeReadOnly Mode = iota
	// ModeNotes allows private notes only (agent-assist): no replies, no
	// public notes, no ticket field changes. Private notes need no confirmation.
	ModeNotes
	// ModeConfirm allows every write, each after confirmation. It is the default.
	ModeConfirm
	// ModeUnattended allows writes without confirmation, except customer-visible
	// replies, which still need it unless confirm-replies is off.
	ModeUnattended
)

// DefaultMode is the mode used when --mode is not given.
const DefaultMode = ModeConfirm

// Modes lists every mode from strictest to most permissive.
func Modes() []Mode { return []Mode{ModeReadOnly, ModeNotes, ModeConfirm, ModeUnattended} }

// ErrUnknownMode is wrapped by ParseMode errors.
var ErrUnknownMode = errors.New("unknown mode")

// ParseMode parses a mode name. It accepts "read-only" (also "readonly",
// "read_only"), "notes", "confirm" and "unattended", case-insensitively.
// The error lists the valid values.
func ParseMode(s string) (Mode, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "read-only", "readonly", "read_only":
		return ModeReadOnly, nil
	case "notes":
		return ModeNotes, nil
	case "confirm":
		return ModeConfirm, nil
	case "unattended":
		return ModeUnattended, nil
	}
	return ModeReadOnly, fmt.Errorf("%w %q: valid modes are read-only, notes, confirm, unattended", ErrUnknownMode, s)
}

// String returns the mode's flag spelling, e.g. "read-only".
func (m Mode) String() string {
	switch m {
	case ModeReadOnly:
		return "read-only"
	case ModeNotes:
		return "notes"
	case ModeConfirm:
		return "confirm"
	case ModeUnattended:
		return "unattended"
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// Valid reports whether m is one of the four modes.
func (m Mode) Valid() bool { return m >= ModeReadOnly && m <= ModeUnattended }

// MarshalText implements encoding.TextMarshaler.
func (m Mode) MarshalText() ([]byte, error) {
	if !m.Valid() {
		return nil, fmt.Errorf("%w %d", ErrUnknownMode, int(m))
	}
	return []byte(m.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler, so a Mode works with
// flag.TextVar.
func (m *Mode) UnmarshalText(b []byte) error {
	v, err := ParseMode(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Stricter returns the less permissive of m and o.
func (m Mode) Stricter(o Mode) Mode {
	if o < m {
		return o
	}
	return m
}

// WriteKind is the kind of change a write makes to the helpdesk.
type WriteKind int

const (
	// PrivateNote is a note only agents can see.
	PrivateNote WriteKind = iota + 1
	// PublicNote is a note the requester can see in the portal.
	PublicNote
	// Reply is an e-mail reply to the customer (customer-visible).
	Reply
	// TicketUpdate changes ticket fields (status, priority, group, agent, tags...).
	TicketUpdate
	// TicketCreate opens a ticket for a requester (customer-visible:
	// Freshdesk may e-mail the requester an acknowledgement).
	TicketCreate
	// ContactWrite creates or changes a contact (customer record).
	ContactWrite
	// TimeEntry logs time on a ticket (agents only).
	TimeEntry
)

// lastKind is the highest valid WriteKind.
const lastKind = TimeEntry

// WriteKinds lists every write kind.
func WriteKinds() []WriteKind {
	return []WriteKind{PrivateNote, PublicNote, Reply, TicketUpdate, TicketCreate, ContactWrite, TimeEntry}
}

// String returns "private_note", "public_note", "reply", "ticket_update",
// "ticket_create", "contact_write" or "time_entry".
func (k WriteKind) String() string {
	switch k {
	case PrivateNote:
		return "private_note"
	case PublicNote:
		return "public_note"
	case Reply:
		return "reply"
	case TicketUpdate:
		return "ticket_update"
	case TicketCreate:
		return "ticket_create"
	case ContactWrite:
		return "contact_write"
	case TimeEntry:
		return "time_entry"
	}
	return fmt.Sprintf("WriteKind(%d)", int(k))
}

// MarshalText implements encoding.TextMarshaler (used in audit lines).
func (k WriteKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// phrase is the kind in words, for messages a model reads.
func (k WriteKind) phrase() string {
	switch k {
	case PrivateNote:
		return "a private note"
	case PublicNote:
		return "a public note"
	case Reply:
		return "a customer-visible reply"
	case TicketUpdate:
		return "a ticket field change"
	case TicketCreate:
		return "a new ticket (the requester may be e-mailed)"
	case ContactWrite:
		return "a contact change"
	case TimeEntry:
		return "a time entry"
	}
	return "an unknown kind of write"
}

// CustomerVisible reports whether the customer can see the write.
func (k WriteKind) CustomerVisible() bool { return k == Reply || k == PublicNote || k == TicketCreate }

// Verdict is the outcome of Decide.
type Verdict int

const (
	// Refused: the write must not happen; Decision.Reason says why.
	Refused Verdict = iota
	// NeedsConfirmation: the write may happen after the user confirms it.
	NeedsConfirmation
	// Allowed: the write may happen without confirmation.
	Allowed
)

// String returns "refused", "needs_confirmation" or "allowed".
func (v Verdict) String() string {
	switch v {
	case Refused:
		return "refused"
	case NeedsConfirmation:
		return "needs_confirmation"
	case Allowed:
		return "allowed"
	}
	return fmt.Sprintf("Verdict(%d)", int(v))
}

// Decision is what the mode says about one write.
type Decision struct {
	Verdict Verdict
	Mode    Mode      // the mode that produced the verdict
	Kind    WriteKind // the write asked about
	// Reason is set when Verdict is Refused: text for the model naming the
	// active mode and what it allows.
	Reason string
}

// ErrRefusedByMode is wrapped by Decision.Err for refused writes.
var ErrRefusedByMode = errors.New("refused by mode")

// Err returns nil unless the write is refused; then an error wrapping
// ErrRefusedByMode whose text is Reason.
func (d Decision) Err() error {
	if d.Verdict != Refused {
		return nil
	}
	return &modeError{reason: d.Reason}
}

type modeError struct{ reason string }

func (e *modeError) Error() string { return e.reason }
func (e *modeError) Unwrap() error { return ErrRefusedByMode }

// AuditDecision is the audit decision for a Decision that settles the write
// on its own: refused_by_mode, unattended_allowed or notes_allowed. It is ""
// for NeedsConfirmation, whose audit decision depends on the confirmation.
func (d Decision) AuditDecision() AuditDecision {
	switch {
	case d.Verdict == Refused:
		return DecisionRefusedByMode
	case d.Verdict == Allowed && d.Mode == ModeNotes:
		return DecisionNotesAllowed
	case d.Verdict == Allowed:
		return DecisionUnattendedAllowed
	}
	return ""
}

// Decide says whether a write of kind k may happen in mode m. confirmReplies
// is --confirm-replies (default true); it only matters in ModeUnattended.
// Unknown modes and kinds are refused (fail closed).
//
//	              private note  public note  reply / ticket create  ticket update / contact / time entry
//	read-only     refused       refused      refused                refused
//	notes         allowed       refused      refused                refused
//	confirm       confirm       confirm      confirm                confirm
//	unattended    allowed       allowed      confirm(*)             allowed
//
// (*) allowed when confirmReplies is false. A new ticket is treated like a
// reply: Freshdesk may e-mail the requester about it.
func Decide(m Mode, k WriteKind, confirmReplies bool) Decision {
	d := Decision{Verdict: Refused, Mode: m, Kind: k}
	if k < PrivateNote || k > lastKind {
		d.Reason = fmt.Sprintf("refused: unknown kind of write (%d); nothing was written", int(k))
		return d
	}
	switch m {
	case ModeReadOnly:
		d.Reason = fmt.Sprintf("refused: the server is in read-only mode, so %s cannot be made; nothing may be written "+
			"(no notes, replies or ticket changes) and nothing was written. Tell the user; only the operator can change the mode.", k.phrase())
	case ModeNotes:
		if k == PrivateNote {
			d.Verdict = Allowed
			return d
		}
		d.Reason = fmt.Sprintf("refused: the server is in notes mode, which allows private notes only "+
			"(no replies, no public notes, no ticket field changes), so %s cannot be made and nothing was written. "+
			"You may add the content as a private note (add_note with private=true) for an agent to act on.", k.phrase())
	case ModeConfirm:
		d.Verdict = NeedsConfirmation
	case ModeUnattended:
		d.Verdict = Allowed
		if (k == Reply || k == TicketCreate) && confirmReplies {
			d.Verdict = NeedsConfirmation
		}
	default:
		d.Reason = fmt.Sprintf("refused: unknown mode %d; nothing was written", int(m))
	}
	return d
}
