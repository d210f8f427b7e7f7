package policy

import (
	"errors"
	"strings"
	"testing"
)

func TestDecideEveryModeAndKind(t *testing.T) {
	const (
		R = Refused
		C = NeedsConfirmation
		A = Allowed
	)
	// want[mode][kind-1] for confirmReplies true, then false.
	tests := []struct {
		mode        Mode
		withConfirm [7]Verdict // PrivateNote, PublicNote, Reply, TicketUpdate, TicketCreate, ContactWrite, TimeEntry
		noConfirm   [7]Verdict
	}{
		{ModeReadOnly, [7]Verdict{R, R, R, R, R, R, R}, [7]Verdict{R, R, R, R, R, R, R}},
		{ModeNotes, [7]Verdict{A, R, R, R, R, R, R}, [7]Verdict{A, R, R, R, R, R, R}},
		{ModeConfirm, [7]Verdict{C, C, C, C, C, C, C}, [7]Verdict{C, C, C, C, C, C, C}},
		{ModeUnattended, [7]Verdict{A, A, C, A, C, A, A}, [7]Verdict{A, A, A, A, A, A, A}},
	}
	for _, tt := range tests {
		for i, k := range WriteKinds() {
			for _, cr := range []bool{true, false} {
				want := tt.withConfirm[i]
				if !cr {
					want = tt.noConfirm[i]
				}
				d := Decide(tt.mode, k, cr)
				if d.Verdict != want {
					t.Errorf("Decide(%s, %s, confirmReplies=%v) = %s, want %s", tt.mode, k, cr, d.Verdict, want)
				}
				if d.Verdict == Refused {
					if !strings.Contains(d.Reason, tt.mode.String()+" mode") {
						t.Errorf("Decide(%s, %s) reason %q does not name the mode", tt.mode, k, d.Reason)
					}
					if !errors.Is(d.Err(), ErrRefusedByMode) || d.Err().Error() != d.Reason {
						t.Errorf("Decide(%s, %s).Err() = %v, want ErrRefusedByMode with the reason", tt.mode, k, d.Err())
					}
					if d.AuditDecision() != DecisionRefusedByMode {
						t.Errorf("AuditDecision = %q", d.AuditDecision())
					}
				} else if d.Err() != nil || d.Reason != "" {
					t.Errorf("Decide(%s, %s) not refused but Err=%v Reason=%q", tt.mode, k, d.Err(), d.Reason)
				}
			}
		}
	}
}

func TestDecideReasonsTellWhatIsAllowed(t *testing.T) {
	tests := []struct {
		mode Mode
		kind WriteKind
		want []string
	}{
		{ModeReadOnly, PrivateNote, []string{"read-only", "nothing was written", "private note"}},
		{ModeNotes, Reply, []string{"notes mode", "private notes only", "customer-visible reply", "add_note"}},
		{ModeNotes, TicketUpdate, []string{"private notes only", "ticket field change"}},
		{ModeNotes, PublicNote, []string{"public note"}},
	}
	for _, tt := range tests {
		r := Decide(tt.mode, tt.kind, true).Reason
		for _, w := range tt.want {
			if !strings.Contains(r, w) {
				t.Errorf("Decide(%s, %s) reason %q lacks %q", tt.mode, tt.kind, r, w)
			}
		}
	}
}

func TestDecideFailsClosed(t *testing.T) {
	tests := []struct {
		name string
		mode Mode
		kind WriteKind
	}{
		{"unknown mode", Mode(42), PrivateNote},
		{"negative mode", Mode(-1), Reply},
		{"zero kind", ModeUnattended, WriteKind(0)},
		{"unknown kind", ModeUnattended, WriteKind(99)},
	}
	for _, tt := range tests {
		if d := Decide(tt.mode, tt.kind, false); d.Verdict != Refused || d.Reason == "" {
			t.Errorf("%s: Decide = %+v, want Refused with a reason", tt.name, d)
		}
	}
	var zero Mode
	if zero != ModeReadOnly {
		t.Errorf("zero Mode = %s, want read-only", zero)
	}
}

