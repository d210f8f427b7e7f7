package fdtest

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestReplay(t *testing.T) {
	ts := NewServer(t, Options{Demo: true, RateLimit: 1 << 30})
	rt := &Replay{Next: &http.Transport{}}
	hc := &http.Client{Transport: rt}
	do := func(method, path, body string) (int, string, http.Header) {
		t.Helper()
		req, err := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.SetBasicAuth(ts.APIKey, "X")
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, string(b), resp.Header
	}
	id := ts.TicketIDs()[0]
	path := "/api/v2/tickets/" + itoa(int(id))

	status, first, hdr := do(http.MethodGet, path, "")
	if status != http.StatusOK || !strings.Contains(first, `"subject"`) {
		t.Fatalf("first GET: %d %.200s", status, first)
	}
	if n := len(ts.Requests()); n != 1 {
		t.Fatalf("first GET reached the server %d times, want 1", n)
	}
	rt.Track()
	status, again, hdr2 := do(http.MethodGet, path, "")
	if status != http.StatusOK || again != first {
		t.Errorf("replayed GET: %d, body equal to the recording: %v", status, again == first)
	}
	if hdr2.Get("X-Ratelimit-Remaining") != hdr.Get("X-Ratelimit-Remaining") {
		t.Errorf("replayed headers differ: %v vs %v", hdr2, hdr)
	}
	if n := len(ts.Requests()); n != 1 {
		t.Errorf("replayed GET reached the server: %d requests, want 1", n)
	}
	if used := rt.Used(); !slices.Equal(used, []string{ts.URL + path}) || !rt.Recorded(used[0]) || rt.BodySize(used[0]) != len(first) {
		t.Errorf("Used() = %v, want the one replayed URL, recorded with its %d-byte body", used, len(first))
	}
	if rt.Recorded(ts.URL+"/api/v2/tickets/999") || rt.BodySize(ts.URL+"/api/v2/tickets/999") != 0 {
		t.Error("a URL never asked for counts as recorded")
	}
	do(http.MethodGet, path, "")
	if used := rt.Used(); len(used) != 0 {
		t.Errorf("Used() after it stopped tracking = %v, want none", used)
	}

	// Writes are never replayed.
	for range 2 {
		if status, body, _ := do(http.MethodPost, path+"/notes", `{"body":"replay test"}`); status != http.StatusCreated {
			t.Fatalf("POST: %d %s", status, body)
		}
	}
	if n := len(ts.Requests()); n != 3 {
		t.Errorf("after two POSTs the server saw %d requests, want 3", n)
	}
}

// TestLongestAndMedianTicket: on the demo helpdesk the longest view is
// ticket 57 (the README's longest thread) and the median is no longer.
func TestLongestAndMedianTicket(t *testing.T) {
	ts := NewServer(t, Options{Demo: true, RateLimit: 1 << 30})
	longest, median := ts.LongestAndMedianTicket(t)
	size := func(id int64) int {
		return len(ts.Get(t, "/tickets/"+itoa(int(id))+"?include="+ViewInclude))
	}
	if longest != 57 || median == longest || size(median) > size(longest) {
		t.Errorf("longest %d (%d bytes), median %d (%d bytes); want 57 and a smaller one", longest, size(longest), median, size(median))
	}
	smaller := 0
	for _, id := range ts.TicketIDs() {
		if size(id) < size(median) {
			smaller++
		}
	}
	if n := len(ts.TicketIDs()); smaller > n/2 || smaller < n/2-n/10 {
		t.Errorf("%d of %d views are smaller than the median's", smaller, n)
	}
}
