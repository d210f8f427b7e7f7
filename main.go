// Command freshdesk-mcp is an MCP server for Freshdesk: it lets LLM
// assistants read (and, with policy, work) a Freshdesk helpdesk over stdio,
// streamable HTTP or legacy SSE. Run it with --help, or with --demo to try
// the embedded demo helpdesk.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	// The container image is FROM scratch: no zoneinfo and no CA files, so
	// the binary carries both. The CA bundle is used only when the host has
	// none; host roots win where they exist.
	_ "time/tzdata"

	"github.com/freshdesk-mcp/freshdesk-mcp/app"
	_ "golang.org/x/crypto/x509roots/fallback"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// stdout is the stdio transport: keep the real one for the protocol and
	// point os.Stdout at stderr, so a stray print anywhere cannot corrupt it.
	stdout := os.Stdout
	os.Stdout = os.Stderr
	code := app.Main(ctx, os.Args[1:], os.Stdin, stdout, os.Stderr, os.LookupEnv)
	stop()
	os.Exit(code)
}
