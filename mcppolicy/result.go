package mcppolicy

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/mark3labs/mcp-go/mcp"
)

// JSON is the one encoding of every result body (tools, resources, policy
// answers, the catalogue): compact, without HTML escaping, so "<" and "&"
// stay readable and cost one byte, not six.
func JSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode result: %w", err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// Result returns v as structuredContent plus the same JSON as text.
func Result(v any) *mcp.CallToolResult {
	b, err := JSON(v)
	if err != nil {
		return mcp.NewToolResultError("Internal error encoding the result: " + err.Error())
	}
	return &mcp.CallToolResult{
		Content:           []mcp.Content{mcp.NewTextContent(string(b))},
		StructuredContent: json.RawMessage(b),
	}
}
