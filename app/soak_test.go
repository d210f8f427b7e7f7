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

// soakFaults are the faults injected on note POSTs.
var soakFaults = []fdtest.Fault{
	{Method: http.MethodPost, Status: http.StatusTooManyRequests, RetryAfter: 1},
	{Method: http.MethodPost, Status: http.StatusInternalServerError},
	{Method: http.MethodPost, Status: http.StatusServiceUnavailable},
	{Method: http.MethodPost, Delay: 1500 * time.Millisecond}, // beyond --timeout 1s
	{Method: http.MethodPost, DropAfterApply: true},
}

// soakWrite is one logical write by a naive client: it retries every
// failure blindly, up to attempts times, and returns what it was told.
func soakWrite(t *testing.T, cs *clusterClient, args map[string]any, attempts int, before func()) (soakOutcome, int) {
	out, sent := reportedNothing, 0
	for range attempts {
		before()
		sent++
		text, isErr := cs.call(t, "add_note", args)
		switch {
		case !isErr && strings.Contains(text, `"status":"written"`):
			if strings.Contains(text, "WAS written") {
				return reportedAmbiguous, sent
			}
			return reportedWritten, sent
		case isErr && strings.Contains(text, "OUTCOME UNKNOWN"):
			out = reportedAmbiguous
			continue // naive: retry blindly
		case isErr && strings.Contains(text, "refused as a duplicate"):
			if strings.Contains(text, "outcome is unknown") && out != reportedAmbiguous {
				t.Errorf("%v: duplicate of an unknown outcome never reported as ambiguous: %s", args, text)
			}
			return out, sent
		case isErr && strings.Contains(text, "othing was written"):
			continue
		default:
			t.Errorf("%v: unclassified answer: %s", args, text)
			return out, sent
		}
	}
	return out, sent
}

// soakFaultCounts counts the faults the emulator applied, by kind.
func soakFaultCounts(fd *fdtest.TestServer) map[string]int {
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
		case r.Status >= 500:
			faults["5xx"]++
		default:
			faults[fmt.Sprint(r.Status)]++
		}
	}
	return faults
}

// soakTally compares what the driver was told with what Freshdesk holds.
type soakTally struct {
	written, ambiguous, ambApplied, nothing int
	duplicated, lost, unreported            int
}

func tallySoak(outcomes []soakOutcome, bodies []string, found map[string]int) soakTally {
	var s soakTally
	for i, o := range outcomes {
		n := found[bodies[i]]
		switch o {
		case reportedWritten:
			s.written++
			if n == 0 {
				s.lost++
			}
		case reportedAmbiguous:
			s.ambiguous++
			if n > 0 {
				s.ambApplied++
			}
		case reportedNothing:
			s.nothing++
			if n > 0 {
				s.unreported++
			}
		}
		if n > 1 {
			s.duplicated++
		}
	}
	return s
}

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
	tickets := fd.TicketIDs()[:10]
	rng := rand.New(rand.NewPCG(11, 12))
	var rngMu sync.Mutex
	maybeFault := func() { // each attempt has a 12% chance to queue one fault
		rngMu.Lock()
		defer rngMu.Unlock()
		if rng.Float64() < 0.12 {
			fd.AddFault(soakFaults[rng.IntN(len(soakFaults))])
		}
	}

	outcomes, bodies := make([]soakOutcome, writes), make([]string, writes)
	var sent atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	jobs := make(chan int)
	for range workers {
		cs := newClusterClient(t, proxy.URL)
		wg.Go(func() {
			for i := range jobs {
				bodies[i] = fmt.Sprintf("soak note %04d", i)
				o, n := soakWrite(t, cs, map[string]any{"ticket_id": tickets[i%len(tickets)], "body": bodies[i]}, attempts, maybeFault)
				outcomes[i] = o
				sent.Add(int64(n))
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
	s := tallySoak(outcomes, bodies, found)
	faults := soakFaultCounts(fd)
	t.Logf("fault soak: %d writes (%d attempts) through 3 replicas sharing Redis in %s\n"+
		"| injected on POST | count |\n|---|---|\n| 429 | %d |\n| 5xx | %d |\n| timeout | %d |\n| drop-after-apply | %d |\n"+
		"| outcome | writes |\n|---|---|\n| reported written | %d |\n| reported ambiguous (applied / not) | %d (%d / %d) |\n| reported not written | %d |\n"+
		"| duplicated in Freshdesk | %d |\n| lost (reported written, missing) | %d |\n| applied but not reported ambiguous | %d |",
		writes, sent.Load(), elapsed.Round(time.Millisecond), faults["429"], faults["5xx"], faults["timeout"], faults["drop-after-apply"],
		s.written, s.ambiguous, s.ambApplied, s.ambiguous-s.ambApplied, s.nothing, s.duplicated, s.lost, s.unreported)
	if s.duplicated != 0 || s.lost != 0 || s.unreported != 0 {
		t.Errorf("duplicated %d, lost %d, unreported %d: want 0, 0, 0", s.duplicated, s.lost, s.unreported)
	}
	if faults["429"] == 0 || faults["5xx"] == 0 || faults["timeout"] == 0 || faults["drop-after-apply"] == 0 {
		t.Errorf("every fault kind must have been injected: %v", faults)
	}
}
