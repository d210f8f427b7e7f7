package policy

import (
	"errors"
	"strings"
	"testing"
)

var (
	testToolsets = []string{"tickets", "customers", "knowledge", "lookups", "writes"}
	testCatalog  = []ToolInfo{
		{Name: "get_ticket", Toolset: "tickets"},
		{Name: "search_tickets", Toolset: "tickets"},
		{Name: "search_contacts", Toolset: "customers"},
		{Name: "search_solutions", Toolset: "knowledge"},
		{Name: "list_agents", Toolset: "lookups"},
		{Name: "add_note", Toolset: "writes", Write: true, Kinds: []WriteKind{PrivateNote, PublicNote}},
		{Name: "send_reply", Toolset: "writes", Write: true, Kinds: []WriteKind{Reply}},
		{Name: "update_ticket", Toolset: "writes", Write: true, Kinds: []WriteKind{TicketUpdate}},
	}
)

func testToolNames() []string {
	var out []string
	for _, t := range testCatalog {
		out = append(out, t.Name)
	}
	return out
}

func mustFilter(t *testing.T, cfg FilterConfig) Filter {
	t.Helper()
	cfg.KnownToolsets, cfg.KnownTools = testToolsets, testToolNames()
	f, err := NewFilter(cfg)
	if err != nil {
		t.Fatalf("NewFilter(%+v): %v", cfg, err)
	}
	return f
}

func exposedNames(f Filter) string {
	var out []string
	for _, t := range testCatalog {
		if f.Exposed(t) {
			out = append(out, t.Name)
		}
	}
	return strings.Join(out, ",")
}

const (
	allReads  = "get_ticket,search_tickets,search_contacts,search_solutions,list_agents"
	allWrites = "add_note,send_reply,update_ticket"
)

func TestFilterExposure(t *testing.T) {
	tests := []struct {
		name string
		cfg  FilterConfig
		want string
	}{
		{"default confirm exposes all", FilterConfig{Mode: ModeConfirm}, allReads + "," + allWrites},
		{"unattended exposes all", FilterConfig{Mode: ModeUnattended}, allReads + "," + allWrites},
		{"read-only hides writes", FilterConfig{Mode: ModeReadOnly}, allReads},
		{"read-only wins over --tools", FilterConfig{Mode: ModeReadOnly, Tools: []string{"send_reply", "add_note"}, Toolsets: []string{"writes"}}, ""},
		{"read-only wins over toolsets all", FilterConfig{Mode: ModeReadOnly, Toolsets: []string{"all"}}, allReads},
		{"notes shows add_note only", FilterConfig{Mode: ModeNotes}, allReads + ",add_note"},
		{"toolsets restrict", FilterConfig{Mode: ModeConfirm, Toolsets: []string{"tickets"}}, "get_ticket,search_tickets"},
		{"toolsets case and spaces", FilterConfig{Mode: ModeConfirm, Toolsets: []string{" Tickets ", "writes"}}, "get_ticket,search_tickets," + allWrites},
		{"tools add to toolsets", FilterConfig{Mode: ModeConfirm, Toolsets: []string{"tickets"}, Tools: []string{"list_agents"}}, "get_ticket,search_tickets,list_agents"},
		{"tools alone restrict", FilterConfig{Mode: ModeConfirm, Tools: []string{"get_ticket", "add_note"}}, "get_ticket,add_note"},
		{"exclude wins over tools", FilterConfig{Mode: ModeConfirm, Tools: []string{"get_ticket", "add_note"}, ExcludeTools: []string{"add_note"}}, "get_ticket"},
		{"exclude from all", FilterConfig{Mode: ModeUnattended, ExcludeTools: []string{"send_reply"}}, allReads + ",add_note,update_ticket"},
		{"all plus tools", FilterConfig{Mode: ModeConfirm, Toolsets: []string{"all"}, Tools: []string{"get_ticket"}}, allReads + "," + allWrites},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := mustFilter(t, tt.cfg)
			if got := exposedNames(f); got != tt.want {
				t.Errorf("exposed = %s\nwant      %s", got, tt.want)
			}
			// Hidden tools are refused with a reason.
			for _, ti := range testCatalog {
				err := f.Check(ti)
				if (err == nil) != f.Exposed(ti) {
					t.Errorf("Check/Exposed disagree for %s", ti.Name)
				}
				if err != nil && (!errors.Is(err, ErrToolHidden) || !strings.Contains(err.Error(), ti.Name)) {
					t.Errorf("Check(%s) = %v, want ErrToolHidden naming the tool", ti.Name, err)
				}
			}
		})
	}
}

