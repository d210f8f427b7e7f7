package fdapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestNextPageFromLink(t *testing.T) {
	tests := []struct {
		link string
		want int
	}{
		{`<https://acme.freshdesk.com/api/v2/tickets?per_page=100&page=2>; rel="next"`, 2},
		{`<https://acme.freshdesk.com/api/v2/tickets?page=3&per_page=100>;rel="next"`, 3},
		// Un-encoded values: '+', ':', ',' and even '>' inside the URL.
		{`<https://acme.freshdesk.com/api/v2/tickets?updated_since=2024-01-01T00:00:00+05:30&include=requester,stats&order_by=updated_at&page=7>; rel="next"`, 7},
		{`<https://acme.freshdesk.com/api/v2/contacts?email=a>b@x.com&_updated_since=2024-01-01T10:00:00Z&page=12>; rel="next"`, 12},
		{`<https://acme.freshdesk.com/api/v2/tickets?q=%zz&page=4>; rel=next`, 4},
		{``, 0},
		{`<https://acme.freshdesk.com/api/v2/tickets?page=2>; rel="prev"`, 0},
		{`<https://acme.freshdesk.com/api/v2/tickets>; rel="next"`, 0},
		{`<https://acme.freshdesk.com/api/v2/tickets?page=abc>; rel="next"`, 0},
	}
	for _, tt := range tests {
		if got := NextPageFromLink(tt.link); got != tt.want {
			t.Errorf("NextPageFromLink(%q) = %d, want %d", tt.link, got, tt.want)
		}
	}
}

// ticketsJSON renders tickets with the given ids and updated_at times.
func ticketsJSON(ids []int, updated func(id int) time.Time) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf(`{"id":%d,"subject":"t%d","updated_at":%q,"created_at":"2024-01-01T00:00:00Z","due_by":"2024-01-02T00:00:00Z","fr_due_by":"2024-01-01T01:00:00Z","cc_emails":null,"tags":[],"custom_fields":{}}`,
			id, id, updated(id).Format(time.RFC3339))
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func TestAllTicketsFollowsLinks(t *testing.T) {
	var queries recorder
	c, _, srv := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		queries.add(r.URL.RawQuery)
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		ids := []int{page*2 - 1, page * 2}
		if page < 3 {
			// Un-encoded, like Freshdesk.
			w.Header().Set("Link", fmt.Sprintf(`<http://%s/api/v2/tickets?filter=watching&updated_since=2024-01-01T00:00:00+00:00&page=%d>; rel="next"`, r.Host, page+1))
		}
		writeJSON(w, 200, ticketsJSON(ids, func(int) time.Time { return time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC) }))
	}))
	_ = srv
	var got []int64
	for tk, err := range c.AllTickets(context.Background(), ListTicketsParams{Filter: "watching", PerPage: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, tk.ID)
	}
	if fmt.Sprint(got) != "[1 2 3 4 5 6]" {
		t.Fatalf("ids = %v", got)
	}
	want := "filter=watching&order_by=updated_at&order_type=asc&page=2&per_page=2"
	if q := queries.get(); len(q) != 3 || q[1] != want {
		t.Fatalf("queries = %q, want second %q", q, want)
	}
	// Early break stops fetching.
	queries.reset()
	for range c.AllTickets(context.Background(), ListTicketsParams{Filter: "watching", PerPage: 2}) {
		break
	}
	if q := queries.get(); len(q) != 1 {
		t.Fatalf("break fetched %d pages", len(q))
	}
}

// TestAllTicketsPage300Continuation: when page 300 still has a next page the
// iterator restarts at page 1 with updated_since = the last updated_at and
// yields the overlapping tickets once.
func TestAllTicketsPage300Continuation(t *testing.T) {
	const total = 310 // ids 1..310, one per page, updated_at = base + id minutes
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	upd := func(id int) time.Time { return base.Add(time.Duration(id) * time.Minute) }
	var restarts recorder
	c, _, _ := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("order_by") != "updated_at" || q.Get("order_type") != "asc" || q.Get("per_page") != "1" {
			t.Errorf("bad query %s", r.URL.RawQuery)
		}
		page, _ := strconv.Atoi(q.Get("page"))
		if page > MaxTicketListPage {
			writeJSON(w, 400, `{"description":"Validation failed","errors":[{"field":"page","message":"You cannot access tickets beyond the 300th page. Please provide a smaller page number.","code":"invalid_value"}]}`)
			return
		}
		first := 1
		if s := q.Get("updated_since"); s != "" {
			if page == 1 {
				restarts.add(s)
			}
			since, err := time.Parse(time.RFC3339, s)
			if err != nil {
				t.Errorf("updated_since %q: %v", s, err)
			}
			first = int(since.Sub(base) / time.Minute) // inclusive: the boundary ticket again
		}
		id := first + page - 1
		if id > total {
			writeJSON(w, 200, `[]`)
			return
		}
		if id < total {
			w.Header().Set("Link", fmt.Sprintf(`<http://%s/api/v2/tickets?page=%d>; rel="next"`, r.Host, page+1))
		}
		writeJSON(w, 200, ticketsJSON([]int{id}, upd))
	}))
	seen := map[int64]int{}
	n := 0
	for tk, err := range c.AllTickets(context.Background(), ListTicketsParams{PerPage: 1}) {
		if err != nil {
			t.Fatal(err)
		}
		seen[tk.ID]++
		n++
	}
	if n != total || len(seen) != total {
		t.Fatalf("yielded %d tickets, %d distinct, want %d", n, len(seen), total)
	}
	if r := restarts.get(); len(r) != 1 || r[0] != "2024-01-01T05:00:00Z" {
		t.Fatalf("restarts = %v, want one at ticket 300's updated_at", r)
	}
}

