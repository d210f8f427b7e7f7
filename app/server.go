package app

import (
	"log/slog"
	"slices"
	"strings"

	"github.com/mark3labs/mcp-go/server"

	"github.com/freshdesk-mcp/freshdesk-mcp/prompts"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
)

// serverName is the MCP implementation name in serverInfo.
const serverName = "freshdesk-mcp"

// newDeps builds what tools, resources and prompts share.
func newDeps(c Config, b *backend, logger *slog.Logger) tools.Deps {
	// One Shared per client: cached canned responses belong to one helpdesk.
	d := tools.Deps{Logger: logger, MaxChars: c.MaxChars, PrivateNotes: c.Policy.PrivateNotes != "hide", Policy: c.Policy.runtime, Drafter: c.drafter, DraftPastAnswers: c.DraftPastAnswers, Shared: tools.NewShared()}
	if b != nil {
		d.Client = b.client
		if b.live != nil {
			d.Changes = b.live // this account's webhook event log only
		}
	}
	return d
}

// selectTools applies --toolsets, --tools and --exclude-tools to the
// catalogue, keeping its order. Unknown names are errors that name the
// setting and list the valid values.
func selectTools(all []tools.Tool, c Config) ([]tools.Tool, error) {
	toolsets := knownToolsets(all)
	names := make([]string, 0, len(all))
	for _, t := range all {
		names = append(names, t.Def.Name)
	}

	sets := map[string]bool{}
	if !(c.IsSet("tools") && !c.IsSet("toolsets")) { // --tools alone serves only those tools
		for _, ts := range c.Toolsets {
			switch {
			case ts == "all":
				for _, name := range toolsets {
					sets[name] = true
				}
			case ts == "default":
				for _, name := range toolsets {
					if !slices.Contains(tools.OptInToolsets(), name) {
						sets[name] = true
					}
				}
			case slices.Contains(toolsets, ts):
				sets[ts] = true
			default:
				return nil, usageErrorf("unknown toolset %q in --toolsets (FRESHDESK_MCP_TOOLSETS): valid toolsets are default, all, %s",
					ts, strings.Join(toolsets, ", "))
			}
		}
	}
	extra, err := nameSet(c.Tools, names, "--tools (FRESHDESK_MCP_TOOLS)")
	if err != nil {
		return nil, err
	}
	excluded, err := nameSet(c.ExcludeTools, names, "--exclude-tools (FRESHDESK_MCP_EXCLUDE_TOOLS)")
	if err != nil {
		return nil, err
	}

	var out []tools.Tool
	for _, t := range all {
		if (sets[string(t.Toolset)] || extra[t.Def.Name]) && !excluded[t.Def.Name] {
			out = append(out, t)
		}
	}
	return out, nil
}

// knownToolsets is tools.Toolsets() plus any toolset a tool names that the
// list does not (so a new toolset can never become unselectable).
func knownToolsets(all []tools.Tool) []string {
	out := slices.Clone(tools.Toolsets())
	for _, t := range all {
		if t.Toolset != "" && !slices.Contains(out, string(t.Toolset)) {
			out = append(out, string(t.Toolset))
		}
	}
	return out
}

func nameSet(list, valid []string, setting string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, n := range list {
		if !slices.Contains(valid, n) {
			return nil, usageErrorf("unknown tool %q in %s: valid tools are %s", n, setting, strings.Join(valid, ", "))
		}
		out[n] = true
	}
	return out, nil
}

// newMCPServer builds the MCP server every transport and CLI verb uses: the
// selected tools, the resources, the prompts and the per-call log line.
func newMCPServer(deps tools.Deps, selected []tools.Tool, logger *slog.Logger) *server.MCPServer {
	s := server.NewMCPServer(serverName, version(),
		server.WithTitle("Freshdesk"),
		server.WithInstructions(tools.Instructions),
		server.WithToolCapabilities(false),
		// subscribe: resources/subscribe on tickets (app/live.go).
		server.WithResourceCapabilities(true, false),
		server.WithHooks(&server.Hooks{}),
		server.WithPromptCapabilities(false),
		// Offered so clients may lower the protocol log level; the server
		// itself logs to stderr.
		server.WithLogging(),
		// Prompt arguments get suggestions from fixed lists (no credits);
		// resource template ids get none.
		server.WithCompletions(),
		server.WithPromptCompletionProvider(prompts.Completions{}),
		server.WithToolHandlerMiddleware(logToolCalls(logger)),
	)
	tools.Register(s, selected)
	tools.RegisterResources(s, deps)
	prompts.Register(s, deps)
	if deps.Policy != nil {
		deps.Policy.Install(s, deps.Client) // tool filter, resource and prompt budgets, freshdesk://usage
	}
	return s
}

// buildServer resolves the catalogue for c and builds the MCP server.
func buildServer(c Config, b *backend, logger *slog.Logger) (*server.MCPServer, []tools.Tool, error) {
	deps := newDeps(c, b, logger)
	if deps.Policy == nil {
		pol, err := newPolicy(c, nil, logger, policyOptions{noAudit: true})
		if err != nil {
			return nil, nil, err
		}
		deps.Policy = pol
	}
	selected, err := selectTools(tools.All(deps), c)
	if err != nil {
		return nil, nil, err
	}
	selected = exposedTools(selected, deps.Policy.Filter) // --mode hides write tools
	if len(selected) == 0 {
		return nil, nil, usageErrorf("no tools left to serve: check --toolsets, --tools and --exclude-tools")
	}
	s := newMCPServer(deps, selected, logger)
	if c.shared != nil {
		s.Use(c.shared.writeGate(selected, logger))
	}
	return s, selected, nil
}