func TestAuditDecisionForAllowed(t *testing.T) {
	tests := []struct {
		d    Decision
		want AuditDecision
	}{
		{Decide(ModeNotes, PrivateNote, true), DecisionNotesAllowed},
		{Decide(ModeUnattended, TicketUpdate, true), DecisionUnattendedAllowed},
		{Decide(ModeConfirm, TicketUpdate, true), ""},
	}
	for _, tt := range tests {
		if got := tt.d.AuditDecision(); got != tt.want {
			t.Errorf("%+v: AuditDecision = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestParseMode(t *testing.T) {
	tests := []struct {
		in      string
		want    Mode
		wantErr bool
	}{
		{"read-only", ModeReadOnly, false},
		{"READONLY", ModeReadOnly, false},
		{" read_only ", ModeReadOnly, false},
		{"notes", ModeNotes, false},
		{"confirm", ModeConfirm, false},
		{"Unattended", ModeUnattended, false},
		{"", 0, true},
		{"yolo", 0, true},
		{"write", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseMode(tt.in)
		if tt.wantErr {
			if err == nil || !errors.Is(err, ErrUnknownMode) {
				t.Errorf("ParseMode(%q) err = %v, want ErrUnknownMode", tt.in, err)
				continue
			}
			for _, m := range Modes() {
				if !strings.Contains(err.Error(), m.String()) {
					t.Errorf("ParseMode(%q) error %q does not list %s", tt.in, err, m)
				}
			}
			if got != ModeReadOnly {
				t.Errorf("ParseMode(%q) on error = %s, want read-only (fail closed)", tt.in, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseMode(%q) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

func TestModeTextRoundTrip(t *testing.T) {
	for _, m := range Modes() {
		b, err := m.MarshalText()
		if err != nil {
			t.Fatalf("MarshalText(%s): %v", m, err)
		}
		var got Mode
		if err := got.UnmarshalText(b); err != nil || got != m {
			t.Errorf("round trip %s = %s, %v", m, got, err)
		}
	}
	if _, err := Mode(9).MarshalText(); err == nil {
		t.Error("MarshalText(Mode(9)) succeeded")
	}
	var m Mode = ModeConfirm
	if err := m.UnmarshalText([]byte("bogus")); err == nil || m != ModeConfirm {
		t.Errorf("UnmarshalText(bogus) = %v, mode %s; want error and unchanged", err, m)
	}
}

func TestModeOrderAndStricter(t *testing.T) {
	ms := Modes()
	for i := 1; i < len(ms); i++ {
		if !(ms[i-1] < ms[i]) {
			t.Errorf("Modes() not ordered by permissiveness at %d", i)
		}
	}
	if got := ModeUnattended.Stricter(ModeConfirm); got != ModeConfirm {
		t.Errorf("unattended.Stricter(confirm) = %s", got)
	}
	if got := ModeNotes.Stricter(ModeUnattended); got != ModeNotes {
		t.Errorf("notes.Stricter(unattended) = %s", got)
	}
	if DefaultMode != ModeConfirm {
		t.Errorf("DefaultMode = %s", DefaultMode)
	}
}

func TestWriteKindStrings(t *testing.T) {
	tests := []struct {
		k       WriteKind
		s       string
		visible bool
	}{
		{PrivateNote, "private_note", false},
		{PublicNote, "public_note", true},
		{Reply, "reply", true},
		{TicketUpdate, "ticket_update", false},
		{TicketCreate, "ticket_create", true},
		{ContactWrite, "contact_write", false},
		{TimeEntry, "time_entry", false},
	}
	for _, tt := range tests {
		if tt.k.String() != tt.s || tt.k.CustomerVisible() != tt.visible {
			t.Errorf("%d: String %q CustomerVisible %v", int(tt.k), tt.k.String(), tt.k.CustomerVisible())
		}
	}
}