func TestAllTicketsPage300WithOtherOrder(t *testing.T) {
	c, _, _ := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		w.Header().Set("Link", fmt.Sprintf(`<http://%s/api/v2/tickets?page=%d>; rel="next"`, r.Host, page+1))
		writeJSON(w, 200, ticketsJSON([]int{page}, func(int) time.Time { return time.Unix(0, 0) }))
	}))
	var err error
	n := 0
	for _, e := range c.AllTickets(context.Background(), ListTicketsParams{OrderBy: "created_at", PerPage: 1, Page: 299}) {
		if e != nil {
			err = e
			break
		}
		n++
	}
	if n != 2 || err == nil || !strings.Contains(err.Error(), "order by updated_at asc") {
		t.Fatalf("n=%d err=%v", n, err)
	}
	// Same updated_at on every ticket: the continuation cannot make progress.
	n, err = 0, nil
	for _, e := range c.AllTickets(context.Background(), ListTicketsParams{PerPage: 1, Page: 300, UpdatedSince: time.Unix(0, 0)}) {
		if e != nil {
			err = e
			break
		}
		n++
	}
	if n != 1 || err == nil || !strings.Contains(err.Error(), "cannot continue") {
		t.Fatalf("n=%d err=%v", n, err)
	}
}

func TestSearchPaging(t *testing.T) {
	const total = 75
	var pages recorder
	c, _, _ := newTestClient(t, searchHandler(t, total, &pages))
	var ids []int64
	for tk, err := range c.SearchTicketsAll(context.Background(), "status:2") {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, tk.ID)
	}
	if len(ids) != total || ids[74] != 75 || strings.Join(pages.get(), ",") != ",2,3" {
		t.Fatalf("got %d ids, pages %q", len(ids), pages.get())
	}
	// More than 300 matches: stop after page 10.
	pages.reset()
	c2, _, _ := newTestClient(t, searchHandler(t, 1000, &pages))
	n := 0
	for _, err := range c2.SearchTicketsAll(context.Background(), "status:2") {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 300 || len(pages.get()) != 10 {
		t.Fatalf("n=%d pages=%d", n, len(pages.get()))
	}
	sp, err := c2.SearchTickets(context.Background(), "status:2", 10)
	if err != nil || sp.HasMore || sp.Total != 1000 || sp.Page != 10 || len(sp.Items) != 30 {
		t.Fatalf("page 10: %+v %v", sp, err)
	}
}

// searchHandler serves /search/tickets with `total` results, checking the
// query parameter's shape, and answers ticket fields for the validator.
func searchHandler(t *testing.T, total int, pages *recorder) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v2/ticket_fields" {
			writeJSON(w, 200, `[{"id":1,"name":"status","type":"default_status","default":true,"choices":{"2":["Open","Being Processed"],"3":["Pending","Awaiting"]}}]`)
			return
		}
		q := r.URL.Query()
		if q.Get("query") != `"status:2"` || q.Has("per_page") || !strings.Contains(r.URL.RawQuery, "query=%22status%3A2%22") {
			t.Errorf("bad search query %q", r.URL.RawQuery)
		}
		pages.add(q.Get("page"))
		page := 1
		if p := q.Get("page"); p != "" {
			page, _ = strconv.Atoi(p)
		}
		var items []string
		for id := (page-1)*SearchPageSize + 1; id <= min(page*SearchPageSize, total, 300); id++ {
			items = append(items, fmt.Sprintf(`{"id":%d,"subject":"s","description":"d","description_text":"d"}`, id))
		}
		writeJSON(w, 200, fmt.Sprintf(`{"results":[%s],"total":%d}`, strings.Join(items, ","), total))
	})
}

