package tools_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
)

// The public interface: tool names per toolset, exactly as in issue 3.
var wantToolsets = map[string][]string{
	"tickets":   {"search_tickets", "list_tickets", "get_ticket", "list_conversations"},
	"customers": {"get_contact", "search_contacts", "get_company", "search_companies"},
	"knowledge": {"search_solutions", "get_solution_article", "search_canned_responses", "get_canned_response"},
	"lookups":   {"list_agents", "list_groups", "get_ticket_fields"},
	"drafting":  {"draft_reply"},
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
	if !slices.Equal(tools.Toolsets(), []string{"tickets", "customers", "knowledge", "lookups", "drafting", "writes"}) {
		t.Errorf("Toolsets() = %v", tools.Toolsets())
	}
}

// TestCatalogGolden compares the whole tools/list as served to a real client
// with testdata/tools.golden.json (UPDATE_GOLDEN=1 rewrites it).
func TestCatalogGolden(t *testing.T) {
	e := newEnv(t, envOpts{})
	res, err := e.cs.ListTools(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(res.Tools, func(i, j int) bool { return res.Tools[i].Name < res.Tools[j].Name })
	raw, err := json.Marshal(res.Tools)
	if err != nil {
		t.Fatal(err)
	}
	var generic any // re-marshal through any: sorted keys
	if err := json.Unmarshal(raw, &generic); err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(generic, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("..", "testdata", "tools.golden.json")
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d bytes)", path, len(got))
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("tools/list differs from %s; run UPDATE_GOLDEN=1 go test ./tools -run TestCatalogGolden and review the diff", path)
	}
	t.Logf("tools/list: %d tools, %d bytes compact", len(res.Tools), len(raw))
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
