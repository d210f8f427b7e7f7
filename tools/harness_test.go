package tools_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/server"
	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools/toolstest"
)

// env is an mcp-go server built with tools.Register/RegisterResources, driven
// by the official Go SDK client over in-process stdio pipes, against the
// fdtest emulator.
type env struct {
	t  testing.TB
	fd *fdtest.TestServer
	cs *gomcp.ClientSession
}

type envOpts struct {
	hidePrivate bool
	maxChars    int
	register    func(s *server.MCPServer, deps tools.Deps)
}

func newEnv(t testing.TB, o envOpts) *env {
	t.Helper()
	fd := fdtest.NewServer(t, fdtest.Options{Demo: true})
	return newEnvWith(t, fd, o)
}

func newEnvWith(t testing.TB, fd *fdtest.TestServer, o envOpts) *env {
	t.Helper()
	_, client := toolstest.Client(t, fd)
	deps := tools.Deps{Client: client, MaxChars: o.maxChars, PrivateNotes: !o.hidePrivate}
	s := server.NewMCPServer("freshdesk-mcp-test", "test",
		server.WithToolCapabilities(false),
		server.WithResourceCapabilities(false, false),
		server.WithPromptCapabilities(false),
		server.WithInstructions(tools.Instructions))
	tools.Register(s, readTools(deps))
	tools.RegisterResources(s, deps)
	if o.register != nil {
		o.register(s, deps)
	}
	cs := toolstest.Connect(t, s, nil, nil)
	return &env{t: t, fd: fd, cs: cs}
}

// call runs a tool and returns the result; a protocol error fails the test.
func (e *env) call(name string, args map[string]any) *gomcp.CallToolResult {
	e.t.Helper()
	if args == nil {
		args = map[string]any{}
	}
	res, err := e.cs.CallTool(context.Background(), &gomcp.CallToolParams{Name: name, Arguments: args})
	if err != nil {
		e.t.Fatalf("%s: protocol error: %v", name, err)
	}
	return res
}

// ok runs a tool that must succeed and decodes its structured content into out.
func (e *env) ok(name string, args map[string]any, out any) string {
	e.t.Helper()
	res := e.call(name, args)
	txt := text(res)
	if res.IsError {
		e.t.Fatalf("%s(%v): unexpected error result: %s", name, args, txt)
	}
	if out != nil {
		if err := json.Unmarshal([]byte(txt), out); err != nil {
			e.t.Fatalf("%s: decode %s: %v", name, txt, err)
		}
	}
	return txt
}

// fail runs a tool that must return an IsError result and returns its text.
func (e *env) fail(name string, args map[string]any) string {
	e.t.Helper()
	res := e.call(name, args)
	if !res.IsError {
		e.t.Fatalf("%s(%v): want an error result, got %s", name, args, text(res))
	}
	return text(res)
}

func text(res *gomcp.CallToolResult) string {
	var b strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(*gomcp.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String()
}

// credits sums the emulator's charge over its request log.
func credits(reqs []fdtest.Request) int {
	n := 0
	for _, r := range reqs {
		n += r.Credits
	}
	return n
}

func metaInt(t testing.TB, res *gomcp.CallToolResult, key string) int {
	t.Helper()
	v, ok := res.Meta[key]
	if !ok {
		t.Fatalf("_meta has no %q: %v", key, res.Meta)
	}
	f, ok := v.(float64)
	if !ok {
		t.Fatalf("_meta.%s = %T %v, want a number", key, v, v)
	}
	return int(f)
}

func decode(t testing.TB, s string, out any) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), out); err != nil {
		t.Fatalf("decode %.300s: %v", s, err)
	}
}

// readTools are the tools that never write (draft_reply included: it writes
// only through the policy, which these servers do not have).
func readTools(deps tools.Deps) []tools.Tool {
	var out []tools.Tool
	for _, t := range tools.All(deps) {
		if t.Access == tools.Read {
			out = append(out, t)
		}
	}
	return out
}

// writeTools are the tools that write.
func writeTools(deps tools.Deps) []tools.Tool {
	var out []tools.Tool
	for _, t := range tools.All(deps) {
		if t.Access != tools.Read {
			out = append(out, t)
		}
	}
	return out
}
