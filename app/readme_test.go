package app

import (
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
)

// The README is part of the interface: these tests keep its tables true.

func readme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatalf("read README: %v", err)
	}
	return string(b)
}

func TestReadmeConfigurationTable(t *testing.T) {
	if !strings.Contains(readme(t), ConfigMarkdown()) {
		t.Fatal("README's configuration table differs from the settings: paste the output of `go run . config --markdown` into the Configuration section")
	}
}

func TestReadmeToolTableMatchesCatalogue(t *testing.T) {
	// A row of the README's tool tables: | `name` | toolset | ...
	toolRow := regexp.MustCompile("(?m)^\\| `([a-z_]+)` \\| (" + strings.Join(tools.Toolsets(), "|") + ") \\|")
	documented := map[string]string{}
	for _, m := range toolRow.FindAllStringSubmatch(readme(t), -1) {
		if prev, dup := documented[m[1]]; dup && prev != m[2] {
			t.Errorf("README lists %s in toolsets %s and %s", m[1], prev, m[2])
		}
		documented[m[1]] = m[2]
	}
	deps := tools.Deps{}
	actual := map[string]string{}
	for _, tl := range tools.All(deps) {
		actual[tl.Def.Name] = string(tl.Toolset)
	}
	if len(actual) == 0 {
		t.Fatal("empty catalogue")
	}
	for name, ts := range actual {
		switch got, ok := documented[name]; {
		case !ok:
			t.Errorf("tool %s (toolset %s) is missing from the README tool table", name, ts)
		case got != ts:
			t.Errorf("README lists %s in toolset %s, the catalogue in %s", name, got, ts)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(documented)) {
		if _, ok := actual[name]; !ok {
			t.Errorf("README lists tool %s, which the catalogue does not have", name)
		}
	}
}
