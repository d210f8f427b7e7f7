package tools_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"
)

type listResult struct {
	Query   string `json:"query"`
	Total   int    `json:"total"`
	Page    int    `json:"page"`
	HasMore bool   `json:"has_more"`
	Tickets []struct {
		ID        int64 `json:"id"`
		Untrusted struct {
			Subject string `json:"subject"`
		} `json:"untrusted_customer_content"`
		Status   string   `json:"status"`
		Priority string   `json:"priority"`
		Agent    string   `json:"agent"`
		Group    string   `json:"group"`
		Tags     []string `json:"tags"`
	} `json:"tickets"`
	Note string `json:"note"`
}

func ids(r listResult) []int64 {
	var out []int64
	for _, t := range r.Tickets {
		out = append(out, t.ID)
	}
	slices.Sort(out)
	return out
}

func TestSearchTicketsEnumsByNameAndNumber(t *testing.T) {
	e := newEnv(t, envOpts{})
	tests := []struct {
		name       string
		byName     map[string]any
		byNumber   map[string]any
		wantQuery  string
		wantStatus string
	}{
		{"status", map[string]any{"status": []any{"open"}}, map[string]any{"status": []any{"2"}}, "status:2", "Open"},
		{"custom status", map[string]any{"status": []any{"waiting on customer"}}, map[string]any{"status": []any{"6"}}, "status:6", "Waiting on Customer"},
		{"priority", map[string]any{"priority": []any{"URGENT"}}, map[string]any{"priority": []any{"4"}}, "priority:4", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var a, b listResult
			e.ok("search_tickets", tc.byName, &a)
			e.ok("search_tickets", tc.byNumber, &b)
			if a.Query != tc.wantQuery || b.Query != tc.wantQuery {
				t.Errorf("queries %q / %q, want %q", a.Query, b.Query, tc.wantQuery)
			}
			if a.Total == 0 || !slices.Equal(ids(a), ids(b)) {
				t.Errorf("by name %v, by number %v", ids(a), ids(b))
			}
			for _, r := range a.Tickets {
				if tc.wantStatus != "" && r.Status != tc.wantStatus {
					t.Errorf("ticket %d status %q, want %q", r.ID, r.Status, tc.wantStatus)
				}
			}
		})
	}
	got := e.fail("search_tickets", map[string]any{"status": []any{"snoozed"}})
	for _, w := range []string{`unknown status "snoozed"`, `"Open" (2)`, `"Waiting on Customer" (6)`} {
		if !strings.Contains(got, w) {
			t.Errorf("error %q lacks %q", got, w)
		}
	}
}

func TestSearchTicketsStructuredAndRaw(t *testing.T) {
	e := newEnv(t, envOpts{})
	var s listResult
	e.ok("search_tickets", map[string]any{
		"priority": []any{"urgent", "high"}, "tag": []any{"vip"}, "custom_fields": map[string]any{"Product area": "acme api gateway"},
		"created_after": "2020-01-01T00:00:00Z", // a UTC midnight is a whole date: accepted as such
	}, &s)
	want := "(priority:4 OR priority:3) AND tag:'vip' AND created_at:>'2020-01-01' AND cf_product:'Acme API Gateway'"
	if s.Query != want {
		t.Errorf("query %q, want %q", s.Query, want)
	}
	if s.Total == 0 || !slices.Contains(ids(s), 57) {
		t.Errorf("ticket 57 (urgent, vip, API gateway) not found: %+v", s)
	}
	for _, r := range s.Tickets {
		if !slices.Contains(r.Tags, "vip") || (r.Priority != "Urgent" && r.Priority != "High") {
			t.Errorf("row does not match the filters: %+v", r)
		}
	}
	var raw listResult
	e.ok("search_tickets", map[string]any{"query": `"priority:4 AND tag:'vip'"`, "status": []any{"open"}}, &raw)
	if raw.Query != "priority:4 AND tag:'vip' AND status:2" || !slices.Contains(ids(raw), 57) {
		t.Errorf("raw + structured: %q -> %v", raw.Query, ids(raw))
	}
	var row = raw.Tickets[0]
	if row.Agent == "" || row.Group == "" || row.Untrusted.Subject == "" {
		t.Errorf("row lacks names: %+v", row)
	}
}

