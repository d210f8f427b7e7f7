package app

import (
	"regexp"
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// TestReadmeReplicaSection keeps "Running several replicas" true: every
// flag and FRESHDESK_MCP_ variable it names exists, and the refusal it
// quotes is the server's.
func TestReadmeReplicaSection(t *testing.T) {
	r := readme(t)
	start := strings.Index(r, "## Running several replicas")
	if start < 0 {
		t.Fatal("README has no Running several replicas section")
	}
	sec := r[start:]
	if end := strings.Index(sec[3:], "\n## "); end >= 0 {
		sec = sec[:end+3]
	}
	flags, envs := map[string]bool{}, map[string]bool{}
	for _, s := range settings() {
		if !s.envOnly {
			flags[s.name] = true
		}
		envs[s.envName()] = true
	}
	for _, m := range regexp.MustCompile("`--([a-z][a-z-]*)").FindAllStringSubmatch(sec, -1) {
		if !flags[m[1]] {
			t.Errorf("the section names --%s, which is not a flag", m[1])
		}
	}
	for _, m := range regexp.MustCompile(`FRESHDESK_MCP_[A-Z_]+`).FindAllString(sec, -1) {
		if !envs[m] {
			t.Errorf("the section names %s, which is not a setting", m)
		}
	}
	if !strings.Contains(sec, `"`+policy.ErrSharedStateUnavailable.Error()+`"`) {
		t.Errorf("the section must quote the refusal %q", policy.ErrSharedStateUnavailable)
	}
	if strings.Contains(sec, "PLACEHOLDER") {
		t.Error("the section still has a placeholder")
	}
}
