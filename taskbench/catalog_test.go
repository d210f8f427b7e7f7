package taskbench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/pkoukk/tiktoken-go"
	tiktokenloader "github.com/pkoukk/tiktoken-go-loader"
)

// catalogue is what a client loads before the first tool call: the
// tools/list result and the server instructions, as raw bytes on the wire.
type catalogue struct {
	tools        []byte // the JSON-RPC result of tools/list, as sent
	instructions string
}

// defaultCatalogue starts freshdesk-mcp with its default configuration and
// returns what a client receives from initialize and tools/list.
func defaultCatalogue(t testing.TB) catalogue {
	t.Helper()
	u := newUpstream(t)
	s := start(t, u)
	if _, err := s.cs.ListTools(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	var c catalogue
	for line := range bytes.Lines(s.raw.Bytes()) {
		var msg struct {
			Result json.RawMessage `json:"result"`
		}
		if json.Unmarshal(line, &msg) != nil || msg.Result == nil {
			continue
		}
		var r struct {
			Tools        json.RawMessage `json:"tools"`
			Instructions *string         `json:"instructions"`
		}
		if err := json.Unmarshal(msg.Result, &r); err != nil {
			continue
		}
		switch {
		case r.Tools != nil:
			c.tools = bytes.TrimSpace(msg.Result)
		case r.Instructions != nil:
			c.instructions = *r.Instructions
		}
	}
	if c.tools == nil || c.instructions == "" {
		t.Fatalf("no tools/list result or instructions in the server's output")
	}
	// Starting and listing never spends a credit: desktop clients start the
	// server every time they launch, so the ticket fields are loaded by the
	// first call that needs them, not prefetched at start.
	if spent := costOf(u.take()); spent.Requests != 0 {
		t.Errorf("start-up and tools/list sent %d requests (%d credits), want none", spent.Requests, spent.Credits)
	}
	return c
}

var (
	encOnce sync.Once
	enc     *tiktoken.Tiktoken
	encErr  error
)

// o200k returns the o200k_base tokenizer (GPT-4o and later) with its
// vocabulary embedded in the binary: nothing is downloaded.
func o200k(t testing.TB) *tiktoken.Tiktoken {
	t.Helper()
	encOnce.Do(func() {
		// The library's only way to choose a vocabulary source is this
		// package-level setter; the offline loader reads embedded files.
		tiktoken.SetBpeLoader(tiktokenloader.NewOfflineLoader())
		enc, encErr = tiktoken.GetEncoding(tiktoken.MODEL_O200K_BASE)
	})
	if encErr != nil {
		t.Fatal(encErr)
	}
	return enc
}

// tokens counts o200k tokens of s.
func tokens(t testing.TB, s string) int { return len(o200k(t).Encode(s, nil, nil)) }

// catalogueBudget is the most tokens the default catalogue may cost.
const catalogueBudget = 5_750

// TestCatalogueTokens keeps the default catalogue (tools/list + the server
// instructions) within its token budget, counted with a real tokenizer.
func TestCatalogueTokens(t *testing.T) {
	c := defaultCatalogue(t)
	tt, it := tokens(t, string(c.tools)), tokens(t, c.instructions)
	t.Logf("default catalogue: tools/list %d bytes %d tokens, instructions %d bytes %d tokens, total %d tokens",
		len(c.tools), tt, len(c.instructions), it, tt+it)
	if tt+it > catalogueBudget {
		t.Errorf("default catalogue is %d tokens, budget %d", tt+it, catalogueBudget)
	}
	logBreakdown(t, c.tools)
	budget := regexp.MustCompile(`keeps\s+it\s+under\s+([\d,]+)\s+tokens`).FindStringSubmatch(readme(t))
	if budget == nil || strings.ReplaceAll(budget[1], ",", "") != strconv.Itoa(catalogueBudget) {
		t.Errorf("README states catalogue budget %v; the test keeps it under %d", budget, catalogueBudget)
	}
}

// TestTokenizer pins the tokenizer to known counts, so a broken vocabulary
// cannot make every catalogue look small.
func TestTokenizer(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"hello world", 2},
		{"", 0},
	} {
		if got := tokens(t, tc.s); got != tc.want {
			t.Errorf("tokens(%q) = %d, want %d", tc.s, got, tc.want)
		}
	}
}

// logBreakdown logs each tool's tokens by part (description, input and
// output schema, the rest), the largest first: where to look when the
// catalogue grows.
func logBreakdown(t *testing.T, toolsList []byte) {
	t.Helper()
	var r struct {
		Tools []map[string]json.RawMessage `json:"tools"`
	}
	if err := json.Unmarshal(toolsList, &r); err != nil {
		t.Fatal(err)
	}
	type row struct {
		name                       string
		total, desc, in, out, rest int
	}
	var rows []row
	var sum row
	for _, tl := range r.Tools {
		var x row
		_ = json.Unmarshal(tl["name"], &x.name)
		all, _ := json.Marshal(tl)
		x.total = tokens(t, string(all))
		x.desc = tokens(t, string(tl["description"]))
		x.in = tokens(t, string(tl["inputSchema"]))
		x.out = tokens(t, string(tl["outputSchema"]))
		x.rest = x.total - x.desc - x.in - x.out
		rows = append(rows, x)
		sum.total, sum.desc, sum.in, sum.out, sum.rest = sum.total+x.total, sum.desc+x.desc, sum.in+x.in, sum.out+x.out, sum.rest+x.rest
	}
	slices.SortFunc(rows, func(a, b row) int { return b.total - a.total })
	var b strings.Builder
	fmt.Fprintf(&b, "%-24s %6s %6s %6s %6s %6s\n", "tool", "total", "desc", "input", "output", "rest")
	for _, x := range append(rows, row{name: "(all tools)", total: sum.total, desc: sum.desc, in: sum.in, out: sum.out, rest: sum.rest}) {
		fmt.Fprintf(&b, "%-24s %6d %6d %6d %6d %6d\n", x.name, x.total, x.desc, x.in, x.out, x.rest)
	}
	t.Logf("tokens per tool:\n%s", b.String())
}
