package app

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	"golang.org/x/term"
)

// The person at the terminal is the human who confirms a write made with
// `call`: on a terminal the CLI shows the preview and asks. Without one it
// cannot ask, and a confirmation token would not help either: each `call` is
// its own server process, and a token is redeemable only by the process that
// issued it.

// errNotConfirmed ends a `call` whose write needed a confirmation that the
// CLI could not ask for: nothing was written.
var errNotConfirmed = errors.New("nothing was written: this write needs a person to confirm it and `call` could not ask, because its standard input is not a terminal. " +
	"Run the same command in a terminal and answer the question, or serve MCP (freshdesk-mcp, or --http) to a client that asks its user. " +
	"An automation that may write without a person uses --mode notes (private notes only) or --mode unattended (replies are still confirmed unless --confirm-replies=false)")

// errTokenAcrossCalls refuses a confirmation_token argument given to `call`.
var errTokenAcrossCalls = usageErrorf("confirmation_token cannot be used with `call`: each `call` is a separate server process and a token is valid only in the process that issued it. " +
	"Run the command without confirmation_token in a terminal: `call` shows the preview and asks you to confirm")

// stdinIsTerminal reports whether r is an interactive terminal (a character
// device such as /dev/null is not).
func stdinIsTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// terminalConfirmer answers the server's confirmation questions by asking
// the person at the terminal: the preview goes to out, the answer is read
// from in.
type terminalConfirmer struct {
	mu  sync.Mutex
	in  *bufio.Reader
	out io.Writer
}

// Elicit shows the confirmation and reads y/yes (accept); anything else
// declines, and end of input cancels.
func (c *terminalConfirmer) Elicit(ctx context.Context, req mcp.ElicitationRequest) (*mcp.ElicitationResult, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fmt.Fprintf(c.out, "\n%s\n\nConfirm? [y/N] ", strings.TrimSpace(req.Params.Message))
	line, err := c.in.ReadString('\n')
	if err != nil && line == "" {
		fmt.Fprintln(c.out)
		return &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: mcp.ElicitationResponseActionCancel}}, nil
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: mcp.ElicitationResponseActionAccept, Content: map[string]any{}}}, nil
	}
	return &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: mcp.ElicitationResponseActionDecline}}, nil
}

// cliClient is the in-process client of `call`. With a terminal it declares
// the elicitation capability and asks the person; without one it declares
// nothing, so the server does not wait for an answer nobody can give.
func cliClient(s *server.MCPServer, stdin io.Reader, stderr io.Writer, tty bool) (*client.Client, error) {
	if !tty {
		return client.NewInProcessClient(s)
	}
	tc := &terminalConfirmer{in: bufio.NewReader(stdin), out: stderr}
	tr := transport.NewInProcessTransportWithOptions(s, transport.WithElicitationHandler(tc))
	return client.NewClient(tr, client.WithElicitationHandler(tc)), nil
}

// needsConfirmation reports whether a result asks for a confirmation the
// CLI could not give (status confirmation_required).
func needsConfirmation(res *mcp.CallToolResult) bool {
	m, ok := res.StructuredContent.(map[string]any)
	return ok && m["status"] == "confirmation_required"
}

// printPreview prints what a write would have done, without the token and
// the instructions meant for a model (no other `call` could redeem them).
func printPreview(w io.Writer, res *mcp.CallToolResult) error {
	m, _ := res.StructuredContent.(map[string]any)
	return printResult(w, &mcp.CallToolResult{StructuredContent: map[string]any{"status": "not_written", "preview": m["preview"]}})
}
