package mcppolicy

import (
	"strings"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// ToolFacts is what the policy knows about one tool. Package tools declares
// it with the tool and hands it here as data: the filter, the budget and the
// write flow read nothing else.
type ToolFacts struct {
	Name    string
	Toolset string
	// Write: the tool changes Freshdesk (the mode, confirmation, duplicate
	// guard and audit apply).
	Write bool
	// Kinds are the write kinds the tool can make; the filter hides a write
	// tool every kind of which the mode refuses.
	Kinds []policy.WriteKind
	// Credits is what one call is expected to cost at most in the common
	// case, checked against the caller's budget before any upstream call (the
	// actual cost is charged afterwards); 0 means 1.
	Credits int
}

// Info is f as package policy's filter sees it.
func (f ToolFacts) Info() policy.ToolInfo {
	return policy.ToolInfo{Name: f.Name, Toolset: f.Toolset, Write: f.Write, Kinds: f.Kinds}
}

// Estimate is the credit estimate of one call.
func (f ToolFacts) Estimate() int {
	if f.Credits > 0 {
		return f.Credits
	}
	return 1
}

// ResourceFacts says which read tool's data a resource serves: the caller
// may read it when that tool is exposed, and a read costs that tool's
// estimate.
type ResourceFacts struct {
	// URI is the resource's URI, or a prefix of its URIs when Prefix is set.
	URI    string
	Prefix bool
	// Tool is the read tool; "" for a resource that never calls Freshdesk.
	Tool string
}

// PromptFacts says what a prompt reads: it is available when any of the
// tools in AnyOf is exposed, and Credits is checked against the budget
// before it runs.
type PromptFacts struct {
	Name    string
	AnyOf   []string
	Credits int
	// Customer: a customer-scoped caller may use it, because all its data
	// comes through the scoped tools (others read Freshdesk their own way,
	// or are meant for agents, and are hidden from such callers).
	Customer bool
}

// Catalogue is every tool, resource and prompt the policy covers. Anything
// not in it is refused (fail closed).
type Catalogue struct {
	Tools     []ToolFacts
	Resources []ResourceFacts
	Prompts   []PromptFacts
}

// Tool returns the facts of the tool called name.
func (c Catalogue) Tool(name string) (ToolFacts, bool) {
	for _, t := range c.Tools {
		if t.Name == name {
			return t, true
		}
	}
	return ToolFacts{}, false
}

func (c Catalogue) resource(uri string) (ResourceFacts, bool) {
	if uri == UsageURI { // the policy's own resource: never calls Freshdesk
		return ResourceFacts{URI: UsageURI}, true
	}
	for _, r := range c.Resources {
		if r.URI == uri || (r.Prefix && strings.HasPrefix(uri, r.URI)) {
			return r, true
		}
	}
	return ResourceFacts{}, false
}

func (c Catalogue) prompt(name string) (PromptFacts, bool) {
	for _, p := range c.Prompts {
		if p.Name == name {
			return p, true
		}
	}
	return PromptFacts{}, false
}
