package tools

import (
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
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

// Toolset names.
const (
	ToolsetTickets   = "tickets"
	ToolsetCustomers = "customers"
	ToolsetKnowledge = "knowledge"
	ToolsetLookups   = "lookups"
)

// Tool is one MCP tool: its definition, handler, toolset and access level.
type Tool struct {
	Def     mcp.Tool
	Handler server.ToolHandlerFunc
	Toolset string
	Access  Access
}

// Toolsets lists every toolset name in a stable order.
func Toolsets() []string {
	return []string{ToolsetTickets, ToolsetCustomers, ToolsetKnowledge, ToolsetLookups, ToolsetDrafting, ToolsetWrites}
}

// Register adds the tools to s.
func Register(s *server.MCPServer, ts []Tool) {
	st := make([]server.ServerTool, 0, len(ts))
	for _, t := range ts {
		st = append(st, server.ServerTool{Tool: t.Def, Handler: t.Handler})
	}
	s.AddTools(st...)
}