func TestFilterWriteWithoutKinds(t *testing.T) {
	w := ToolInfo{Name: "add_note", Toolset: "writes", Write: true}
	tests := []struct {
		mode Mode
		want bool
	}{
		{ModeReadOnly, false}, {ModeNotes, true}, {ModeConfirm, true}, {ModeUnattended, true},
	}
	for _, tt := range tests {
		f := mustFilter(t, FilterConfig{Mode: tt.mode})
		if got := f.Exposed(w); got != tt.want {
			t.Errorf("%s: Exposed(write without kinds) = %v, want %v", tt.mode, got, tt.want)
		}
	}
}

func TestFilterHiddenReasons(t *testing.T) {
	tests := []struct {
		name string
		cfg  FilterConfig
		tool string
		want string
	}{
		{"read-only", FilterConfig{Mode: ModeReadOnly}, "send_reply", "read-only"},
		{"notes", FilterConfig{Mode: ModeNotes}, "send_reply", "notes mode"},
		{"excluded", FilterConfig{Mode: ModeConfirm, ExcludeTools: []string{"get_ticket"}}, "get_ticket", "--exclude-tools"},
		{"toolset", FilterConfig{Mode: ModeConfirm, Toolsets: []string{"tickets"}}, "list_agents", "enabled toolsets: tickets"},
	}
	for _, tt := range tests {
		f := mustFilter(t, tt.cfg)
		var ti ToolInfo
		for _, c := range testCatalog {
			if c.Name == tt.tool {
				ti = c
			}
		}
		err := f.Check(ti)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Check(%s) = %v, want it to mention %q", tt.name, tt.tool, err, tt.want)
		}
	}
}

func TestFilterUnknownNames(t *testing.T) {
	tests := []struct {
		name string
		cfg  FilterConfig
		want []string
	}{
		{"toolset", FilterConfig{Mode: ModeConfirm, Toolsets: []string{"tikets"}}, []string{`"tikets"`, "--toolsets", "tickets, writes", `did you mean "tickets"`, "all"}},
		{"tool", FilterConfig{Mode: ModeConfirm, Tools: []string{"send_replies"}}, []string{`"send_replies"`, "--tools", "get_ticket", `did you mean "send_reply"`}},
		{"exclude", FilterConfig{Mode: ModeConfirm, ExcludeTools: []string{"nope"}}, []string{`"nope"`, "--exclude-tools", "update_ticket"}},
	}
	for _, tt := range tests {
		tt.cfg.KnownToolsets, tt.cfg.KnownTools = testToolsets, testToolNames()
		_, err := NewFilter(tt.cfg)
		if !errors.Is(err, ErrUnknownName) {
			t.Errorf("%s: err = %v, want ErrUnknownName", tt.name, err)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q lacks %q", tt.name, err, w)
			}
		}
	}
	if _, err := NewFilter(FilterConfig{Mode: Mode(7)}); !errors.Is(err, ErrUnknownMode) {
		t.Errorf("invalid mode: err = %v", err)
	}
}

func TestZeroFilterFailsClosed(t *testing.T) {
	var f Filter
	for _, ti := range testCatalog {
		if f.Exposed(ti) {
			t.Errorf("zero Filter exposes %s", ti.Name)
		}
	}
	for _, k := range WriteKinds() {
		if d := f.Decide(k, false); d.Verdict != Refused {
			t.Errorf("zero Filter Decide(%s) = %s", k, d.Verdict)
		}
	}
	if g, err := f.Tighten("unattended", "all"); err != nil || g.Exposed(testCatalog[0]) {
		t.Errorf("zero Filter Tighten = %v, exposes %v", err, g.Exposed(testCatalog[0]))
	}
}

