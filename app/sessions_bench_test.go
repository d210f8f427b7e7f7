package app

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/server"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
)

// benchSessions is how many streamable-HTTP sessions run at once.
const benchSessions = 1000

// BenchmarkConcurrentSessions runs the built binary with --http against the
// demo helpdesk (the emulator, with a rate limit high enough never to
// refuse) and opens benchSessions streamable-HTTP sessions at once, each
// doing initialize, notifications/initialized, tools/list and one
// get_ticket. It reports the server process's peak RSS (VmHWM) and the p50
// and p99 latency of those requests, with Go's default GC settings and
// with the soft memory limit the README recommends for containers.
// Bounded: one round per iteration, two minutes at most.
func BenchmarkConcurrentSessions(b *testing.B) {
	for _, env := range []string{"default", "GOMEMLIMIT=100MiB"} {
		b.Run(strings.ReplaceAll(env, "=", "-"), func(b *testing.B) { benchConcurrentSessions(b, env) })
	}
}

func benchConcurrentSessions(b *testing.B, extraEnv string) {
	bin := builtBinary(b)
	ts := fdtest.NewServer(b, fdtest.Options{Demo: true, RateLimit: 1 << 30})
	id, _ := demoTicket(b, ts)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--http", "127.0.0.1:0", "--log-format", "json", "--log-level", "warn")
	cmd.Env = append(os.Environ(), "FRESHDESK_DOMAIN="+ts.URL, "FRESHDESK_API_KEY="+ts.APIKey, "GOMEMLIMIT=off", "GOGC=100")
	if strings.Contains(extraEnv, "=") {
		cmd.Env = append(cmd.Env, extraEnv)
	}
	base := startLogged(b, cmd)

	tr := &http.Transport{MaxIdleConnsPerHost: benchSessions, MaxConnsPerHost: 0}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: time.Minute}
	call := fmt.Sprintf(`{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"get_ticket","arguments":{"ticket_id":%d}}}`, id)

	var all, calls, rest []time.Duration
	for b.Loop() {
		lat := make([][]time.Duration, benchSessions)
		errs := make(chan error, benchSessions)
		var wg sync.WaitGroup
		for i := range benchSessions {
			wg.Go(func() {
				l, err := benchSession(ctx, client, base, call)
				lat[i] = l
				if err != nil {
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			b.Fatal(err)
		}
		for _, l := range lat {
			all = append(all, l...)
			calls = append(calls, l[len(l)-1])
			rest = append(rest, l[:len(l)-1]...)
		}
	}
	pct := func(d []time.Duration, p float64) float64 {
		slices.Sort(d)
		return float64(d[int(p*float64(len(d)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(float64(peakRSS(b, cmd.Process.Pid))/(1<<20), "peak-RSS-MB")
	b.ReportMetric(pct(all, 0.50), "p50-ms")
	b.ReportMetric(pct(all, 0.99), "p99-ms")
	// get_ticket waits for one of the 4 Freshdesk slots; the rest never
	// calls Freshdesk.
	b.ReportMetric(pct(calls, 0.99), "p99-get_ticket-ms")
	b.ReportMetric(pct(rest, 0.99), "p99-no-upstream-ms")
	b.ReportMetric(float64(len(all)), "requests")
}

// benchSession runs one session and returns the latency of each request.
func benchSession(ctx context.Context, c *http.Client, base, call string) ([]time.Duration, error) {
	var out []time.Duration
	sid := ""
	for _, step := range []struct {
		body string
		want int
	}{
		{initMsg, http.StatusOK},
		{`{"jsonrpc":"2.0","method":"notifications/initialized"}`, http.StatusAccepted},
		{`{"jsonrpc":"2.0","id":2,"method":"tools/list"}`, http.StatusOK},
		{call, http.StatusOK},
	} {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+pathMCP, strings.NewReader(step.body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json, text/event-stream")
		if sid != "" {
			req.Header.Set(server.HeaderKeySessionID, sid)
			req.Header.Set("Mcp-Protocol-Version", "2025-11-25")
		}
		start := time.Now()
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		out = append(out, time.Since(start))
		if err != nil || resp.StatusCode != step.want || strings.Contains(string(body), `"isError":true`) || strings.Contains(string(body), `"error":{`) {
			return nil, fmt.Errorf("%.60s: status %d, %v: %.300s", step.body, resp.StatusCode, err, body)
		}
		if sid == "" {
			sid = resp.Header.Get(server.HeaderKeySessionID)
		}
	}
	return out, nil
}

// startLogged starts cmd and returns the base URL from its JSON log line
// "serving MCP over HTTP".
func startLogged(b *testing.B, cmd *exec.Cmd) string {
	b.Helper()
	cmd.Args = append(cmd.Args, "--log-level", "info")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		var l struct{ Msg, Streamable string }
		if json.Unmarshal(sc.Bytes(), &l) == nil && l.Msg == "serving MCP over HTTP" {
			go func() { _, _ = io.Copy(io.Discard, stderr) }()
			return strings.TrimSuffix(l.Streamable, pathMCP)
		}
	}
	b.Fatal("the server did not start")
	return ""
}

// peakRSS is the process's peak resident set size (VmHWM) in bytes.
func peakRSS(b *testing.B, pid int) int64 {
	b.Helper()
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		b.Skipf("peak RSS needs /proc: %v", err)
	}
	for _, l := range strings.Split(string(data), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	b.Fatal("no VmHWM in /proc status")
	return 0
}
