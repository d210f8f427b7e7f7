package fdtest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
)

// TestServer is a Server listening on 127.0.0.1 for the duration of a test.
type TestServer struct {
	*Server
	URL    string // http://127.0.0.1:port, usable as fdapi.Config.Domain
	APIKey string // the key the server accepts
}

// NewServer starts a Server on a loopback port; it is closed by t.Cleanup.
func NewServer(t testing.TB, opts Options) *TestServer {
	t.Helper()
	s := New(opts)
	hs := httptest.NewServer(s)
	t.Cleanup(hs.Close)
	return &TestServer{Server: s, URL: hs.URL, APIKey: s.apiKey}
}

// Get fetches an API v2 path ("/tickets/57?include=conversations") as a
// client would, with the server's key, and returns the body; anything but
// a 200 fails tb.
func (ts *TestServer) Get(tb testing.TB, path string) []byte {
	tb.Helper()
	req, err := http.NewRequest(http.MethodGet, ts.URL+"/api/v2"+path, nil)
	if err != nil {
		tb.Fatal(err)
	}
	req.SetBasicAuth(ts.APIKey, "X")
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		tb.Fatalf("GET %s: %d %v: %.200s", path, resp.StatusCode, err, b)
	}
	return b
}

// ViewInclude is what get_ticket asks a ticket view to include.
const ViewInclude = "conversations,requester,company"

// LongestAndMedianTicket returns the tickets whose view with ViewInclude is
// the largest and the median in bytes: the worst and the typical get_ticket.
func (ts *TestServer) LongestAndMedianTicket(tb testing.TB) (longest, median int64) {
	tb.Helper()
	ids := ts.TicketIDs()
	if len(ids) == 0 {
		tb.Fatal("no tickets")
	}
	size := map[int64]int{}
	for _, id := range ids {
		size[id] = len(ts.Get(tb, fmt.Sprintf("/tickets/%d?include=%s", id, ViewInclude)))
	}
	slices.SortFunc(ids, func(x, y int64) int { return size[x] - size[y] })
	return ids[len(ids)-1], ids[len(ids)/2]
}
