package fdapi

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
)

func newDemoClient(t *testing.T) (*Client, *fdtest.TestServer) {
	t.Helper()
	fd := fdtest.NewServer(t, fdtest.Options{Demo: true, RateLimit: 1 << 20})
	c, err := New(Config{Domain: fd.URL, APIKey: fd.APIKey})
	if err != nil {
		t.Fatal(err)
	}
	return c, fd
}

func TestAccountConfigReadsAreCached(t *testing.T) {
	c, fd := newDemoClient(t)
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		sla, err := c.SLAPolicies(ctx)
		if err != nil || len(sla) != 2 || !sla[0].IsDefault || sla[0].SLATarget["priority_4"].RespondWithin != 3600 {
			t.Fatalf("sla %+v %v", sla, err)
		}
		bh, err := c.BusinessHours(ctx)
		if err != nil || len(bh) != 2 || bh[0].WorkingHours["monday"].StartTime == "" {
			t.Fatalf("business hours %+v %v", bh, err)
		}
		pr, err := c.Products(ctx)
		if err != nil || len(pr) != 1 || pr[0].Name != "Acme Cloud Platform" {
			t.Fatalf("products %+v %v", pr, err)
		}
		ec, err := c.EmailConfigs(ctx)
		if err != nil || len(ec) != 2 || !ec[0].PrimaryRole || ec[0].ReplyEmail == "" {
			t.Fatalf("email configs %+v %v", ec, err)
		}
		sv, err := c.Surveys(ctx)
		if err != nil || len(sv) != 1 || len(sv[0].Questions) != 2 {
			t.Fatalf("surveys %+v %v", sv, err)
		}
	}
	if n := len(fd.Requests()); n != 5 {
		t.Errorf("%d requests for two rounds of five cached reads, want 5", n)
	}
}

func TestContactWrites(t *testing.T) {
	c, fd := newDemoClient(t)
	ctx := context.Background()
	name, email := "Dana Scully", "dana@example.test"
	ct, err := c.CreateContact(ctx, ContactFields{Name: &name, Email: &email})
	if err != nil || ct.ID == 0 || *ct.Email != email {
		t.Fatalf("create: %+v %v", ct, err)
	}
	_, err = c.CreateContact(ctx, ContactFields{Name: &name, Email: &email})
	var e *Error
	if !errors.As(err, &e) || e.Status != http.StatusConflict || e.Errors[0].Code != "duplicate_value" {
		t.Fatalf("duplicate: %v", err)
	}
	title := "Agent"
	up, err := c.UpdateContact(ctx, ct.ID, ContactFields{JobTitle: &title})
	if err != nil || up.JobTitle == nil || *up.JobTitle != title || up.Name != name {
		t.Fatalf("update: %+v %v", up, err)
	}
	if _, err := c.UpdateContact(ctx, 1, ContactFields{JobTitle: &title}); !IsNotFound(err) {
		t.Errorf("unknown contact: %v", err)
	}
	n := len(fd.Requests())
	blank := " "
	for _, f := range []ContactFields{{}, {Name: &blank}, {Email: &blank}} {
		if _, err := c.UpdateContact(ctx, ct.ID, f); !errors.As(err, &e) || !e.Local {
			t.Errorf("%+v: want a local rejection, got %v", f, err)
		}
	}
	if _, err := c.CreateContact(ctx, ContactFields{Name: &name}); !errors.As(err, &e) || !e.Local {
		t.Errorf("create without identity: %v", err)
	}
	if len(fd.Requests()) != n {
		t.Error("local rejections reached the server")
	}
}

func TestTimeEntriesAndRatings(t *testing.T) {
	c, fd := newDemoClient(t)
	ctx := context.Background()
	no := false
	te, err := c.CreateTimeEntry(ctx, 1, TimeEntryCreate{TimeSpent: 95 * time.Minute, Note: "call", Billable: &no})
	if err != nil || te.TimeSpent != "01:35" || te.Billable || te.TimerRunning {
		t.Fatalf("create: %+v %v", te, err)
	}
	var all, unbilled int
	for e, err := range c.AllAccountTimeEntries(ctx, ListTimeEntriesParams{}) {
		if err != nil {
			t.Fatal(err)
		}
		all++
		if !e.Billable {
			unbilled++
		}
	}
	if want := fd.Counts()["time_entries"]; all != want {
		t.Errorf("%d entries, want %d", all, want)
	}
	pg, err := c.ListAccountTimeEntries(ctx, ListTimeEntriesParams{Billable: &no, PerPage: 100})
	if err != nil || len(pg.Items) != unbilled || unbilled == 0 {
		t.Errorf("unbilled %d of %d: %v", len(pg.Items), unbilled, err)
	}
	rp, err := c.ListAccountRatings(ctx, ListRatingsParams{PerPage: 100})
	if err != nil || len(rp.Items) != fd.Counts()["satisfaction_ratings"] {
		t.Fatalf("ratings %d: %v", len(rp.Items), err)
	}
	mid := rp.Items[len(rp.Items)/2].CreatedAt
	since, err := c.ListAccountRatings(ctx, ListRatingsParams{CreatedSince: mid, PerPage: 100})
	want := 0
	for _, r := range rp.Items {
		if !r.CreatedAt.Before(mid) {
			want++
		}
	}
	if err != nil || len(since.Items) != want {
		t.Errorf("since %s: %d, want %d (%v)", mid, len(since.Items), want, err)
	}
}

func TestRolesAndMe(t *testing.T) {
	c, _ := newDemoClient(t)
	ctx := context.Background()
	me, err := c.Me(ctx)
	if err != nil {
		t.Fatal(err)
	}
	roles, err := c.ListRoles(ctx)
	if err != nil || len(roles) != 3 {
		t.Fatalf("roles %+v %v", roles, err)
	}
	found := false
	for _, r := range roles {
		for _, id := range me.RoleIDs {
			found = found || r.ID == id
		}
	}
	if !found {
		t.Errorf("the key's agent has roles %v, none listed in %+v", me.RoleIDs, roles)
	}
}
