package tools_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/server"
	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/prompts"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools/toolstest"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// syncBuffer is an audit log sink safe for concurrent use.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// lines parses the audit log.
func (s *syncBuffer) lines(t testing.TB) []map[string]any {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(s.b.Bytes()))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("audit line is not JSON: %q: %v", sc.Text(), err)
		}
		out = append(out, m)
	}
	return out
}

// decisions lists the audit decisions in order.
func (s *syncBuffer) decisions(t testing.TB) []string {
	var out []string
	for _, l := range s.lines(t) {
		out = append(out, l["decision"].(string))
	}
	return out
}

type policyOpts struct {
	mode           policy.Mode
	confirmReplies *bool
	fallback       policy.Fallback
	budget         string
	hidePrivate    bool
	// elicit answers elicitations; nil: the client cannot elicit.
	elicit func(msg string) string
	// protocol pins the client's protocol version ("" = latest).
	protocol string
	fd       *fdtest.TestServer
	toolsets []string
	// elicitErr makes the client's elicitation handler fail.
	elicitErr bool
	// raw skips the SDK client: the test speaks JSON-RPC itself (w.raw),
	// to send what no well-behaved client sends (forged inputResponses).
	raw bool
	// secret is the confirmation secret (nil: random, this env only); two
	// envs with one secret model two processes of one deployment.
	secret []byte
	// urlOnly: the client declares URL-mode elicitation only (elicit
	// answers it; the URLs are in w.pageURLs).
	urlOnly bool
}

// wenv is a server with the write tools and the policy, driven by the
// official Go SDK client.
type wenv struct {
	*env
	clk      *clock
	audit    *syncBuffer
	pol      *mcppolicy.Policy
	raw      *rawConn
	elicited []string
	urls     []string
	mu       sync.Mutex
}

func (w *wenv) elicitations() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.elicited...)
}

func newWriteEnv(t testing.TB, o policyOpts) *wenv {
	t.Helper()
	fd, client := toolstest.Client(t, o.fd)
	w := &wenv{clk: newClock(), audit: &syncBuffer{}}
	w.pol = toolstest.NewPolicy(t, toolstest.PolicyOptions{Mode: o.mode, Toolsets: o.toolsets, Secret: o.secret, Budget: o.budget,
		ConfirmReplies: o.confirmReplies, Fallback: o.fallback, Now: w.clk.Now, Audit: w.audit})
	deps := tools.Deps{Client: client, PrivateNotes: !o.hidePrivate, Policy: w.pol}
	s := server.NewMCPServer("freshdesk-mcp-test", "test",
		server.WithToolCapabilities(false),
		server.WithResourceCapabilities(false, false),
		server.WithPromptCapabilities(false))
	tools.Register(s, tools.All(deps))
	tools.RegisterResources(s, deps)
	prompts.Register(s, deps)
	w.pol.Install(s, client)

	if o.raw {
		r, wr := toolstest.Serve(t, s)
		w.raw = &rawConn{t: t, w: wr, r: bufio.NewReader(r)}
		w.env = &env{t: t, fd: fd}
		return w
	}
	var copts gomcp.ClientOptions
	if o.elicitErr {
		copts.ElicitationHandler = func(context.Context, *gomcp.ElicitRequest) (*gomcp.ElicitResult, error) {
			return nil, errors.New("the user interface is not available")
		}
	}
	if o.elicit != nil {
		copts.ElicitationHandler = func(_ context.Context, req *gomcp.ElicitRequest) (*gomcp.ElicitResult, error) {
			w.mu.Lock()
			w.elicited = append(w.elicited, req.Params.Message)
			if req.Params.Mode == "url" {
				w.urls = append(w.urls, req.Params.URL)
			}
			w.mu.Unlock()
			return &gomcp.ElicitResult{Action: o.elicit(req.Params.Message)}, nil
		}
	}
	if o.urlOnly {
		copts.Capabilities = &gomcp.ClientCapabilities{Elicitation: &gomcp.ElicitationCapabilities{URL: &gomcp.URLElicitationCapabilities{}}}
	}
	cs := toolstest.Connect(t, s, &copts, &gomcp.ClientSessionOptions{ProtocolVersion: o.protocol})
	w.env = &env{t: t, fd: fd, cs: cs}
	return w
}

