// Package tools holds the MCP tool framework of freshdesk-mcp and its read tools,
// resources and server instructions.
//
// Each tool is a typed input struct plus a handler. Input and output schemas are
// reflected with one shared invopop/jsonschema reflector into strict raw schemas;
// arguments are bound strictly (unknown keys are errors that list the valid
// names); every result carries structuredContent, the same compact JSON as text,
// and _meta with the Freshdesk credits the call used.
package tools