func TestTighten(t *testing.T) {
	tests := []struct {
		name      string
		cfg       FilterConfig
		mode, set string
		want      string
		decide    map[WriteKind]Verdict // with confirmReplies=false
		wantMode  Mode
	}{
		{"no headers", FilterConfig{Mode: ModeConfirm}, "", "", allReads + "," + allWrites,
			map[WriteKind]Verdict{PrivateNote: NeedsConfirmation}, ModeConfirm},
		{"header read-only", FilterConfig{Mode: ModeUnattended}, "read-only", "", allReads,
			map[WriteKind]Verdict{PrivateNote: Refused, Reply: Refused}, ModeReadOnly},
		{"header looser is clamped", FilterConfig{Mode: ModeConfirm}, "unattended", "", allReads + "," + allWrites,
			map[WriteKind]Verdict{PrivateNote: NeedsConfirmation, Reply: NeedsConfirmation, TicketUpdate: NeedsConfirmation}, ModeConfirm},
		{"header looser than read-only", FilterConfig{Mode: ModeReadOnly}, "unattended", "", allReads,
			map[WriteKind]Verdict{PrivateNote: Refused}, ModeReadOnly},
		{"notes server, confirm header", FilterConfig{Mode: ModeNotes}, "confirm", "", allReads + ",add_note",
			map[WriteKind]Verdict{PrivateNote: NeedsConfirmation, Reply: Refused, PublicNote: Refused}, ModeNotes},
		{"confirm server, notes header", FilterConfig{Mode: ModeConfirm}, "notes", "", allReads + ",add_note",
			map[WriteKind]Verdict{PrivateNote: NeedsConfirmation, Reply: Refused, TicketUpdate: Refused}, ModeNotes},
		{"unattended server, notes header", FilterConfig{Mode: ModeUnattended}, "notes", "", allReads + ",add_note",
			map[WriteKind]Verdict{PrivateNote: Allowed, Reply: Refused}, ModeNotes},
		{"toolsets intersect", FilterConfig{Mode: ModeConfirm, Toolsets: []string{"tickets", "writes"}}, "", "tickets,knowledge", "get_ticket,search_tickets", nil, ModeConfirm},
		{"toolsets header cannot add tools", FilterConfig{Mode: ModeConfirm, Toolsets: []string{"tickets"}}, "", "writes", "", nil, ModeConfirm},
		{"toolsets header limits --tools", FilterConfig{Mode: ModeConfirm, Tools: []string{"get_ticket", "list_agents"}}, "", "lookups", "list_agents", nil, ModeConfirm},
		{"toolsets header all", FilterConfig{Mode: ModeConfirm, Toolsets: []string{"tickets"}}, "", "all", "get_ticket,search_tickets", nil, ModeConfirm},
		{"both headers", FilterConfig{Mode: ModeUnattended}, "READ-ONLY", " writes , tickets ", "get_ticket,search_tickets", nil, ModeReadOnly},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := mustFilter(t, tt.cfg)
			g, err := f.Tighten(tt.mode, tt.set)
			if err != nil {
				t.Fatalf("Tighten: %v", err)
			}
			if got := exposedNames(g); got != tt.want {
				t.Errorf("exposed = %s\nwant      %s", got, tt.want)
			}
			for k, want := range tt.decide {
				if got := g.Decide(k, false).Verdict; got != want {
					t.Errorf("Decide(%s) = %s, want %s", k, got, want)
				}
			}
			if g.Mode() != tt.wantMode {
				t.Errorf("Mode() = %s, want %s", g.Mode(), tt.wantMode)
			}
			// The original is unchanged (Filter is a value).
			if exposedNames(f) != exposedNames(mustFilter(t, tt.cfg)) {
				t.Error("Tighten modified the original filter")
			}
		})
	}
}

