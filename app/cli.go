package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
)

// printCatalogue writes the tool catalogue: a table, or the tools/list JSON
// with each tool's toolset and access added.
func printCatalogue(w io.Writer, selected []tools.Tool, asJSON bool) error {
	if asJSON {
		out := make([]map[string]any, 0, len(selected))
		for _, t := range selected {
			raw, err := json.Marshal(t.Def)
			if err != nil {
				return fmt.Errorf("tool %s: %w", t.Def.Name, err)
			}
			m := map[string]any{}
			if err := json.Unmarshal(raw, &m); err != nil {
				return fmt.Errorf("tool %s: %w", t.Def.Name, err)
			}
			m["toolset"] = t.Toolset
			m["access"] = t.Access.String()
			out = append(out, m)
		}
		return printJSON(w, out)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TOOLSET\tTOOL\tACCESS\tDESCRIPTION")
	for _, t := range selected {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", t.Toolset, t.Def.Name, t.Access, firstSentence(t.Def.Description))
	}
	return tw.Flush()
}

// firstSentence shortens a description for the table.
func firstSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for from := 0; ; {
		i := strings.Index(s[from:], ". ")
		if i < 0 {
			break
		}
		end := from + i
		if w := s[max(0, end-3):end]; w == "e.g" || w == "i.e" { // not a sentence end
			from = end + 2
			continue
		}
		s = s[:end+1]
		break
	}
	if r := []rune(s); len(r) > 100 {
		s = string(r[:99]) + "…"
	}
	return s
}

// errToolFailed means the tool ran and returned isError: exit code 1, and
// the tool's message has already been printed.
var errToolFailed = errors.New("tool returned an error")

// callTool runs one tool through an in-process MCP client connected to the
// real server, so schema binding, filters and middleware all apply, and
// prints its result: structured content as indented JSON, otherwise text.
// A write that needs confirmation is confirmed by the person at the terminal
// (tty), or not written (see cli_confirm.go).
func callTool(ctx context.Context, s *server.MCPServer, name, rawArgs string, stdin io.Reader, tty bool, stdout, stderr io.Writer) error {
	if strings.TrimSpace(rawArgs) == "" {
		rawArgs = "{}"
	}
	var probe map[string]any
	if err := json.Unmarshal([]byte(rawArgs), &probe); err != nil {
		return usageErrorf("arguments must be a JSON object, such as '{\"ticket_id\": 1}': %v", err)
	}
	if _, ok := probe["confirmation_token"]; ok {
		return errTokenAcrossCalls
	}
	c, err := cliClient(s, stdin, stderr, tty)
	if err != nil {
		return fmt.Errorf("in-process client: %w", err)
	}
	defer func() { _ = c.Close() }()
	if err := c.Start(ctx); err != nil {
		return fmt.Errorf("in-process client: %w", err)
	}
	init := mcp.InitializeRequest{}
	init.Params.ProtocolVersion = mcp.LATEST_LEGACY_PROTOCOL_VERSION
	init.Params.ClientInfo = mcp.Implementation{Name: "freshdesk-mcp-cli", Version: version()}
	if _, err := c.Initialize(ctx, init); err != nil {
		return fmt.Errorf("initialize: %w", err)
	}
	req := mcp.CallToolRequest{}
	req.Params.Name = name
	req.Params.Arguments = json.RawMessage(rawArgs)
	res, err := c.CallTool(ctx, req)
	if err != nil {
		if strings.Contains(err.Error(), "not found") {
			return unknownTool(ctx, c, name)
		}
		return fmt.Errorf("calling %s: %w", name, err)
	}
	if !res.IsError && needsConfirmation(res) {
		if err := printPreview(stdout, res); err != nil {
			return err
		}
		return errNotConfirmed
	}
	out := stdout
	if res.IsError {
		out = stderr
	}
	if err := printResult(out, res); err != nil {
		return err
	}
	if res.IsError {
		return errToolFailed
	}
	return nil
}

