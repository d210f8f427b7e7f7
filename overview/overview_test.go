package overview_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/overview"
)

func num(v any) int64 { n, _ := v.(json.Number).Int64(); return n }

type rec = map[string]any

// expected computes an overview's ticket count and rating count from the
// emulator's records: the newest 10 tickets, and the ratings of the 3 newest
// resolved or closed ones among them.
func expected(tickets []rec, rated map[int64]int, who int64) (total, ratings int) {
	var mine []rec
	for _, r := range tickets {
		if num(r["requester_id"]) == who && r["spam"] != true && r["deleted"] != true {
			mine = append(mine, r)
		}
	}
	slices.SortFunc(mine, func(a, b rec) int { return -strings.Compare(a["created_at"].(string), b["created_at"].(string)) })
	picked := 0
	for _, r := range mine[:min(10, len(mine))] {
		if s := num(r["status"]); (s == 4 || s == 5) && picked < 3 {
			picked++
			ratings += rated[num(r["id"])]
		}
	}
	return len(mine), ratings
}

func TestOverviewMatchesTheData(t *testing.T) {
	fd := fdtest.NewServer(t, fdtest.Options{Demo: true, RateLimit: 1 << 20})
	c, err := fdapi.New(fdapi.Config{Domain: fd.URL, APIKey: fd.APIKey})
	if err != nil {
		t.Fatal(err)
	}
	rated := map[int64]int{}
	for _, r := range fd.Records("satisfaction_ratings") {
		rated[num(r["ticket_id"])]++
	}
	tickets := fd.Records("tickets")
	checked, withRatings := 0, 0
	for _, ct := range fd.Records("contacts") {
		who, email := num(ct["id"]), ct["email"].(string)
		total, wantRatings := expected(tickets, rated, who)
		if total == 0 {
			continue
		}
		checked++
		if wantRatings > 0 {
			withRatings++
		}
		u := &fdapi.Usage{}
		o, err := overview.Get(fdapi.WithUsage(context.Background(), u), c, overview.Request{Email: email})
		if err != nil {
			t.Fatalf("%s: %v", email, err)
		}
		if o.Contact.ID != who || len(o.Tickets) != min(10, total) || o.More != (total > 10) || len(o.Ratings) != wantRatings {
			t.Errorf("%s: contact %d, %d tickets (more %v), %d ratings; want %d, %d tickets, %d ratings",
				email, o.Contact.ID, len(o.Tickets), o.More, len(o.Ratings), who, total, wantRatings)
		}
		if (o.Company != nil) != (o.Contact.CompanyID != nil) {
			t.Errorf("%s: company %v for company id %v", email, o.Company, o.Contact.CompanyID)
		}
		for _, r := range o.Ratings {
			if r.UserID != who {
				t.Errorf("%s: rating %d is not the customer's", email, r.ID)
			}
		}
		if want := 2 + len(o.RatingsFrom) + btoi(o.Company != nil); u.Credits() != want || want > overview.MaxCredits {
			t.Errorf("%s: %d credits, want %d", email, u.Credits(), want)
		}
	}
	if checked < 5 || withRatings == 0 {
		t.Fatalf("%d customers with tickets, %d with ratings to show", checked, withRatings)
	}
	_, err = overview.Get(context.Background(), c, overview.Request{Email: "nobody@example.test"})
	var nf *overview.NotFoundError
	if !errors.As(err, &nf) {
		t.Errorf("unknown e-mail: %v", err)
	}
	if _, err = overview.Get(context.Background(), c, overview.Request{ContactID: 1}); !errors.As(err, &nf) {
		t.Errorf("unknown id: %v", err)
	}
	if _, err = overview.Get(context.Background(), c, overview.Request{ContactID: 1, Email: "a@b.c"}); err == nil {
		t.Error("both e-mail and id accepted")
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
