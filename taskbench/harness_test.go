package taskbench

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/app"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
)

// latency is added to every upstream request, like a real network, so that
// requests sent in parallel overlap reliably and the round-trip count is not
// at the mercy of goroutine scheduling.
const latency = 25 * time.Millisecond

// span is one upstream request as the emulator saw it.
type span struct {
	start, end time.Time
	credits    int
	path       string
}

// upstream is the demo helpdesk behind a recording, latency-adding handler.
type upstream struct {
	fd  *fdtest.Server
	url string

	mu    sync.Mutex
	spans []span
}

func newUpstream(t testing.TB) *upstream {
	t.Helper()
	u := &upstream{fd: fdtest.New(fdtest.Options{Demo: true, APIKey: "bench", RateLimit: 1 << 30})}
	hs := httptest.NewServer(u)
	t.Cleanup(hs.Close)
	u.url = hs.URL
	return u
}

func (u *upstream) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	time.Sleep(latency)
	u.fd.ServeHTTP(w, r)
	// Freshdesk reports the cost of every admitted request in this header.
	credits, _ := strconv.Atoi(w.Header().Get("X-RateLimit-Used-CurrentRequest"))
	u.mu.Lock()
	u.spans = append(u.spans, span{start: start, end: time.Now(), credits: credits, path: r.URL.Path + "?" + r.URL.RawQuery})
	u.mu.Unlock()
}

// take returns and clears the recorded requests.
func (u *upstream) take() []span {
	u.mu.Lock()
	defer u.mu.Unlock()
	s := u.spans
	u.spans = nil
	return s
}

// cost is what a piece of work spent upstream.
type cost struct {
	Credits    int // Freshdesk credits
	Requests   int // upstream HTTP requests
	RoundTrips int // the longest chain of requests each sent after the previous answered: the wall time in round trips
}

func (c cost) add(o cost) cost {
	return cost{Credits: c.Credits + o.Credits, Requests: c.Requests + o.Requests, RoundTrips: c.RoundTrips + o.RoundTrips}
}

// costOf sums spans; round trips is the longest chain of non-overlapping
// requests (requests sent in parallel overlap and count once).
func costOf(spans []span) cost {
	c := cost{Requests: len(spans)}
	s := slices.Clone(spans)
	slices.SortFunc(s, func(a, b span) int { return a.end.Compare(b.end) })
	depth := make([]int, len(s))
	for i, x := range s {
		c.Credits += x.credits
		depth[i] = 1
		for j := range i {
			if !s[j].end.After(x.start) {
				depth[i] = max(depth[i], depth[j]+1)
			}
		}
		c.RoundTrips = max(c.RoundTrips, depth[i])
	}
	return c
}

// session is one freshdesk-mcp process (app.Main on in-memory stdio pipes)
// with a connected go-sdk client. raw holds every byte the server wrote to
// stdout, exactly as the client received it.
type session struct {
	cs  *gomcp.ClientSession
	raw *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) Bytes() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.b.Bytes())
}

type readCloser struct {
	io.Reader
	io.Closer
}

// start runs freshdesk-mcp with args against u and connects a client.
func start(t testing.TB, u *upstream, args ...string) *session {
	t.Helper()
	return startWith(t, u, nil, args...)
}

// startWith is start with client options (e.g. an elicitation handler: a
// person who confirms writes).
func startWith(t testing.TB, u *upstream, copts *gomcp.ClientOptions, args ...string) *session {
	t.Helper()
	env := map[string]string{"FRESHDESK_DOMAIN": u.url, "FRESHDESK_API_KEY": u.fd.APIKey()}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	c2sR, c2sW := io.Pipe()
	s2cR, s2cW := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var stderr syncBuffer
	go func() {
		code := app.Main(ctx, args, c2sR, s2cW, &stderr, lookup)
		_ = s2cW.Close()
		done <- code
	}()
	raw := &syncBuffer{}
	tr := &gomcp.IOTransport{Reader: readCloser{io.TeeReader(s2cR, raw), s2cR}, Writer: c2sW}
	client := gomcp.NewClient(&gomcp.Implementation{Name: "taskbench", Version: "1.0.0"}, copts)
	cs, err := client.Connect(ctx, tr, nil)
	if err != nil {
		cancel()
		t.Fatalf("connect: %v\nstderr: %s", err, stderr.Bytes())
	}
	t.Cleanup(func() {
		_ = cs.Close()
		cancel()
		_ = c2sW.Close()
		<-done
	})
	return &session{cs: cs, raw: raw}
}

// call runs one tool and decodes its structured result; a tool error fails t.
func (s *session) call(t testing.TB, name string, args map[string]any) map[string]any {
	t.Helper()
	res, err := s.cs.CallTool(context.Background(), &gomcp.CallToolParams{Name: name, Arguments: args})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if res.IsError {
		t.Fatalf("%s %v: tool error: %s", name, args, text(res))
	}
	var out map[string]any
	if err := json.Unmarshal([]byte(text(res)), &out); err != nil {
		t.Fatalf("%s: result is not JSON: %v", name, err)
	}
	return out
}

func text(res *gomcp.CallToolResult) string {
	var b bytes.Buffer
	for _, c := range res.Content {
		if tc, ok := c.(*gomcp.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String()
}

// fdtestGet reads an API path from the emulator directly (not through the
// recording handler), for picking test data.
func fdtestGet(t testing.TB, fd *fdtest.Server, path string) []byte {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "/api/v2"+path, nil)
	req.SetBasicAuth(fd.APIKey(), "X")
	req.Header.Set("Accept", "application/json")
	rec := httptest.NewRecorder()
	fd.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body.Bytes())
	}
	return rec.Body.Bytes()
}