// printJSON writes v as indented JSON for a person, with the one result
// encoding (mcppolicy.JSON: "&", "<" and ">" stay readable).
func printJSON(w io.Writer, v any) error {
	b, err := mcppolicy.JSON(v)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, b, "", "  "); err != nil {
		return err
	}
	buf.WriteByte('\n')
	_, err = w.Write(buf.Bytes())
	return err
}

// printResult writes a tool result for a person: pretty JSON for
// structured content, the text blocks otherwise.
func printResult(w io.Writer, res *mcp.CallToolResult) error {
	if res.StructuredContent != nil && !res.IsError {
		if err := printJSON(w, res.StructuredContent); err != nil {
			return fmt.Errorf("structured content: %w", err)
		}
		return nil
	}
	for _, c := range res.Content {
		switch c := c.(type) {
		case mcp.TextContent:
			fmt.Fprintln(w, c.Text)
		case *mcp.TextContent:
			fmt.Fprintln(w, c.Text)
		default:
			raw, _ := json.Marshal(c)
			fmt.Fprintln(w, string(raw))
		}
	}
	return nil
}

// check verifies the credentials with GET /agents/me and reports the
// account's rate limit as Freshdesk last reported it.
func check(ctx context.Context, b *backend, w io.Writer) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	me, err := b.client.Me(ctx)
	if err != nil {
		return explainFreshdeskError(err)
	}
	where := b.client.BaseURL()
	if b.demo {
		where = "the demo helpdesk (--demo)"
	}
	fmt.Fprintf(w, "ok: authenticated to %s as %s <%s> (agent %d)\n", where, me.Contact.Name, me.Contact.Email, me.ID)
	if rl := b.client.RateLimit(); rl.Known {
		fmt.Fprintf(w, "rate limit: %d credits per minute, %d remaining\n", rl.Total, rl.Remaining)
	} else {
		fmt.Fprintln(w, "rate limit: not reported by Freshdesk")
	}
	return nil
}

// explainFreshdeskError adds what to do next to the common failures.
func explainFreshdeskError(err error) error {
	var fe *fdapi.Error
	if errors.As(err, &fe) {
		switch fe.Status {
		case 401:
			return fmt.Errorf("authentication failed (401): check FRESHDESK_API_KEY (Profile settings > Your API key) and FRESHDESK_DOMAIN: %w", err)
		case 403:
			return fmt.Errorf("access denied (403): the API key's agent lacks permission, or API access is off for this plan: %w", err)
		case 404:
			return fmt.Errorf("not found (404): check FRESHDESK_DOMAIN; it should be your helpdesk, e.g. acme.freshdesk.com: %w", err)
		case 429:
			return fmt.Errorf("rate limited (429): the account's per-minute credits are used up; retry after %s: %w", fe.RetryAfter, err)
		}
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return fmt.Errorf("cannot resolve %s: check FRESHDESK_DOMAIN (e.g. acme.freshdesk.com) and your network or proxy: %w", dnsErr.Name, err)
	}
	if errors.Is(err, fdapi.ErrRateLimited) {
		return fmt.Errorf("rate limited: the account's per-minute credits (minus --reserve) are used up: %w", err)
	}
	return fmt.Errorf("checking credentials: %w", err)
}

// printConfig writes the effective configuration, never a secret's value.
func printConfig(w io.Writer, c Config) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SETTING\tVALUE\tFROM")
	for _, s := range settings() {
		if s.flagOnly {
			continue
		}
		val := s.bind(&c).String()
		if s.secret {
			val = "(not set)"
			if c.APIKey != "" {
				val = "(set, hidden)"
			}
		}
		from := c.source[s.name]
		if from == "" {
			from = "default"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", s.name, val, from)
	}
	_ = tw.Flush()
}

func unknownVerb(v string) error {
	return usageErrorf("unknown command %q: commands are tools, call, check, config and help; run freshdesk-mcp --help", v)
}
