package app

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/metrics"
)

// TestReadmeMetricsTable keeps the README's metrics table equal to the
// metrics the server registers, name for name.
func TestReadmeMetricsTable(t *testing.T) {
	row := regexp.MustCompile("(?m)^\\| `(freshdesk_mcp_[a-z_]+)` \\|")
	documented := map[string]bool{}
	for _, m := range row.FindAllStringSubmatch(readme(t), -1) {
		documented[m[1]] = true
	}
	actual := metrics.New("test", "test").Names()
	if len(actual) == 0 {
		t.Fatal("no metrics registered")
	}
	for _, name := range actual {
		if !documented[name] {
			t.Errorf("metric %s is missing from the README's metrics table", name)
		}
		delete(documented, name)
	}
	for _, name := range slices.Sorted(maps.Keys(documented)) {
		t.Errorf("README lists metric %s, which the server does not register", name)
	}
}

// TestReadmeNamesOnlyRealFlags: every --flag the README mentions is a
// setting, a verb's flag, or --help.
func TestReadmeNamesOnlyRealFlags(t *testing.T) {
	known := map[string]bool{"help": true, "json": true, "markdown": true}
	for _, s := range settings() {
		known[s.name] = true
	}
	flagRef := regexp.MustCompile("`--([a-z][a-z-]+)")
	for _, m := range flagRef.FindAllStringSubmatch(readme(t), -1) {
		if !known[m[1]] && !strings.HasPrefix(m[1], "-") {
			t.Errorf("README names --%s, which is not a flag", m[1])
		}
	}
}
