package fdtest_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
)

// barrier holds each request until want requests are in flight at once (or
// a timeout passes), and records the most that were: a client that sends
// them one after the other never reaches want.
type barrier struct {
	next http.Handler
	want int

	mu       sync.Mutex
	inflight int
	peak     int
	arrived  chan struct{}
}

func (b *barrier) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b.mu.Lock()
	b.inflight++
	b.peak = max(b.peak, b.inflight)
	if b.inflight == b.want {
		close(b.arrived)
	}
	b.mu.Unlock()
	select {
	case <-b.arrived:
	case <-time.After(2 * time.Second):
	}
	b.next.ServeHTTP(w, r)
	b.mu.Lock()
	b.inflight--
	b.mu.Unlock()
}

func TestGetTicketThreadIsThreeCreditsInParallel(t *testing.T) {
	fd := fdtest.New(fdtest.Options{Demo: true})
	b := &barrier{next: fd, want: 2, arrived: make(chan struct{})}
	hs := httptest.NewServer(b)
	t.Cleanup(hs.Close)
	c, err := fdapi.New(fdapi.Config{Domain: hs.URL, APIKey: fd.APIKey()})
	if err != nil {
		t.Fatal(err)
	}
	const id = 57 // the demo's 18-conversation escalation
	u := &fdapi.Usage{}
	th, err := c.GetTicketThread(fdapi.WithUsage(context.Background(), u), id)
	if err != nil {
		t.Fatal(err)
	}
	if want := len(fd.Conversations(id)); len(th.Conversations) != want || want <= 10 || th.NextPage != 0 {
		t.Errorf("got %d conversations (next page %d), want all %d", len(th.Conversations), th.NextPage, want)
	}
	if th.Ticket == nil || th.Ticket.ID != id || th.Ticket.Requester == nil || th.Ticket.Requester.Name == "" {
		t.Fatalf("ticket or its requester missing: %+v", th.Ticket)
	}
	if u.Credits() != 3 || u.Calls() != 2 {
		t.Errorf("spent %d credits in %d requests, want 3 in 2", u.Credits(), u.Calls())
	}
	if b.peak != 2 {
		t.Errorf("at most %d requests were in flight at once, want 2 (parallel)", b.peak)
	}
	// The thread's size is remembered for this updated_at only.
	if ts, ok := c.KnownThreadSize(id, th.Ticket.UpdatedAt); !ok || ts.Messages != len(th.Conversations)+1 || ts.Private == 0 {
		t.Errorf("KnownThreadSize = %+v, %v; want %d messages with private notes", ts, ok, len(th.Conversations)+1)
	}
	if _, ok := c.KnownThreadSize(id, th.Ticket.UpdatedAt.Add(time.Second)); ok {
		t.Error("thread size known for a later updated_at")
	}
	// The requester's name is remembered; the company's is not known yet.
	if p, ok := c.ContactName(th.Ticket.Requester.ID); !ok || p.Name != th.Ticket.Requester.Name {
		t.Errorf("ContactName = %+v, %v", p, ok)
	}
	co := *th.Ticket.CompanyID
	if _, ok := c.CompanyName(co); ok {
		t.Error("company name known before any answer carried it")
	}
	got, err := c.GetCompany(context.Background(), co)
	if err != nil {
		t.Fatal(err)
	}
	if name, ok := c.CompanyName(co); !ok || name != got.Name {
		t.Errorf("CompanyName after GetCompany = %q, %v; want %q", name, ok, got.Name)
	}
	c.InvalidateCache()
	if _, ok := c.CompanyName(co); ok {
		t.Error("company name survived InvalidateCache")
	}
}

func TestGetTicketThreadErrors(t *testing.T) {
	ts := fdtest.NewServer(t, fdtest.Options{Demo: true})
	c := newClient(t, ts)
	if _, err := c.GetTicketThread(context.Background(), 999999); !fdapi.IsNotFound(err) {
		t.Errorf("unknown ticket: %v, want not found", err)
	}
	ts.ResetRequests()
	_, err := c.GetTicketThread(context.Background(), 57, "conversations")
	var fe *fdapi.Error
	if !errors.As(err, &fe) || len(ts.Requests()) != 0 {
		t.Errorf("include=conversations: %v after %d requests, want a local error and none", err, len(ts.Requests()))
	}
	// A failing listing is reported even though the view succeeded.
	ts.AddFault(fdtest.Fault{PathPrefix: "/tickets/57/conversations", Status: http.StatusInternalServerError, Count: 10})
	if _, err := c.GetTicketThread(context.Background(), 57); err == nil {
		t.Error("a failed conversations listing was not reported")
	}
}
