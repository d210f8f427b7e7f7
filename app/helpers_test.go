package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/server"
	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
)

// binDir holds the binary built once for the tests that run it.
var (
	binDir   string
	binOnce  sync.Once
	binPath  string
	binError error
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "freshdesk-mcp-app-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// builtBinary builds the freshdesk-mcp binary once per test run.
func builtBinary(t testing.TB) string {
	t.Helper()
	binOnce.Do(func() {
		binPath = filepath.Join(binDir, "freshdesk-mcp")
		cmd := exec.Command("go", "build", "-o", binPath, "..")
		out, err := cmd.CombinedOutput()
		if err != nil {
			binError = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binError != nil {
		t.Fatal(binError)
	}
	return binPath
}

// env is a lookupEnv over a map.
func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

// emulator is the demo helpdesk on a 127.0.0.1 test listener, with a rate
// limit high enough that no test or benchmark runs into it.
func emulator(t testing.TB) *fdtest.TestServer {
	t.Helper()
	return fdtest.NewServer(t, fdtest.Options{Demo: true, RateLimit: 1 << 30})
}

// emulatorEnv is the environment that points freshdesk-mcp at ts.
func emulatorEnv(ts *fdtest.TestServer) map[string]string {
	return map[string]string{"FRESHDESK_DOMAIN": ts.URL, "FRESHDESK_API_KEY": ts.APIKey}
}

// demoTicket is a demo ticket with a conversation thread and its subject,
// read straight from the emulator so the tests do not hard-code demo data.
func demoTicket(t testing.TB, ts *fdtest.TestServer) (int64, string) {
	t.Helper()
	ids := ts.TicketIDs()
	if len(ids) == 0 {
		t.Fatal("demo helpdesk has no tickets")
	}
	for _, id := range ids {
		if len(ts.Conversations(id)) > 0 {
			tk, _ := ts.Ticket(id)
			return id, fmt.Sprint(tk["subject"])
		}
	}
	tk, _ := ts.Ticket(ids[0])
	return ids[0], fmt.Sprint(tk["subject"])
}

// testServer builds the real MCP server (same code path as Main) against ts.
func testServer(t testing.TB, ts *fdtest.TestServer, logger *slog.Logger) *server.MCPServer {
	t.Helper()
	c, err := newConfig(env(emulatorEnv(ts)))
	if err != nil {
		t.Fatal(err)
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	b, err := newBackend(c, logger)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.close() })
	s, _, err := buildServer(c, b, logger)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// connect opens a go-sdk client session over tr, closed at test end.
func connect(t testing.TB, tr gomcp.Transport) *gomcp.ClientSession {
	t.Helper()
	// The connection outlives Connect (the legacy SSE transport holds its
	// event stream on this context), so it ends at test cleanup, not here.
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	c := gomcp.NewClient(&gomcp.Implementation{Name: "freshdesk-mcp-test", Version: "1.0.0"}, nil)
	cs, err := c.Connect(ctx, tr, nil)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { _ = cs.Close() })
	return cs
}

// pipeTransport serves s over stdio on in-memory pipes (the real stdio
// code path) and returns the client end.
func pipeTransport(t testing.TB, s *server.MCPServer) gomcp.Transport {
	t.Helper()
	c2sR, c2sW := io.Pipe()
	s2cR, s2cW := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = serveStdio(ctx, s, c2sR, s2cW, slog.New(slog.DiscardHandler))
		_ = s2cW.Close()
	}()
	t.Cleanup(func() {
		cancel()
		_ = c2sW.Close()
		_ = c2sR.Close()
		<-done
	})
	return &gomcp.IOTransport{Reader: s2cR, Writer: c2sW}
}

// runMain runs Main with a fresh stdout/stderr and returns them.
func runMain(t testing.TB, envm map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	code = Main(ctx, args, bytes.NewReader(nil), &out, &errb, env(envm))
	return code, out.String(), errb.String()
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

// lockedWriter serialises writes so a test can read logs written by
// server goroutines.
type lockedWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