// TestSearchTicketsRejectsBeforeSpending: bad queries fail locally with
// Freshdesk's message and guidance, and the emulator log proves no call.
func TestSearchTicketsRejectsBeforeSpending(t *testing.T) {
	e := newEnv(t, envOpts{})
	tests := []struct {
		name string
		args map[string]any
		want []string
	}{
		{"malformed", map[string]any{"query": "priority:4 AND"}, []string{"Given query is invalid", "no credit spent", "field:value"}},
		{"subject", map[string]any{"query": "subject:'refund'"}, []string{"subject is not searchable", "field-based"}},
		{"requester", map[string]any{"query": "requester_email:'a@b.c'"}, []string{"list_tickets with requester_email"}},
		{"bad date", map[string]any{"created_after": "last week"}, []string{"YYYY-MM-DD"}},
		{"timestamp with a time", map[string]any{"created_after": "2026-11-20T15:00:00Z"}, []string{"only whole dates", "not times", "2026-11-20T15:00:00Z", "updated_since"}},
		{"timestamp at local midnight", map[string]any{"updated_before": "2026-11-20T00:00:00+02:00"}, []string{"only whole dates"}},
		{"no filter", map[string]any{}, []string{"at least one filter", "list_tickets"}},
		{"quote in tag", map[string]any{"tag": []any{"it's"}}, []string{"cannot contain quotes"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e.fd.ResetRequests()
			res := e.call("search_tickets", tc.args)
			got := text(res)
			if !res.IsError {
				t.Fatalf("want an error, got %s", got)
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("error %q lacks %q", got, w)
				}
			}
			if reqs := e.fd.Requests(); len(reqs) != 0 {
				t.Errorf("upstream calls made: %+v", reqs)
			}
			if metaInt(t, res, "credits_used") != 0 {
				t.Error("credits_used != 0")
			}
		})
	}
}

func TestSearchTicketsPagingNote(t *testing.T) {
	e := newEnv(t, envOpts{})
	var r listResult
	e.ok("search_tickets", map[string]any{"status": []any{"closed", "resolved"}}, &r)
	if r.Total <= 30 || !r.HasMore || !strings.Contains(r.Note, "page=2") || !strings.Contains(r.Note, "10 pages") {
		t.Errorf("total %d has_more %v note %q", r.Total, r.HasMore, r.Note)
	}
	var p2 listResult
	e.ok("search_tickets", map[string]any{"status": []any{"closed", "resolved"}, "page": 2}, &p2)
	if p2.Page != 2 || len(p2.Tickets) == 0 || slices.ContainsFunc(ids(p2), func(id int64) bool { return slices.Contains(ids(r), id) }) {
		t.Errorf("page 2 overlaps page 1 or is empty: %v / %v", ids(r), ids(p2))
	}
}

func TestListTickets(t *testing.T) {
	e := newEnv(t, envOpts{})
	var byEmail, byCompany, none listResult
	e.ok("list_tickets", map[string]any{"requester_email": "daniel.brooks@northwind.example.com"}, &byEmail)
	if !slices.Contains(ids(byEmail), 57) {
		t.Errorf("requester's tickets lack 57: %v", ids(byEmail))
	}
	e.ok("list_tickets", map[string]any{"company_id": 67030000001, "per_page": 100, "order_by": "updated_at"}, &byCompany)
	if !slices.Contains(ids(byCompany), 57) {
		t.Errorf("company's tickets lack 57: %v", ids(byCompany))
	}
	e.ok("list_tickets", map[string]any{"per_page": 5}, &none)
	if len(none.Tickets) != 5 || !none.HasMore || !strings.Contains(none.Note, "30 days") || !strings.Contains(none.Note, "page=2") {
		t.Errorf("unfiltered list: %+v", none)
	}
	if got := e.fail("list_tickets", map[string]any{"filter": "mine"}); !strings.Contains(got, "new_and_my_open") {
		t.Errorf("bad filter error: %q", got)
	}
	if got := e.fail("list_tickets", map[string]any{"requester_email": "nobody@nowhere.example"}); !strings.Contains(got, "no contact") && !strings.Contains(got, "There is no contact") {
		t.Errorf("unknown e-mail error: %q", got)
	}
}

// contactName is a contact row's customer-written name.
type contactName struct {
	Untrusted struct {
		Name string `json:"name"`
	} `json:"untrusted_customer_content"`
}

