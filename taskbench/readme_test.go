package taskbench

import (
	"context"
	"maps"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
)

// Numbers and lists the README states that code can check (issue 12 found
// four that had drifted).

func readme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestReadmeDemoNumbers: the demo helpdesk's counts and the showcase
// ticket's length, wherever the README states them.
func TestReadmeDemoNumbers(t *testing.T) {
	md := readme(t)
	u := newUpstream(t)
	counts := u.fd.Counts()
	for kind, re := range map[string]string{
		"tickets":           `(\d+) tickets over every`,
		"conversations":     `(\d+) conversations with`,
		"companies":         `(\d+) companies,`,
		"contacts":          `(\d+) contacts,`,
		"agents":            `(\d+) agents,`,
		"groups":            `(\d+) groups`,
		"solution_articles": `(\d+)\s+knowledge-base articles`,
		"canned_responses":  `(\d+) canned responses`,
	} {
		m := regexp.MustCompile(re).FindStringSubmatch(md)
		if m == nil {
			t.Errorf("README does not state the number of demo %s (%s)", kind, re)
			continue
		}
		if n, _ := strconv.Atoi(m[1]); n != counts[kind] {
			t.Errorf("README: %d demo %s; the demo has %d", n, kind, counts[kind])
		}
	}
	const showcase = 57
	msgs := len(u.fd.Conversations(showcase)) + 1
	for _, id := range u.fd.TicketIDs() {
		if len(u.fd.Conversations(id)) > msgs-1 {
			t.Errorf("ticket %d has a longer thread than the showcase %d", id, showcase)
		}
	}
	stated := regexp.MustCompile(`(?:\*\*57\*\* \(the\s+longest\s+thread,\s+|ticket\s+57,\s+)(\d+)\s+messages`).FindAllStringSubmatch(md, -1)
	if len(stated) < 2 {
		t.Errorf("README states ticket 57's length %d times, expected at least 2", len(stated))
	}
	for _, m := range stated {
		if n, _ := strconv.Atoi(m[1]); n != msgs {
			t.Errorf("README: %q; ticket 57 has %d messages", m[0], msgs)
		}
	}
}

// TestReadmeResources: the resources table lists exactly what the server
// offers (resources and templates), as a client sees them.
func TestReadmeResources(t *testing.T) {
	md := readme(t)
	sec := section(t, md, "### Resources")
	documented := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^\\| `(freshdesk://[^`]+)` \\|").FindAllStringSubmatch(sec, -1) {
		documented[m[1]] = true
	}
	s := start(t, newUpstream(t))
	served := map[string]bool{}
	ctx := context.Background()
	for r, err := range s.cs.Resources(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		served[r.URI] = true
	}
	for r, err := range s.cs.ResourceTemplates(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		served[r.URITemplate] = true
	}
	if len(served) == 0 {
		t.Fatal("the server offers no resources")
	}
	if !maps.Equal(documented, served) {
		t.Errorf("README resources %v; the server offers %v", slices.Sorted(maps.Keys(documented)), slices.Sorted(maps.Keys(served)))
	}
}

// TestReadmeToolsetLists: every place that lists the toolsets lists all.
func TestReadmeToolsetLists(t *testing.T) {
	md := readme(t)
	want := slices.Sorted(slices.Values(tools.Toolsets()))
	lists := regexp.MustCompile("`--toolsets` \\(`default`, `all`, or any of `([a-z, ]+)`\\)|any of ([a-z, ]+) \\|").FindAllStringSubmatch(md, -1)
	if len(lists) < 2 {
		t.Fatalf("found %d toolset lists in the README, expected the safety model's and the configuration table's", len(lists))
	}
	for _, m := range lists {
		got := strings.Split(strings.ReplaceAll(m[1]+m[2], " ", ""), ",")
		if slices.Sort(got); !slices.Equal(got, want) {
			t.Errorf("README lists toolsets %v in %q; the server has %v", got, m[0], want)
		}
	}
}

// TestReadmeWriteCosts: the credits the tool table states for each write
// are what a confirmed write costs in the default (confirm) mode.
func TestReadmeWriteCosts(t *testing.T) {
	md := readme(t)
	u := newUpstream(t)
	accept := &gomcp.ClientOptions{ElicitationHandler: func(context.Context, *gomcp.ElicitRequest) (*gomcp.ElicitResult, error) {
		return &gomcp.ElicitResult{Action: "accept"}, nil
	}}
	s := startWith(t, u, accept)
	s.call(t, "get_ticket_fields", nil) // names are cached, as in a session that read anything
	const ticket = 57
	for _, tc := range []struct {
		tool string
		args map[string]any
	}{
		{"add_note", map[string]any{"ticket_id": ticket, "body": "Checked the load balancer logs: request 5d2e8f1a hit the old idle timeout."}},
		{"send_reply", map[string]any{"ticket_id": ticket, "body": "Hi Daniel, that request was served before the change; no action needed."}},
		{"update_ticket", map[string]any{"ticket_id": ticket, "status": "pending"}},
	} {
		u.take()
		s.call(t, tc.tool, tc.args)
		spans := u.take()
		spent := costOf(spans).Credits
		for _, sp := range spans {
			t.Logf("%s: %s (%d)", tc.tool, sp.path, sp.credits)
		}
		m := regexp.MustCompile("(?m)^\\| `" + tc.tool + "` \\| writes \\|.*\\| (\\d+)[^|]*\\|$").FindStringSubmatch(md)
		if m == nil {
			t.Errorf("no credits for %s in the README tool table", tc.tool)
			continue
		}
		if n, _ := strconv.Atoi(m[1]); n != spent {
			t.Errorf("README: %s costs %d credits; confirmed in confirm mode it cost %d", tc.tool, n, spent)
		}
	}
}

// section returns the README text from heading to the next heading.
func section(t *testing.T, md, heading string) string {
	t.Helper()
	i := strings.Index(md, "\n"+heading+"\n")
	if i < 0 {
		t.Fatalf("README has no %q", heading)
	}
	rest := md[i+len(heading)+2:]
	if j := strings.Index(rest, "\n#"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}