func TestSearchValidatedLocally(t *testing.T) {
	var searches counter
	c, _, _ := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/v2/ticket_fields":
			rateHeaders(w, 700, 690, 1)
			writeJSON(w, 200, `[
{"id":1,"name":"status","type":"default_status","default":true,"choices":{"2":["Open","Being Processed"],"6":["Waiting on Customer","Awaiting your Reply"]}},
{"id":2,"name":"ticket_type","type":"default_ticket_type","default":true,"choices":["Question","Incident"]},
{"id":3,"name":"cf_sector","type":"custom_dropdown","default":false,"choices":["finance","marketing"]},
{"id":4,"name":"cf_locked","type":"custom_checkbox","default":false}]`)
		default:
			searches.inc()
			rateHeaders(w, 700, 690, 1)
			writeJSON(w, 200, `{"results":[],"total":0}`)
		}
	}))
	tests := []struct {
		kind  string
		q     string
		page  int
		ok    bool
		wants []string
	}{
		{"tickets", "status:6", 0, true, nil},
		{"tickets", `"status:2 OR status:6"`, 2, true, nil},
		{"tickets", "(cf_sector:'finance' OR cf_sector:'marketing') AND cf_locked:true", 1, true, nil},
		{"tickets", "type:'Incident' AND created_at:>'2017-01-01'", 1, true, nil},
		{"tickets", "status:3", 1, false, []string{"field status: It should be one of these values: '2,6'", "[code invalid_value]", "no credit used"}},
		{"tickets", "type:'Refund'", 1, false, []string{"field type"}},
		{"tickets", "requester_id:5", 1, false, []string{"field requester_id: Unexpected/invalid field in request", "hint: ticket search cannot filter by requester"}},
		{"tickets", "priority:3 and", 1, false, []string{"field query: Given query is invalid"}},
		{"tickets", "status:2", 11, false, []string{"field page: It should be a Positive Integer less than or equal to 10"}},
		{"tickets", strings.Repeat("status:2 OR ", 50) + "status:2", 1, false, []string{"it can have maximum of 512 characters"}},
		{"contacts", "email:'a.b@c.com' AND cf_vip:true", 1, true, nil},
		{"contacts", "email:'not-an-email'", 1, false, []string{"field email"}},
		{"companies", "domain:'acme.com'", 1, true, nil},
		{"companies", "name:'x'", 1, false, []string{"field name"}},
	}
	for _, tt := range tests {
		t.Run(tt.kind+" "+tt.q, func(t *testing.T) {
			before := searches.get()
			u := &Usage{}
			ctx := WithUsage(context.Background(), u)
			var err error
			switch tt.kind {
			case "tickets":
				_, err = c.SearchTickets(ctx, tt.q, tt.page)
			case "contacts":
				_, err = c.SearchContacts(ctx, tt.q, tt.page)
			case "companies":
				_, err = c.SearchCompanies(ctx, tt.q, tt.page)
			}
			sent := searches.get() - before
			if tt.ok {
				if err != nil || sent != 1 {
					t.Fatalf("err=%v sent=%d", err, sent)
				}
				return
			}
			var fe *Error
			if !errors.As(err, &fe) || !fe.Local || sent != 0 {
				t.Fatalf("want local error, got %v (sent %d)", err, sent)
			}
			if u.Calls() > 1 { // at most the ticket-fields load
				t.Fatalf("calls = %d", u.Calls())
			}
			for _, s := range tt.wants {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("%q lacks %q", err.Error(), s)
				}
			}
		})
	}
}

// TestSearchWithoutTicketFields: when ticket fields cannot be loaded the
// grammar is still checked and the server judges the semantics.
func TestSearchWithoutTicketFields(t *testing.T) {
	var searches counter
	c, _, _ := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v2/ticket_fields" {
			writeJSON(w, 403, `{"code":"access_denied","message":"You are not authorized to perform this action."}`)
			return
		}
		searches.inc()
		writeJSON(w, 200, `{"results":[{"id":1}],"total":1}`)
	}))
	sp, err := c.SearchTickets(context.Background(), "status:9", 1)
	if err != nil || len(sp.Items) != 1 || searches.get() != 1 {
		t.Fatalf("sp=%+v err=%v", sp, err)
	}
	if _, err := c.SearchTickets(context.Background(), "status:", 1); err == nil || searches.get() != 1 {
		t.Fatalf("malformed query sent: %v", err)
	}
}

// TestSearchPageCapped: Capped is set only on page 10 when matches remain
// beyond Freshdesk's 300-result cap; HasMore covers pages within the cap.
func TestSearchPageCapped(t *testing.T) {
	tests := []struct {
		name        string
		total, page int
		wantHasMore bool
		wantCapped  bool
	}{
		{name: "500 matches, page 10", total: 500, page: 10, wantCapped: true},
		{name: "301 matches, page 10", total: 301, page: 10, wantCapped: true},
		{name: "300 matches, page 10", total: 300, page: 10},
		{name: "500 matches, page 9", total: 500, page: 9, wantHasMore: true},
		{name: "75 matches, page 3", total: 75, page: 3},
		{name: "75 matches, page 1", total: 75, page: 1, wantHasMore: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var pages recorder
			c, _, _ := newTestClient(t, searchHandler(t, tt.total, &pages))
			sp, err := c.SearchTickets(context.Background(), "status:2", tt.page)
			if err != nil {
				t.Fatal(err)
			}
			if sp.HasMore != tt.wantHasMore || sp.Capped != tt.wantCapped || sp.Total != tt.total || sp.Page != tt.page {
				t.Fatalf("page %d of %d: %+v, want HasMore %v Capped %v", tt.page, tt.total, sp, tt.wantHasMore, tt.wantCapped)
			}
		})
	}
}