func TestCustomersTools(t *testing.T) {
	e := newEnv(t, envOpts{})
	var c1, c2 struct {
		Contact struct {
			ID        int64 `json:"id"`
			Untrusted struct {
				Name string `json:"name"`
			} `json:"untrusted_customer_content"`
			Email     string `json:"email"`
			CompanyID int64  `json:"company_id"`
		} `json:"contact"`
	}
	e.ok("get_contact", map[string]any{"contact_id": 67020000001}, &c1)
	e.ok("get_contact", map[string]any{"email": "daniel.brooks@northwind.example.com"}, &c2)
	if c1.Contact.Untrusted.Name != "Daniel Brooks" || c1 != c2 || c1.Contact.CompanyID != 67030000001 {
		t.Errorf("get_contact by id %+v / by email %+v", c1, c2)
	}
	if got := e.fail("get_contact", map[string]any{}); !strings.Contains(got, "contact_id or email") {
		t.Errorf("no-arg error %q", got)
	}
	var sc struct {
		Total    int           `json:"total"`
		Contacts []contactName `json:"contacts"`
	}
	e.ok("search_contacts", map[string]any{"company_id": 67030000001}, &sc)
	if sc.Total == 0 || !slices.ContainsFunc(sc.Contacts, func(c contactName) bool { return c.Untrusted.Name == "Daniel Brooks" }) {
		t.Errorf("search_contacts by company: %+v", sc)
	}
	var co struct {
		Company struct {
			Name    string   `json:"name"`
			Domains []string `json:"domains"`
		} `json:"company"`
	}
	e.ok("get_company", map[string]any{"company_id": 67030000004}, &co)
	if co.Company.Name != "한빛소프트" || !slices.Contains(co.Company.Domains, "hanbitsoft.example.kr") {
		t.Errorf("get_company: %+v", co)
	}
	var scs struct {
		Companies []struct {
			ID   int64  `json:"id"`
			Name string `json:"name"`
		} `json:"companies"`
	}
	e.ok("search_companies", map[string]any{"domain": "northwind.example.com"}, &scs)
	if len(scs.Companies) != 1 || scs.Companies[0].Name != "Northwind Logistics" {
		t.Errorf("search_companies: %+v", scs)
	}
	e.fd.ResetRequests()
	if got := e.fail("search_companies", map[string]any{"query": "domain:"}); !strings.Contains(got, "no credit spent") || len(e.fd.Requests()) != 0 {
		t.Errorf("malformed company query: %q, %d calls", got, len(e.fd.Requests()))
	}
}

func TestKnowledgeTools(t *testing.T) {
	e := newEnv(t, envOpts{})
	var ss struct {
		Articles []struct {
			ID      int64  `json:"id"`
			Title   string `json:"title"`
			Excerpt string `json:"excerpt"`
		} `json:"articles"`
	}
	e.ok("search_solutions", map[string]any{"term": "rate limit"}, &ss)
	if len(ss.Articles) == 0 || ss.Articles[0].Excerpt == "" {
		t.Fatalf("search_solutions: %+v", ss)
	}
	var art struct {
		Title string `json:"title"`
		Text  string `json:"text"`
	}
	e.ok("get_solution_article", map[string]any{"article_id": ss.Articles[0].ID}, &art)
	if art.Title != ss.Articles[0].Title || len(art.Text) < 50 || strings.Contains(art.Text, "<p>") {
		t.Errorf("get_solution_article: %+v", art)
	}

	e.fd.ResetRequests()
	var cr struct {
		Responses []struct {
			ID    int64  `json:"id"`
			Title string `json:"title"`
		} `json:"responses"`
		Folders []string `json:"folders"`
	}
	res := e.call("search_canned_responses", map[string]any{"term": "HAR"})
	if res.IsError {
		t.Fatal(text(res))
	}
	decode(t, text(res), &cr)
	if len(cr.Responses) == 0 || cr.Responses[0].Title != "Ask for a HAR file" {
		t.Errorf("search_canned_responses: %+v", cr)
	}
	if got, want := metaInt(t, res, "credits_used"), 1+len(cr.Folders); got != want || got != credits(e.fd.Requests()) {
		t.Errorf("cold canned search cost %d, want 1 + %d folders = %d (emulator %d)", got, len(cr.Folders), want, credits(e.fd.Requests()))
	}
	res = e.call("search_canned_responses", map[string]any{"term": "refund", "folder": "billing"})
	if metaInt(t, res, "credits_used") != 0 {
		t.Error("second canned search should be served from the cache")
	}
	var one struct {
		Title  string `json:"title"`
		Folder string `json:"folder"`
		Text   string `json:"text"`
	}
	e.ok("get_canned_response", map[string]any{"canned_response_id": cr.Responses[0].ID}, &one)
	if one.Title != "Ask for a HAR file" || one.Text == "" || one.Folder == "" {
		t.Errorf("get_canned_response: %+v", one)
	}
}