// structured decodes a result's text as JSON.
func structured(t testing.TB, res *gomcp.CallToolResult) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(text(res)), &m); err != nil {
		t.Fatalf("result is not JSON: %s", text(res))
	}
	return m
}

// writeRequests are the emulator's non-GET requests.
func writeRequests(fd *fdtest.TestServer) []fdtest.Request {
	var out []fdtest.Request
	for _, r := range fd.Requests() {
		if r.Method != "GET" {
			out = append(out, r)
		}
	}
	return out
}

// noteCount counts ticket id's conversations whose body contains s.
func noteCount(fd *fdtest.TestServer, id int64, s string) int {
	n := 0
	for _, c := range fd.Conversations(id) {
		if strings.Contains(fmtAny(c["body_text"])+fmtAny(c["body"]), s) {
			n++
		}
	}
	return n
}

func fmtAny(v any) string {
	s, _ := v.(string)
	return s
}

// rawConn speaks newline-delimited JSON-RPC to the stdio server.
type rawConn struct {
	t      testing.TB
	w      io.Writer
	r      *bufio.Reader
	nextID int
}

// notify sends a notification.
func (c *rawConn) notify(method string, params any) {
	c.t.Helper()
	c.write(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

func (c *rawConn) write(msg map[string]any) {
	c.t.Helper()
	b, err := json.Marshal(msg)
	if err != nil {
		c.t.Fatal(err)
	}
	if _, err := c.w.Write(append(b, '\n')); err != nil {
		c.t.Fatalf("write: %v", err)
	}
}

// rawResponse is one JSON-RPC response.
type rawResponse struct {
	Result map[string]any `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// call sends a request and returns its response; a server-to-client request
// fails the test (the raw client declares no capabilities to answer one).
func (c *rawConn) call(method string, params any) rawResponse {
	c.t.Helper()
	c.nextID++
	id := c.nextID
	c.write(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
	for {
		line, err := c.r.ReadBytes('\n')
		if err != nil {
			c.t.Fatalf("%s: read: %v", method, err)
		}
		var head struct {
			ID     json.RawMessage `json:"id"`
			Method string          `json:"method"`
		}
		if err := json.Unmarshal(line, &head); err != nil {
			c.t.Fatalf("%s: bad JSON from server: %s", method, line)
		}
		if head.Method != "" {
			if len(head.ID) > 0 {
				c.t.Fatalf("%s: unexpected server request %s", method, line)
			}
			continue // a notification
		}
		if string(head.ID) != fmt.Sprint(id) {
			continue
		}
		var r rawResponse
		if err := json.Unmarshal(line, &r); err != nil {
			c.t.Fatalf("%s: decode %s: %v", method, line, err)
		}
		return r
	}
}

// initLegacy runs the initialize handshake of a legacy client with the
// given capabilities.
func (c *rawConn) initLegacy(version string, caps map[string]any) {
	c.t.Helper()
	r := c.call("initialize", map[string]any{"protocolVersion": version, "capabilities": caps,
		"clientInfo": map[string]any{"name": "raw", "version": "1"}})
	if r.Error != nil {
		c.t.Fatalf("initialize: %s", r.Error.Message)
	}
	c.notify("notifications/initialized", map[string]any{})
}

// modernMeta is the _meta of a stateless 2026-07-28 request.
func modernMeta(caps map[string]any) map[string]any {
	return map[string]any{
		"io.modelcontextprotocol/protocolVersion":    "2026-07-28",
		"io.modelcontextprotocol/clientCapabilities": caps,
		"io.modelcontextprotocol/clientInfo":         map[string]any{"name": "raw", "version": "1"},
	}
}

// rawText is the text content of a tools/call result.
func rawText(r rawResponse) string {
	var b strings.Builder
	cs, _ := r.Result["content"].([]any)
	for _, c := range cs {
		if m, ok := c.(map[string]any); ok {
			s, _ := m["text"].(string)
			b.WriteString(s)
		}
	}
	return b.String()
}
