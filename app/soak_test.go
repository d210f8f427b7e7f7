package app

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy/redistest"
)

// inProcessReplica builds the server exactly as Main does for --http with
// --redis (shared state, policy, backend), served by an httptest server.
func inProcessReplica(t testing.TB, envm map[string]string) *httptest.Server {
	t.Helper()
	c, err := newConfig(env(envm))
	if err != nil {
		t.Fatal(err)
	}
	logger := discardLogger()
	shared, err := newSharedState(context.Background(), c, logger, policy.RedisHooks{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = shared.close() })
	c.shared = shared
	pol, err := newPolicy(c, env(envm), logger, policyOptions{shared: shared})
	if err != nil {
		t.Fatal(err)
	}
	c.Policy.runtime = pol
	b, err := newBackend(c, logger)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.close() })
	s, _, err := buildServer(c, b, logger)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(newHTTPHandler(s, logger))
	t.Cleanup(hs.Close)
	return hs
}

// roundRobin is a reverse proxy over urls with no affinity.
func roundRobin(t testing.TB, urls []string) *httptest.Server {
	t.Helper()
	var next atomic.Uint64
	var targets []*url.URL
	for _, u := range urls {
		p, _ := url.Parse(u)
		targets = append(targets, p)
	}
	hs := httptest.NewServer(&httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		pr.SetURL(targets[(next.Add(1)-1)%uint64(len(targets))])
	}, FlushInterval: -1})
	t.Cleanup(hs.Close)
	return hs
}

// soakOutcome is what the driver was told about one logical write.
type soakOutcome int

const (
	reportedWritten   soakOutcome = iota // some attempt answered "written"
	reportedAmbiguous                    // an attempt answered OUTCOME UNKNOWN (or WAS written), none "written"
	reportedNothing                      // every attempt said nothing was written
)