func TestLookupTools(t *testing.T) {
	e := newEnv(t, envOpts{})
	var ag struct {
		Agents []struct {
			ID     int64    `json:"id"`
			Name   string   `json:"name"`
			Email  string   `json:"email"`
			Groups []string `json:"groups"`
		} `json:"agents"`
	}
	e.ok("list_agents", nil, &ag)
	i := slices.IndexFunc(ag.Agents, func(a struct {
		ID     int64    `json:"id"`
		Name   string   `json:"name"`
		Email  string   `json:"email"`
		Groups []string `json:"groups"`
	}) bool {
		return a.Name == "Sarah Chen"
	})
	if i < 0 || ag.Agents[i].Email == "" || ag.Agents[i].ID == 0 {
		t.Errorf("list_agents: %+v", ag)
	}
	var gr struct {
		Groups []struct {
			Name   string   `json:"name"`
			Agents []string `json:"agents"`
		} `json:"groups"`
	}
	e.ok("list_groups", map[string]any{}, &gr)
	if len(gr.Groups) < 4 || !strings.Contains(e.ok("list_groups", nil, nil), "Escalations") {
		t.Errorf("list_groups: %+v", gr)
	}
	var tf struct {
		Statuses []struct {
			ID   int64  `json:"id"`
			Name string `json:"name"`
		} `json:"statuses"`
		Fields []struct {
			Name  string `json:"name"`
			Label string `json:"label"`
		} `json:"custom_fields"`
	}
	e.ok("get_ticket_fields", nil, &tf)
	if len(tf.Statuses) != 6 || tf.Statuses[4].Name != "Waiting on Customer" || len(tf.Fields) == 0 {
		t.Errorf("get_ticket_fields: %+v", tf)
	}
	if got := e.fail("list_agents", map[string]any{"group": "x"}); !strings.Contains(got, "call it with {}") {
		t.Errorf("no-argument tool with an argument: %q", got)
	}
}

func TestResources(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	read := func(uri string) string {
		t.Helper()
		res, err := e.cs.ReadResource(ctx, &gomcp.ReadResourceParams{URI: uri})
		if err != nil {
			t.Fatalf("%s: %v", uri, err)
		}
		if len(res.Contents) != 1 || res.Contents[0].MIMEType != "application/json" {
			t.Fatalf("%s: %+v", uri, res.Contents)
		}
		return res.Contents[0].Text
	}
	var viaTool, viaRes ticketResult
	e.ok("get_ticket", map[string]any{"ticket_id": 57}, &viaTool)
	decode(t, read("freshdesk://tickets/57"), &viaRes)
	if len(viaRes.Untrusted.Messages) != len(viaTool.Untrusted.Messages) || viaRes.Untrusted.Subject != viaTool.Untrusted.Subject || viaRes.NextCursor != viaTool.NextCursor {
		t.Errorf("ticket resource differs from get_ticket")
	}
	for uri, want := range map[string]string{
		"freshdesk://solutions/articles/67062000003": "rate limit",
		"freshdesk://ticket-fields":                  "Waiting on Customer",
		"freshdesk://agents":                         "Sarah Chen",
		"freshdesk://groups":                         "Escalations",
	} {
		if got := read(uri); !strings.Contains(strings.ToLower(got), strings.ToLower(want)) {
			t.Errorf("%s lacks %q: %.200s", uri, want, got)
		}
	}
	lr, err := e.cs.ListResources(ctx, nil)
	if err != nil || len(lr.Resources) != 3 {
		t.Errorf("resources/list: %v %+v", err, lr)
	}
	lt, err := e.cs.ListResourceTemplates(ctx, nil)
	if err != nil || len(lt.ResourceTemplates) != 2 {
		t.Errorf("resources/templates/list: %v %+v", err, lt)
	}
	if _, err := e.cs.ReadResource(ctx, &gomcp.ReadResourceParams{URI: "freshdesk://tickets/999999"}); err == nil {
		t.Error("reading a missing ticket should fail")
	}
}