func TestTightenErrors(t *testing.T) {
	f := mustFilter(t, FilterConfig{Mode: ModeConfirm})
	tests := []struct {
		name, mode, set string
		want            []string
	}{
		{"bad mode", "readonlyy", "", []string{HeaderMode, "read-only, notes, confirm, unattended"}},
		{"bad toolset", "", "tickets,writez", []string{HeaderToolsets, `"writez"`, `did you mean "writes"`}},
	}
	for _, tt := range tests {
		g, err := f.Tighten(tt.mode, tt.set)
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q lacks %q", tt.name, err, w)
			}
		}
		if exposedNames(g) != exposedNames(f) {
			t.Errorf("%s: filter returned with the error is not the original", tt.name)
		}
	}
}

// TestTightenNeverLoosens checks every combination of server mode, header
// mode and toolsets header (chained twice): nothing hidden becomes exposed,
// and no write verdict becomes more permissive.
func TestTightenNeverLoosens(t *testing.T) {
	headerModes := []string{"", "read-only", "notes", "confirm", "unattended"}
	headerSets := []string{"", "all", "tickets", "writes", "tickets,writes", "lookups,knowledge,customers"}
	baseCfgs := []FilterConfig{
		{},
		{Toolsets: []string{"tickets", "writes"}},
		{Tools: []string{"get_ticket", "send_reply"}},
		{ExcludeTools: []string{"add_note"}},
	}
	for _, m := range Modes() {
		for _, bc := range baseCfgs {
			bc.Mode = m
			base := mustFilter(t, bc)
			for _, hm1 := range headerModes {
				for _, hs1 := range headerSets {
					t1, err := base.Tighten(hm1, hs1)
					if err != nil {
						t.Fatal(err)
					}
					assertNotLooser(t, base, t1, bc, hm1, hs1)
					for _, hm2 := range headerModes {
						for _, hs2 := range headerSets {
							t2, err := t1.Tighten(hm2, hs2)
							if err != nil {
								t.Fatal(err)
							}
							assertNotLooser(t, t1, t2, bc, hm2, hs2)
						}
					}
				}
			}
		}
	}
}

func assertNotLooser(t *testing.T, before, after Filter, bc FilterConfig, hm, hs string) {
	t.Helper()
	for _, ti := range testCatalog {
		if after.Exposed(ti) && !before.Exposed(ti) {
			t.Errorf("%+v + headers (%q, %q): %s became exposed", bc, hm, hs, ti.Name)
		}
	}
	for _, k := range WriteKinds() {
		for _, cr := range []bool{true, false} {
			if a, b := after.Decide(k, cr).Verdict, before.Decide(k, cr).Verdict; a > b {
				t.Errorf("%+v + headers (%q, %q): %s loosened from %s to %s", bc, hm, hs, k, b, a)
			}
		}
	}
	if after.Mode() > before.Mode() {
		t.Errorf("%+v + headers (%q, %q): mode loosened %s -> %s", bc, hm, hs, before.Mode(), after.Mode())
	}
}

func TestFilterString(t *testing.T) {
	f := mustFilter(t, FilterConfig{Mode: ModeNotes, Toolsets: []string{"tickets", "writes"}, ExcludeTools: []string{"send_reply"}})
	g, _ := f.Tighten("confirm", "tickets")
	tests := []struct {
		f    Filter
		want string
	}{
		{f, "mode=notes toolsets=tickets, writes exclude=send_reply"},
		{g, "mode=notes+confirm toolsets=tickets exclude=send_reply"},
		{Filter{}, "uninitialised"},
	}
	for _, tt := range tests {
		if got := tt.f.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestSplitList(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"", ""},
		{"a", "a"},
		{" a , ,b,", "a|b"},
	}
	for _, tt := range tests {
		if got := strings.Join(SplitList(tt.in), "|"); got != tt.want {
			t.Errorf("SplitList(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
