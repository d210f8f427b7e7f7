package fdapi

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
)

// newFaultyAccount returns a client on a small emulated account whose clock
// is the client's fake clock, and the account.
func newFaultyAccount(t *testing.T) (*Client, *fdtest.TestServer) {
	t.Helper()
	clk := newFakeClock()
	fd := fdtest.NewServer(t, fdtest.Options{Now: clk.now})
	if _, err := fd.AddContact(fdtest.Record{"id": 201, "name": "Ann", "email": "ann@acme.test"}); err != nil {
		t.Fatal(err)
	}
	// An older ticket with the same subject must not be taken for ours.
	if _, err := fd.AddTicket(fdtest.Record{"subject": "Printer on fire", "requester_id": 201,
		"created_at": clk.now().Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	c, err := New(Config{Domain: fd.URL, APIKey: fd.APIKey, Timeout: 300 * time.Millisecond, MaxRetryWait: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	c.now, c.sleep, c.rand = clk.now, clk.sleep, func() float64 { return 0.5 }
	return c, fd
}

// TestCreateTicketVerifiedFaults: for every fault the number of tickets
// created is 0 or 1 and the result says which; "unknown" only when the
// read-back failed too.
func TestCreateTicketVerifiedFaults(t *testing.T) {
	post := func(f fdtest.Fault) fdtest.Fault { f.Method, f.PathPrefix = "POST", "/tickets"; return f }
	readBackFails := fdtest.Fault{Method: "GET", PathPrefix: "/tickets", Status: 500, Count: 10}
	tests := []struct {
		name       string
		faults     []fdtest.Fault
		email      string // requester by e-mail instead of id 201
		want       CreateStatus
		wantNew    int  // tickets created
		recovered  bool // found by the read-back
		wantTicket bool
	}{
		{name: "no fault", want: Created, wantNew: 1, wantTicket: true},
		{name: "429 retried after Retry-After", faults: []fdtest.Fault{post(fdtest.Fault{Status: 429, RetryAfter: 1})},
			want: Created, wantNew: 1, wantTicket: true},
		{name: "429 beyond the retry wait", faults: []fdtest.Fault{post(fdtest.Fault{Status: 429, RetryAfter: 60})},
			want: NotCreated},
		{name: "503 not applied", faults: []fdtest.Fault{post(fdtest.Fault{Status: 503})}, want: NotCreated},
		{name: "500 not applied, new e-mail", email: "new@example.test",
			faults: []fdtest.Fault{post(fdtest.Fault{Status: 500})}, want: NotCreated},
		{name: "timeout before apply", faults: []fdtest.Fault{post(fdtest.Fault{Delay: time.Second})}, want: NotCreated},
		{name: "timeout after apply", faults: []fdtest.Fault{post(fdtest.Fault{DelayAfterApply: time.Second})},
			want: Created, wantNew: 1, recovered: true, wantTicket: true},
		{name: "drop after apply", faults: []fdtest.Fault{post(fdtest.Fault{DropAfterApply: true})},
			want: Created, wantNew: 1, recovered: true, wantTicket: true},
		{name: "drop after apply, new e-mail", email: "new@example.test",
			faults: []fdtest.Fault{post(fdtest.Fault{DropAfterApply: true})},
			want:   Created, wantNew: 1, recovered: true, wantTicket: true},
		{name: "malformed 201", faults: []fdtest.Fault{post(fdtest.Fault{MalformedJSON: true})},
			want: Created, wantNew: 1, recovered: true, wantTicket: true},
		{name: "drop after apply, read-back fails", faults: []fdtest.Fault{post(fdtest.Fault{DropAfterApply: true}), readBackFails},
			want: Unknown, wantNew: 1},
		{name: "503, read-back fails", faults: []fdtest.Fault{post(fdtest.Fault{Status: 503}), readBackFails}, want: Unknown},
		{name: "malformed 201, read-back fails", faults: []fdtest.Fault{post(fdtest.Fault{MalformedJSON: true}), readBackFails},
			want: Created, wantNew: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, fd := newFaultyAccount(t)
			before := len(fd.TicketIDs())
			for _, f := range tc.faults {
				fd.AddFault(f)
			}
			n := NewTicket{RequesterID: 201, Subject: "Printer on fire", Description: "<p>Smoke</p>"}
			if tc.email != "" {
				n.RequesterID, n.Email = 0, tc.email
			}
			res := c.CreateTicketVerified(context.Background(), n, VerifyOptions{})
			created := len(fd.TicketIDs()) - before
			if created != tc.wantNew {
				t.Fatalf("%d tickets created, want %d (%s)", created, tc.wantNew, res.Note)
			}
			if res.Status != tc.want || res.Recovered != tc.recovered || (res.Ticket != nil) != tc.wantTicket {
				t.Fatalf("status %s recovered %v ticket %v, want %s %v %v; note %q, err %v, read-back %v",
					res.Status, res.Recovered, res.Ticket != nil, tc.want, tc.recovered, tc.wantTicket, res.Note, res.Err, res.ReadBackErr)
			}
			if res.Ticket != nil {
				ids := fd.TicketIDs()
				if last := ids[len(ids)-1]; res.Ticket.ID != last {
					t.Errorf("reported #%d, created #%d", res.Ticket.ID, last)
				}
			}
			if tc.want == Unknown && res.ReadBackErr == nil {
				t.Error("unknown without a read-back error")
			}
			if len(res.Others) != 0 {
				t.Errorf("older same-subject ticket taken as a match: %v", res.Others)
			}
		})
	}
}

func TestCreateTicketLocalChecks(t *testing.T) {
	c, fd := newFaultyAccount(t)
	before := len(fd.Requests())
	for _, n := range []NewTicket{
		{Subject: "s", Description: "d"},
		{RequesterID: 201, Subject: " ", Description: "d"},
		{Email: "not-an-address", Subject: "s", Description: "d"},
		{RequesterID: 201, Subject: "s", Description: "d", Priority: 7},
		{RequesterID: 201, Subject: "s", Description: "d", Tags: []string{"a,b"}},
	} {
		res := c.CreateTicketVerified(context.Background(), n, VerifyOptions{})
		var e *Error
		if res.Status != NotCreated || !errors.As(res.Err, &e) || !e.Local {
			t.Errorf("%+v: %s %v", n, res.Status, res.Err)
		}
	}
	if after := len(fd.Requests()); after != before {
		t.Errorf("local rejections sent %d requests", after-before)
	}
}

// TestReadBackWaitsOnlyAfterTimeouts: the read-back pauses (so a slow
// create can commit) only when the create timed out.
func TestReadBackWaitsOnlyAfterTimeouts(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault fdtest.Fault
		wait  bool
	}{
		{"timeout", fdtest.Fault{Method: "POST", PathPrefix: "/tickets", DelayAfterApply: time.Second}, true},
		{"drop", fdtest.Fault{Method: "POST", PathPrefix: "/tickets", DropAfterApply: true}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, fd := newFaultyAccount(t)
			var slept []time.Duration
			c.sleep = func(ctx context.Context, d time.Duration) error { slept = append(slept, d); return ctx.Err() }
			fd.AddFault(tc.fault)
			res := c.CreateTicketVerified(context.Background(), NewTicket{RequesterID: 201, Subject: "s", Description: "d"}, VerifyOptions{Delay: 7 * time.Second})
			if res.Status != Created || (len(slept) == 1 && slept[0] == 7*time.Second) != tc.wait {
				t.Errorf("status %s, slept %v", res.Status, slept)
			}
		})
	}
}
