package app

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy/redistest"
)

// cluster is three replicas of the real binary sharing one Redis and one
// emulated Freshdesk, behind a round-robin reverse proxy (no affinity).
type cluster struct {
	fd       *fdtest.TestServer
	redis    *redistest.Server
	replicas []*replicaProc
	proxy    *httptest.Server
	next     atomic.Uint64
	hits     []atomic.Int64 // requests each replica received
}

// replicaProc is one running binary and its stderr (JSON log lines).
type replicaProc struct {
	cmd *exec.Cmd
	url *url.URL
	mu  sync.Mutex
	log bytes.Buffer
}

func (r *replicaProc) logs() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.log.String()
}

// startCluster starts the emulator, a persistent Redis (as production
// would run it) and three replicas with args, and the proxy.
func startCluster(t *testing.T, fdOpts fdtest.Options, args ...string) *cluster {
	t.Helper()
	fdOpts.Demo = true
	c := &cluster{fd: fdtest.NewServer(t, fdOpts), redis: redistest.Start(t, redistest.Options{Persist: true})}
	bin := builtBinary(t)
	for range 3 {
		c.replicas = append(c.replicas, startReplica(t, bin, c, args))
	}
	c.hits = make([]atomic.Int64, len(c.replicas))
	rp := &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			i := int((c.next.Add(1) - 1) % uint64(len(c.replicas)))
			c.hits[i].Add(1)
			pr.SetURL(c.replicas[i].url)
			pr.Out.Host = pr.In.Host
		},
		FlushInterval: -1,
	}
	c.proxy = httptest.NewServer(rp)
	t.Cleanup(c.proxy.Close)
	return c
}

func startReplica(t *testing.T, bin string, c *cluster, args []string) *replicaProc {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"--http", "127.0.0.1:0", "--log-format", "json", "--mode", "unattended"}, args...)...)
	cmd.Env = []string{"PATH=/usr/bin:/bin", "FRESHDESK_DOMAIN=" + c.fd.URL, "FRESHDESK_API_KEY=" + c.fd.APIKey,
		"FRESHDESK_MCP_CONFIRM_SECRET=" + testSecret, "FRESHDESK_MCP_REDIS=" + c.redis.URL()}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := &replicaProc{cmd: cmd}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("replica log:\n%s", r.logs())
		}
	})
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			r.mu.Lock()
			r.log.WriteString(line + "\n")
			r.mu.Unlock()
			var m map[string]any
			if json.Unmarshal([]byte(line), &m) == nil && m["msg"] == "serving MCP over HTTP" {
				s, _ := m["streamable"].(string)
				addr <- strings.TrimSuffix(s, pathMCP)
			}
		}
	}()
	select {
	case a := <-addr:
		u, err := url.Parse(a)
		if err != nil {
			t.Fatal(err)
		}
		r.url = u
	case <-time.After(20 * time.Second):
		t.Fatalf("replica did not start; log:\n%s", r.logs())
	}
	return r
}

// replicaGet GETs path on replica r directly (not through the proxy) and
// returns the status and body.
func replicaGet(t *testing.T, r *replicaProc, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(r.url.String() + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// client connects a go-sdk client (protocol 2026-07-28, stateless) through
// the proxy; header adds request headers (e.g. a mode tightening).
func (c *cluster) client(t *testing.T, opts *gomcp.ClientOptions, header map[string]string) *gomcp.ClientSession {
	t.Helper()
	tr := &gomcp.StreamableClientTransport{Endpoint: c.proxy.URL + pathMCP,
		HTTPClient: &http.Client{Transport: headerTransport{header, http.DefaultTransport}}}
	cl := gomcp.NewClient(&gomcp.Implementation{Name: "replica-test", Version: "1"}, opts)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	cs, err := cl.Connect(ctx, tr, nil)
	if err != nil {
		t.Fatalf("connect through the proxy: %v", err)
	}
	t.Cleanup(func() { _ = cs.Close() })
	if v := cs.InitializeResult().ProtocolVersion; v != "2026-07-28" {
		t.Fatalf("negotiated %s, want the stateless 2026-07-28", v)
	}
	return cs
}

// call calls tool and returns its text and whether it is an error result.
func call(t *testing.T, cs *gomcp.ClientSession, tool string, args map[string]any) (string, bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := cs.CallTool(ctx, &gomcp.CallToolParams{Name: tool, Arguments: args})
	if err != nil {
		t.Errorf("%s: %v", tool, err) // not Fatal: callers run it on goroutines
		return "protocol error: " + err.Error(), true
	}
	return resultText(res), res.IsError
}

// clusterClient is a go-sdk session on base/mcp (stateless protocol).
type clusterClient struct{ cs *gomcp.ClientSession }

func newClusterClient(t testing.TB, base string) *clusterClient {
	t.Helper()
	cl := gomcp.NewClient(&gomcp.Implementation{Name: "soak", Version: "1"}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	cs, err := cl.Connect(ctx, &gomcp.StreamableClientTransport{Endpoint: base + pathMCP}, nil)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { _ = cs.Close() })
	return &clusterClient{cs: cs}
}

func (c *clusterClient) call(t *testing.T, tool string, args map[string]any) (string, bool) {
	return call(t, c.cs, tool, args)
}

// hitCounts returns the requests per replica so far.
func (c *cluster) hitCounts() []int64 {
	out := make([]int64, len(c.hits))
	for i := range c.hits {
		out[i] = c.hits[i].Load()
	}
	return out
}

// upstream counts the emulator's requests, 429s and credits.
func upstream(fd *fdtest.TestServer) (requests, n429, credits int) {
	for _, r := range fd.Requests() {
		requests++
		credits += r.Credits
		if r.Status == http.StatusTooManyRequests {
			n429++
		}
	}
	return requests, n429, credits
}
