package tools_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/server"

	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools/toolstest"
)

// The public interface: tool names per toolset, exactly as in issue 3.
var wantToolsets = map[string][]string{
	"tickets":   {"search_tickets", "list_tickets", "get_ticket", "list_conversations"},
	"customers": {"get_contact", "search_contacts", "get_company", "search_companies"},
	"knowledge": {"search_solutions", "get_solution_article", "search_canned_responses", "get_canned_response"},
	"lookups":   {"list_agents", "list_groups", "get_ticket_fields"},
	"drafting":  {"draft_reply"},
	"time":      {"list_time_entries"},
	"reporting": {"list_satisfaction_ratings", "support_metrics", "list_changed_tickets"},
	"settings":  {"whoami", "get_helpdesk_config"},
	"intake":    {"customer_overview"},
}

func TestCatalogToolsets(t *testing.T) {
	got := map[string][]string{}
	for _, tl := range readTools(tools.Deps{}) {
		got[string(tl.Toolset)] = append(got[string(tl.Toolset)], tl.Def.Name)
		if tl.Access != tools.Read {
			t.Errorf("%s: access %v, want read", tl.Def.Name, tl.Access)
		}
		if tl.Handler == nil {
			t.Errorf("%s: nil handler", tl.Def.Name)
		}
	}
	for ts, names := range wantToolsets {
		if !slices.Equal(got[ts], names) {
			t.Errorf("toolset %s = %v, want %v", ts, got[ts], names)
		}
	}
	if !slices.Equal(tools.Toolsets(), []string{"tickets", "customers", "knowledge", "lookups", "drafting", "writes",
		"intake", "time", "reporting", "settings"}) {
		t.Errorf("Toolsets() = %v", tools.Toolsets())
	}
}

// TestToolSnapshots compares each tool of tools/list, as served to a real
// client, with its snapshot testdata/toolsnaps/<tool>.json (every tool,
// writes included). UPDATE_GOLDEN=1 rewrites them; a difference is shown as
// a line diff.
func TestToolSnapshots(t *testing.T) {
	s := server.NewMCPServer("freshdesk-mcp-test", "test", server.WithToolCapabilities(false))
	tools.Register(s, tools.All(tools.Deps{}))
	res, err := toolstest.Connect(t, s, nil, nil).ListTools(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("..", "testdata", "toolsnaps")
	update := os.Getenv("UPDATE_GOLDEN") != ""
	seen := map[string]bool{}
	for _, tl := range res.Tools {
		seen[tl.Name+".json"] = true
		got := snapshotJSON(t, tl)
		path := filepath.Join(dir, tl.Name+".json")
		if update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: %v (run UPDATE_GOLDEN=1 go test ./tools -run TestToolSnapshots to create it)", tl.Name, err)
			continue
		}
		if d := lineDiff(string(want), string(got)); d != "" {
			t.Errorf("%s differs from %s (-snapshot +now; if intended, run UPDATE_GOLDEN=1 go test ./tools -run TestToolSnapshots and review the diff):\n%s", tl.Name, path, d)
		}
	}
	files, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !seen[f.Name()] {
			t.Errorf("%s: snapshot of a tool that is not in the catalogue; delete it", f.Name())
		}
	}
}

// snapshotJSON is v as indented JSON with sorted keys.
func snapshotJSON(t *testing.T, v any) []byte {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var generic any // re-marshal through any: sorted keys
	if err := json.Unmarshal(raw, &generic); err != nil {
		t.Fatal(err)
	}
	out, err := json.MarshalIndent(generic, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}

// lineDiff shows the lines where want and got differ (between their common
// first and last lines), with two lines of context; "" when equal.
func lineDiff(want, got string) string {
	if want == got {
		return ""
	}
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	pre := 0
	for pre < len(w) && pre < len(g) && w[pre] == g[pre] {
		pre++
	}
	suf := 0
	for suf < len(w)-pre && suf < len(g)-pre && w[len(w)-1-suf] == g[len(g)-1-suf] {
		suf++
	}
	var b strings.Builder
	for i := max(0, pre-2); i < pre; i++ {
		fmt.Fprintf(&b, "  %4d  %s\n", i+1, w[i])
	}
	for i := pre; i < len(w)-suf; i++ {
		fmt.Fprintf(&b, "- %4d  %s\n", i+1, w[i])
	}
	for i := pre; i < len(g)-suf; i++ {
		fmt.Fprintf(&b, "+ %4d  %s\n", i+1, g[i])
	}
	for i := len(w) - suf; i < min(len(w), len(w)-suf+2); i++ {
		fmt.Fprintf(&b, "  %4d  %s\n", i+1, w[i])
	}
	return b.String()
}

// TestCatalogHintsAndDescriptions: every tool has a title, a description, all
// four annotation hints, a strict object input schema, an output schema, and
// every argument (recursively) a description.
func TestCatalogHintsAndDescriptions(t *testing.T) {
	for _, tl := range readTools(tools.Deps{}) {
		b, err := json.Marshal(tl.Def) // P1: a schema conflict only shows here
		if err != nil {
			t.Fatalf("%s: marshal: %v", tl.Def.Name, err)
		}
		var def struct {
			Title       string         `json:"title"`
			Description string         `json:"description"`
			InputSchema map[string]any `json:"inputSchema"`
			Output      map[string]any `json:"outputSchema"`
			Annotations map[string]any `json:"annotations"`
		}
		if err := json.Unmarshal(b, &def); err != nil {
			t.Fatal(err)
		}
		name := tl.Def.Name
		if def.Title == "" || len(def.Description) < 40 {
			t.Errorf("%s: missing title or short description", name)
		}
		for _, h := range []string{"readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"} {
			if _, ok := def.Annotations[h].(bool); !ok {
				t.Errorf("%s: annotation %s not set", name, h)
			}
		}
		// draft_reply reads only, except save_as_note may add a private note.
		wantReadOnly := name != "draft_reply"
		if def.Annotations["readOnlyHint"] != wantReadOnly || def.Annotations["destructiveHint"] != false {
			t.Errorf("%s: readOnlyHint must be %v and destructiveHint false: %v", name, wantReadOnly, def.Annotations)
		}
		if def.InputSchema["type"] != "object" || def.InputSchema["additionalProperties"] != false {
			t.Errorf("%s: input schema not a strict object: %v", name, def.InputSchema)
		}
		if def.Output["type"] != "object" {
			t.Errorf("%s: no object output schema", name)
		}
		checkDescribed(t, name, "", def.InputSchema)
	}
}

func checkDescribed(t *testing.T, tool, path string, schema map[string]any) {
	props, _ := schema["properties"].(map[string]any)
	for name, p := range props {
		ps, _ := p.(map[string]any)
		d, _ := ps["description"].(string)
		if len(strings.TrimSpace(d)) < 8 {
			t.Errorf("%s: argument %s%s has no description", tool, path, name)
		}
		if strings.Contains(d, `\,`) {
			t.Errorf("%s: argument %s%s description has a literal \\, (P4)", tool, path, name)
		}
		checkDescribed(t, tool, path+name+".", ps)
		if items, ok := ps["items"].(map[string]any); ok {
			checkDescribed(t, tool, path+name+"[].", items)
		}
	}
}
