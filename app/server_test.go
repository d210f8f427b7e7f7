package app

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
)

func fakeCatalogue() []tools.Tool {
	mk := func(name string, set tools.Toolset) tools.Tool {
		return tools.Tool{Def: mcp.Tool{Name: name}, Toolset: set}
	}
	return []tools.Tool{
		mk("get_ticket", tools.ToolsetTickets),
		mk("search_tickets", tools.ToolsetTickets),
		mk("get_contact", tools.ToolsetCustomers),
		mk("list_agents", tools.ToolsetLookups),
		mk("list_groups", tools.ToolsetLookups),
	}
}

func TestSelectTools(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		want    []string
		wantErr []string
	}{
		{name: "default is all", want: []string{"get_ticket", "search_tickets", "get_contact", "list_agents", "list_groups"}},
		{name: "toolsets", args: []string{"--toolsets", "lookups,customers"}, want: []string{"get_contact", "list_agents", "list_groups"}},
		{name: "tools alone serve only those", args: []string{"--tools", "list_groups,get_ticket"}, want: []string{"get_ticket", "list_groups"}},
		{name: "tools add to toolsets", args: []string{"--toolsets", "lookups", "--tools", "get_ticket"}, want: []string{"get_ticket", "list_agents", "list_groups"}},
		{name: "exclude wins", env: map[string]string{"FRESHDESK_MCP_EXCLUDE_TOOLS": "get_ticket,list_agents"}, args: []string{"--tools", "get_ticket", "--toolsets", "all"}, want: []string{"search_tickets", "get_contact", "list_groups"}},
		{name: "unknown toolset", args: []string{"--toolsets", "tickets,writez"}, wantErr: []string{"writez", "--toolsets", "FRESHDESK_MCP_TOOLSETS", "tickets, customers"}},
		{name: "unknown tool", args: []string{"--tools", "get_tickets"}, wantErr: []string{"get_tickets", "--tools", "valid tools are get_ticket"}},
		{name: "unknown excluded tool", args: []string{"--exclude-tools", "nope"}, wantErr: []string{"nope", "--exclude-tools"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, err := parse(t, tt.env, tt.args...)
			if err != nil {
				t.Fatal(err)
			}
			got, err := selectTools(fakeCatalogue(), c)
			if tt.wantErr != nil {
				if err == nil {
					t.Fatalf("no error; selected %d tools", len(got))
				}
				var ue *usageError
				if !errors.As(err, &ue) {
					t.Errorf("not a usage error: %v", err)
				}
				for _, w := range tt.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q lacks %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, tool := range got {
				names = append(names, tool.Def.Name)
			}
			if !slices.Equal(names, tt.want) {
				t.Errorf("selected %v, want %v", names, tt.want)
			}
		})
	}
}

// TestFilteredToolIsRefused checks that a tool left out by the filters is
// neither listed nor callable through the real server.
func TestFilteredToolIsRefused(t *testing.T) {
	ts := emulator(t)
	envm := emulatorEnv(ts)
	envm["FRESHDESK_MCP_EXCLUDE_TOOLS"] = "get_ticket"
	code, stdout, stderr := runMain(t, envm, "call", "get_ticket", `{"ticket_id":1}`)
	if code != exitUsage || stdout != "" || !strings.Contains(stderr, `unknown tool "get_ticket"`) {
		t.Errorf("excluded tool: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, stdout, _ = runMain(t, envm, "tools")
	if code != 0 || strings.Contains(stdout, "get_ticket ") || !strings.Contains(stdout, "list_tickets") {
		t.Errorf("tools with get_ticket excluded: exit %d\n%s", code, stdout)
	}
}

func TestCreditsUsed(t *testing.T) {
	tests := []struct {
		meta map[string]any
		want int
	}{
		{nil, 0},
		{map[string]any{"credits_used": 3}, 3},
		{map[string]any{"credits_used": float64(2)}, 2},
		{map[string]any{"credits_used": int64(5)}, 5},
		{map[string]any{"other": 1}, 0},
	}
	for _, tt := range tests {
		res := &mcp.CallToolResult{}
		if tt.meta != nil {
			res.Meta = mcp.NewMetaFromMap(tt.meta)
		}
		if got := creditsUsed(res); got != tt.want {
			t.Errorf("creditsUsed(%v) = %d, want %d", tt.meta, got, tt.want)
		}
	}
	if creditsUsed(nil) != 0 {
		t.Error("creditsUsed(nil) != 0")
	}
}
