package fdtest

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestFaults(t *testing.T) {
	t.Run("status with retry-after", func(t *testing.T) {
		ts, _ := newSeeded(t, Options{})
		ts.AddFault(Fault{Method: "GET", PathPrefix: "/tickets/1", Count: 2, Status: 503, RetryAfter: 3})
		for i := 0; i < 2; i++ {
			resp, b := call(t, ts, "GET", "/api/v2/tickets/1", "")
			if resp.StatusCode != 503 || resp.Header.Get("Retry-After") != "3" ||
				string(b) != `{"message":"We're sorry, but something went wrong."}` {
				t.Fatalf("call %d: %d %q %s", i, resp.StatusCode, resp.Header.Get("Retry-After"), b)
			}
		}
		if resp, _ := call(t, ts, "GET", "/api/v2/tickets/1", ""); resp.StatusCode != 200 {
			t.Errorf("after the fault: %d", resp.StatusCode)
		}
		if log := ts.Requests(); !log[0].Faulted || log[2].Faulted {
			t.Errorf("log faulted flags: %+v", log)
		}
	})
	t.Run("429 fault has no rate headers", func(t *testing.T) {
		ts, _ := newSeeded(t, Options{})
		ts.AddFault(Fault{Status: 429, RetryAfter: 30})
		resp, b := call(t, ts, "GET", "/api/v2/tickets/1", "")
		if resp.StatusCode != 429 || resp.Header.Get("X-RateLimit-Remaining") != "" || !strings.Contains(string(b), "message") {
			t.Errorf("got %d %v %s", resp.StatusCode, resp.Header, b)
		}
	})
	t.Run("status fault does not apply the write", func(t *testing.T) {
		ts, _ := newSeeded(t, Options{})
		ts.AddFault(Fault{Method: "POST", PathPrefix: "/api/v2/tickets/1/notes", Status: 500})
		resp, _ := call(t, ts, "POST", "/api/v2/tickets/1/notes", `{"body":"x"}`)
		if resp.StatusCode != 500 || len(ts.Conversations(1)) != 2 {
			t.Errorf("status %d, %d conversations", resp.StatusCode, len(ts.Conversations(1)))
		}
	})
	t.Run("method and prefix must match", func(t *testing.T) {
		ts, _ := newSeeded(t, Options{})
		ts.AddFault(Fault{Method: "POST", PathPrefix: "/tickets/4", Status: 500})
		if resp, _ := call(t, ts, "GET", "/api/v2/tickets/4", ""); resp.StatusCode != 200 {
			t.Errorf("GET matched a POST fault: %d", resp.StatusCode)
		}
		if resp, _ := call(t, ts, "POST", "/api/v2/tickets/1/notes", `{"body":"x"}`); resp.StatusCode != 201 {
			t.Errorf("other path matched: %d", resp.StatusCode)
		}
	})
	t.Run("delay", func(t *testing.T) {
		ts, _ := newSeeded(t, Options{})
		ts.AddFault(Fault{Delay: 150 * time.Millisecond})
		start := time.Now()
		resp, _ := call(t, ts, "GET", "/api/v2/tickets/1", "")
		if resp.StatusCode != 200 || time.Since(start) < 150*time.Millisecond {
			t.Errorf("status %d after %v", resp.StatusCode, time.Since(start))
		}
	})
	t.Run("delay does not hold the store lock", func(t *testing.T) {
		ts, _ := newSeeded(t, Options{})
		ts.AddFault(Fault{PathPrefix: "/tickets/4", Delay: time.Second})
		done := make(chan struct{})
		go func() {
			defer close(done)
			call(t, ts, "GET", "/api/v2/tickets/4", "")
		}()
		// The fault is taken when the delayed request arrives: from then on
		// it is waiting out its delay.
		for deadline := time.Now().Add(5 * time.Second); pendingFaults(ts) > 0; time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("the delayed request never arrived")
			}
		}
		start := time.Now()
		if resp, _ := call(t, ts, "GET", "/api/v2/tickets/1", ""); resp.StatusCode != 200 {
			t.Fatalf("status %d", resp.StatusCode)
		}
		// Holding the lock through the delay would keep this request waiting
		// for most of the second the delayed one still has to go.
		if d := time.Since(start); d > 500*time.Millisecond {
			t.Errorf("a request behind a delayed one took %v: the delay holds the store lock", d)
		}
		<-done
	})
	t.Run("drop after apply leaves exactly one note", func(t *testing.T) {
		ts, _ := newSeeded(t, Options{})
		ts.AddFault(Fault{Method: "POST", PathPrefix: "/tickets/1/notes", DropAfterApply: true})
		req, _ := http.NewRequest("POST", ts.URL+"/api/v2/tickets/1/notes", strings.NewReader(`{"body":"only once"}`))
		req.SetBasicAuth(ts.APIKey, "X")
		req.Header.Set("Content-Type", "application/json")
		client := &http.Client{Transport: &http.Transport{}} // POSTs are not retried by net/http
		resp, err := client.Do(req)
		if err == nil {
			resp.Body.Close()
			t.Fatalf("want a connection error, got %d", resp.StatusCode)
		}
		n := 0
		for _, c := range ts.Conversations(1) {
			if c["body"] == "only once" {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d notes applied, want exactly 1", n)
		}
		if log := ts.Requests(); len(log) != 1 || !log[0].Dropped || log[0].Status != 201 {
			t.Errorf("log %+v", log)
		}
	})
	t.Run("malformed json", func(t *testing.T) {
		ts, _ := newSeeded(t, Options{})
		ts.AddFault(Fault{PathPrefix: "/tickets", MalformedJSON: true})
		resp, b := call(t, ts, "GET", "/api/v2/tickets/1", "")
		var v any
		if resp.StatusCode != 200 || json.Unmarshal(b, &v) == nil {
			t.Errorf("status %d, body parses: %s", resp.StatusCode, b)
		}
	})
}

func TestConcurrency(t *testing.T) {
	ts, _ := newSeeded(t, Options{})
	const workers = 24
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			switch i % 4 {
			case 0:
				call(t, ts, "POST", "/api/v2/tickets/4/notes", `{"body":"n"}`)
			case 1:
				call(t, ts, "PUT", "/api/v2/tickets/4", `{"priority":3}`)
			case 2:
				call(t, ts, "GET", "/api/v2/tickets/4?include=conversations,stats", "")
			default:
				call(t, ts, "GET", "/api/v2/search/tickets?query=%22priority:3%22", "")
			}
		}(i)
	}
	wg.Wait()
	if n := len(ts.Conversations(4)); n != workers/4 {
		t.Errorf("%d notes, want %d", n, workers/4)
	}
	if n := len(ts.Requests()); n != workers {
		t.Errorf("%d logged requests, want %d", n, workers)
	}
	if got := ts.Remaining(); got != 700-workers-workers/4*2 {
		t.Errorf("remaining %d", got)
	}
}

// pendingFaults is how many faults have not been taken yet.
func pendingFaults(ts *TestServer) int {
	ts.faults.mu.Lock()
	defer ts.faults.mu.Unlock()
	return len(ts.faults.list)
}
