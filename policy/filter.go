package policy

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Header names a per-request HTTP caller may use to tighten the filter.
const (
	HeaderMode     = "X-Freshdesk-MCP-Mode"
	HeaderToolsets = "X-Freshdesk-MCP-Toolsets"
)

// AllToolsets is the toolset name that stands for every toolset.
const AllToolsets = "all"

// DefaultToolsets is the toolset name that stands for every toolset not
// listed as opt-in (FilterConfig.OptIn): what an empty --toolsets serves.
const DefaultToolsets = "default"

var (
	// ErrUnknownName is wrapped when a toolset or tool name is not known.
	ErrUnknownName = errors.New("unknown name")
	// ErrToolHidden is wrapped by Filter.Check when a tool is not exposed.
	ErrToolHidden = errors.New("tool not available")
)

// FilterConfig is the server-wide tool exposure configuration.
type FilterConfig struct {
	Mode Mode
	// Toolsets enables whole toolsets (--toolsets). Empty means "default"
	// (every toolset but the OptIn ones), unless Tools is set. "all" enables
	// every toolset, opt-in ones included.
	Toolsets []string
	// OptIn lists toolsets served only when named or with "all" (they would
	// grow the default catalogue a model reads on every session).
	OptIn []string
	// Tools enables single tools (--tools), in addition to Toolsets. When
	// Toolsets is empty and Tools is not, only these tools are enabled.
	Tools []string
	// ExcludeTools hides tools (--exclude-tools); it wins over Toolsets and Tools.
	ExcludeTools []string
	// KnownToolsets and KnownTools are the valid names; unknown names in the
	// lists above are errors that list these.
	KnownToolsets []string
	KnownTools    []string
}

// ToolInfo describes one tool to the filter.
type ToolInfo struct {
	Name    string
	Toolset string
	// Write is true when the tool can change the helpdesk.
	Write bool
	// Kinds optionally lists the writes the tool can make (add_note:
	// PrivateNote, PublicNote; send_reply: Reply; update_ticket: TicketUpdate).
	// With it, a tool every kind of which the mode refuses is hidden
	// (send_reply in notes mode); without it only read-only hides writes.
	Kinds []WriteKind
}

// Filter decides which tools are exposed and what the mode allows. It is an
// immutable value, safe for concurrent use. The zero Filter exposes nothing
// and refuses every write (fail closed); build one with NewFilter.
//
// A Filter holds the server mode plus any modes added by Tighten. Every
// question is answered by all of them and the strictest answer wins, so
// tightening can never loosen anything: a looser header mode is a no-op
// (clamped), and notes tightened by confirm means "private notes only, each
// after confirmation".
type Filter struct {
	ok          bool
	modes       uint8 // bit per Mode in effect
	allToolsets bool
	toolsets    map[string]bool
	tools       map[string]bool
	exclude     map[string]bool
	ceiling     map[string]bool // toolsets allowed by headers; nil: no ceiling
	optIn       []string        // toolsets the default leaves out
	only        map[string]bool // tools allowed for this request (OnlyTools); nil: no limit
	knownSets   []string
	knownTools  []string
}

// NewFilter validates cfg and builds a Filter.
func NewFilter(cfg FilterConfig) (Filter, error) {
	if !cfg.Mode.Valid() {
		return Filter{}, fmt.Errorf("%w %d: valid modes are read-only, notes, confirm, unattended", ErrUnknownMode, int(cfg.Mode))
	}
	f := Filter{
		ok:         true,
		modes:      1 << uint(cfg.Mode),
		knownSets:  sortedLower(cfg.KnownToolsets),
		knownTools: sortedLower(cfg.KnownTools),
	}
	for _, n := range cfg.OptIn {
		if n = strings.ToLower(strings.TrimSpace(n)); n != "" && !slices.Contains(f.knownSets, n) {
			return Filter{}, unknownNameError("toolset", n, "opt-in toolsets", f.knownSets)
		}
	}
	f.optIn = sortedLower(cfg.OptIn)
	sets, all, err := f.toolsetSet(cfg.Toolsets, "--toolsets")
	if err != nil {
		return Filter{}, err
	}
	if f.tools, err = f.toolSet(cfg.Tools, "--tools"); err != nil {
		return Filter{}, err
	}
	if f.exclude, err = f.toolSet(cfg.ExcludeTools, "--exclude-tools"); err != nil {
		return Filter{}, err
	}
	f.toolsets = sets
	f.allToolsets = all || (len(sets) == 0 && len(f.tools) == 0 && len(f.optIn) == 0)
	if !all && len(sets) == 0 && len(f.tools) == 0 {
		f.addDefaults(sets)
	}
	return f, nil
}

