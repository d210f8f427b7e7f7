//go:build tools

// Package main pins dependencies until the code that uses them lands.
package main

import (
	_ "github.com/JohannesKaufmann/html-to-markdown/v2"
	_ "github.com/invopop/jsonschema"
	_ "github.com/lmittmann/tint"
	_ "github.com/mark3labs/mcp-go/server"
	_ "github.com/modelcontextprotocol/go-sdk/mcp"
	_ "github.com/sashabaranov/go-openai"
)
