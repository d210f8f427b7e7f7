package fdtest

import (
	"strings"
	"testing"
	"time"
)

func TestLinkHeader(t *testing.T) {
	ts, _ := newSeeded(t, Options{})
	if _, err := ts.AddConversation(1, Record{"id": 9003, "body": "third", "created_at": testNow}); err != nil {
		t.Fatal(err)
	}
	base := ts.URL + "/api/v2"
	tests := []struct{ path, link string }{
		{"/tickets/1/conversations?per_page=1", "<" + base + "/tickets/1/conversations?per_page=1&page=2>; rel=\"next\""},
		{"/tickets/1/conversations?page=2&per_page=1", "<" + base + "/tickets/1/conversations?page=3&per_page=1>; rel=\"next\""},
		{"/tickets/1/conversations?per_page=1&page=3", ""}, // partial... last page
		{"/tickets/1/conversations?per_page=3", ""},        // a full last page has no Link
		{"/tickets/1/conversations", ""},                   // default 30
		{"/tickets?updated_since=2020-01-01T00%3A00%3A00Z&per_page=2", // values come back un-encoded
			"<" + base + "/tickets?updated_since=2020-01-01T00:00:00Z&per_page=2&page=2>; rel=\"next\""},
		{"/tickets?updated_since=2020-01-01T00:00:00Z&per_page=3&page=2", ""},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			resp, b := call(t, ts, "GET", "/api/v2"+tc.path, "")
			if resp.StatusCode != 200 {
				t.Fatalf("status %d: %s", resp.StatusCode, b)
			}
			if got := resp.Header.Get("Link"); got != tc.link {
				t.Errorf("Link %q, want %q", got, tc.link)
			}
		})
	}
}

func TestCredits(t *testing.T) {
	ts, _ := newSeeded(t, Options{})
	tests := []struct {
		method, path, body string
		credits            int
	}{
		{"GET", "/api/v2/tickets/1", "", 1},
		{"GET", "/api/v2/tickets/1?include=requester,company", "", 3},
		{"GET", "/api/v2/tickets/1?include=conversations,requester,company,stats", "", 5},
		{"GET", "/api/v2/tickets", "", 1},
		{"GET", "/api/v2/tickets?include=stats", "", 3},
		{"GET", "/api/v2/tickets?include=description,requester,stats", "", 7},
		{"GET", "/api/v2/tickets?include=bogus", "", 1}, // a rejected include is not charged
		{"GET", "/api/v2/tickets/1/conversations", "", 1},
		{"POST", "/api/v2/tickets/1/notes", `{"body":"x"}`, 1},
		{"PUT", "/api/v2/tickets/1", `{"priority":2}`, 1},
		{"GET", "/api/v2/search/tickets?query=%22priority:3%22", "", 1},
		{"GET", "/api/v2/nope", "", 1},
		{"GET", "/api/v2/tickets/1", "", 1},
	}
	ts.ResetRequests()
	remaining := ts.Remaining()
	for i, tc := range tests {
		resp, b := call(t, ts, tc.method, tc.path, tc.body)
		if got := resp.Header.Get("X-RateLimit-Used-CurrentRequest"); got != itoa(tc.credits) {
			t.Errorf("%s %s: used %s, want %d (%s)", tc.method, tc.path, got, tc.credits, b)
		}
		remaining -= tc.credits
		if got := resp.Header.Get("X-RateLimit-Remaining"); got != itoa(remaining) {
			t.Errorf("%s %s: remaining %s, want %d", tc.method, tc.path, got, remaining)
		}
		if resp.Header.Get("X-RateLimit-Total") != "700" {
			t.Errorf("total %q", resp.Header.Get("X-RateLimit-Total"))
		}
		if log := ts.Requests(); len(log) != i+1 || log[i].Credits != tc.credits || log[i].Status != resp.StatusCode ||
			log[i].Method != tc.method || log[i].Path != strings.Split(tc.path, "?")[0] {
			t.Errorf("request log entry %d: %+v", i, log[len(log)-1])
		}
	}
}

func TestRateLimitWindow(t *testing.T) {
	ts, clk := newSeeded(t, Options{Plan: Trial})
	for i := 0; i < 48; i++ {
		resp, _ := call(t, ts, "GET", "/api/v2/tickets/1", "")
		if resp.StatusCode != 200 {
			t.Fatalf("call %d: %d", i, resp.StatusCode)
		}
	}
	// A 4xx counts too.
	if resp, _ := call(t, ts, "GET", "/api/v2/tickets/1", "", "Authorization", ""); resp.StatusCode != 401 {
		t.Fatalf("want 401, got %d", resp.StatusCode)
	}
	clk.t = clk.t.Add(20 * time.Second)
	resp, _ := call(t, ts, "GET", "/api/v2/tickets/1", "")
	if resp.StatusCode != 200 || resp.Header.Get("X-RateLimit-Remaining") != "0" {
		t.Fatalf("50th call: %d remaining %q", resp.StatusCode, resp.Header.Get("X-RateLimit-Remaining"))
	}
	resp, b := call(t, ts, "GET", "/api/v2/tickets/1", "")
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "40" {
		t.Fatalf("want 429 Retry-After 40, got %d %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if string(b) != `{"message":"You have exceeded the limit of requests per minute"}` {
		t.Errorf("429 body %s", b)
	}
	for _, h := range []string{"X-RateLimit-Total", "X-RateLimit-Remaining", "X-RateLimit-Used-CurrentRequest"} {
		if resp.Header.Get(h) != "" {
			t.Errorf("429 carries %s", h)
		}
	}
	clk.t = clk.t.Add(40 * time.Second)
	resp, _ = call(t, ts, "GET", "/api/v2/tickets/1", "")
	if resp.StatusCode != 200 || resp.Header.Get("X-RateLimit-Remaining") != "49" {
		t.Errorf("after reset: %d remaining %q", resp.StatusCode, resp.Header.Get("X-RateLimit-Remaining"))
	}
}

func TestRateLimitSubBuckets(t *testing.T) {
	tests := []struct {
		name, method, path, body string
		calls                    int
	}{
		{"growth tickets list", "GET", "/api/v2/tickets", "", 20},
		{"growth contacts list", "GET", "/api/v2/contacts", "", 20},
		{"growth ticket update", "PUT", "/api/v2/tickets/1", `{"priority":2}`, 80},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ts, _ := newSeeded(t, Options{Plan: Growth})
			for i := 0; i < tc.calls; i++ {
				if resp, b := call(t, ts, tc.method, tc.path, tc.body); resp.StatusCode != 200 {
					t.Fatalf("call %d: %d %s", i, resp.StatusCode, b)
				}
			}
			if resp, _ := call(t, ts, tc.method, tc.path, tc.body); resp.StatusCode != 429 || resp.Header.Get("Retry-After") == "" {
				t.Fatalf("over the sub-limit: %d", resp.StatusCode)
			}
			// Other endpoints still have account credits left.
			if resp, _ := call(t, ts, "GET", "/api/v2/tickets/1", ""); resp.StatusCode != 200 {
				t.Errorf("view after sub-limit: %d", resp.StatusCode)
			}
		})
	}
}