// TestFaultSoak sends 1,000 distinct notes through three replicas sharing
// Redis, with 429, 5xx, timeouts and drop-after-apply injected on the
// emulated Freshdesk. The driver is a naive client: it retries every
// failure blindly (through whichever replica the proxy picks), up to three
// attempts. Afterwards every note is counted in Freshdesk: none may be
// there twice, none reported written may be missing, and every note that
// is there without a "written" answer must have been reported ambiguous.
func TestFaultSoak(t *testing.T) {
	const writes, workers, attempts = 1000, 16, 3
	srv := redistest.Start(t, redistest.Options{})
	fd := fdtest.NewServer(t, fdtest.Options{Demo: true, RateLimit: 1 << 30})
	e := maps.Clone(emulatorEnv(fd))
	maps.Copy(e, map[string]string{"FRESHDESK_MCP_REDIS": srv.URL(), "FRESHDESK_MCP_CONFIRM_SECRET": testSecret,
		"FRESHDESK_MCP_MODE": "unattended", "FRESHDESK_MCP_TIMEOUT": "1s", "FRESHDESK_MCP_MAX_RETRY_WAIT": "1s"})
	var urls []string
	for range 3 {
		urls = append(urls, inProcessReplica(t, e).URL)
	}
	proxy := roundRobin(t, urls)
	var sessions []*clusterClient
	for range workers {
		sessions = append(sessions, newClusterClient(t, proxy.URL))
	}
	tickets := fd.TicketIDs()[:10]

	// Faults on note POSTs: each write has a 12% chance to queue one.
	kinds := []fdtest.Fault{
		{Method: http.MethodPost, Status: http.StatusTooManyRequests, RetryAfter: 1},
		{Method: http.MethodPost, Status: http.StatusInternalServerError},
		{Method: http.MethodPost, Status: http.StatusServiceUnavailable},
		{Method: http.MethodPost, Delay: 1500 * time.Millisecond}, // beyond --timeout 1s
		{Method: http.MethodPost, DropAfterApply: true},
	}
	rng := rand.New(rand.NewPCG(11, 12))
	var rngMu sync.Mutex
	maybeFault := func() {
		rngMu.Lock()
		defer rngMu.Unlock()
		if rng.Float64() < 0.12 {
			fd.AddFault(kinds[rng.IntN(len(kinds))])
		}
	}

	outcomes := make([]soakOutcome, writes)
	bodies := make([]string, writes)
	var sent atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	jobs := make(chan int)
	for w := range workers {
		wg.Go(func() {
			cs := sessions[w]
			for i := range jobs {
				bodies[i] = fmt.Sprintf("soak note %04d", i)
				args := map[string]any{"ticket_id": tickets[i%len(tickets)], "body": bodies[i]}
				outcomes[i] = reportedNothing
				for range attempts {
					maybeFault()
					sent.Add(1)
					text, isErr := cs.call(t, "add_note", args)
					switch {
					case !isErr && strings.Contains(text, `"status":"written"`):
						if strings.Contains(text, "WAS written") {
							outcomes[i] = reportedAmbiguous
						} else {
							outcomes[i] = reportedWritten
						}
					case isErr && strings.Contains(text, "OUTCOME UNKNOWN"):
						outcomes[i] = reportedAmbiguous
						continue // naive: retry blindly
					case isErr && strings.Contains(text, "refused as a duplicate"):
						if strings.Contains(text, "outcome is unknown") && outcomes[i] != reportedAmbiguous {
							t.Errorf("write %d: duplicate of an unknown outcome never reported as ambiguous: %s", i, text)
						}
					case isErr && strings.Contains(text, "othing was written"):
						continue
					default:
						t.Errorf("write %d: unclassified answer: %s", i, text)
					}
					break
				}
			}
		})
	}
	for i := range writes {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	elapsed := time.Since(start)

	found := map[string]int{}
	for _, id := range tickets {
		for _, c := range fd.Conversations(id) {
			found[strings.TrimSpace(fmt.Sprint(c["body_text"]))]++
		}
	}
	var written, ambiguous, nothing, dup, lost, unreported, ambApplied int
	for i, o := range outcomes {
		n := found[bodies[i]]
		switch o {
		case reportedWritten:
			written++
			if n == 0 {
				lost++
			}
		case reportedAmbiguous:
			ambiguous++
			if n > 0 {
				ambApplied++
			}
		case reportedNothing:
			nothing++
			if n > 0 {
				unreported++
			}
		}
		if n > 1 {
			dup++
		}
	}
	faults := map[string]int{}
	for _, r := range fd.Requests() {
		if r.Method != http.MethodPost || !r.Faulted {
			continue
		}
		switch {
		case r.Dropped && r.Status == 0: // the client gave up during the delay
			faults["timeout"]++
		case r.Dropped:
			faults["drop-after-apply"]++
		case r.Status < 300: // a delay fault applied after the client's timeout
			faults["timeout"]++
		default:
			faults[fmt.Sprint(r.Status)]++
		}
	}
	t.Logf("fault soak: %d writes (%d attempts) through 3 replicas sharing Redis in %s\n"+
		"| injected on POST | count |\n|---|---|\n| 429 | %d |\n| 5xx | %d |\n| timeout | %d |\n| drop-after-apply | %d |\n"+
		"| outcome | writes |\n|---|---|\n| reported written | %d |\n| reported ambiguous (applied / not) | %d (%d / %d) |\n| reported not written | %d |\n"+
		"| duplicated in Freshdesk | %d |\n| lost (reported written, missing) | %d |\n| applied but not reported ambiguous | %d |",
		writes, sent.Load(), elapsed.Round(time.Millisecond), faults["429"], faults["500"]+faults["503"], faults["timeout"], faults["drop-after-apply"],
		written, ambiguous, ambApplied, ambiguous-ambApplied, nothing, dup, lost, unreported)
	if dup != 0 || lost != 0 || unreported != 0 {
		t.Errorf("duplicated %d, lost %d, unreported %d: want 0, 0, 0", dup, lost, unreported)
	}
	if faults["429"] == 0 || faults["500"]+faults["503"] == 0 || faults["timeout"] == 0 || faults["drop-after-apply"] == 0 {
		t.Errorf("every fault kind must have been injected: %v", faults)
	}
}
