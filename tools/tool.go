package tools

import (
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// Access says what a tool does to the helpdesk; the policy layer filters on it.
type Access int

const (
	// Read tools never change Freshdesk.
	Read Access = iota
	// Write tools change Freshdesk in ways customers do not see (notes, fields).
	Write
	// CustomerVisibleWrite tools change what the customer sees (replies).
	CustomerVisibleWrite
)

// String returns "read", "write" or "customer_visible_write".
func (a Access) String() string {
	switch a {
	case Read:
		return "read"
	case Write:
		return "write"
	case CustomerVisibleWrite:
		return "customer_visible_write"
	}
	return "unknown"
}

// Tool is one MCP tool: its definition and handler, and the facts the policy
// reads (declared with the tool, see decl).
type Tool struct {
	Def     mcp.Tool
	Handler server.ToolHandlerFunc
	Toolset Toolset
	Access  Access
	// Credits is the estimate of one call (0 means 1); see
	// mcppolicy.ToolFacts.
	Credits int
	// Kinds are the write kinds of a write tool.
	Kinds []policy.WriteKind
}

// Facts is t as the policy sees it.
func (t Tool) Facts() mcppolicy.ToolFacts {
	return mcppolicy.ToolFacts{Name: t.Def.Name, Toolset: string(t.Toolset), Write: t.Access != Read, Kinds: t.Kinds, Credits: t.Credits}
}

// Register adds the tools to s.
func Register(s *server.MCPServer, ts []Tool) {
	st := make([]server.ServerTool, 0, len(ts))
	for _, t := range ts {
		st = append(st, server.ServerTool{Tool: t.Def, Handler: t.Handler})
	}
	s.AddTools(st...)
}