// addDefaults adds every known toolset but the opt-in ones to sets.
func (f Filter) addDefaults(sets map[string]bool) {
	for _, k := range f.knownSets {
		if !slices.Contains(f.optIn, k) {
			sets[k] = true
		}
	}
}

// Tighten returns a copy of f restricted by the per-request headers
// X-Freshdesk-MCP-Mode and X-Freshdesk-MCP-Toolsets. Empty headers change
// nothing. It can only make the filter stricter:
//
//   - mode: the header mode is added to the modes in effect and the strictest
//     answer wins, so a header asking for a looser mode than the server's is
//     clamped (ignored), never honoured and not an error.
//   - toolsets: intersected with what is already enabled ("all" is a no-op).
//
// Unknown header values are errors (the server should answer 400): a typo in
// a header meant to restrict must not silently run the request unrestricted.
func (f Filter) Tighten(modeHeader, toolsetsHeader string) (Filter, error) {
	if !f.ok {
		return f, nil
	}
	out := f
	if strings.TrimSpace(modeHeader) != "" {
		m, err := ParseMode(modeHeader)
		if err != nil {
			return f, fmt.Errorf("header %s: %w", HeaderMode, err)
		}
		out.modes |= 1 << uint(m)
	}
	if strings.TrimSpace(toolsetsHeader) != "" {
		sets, all, err := f.toolsetSet(SplitList(toolsetsHeader), "header "+HeaderToolsets)
		if err != nil {
			return f, err
		}
		if !all {
			c := make(map[string]bool, len(sets))
			for s := range sets {
				if f.ceiling == nil || f.ceiling[s] {
					c[s] = true
				}
			}
			out.ceiling = c
		}
	}
	return out, nil
}

// OnlyTools returns f limited to the named tools (intersected with any
// earlier limit): it can only hide more, never expose a tool f hides.
func (f Filter) OnlyTools(names ...string) Filter {
	out := f
	only := map[string]bool{}
	for _, n := range names {
		n = strings.ToLower(n)
		if f.only == nil || f.only[n] {
			only[n] = true
		}
	}
	out.only = only
	return out
}

// Mode returns the strictest mode in effect (for display and _meta).
func (f Filter) Mode() Mode {
	for _, m := range Modes() {
		if f.modes&(1<<uint(m)) != 0 {
			return m
		}
	}
	return ModeReadOnly
}

// Decide is the package-level Decide answered by every mode in effect; the
// strictest verdict wins. The zero Filter refuses.
func (f Filter) Decide(k WriteKind, confirmReplies bool) Decision {
	if !f.ok {
		return Decision{Verdict: Refused, Kind: k, Reason: "refused: the write policy is not initialised; nothing was written"}
	}
	var best Decision
	first := true
	for _, m := range Modes() {
		if f.modes&(1<<uint(m)) == 0 {
			continue
		}
		d := Decide(m, k, confirmReplies)
		if first || d.Verdict < best.Verdict {
			best, first = d, false
		}
	}
	return best
}

// Exposed reports whether the tool is listed and callable.
func (f Filter) Exposed(t ToolInfo) bool { return f.Check(t) == nil }

