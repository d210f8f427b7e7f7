package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/internal/suggest"
)

// missingCredentials says which of the two credentials is missing: a new
// user who set one should not be told to set both.
func missingCredentials(c Config) error {
	switch {
	case c.Domain == "" && c.APIKey == "":
		return errNoCredentials
	case c.APIKey == "":
		return errors.New("FRESHDESK_API_KEY is not set (FRESHDESK_DOMAIN is): set it to the API key of your Freshdesk profile " +
			"(Profile settings > Your API key), or run with --demo to try the embedded demo helpdesk")
	}
	return errors.New("FRESHDESK_DOMAIN is not set (FRESHDESK_API_KEY is): set it (or --domain) to your helpdesk, " +
		"e.g. acme.freshdesk.com, or run with --demo to try the embedded demo helpdesk")
}

// suggestAddr proposes a loopback listen address for an invalid --http
// value: "8096" -> "127.0.0.1:8096". Loopback, because a wildcard address
// such as ":8096" is refused without caller authentication.
func suggestAddr(s string) string {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(strings.TrimPrefix(s, ":")); err == nil && n > 0 && n <= 65535 {
		return "127.0.0.1:" + strconv.Itoa(n)
	}
	host := strings.TrimSuffix(s, ":")
	if host == "" || strings.ContainsAny(host, " /") {
		return "127.0.0.1:8080"
	}
	if strings.Contains(host, ":") && !strings.HasPrefix(host, "[") { // a bare IPv6 address
		host = "[" + host + "]"
	}
	return host + ":8080"
}

// unknownTool says that name is not a tool of this configuration, once, and
// which one was probably meant.
func unknownTool(ctx context.Context, c *client.Client, name string) error {
	var names []string
	if res, err := c.ListTools(ctx, mcp.ListToolsRequest{}); err == nil {
		for _, t := range res.Tools {
			names = append(names, t.Name)
		}
	}
	hint := ""
	if near, ok := suggest.Nearest(name, names); ok {
		hint = fmt.Sprintf("; did you mean %q?", near)
	}
	return usageErrorf("unknown tool %q%s (run `freshdesk-mcp tools` for the tools this configuration serves)", name, hint)
}