// Check returns nil if the tool is exposed, otherwise an error wrapping
// ErrToolHidden that says why, for the model (hidden tools are also refused
// when called).
func (f Filter) Check(t ToolInfo) error {
	name, set := strings.ToLower(t.Name), strings.ToLower(t.Toolset)
	if !f.ok {
		return fmt.Errorf("%w: tool %q: the tool policy is not initialised", ErrToolHidden, t.Name)
	}
	if f.exclude[name] {
		return fmt.Errorf("%w: tool %q is disabled on this server (--exclude-tools)", ErrToolHidden, t.Name)
	}
	if !f.allToolsets && !f.toolsets[set] && !f.tools[name] {
		return fmt.Errorf("%w: tool %q (toolset %q) is not enabled on this server; enabled toolsets: %s",
			ErrToolHidden, t.Name, t.Toolset, f.enabledSets())
	}
	if f.only != nil && !f.only[name] {
		return fmt.Errorf("%w: tool %q is not available to a customer-scoped caller", ErrToolHidden, t.Name)
	}
	if f.ceiling != nil && !f.ceiling[set] {
		return fmt.Errorf("%w: tool %q (toolset %q) is not enabled for this request (%s)",
			ErrToolHidden, t.Name, t.Toolset, HeaderToolsets)
	}
	if !t.Write && len(t.Kinds) == 0 {
		return nil
	}
	kinds := t.Kinds
	if len(kinds) == 0 {
		// Kind unknown: hide only when nothing at all may be written.
		if f.modes&(1<<uint(ModeReadOnly)) != 0 {
			return fmt.Errorf("%w: tool %q writes to the helpdesk and the active mode is read-only, which allows no writes",
				ErrToolHidden, t.Name)
		}
		return nil
	}
	var last Decision
	for _, k := range kinds {
		last = f.Decide(k, true)
		if last.Verdict != Refused {
			return nil
		}
	}
	return fmt.Errorf("%w: tool %q: %s", ErrToolHidden, t.Name, last.Reason)
}

// String describes the filter for logs, e.g. "mode=confirm toolsets=all".
func (f Filter) String() string {
	if !f.ok {
		return "uninitialised"
	}
	var ms []string
	for _, m := range Modes() {
		if f.modes&(1<<uint(m)) != 0 {
			ms = append(ms, m.String())
		}
	}
	s := "mode=" + strings.Join(ms, "+") + " toolsets=" + f.enabledSets()
	if len(f.tools) > 0 {
		s += " tools=" + strings.Join(sortedKeys(f.tools), ",")
	}
	if len(f.exclude) > 0 {
		s += " exclude=" + strings.Join(sortedKeys(f.exclude), ",")
	}
	return s
}

func (f Filter) enabledSets() string {
	var sets []string
	switch {
	case f.allToolsets:
		sets = f.knownSets
	default:
		sets = sortedKeys(f.toolsets)
	}
	if f.ceiling != nil {
		sets = slices.DeleteFunc(slices.Clone(sets), func(s string) bool { return !f.ceiling[s] })
	}
	if len(sets) == 0 {
		return "(none)"
	}
	return strings.Join(sets, ", ")
}

func (f Filter) toolsetSet(names []string, source string) (map[string]bool, bool, error) {
	set := map[string]bool{}
	all := false
	for _, n := range names {
		n = strings.ToLower(strings.TrimSpace(n))
		if n == "" {
			continue
		}
		if n == AllToolsets {
			all = true
			continue
		}
		if n == DefaultToolsets {
			f.addDefaults(set)
			continue
		}
		if !slices.Contains(f.knownSets, n) {
			return nil, false, unknownNameError("toolset", n, source, append([]string{AllToolsets, DefaultToolsets}, f.knownSets...))
		}
		set[n] = true
	}
	return set, all, nil
}

func (f Filter) toolSet(names []string, source string) (map[string]bool, error) {
	set := map[string]bool{}
	for _, n := range names {
		n = strings.ToLower(strings.TrimSpace(n))
		if n == "" {
			continue
		}
		if !slices.Contains(f.knownTools, n) {
			return nil, unknownNameError("tool", n, source, f.knownTools)
		}
		set[n] = true
	}
	return set, nil
}

func unknownNameError(what, name, source string, valid []string) error {
	list := "valid " + what + "s are " + strings.Join(valid, ", ")
	if len(valid) == 0 {
		list = "no " + what + "s are known"
	}
	if s := closest(name, valid); s != "" {
		list += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return fmt.Errorf("%w: %s %q in %s: %s", ErrUnknownName, what, name, source, list)
}

// SplitList splits a comma-separated flag or header value, trimming spaces
// and dropping empty items.
func SplitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func sortedLower(in []string) []string {
	out := make([]string, 0, len(in))
	for _, s := range in {
		if s = strings.ToLower(strings.TrimSpace(s)); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// closest returns the nearest valid name within a small edit distance
// (2, or a quarter of the name's length if larger), if any.
func closest(name string, valid []string) string {
	best, bestD := "", max(2, len(name)/4)+1
	for _, v := range valid {
		if d := editDistance(name, v); d < bestD {
			best, bestD = v, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
