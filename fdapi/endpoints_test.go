package fdapi

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestEndpointRequests checks the method, path, query and body each endpoint
// sends, and that the response decodes.
func TestEndpointRequests(t *testing.T) {
	type seen struct{ method, uri, body, ctype string }
	var mu sync.Mutex
	var last seen
	responses := map[string]string{
		"/api/v2/tickets/5":                           `{"id":5,"subject":"s","company":{},"requester":{"id":1,"name":"R","email":null,"mobile":null,"phone":null}}`,
		"/api/v2/tickets":                             `[{"id":1},{"id":2}]`,
		"/api/v2/tickets/5/conversations":             `[{"id":1,"body":"b","source":0},{"id":2,"body":"n","private":true,"source":2}]`,
		"/api/v2/tickets/5/reply":                     `{"id":10,"body":"<p>hi</p>","ticket_id":5}`,
		"/api/v2/tickets/5/notes":                     `{"id":11,"body":"<p>note</p>","private":true,"ticket_id":5}`,
		"/api/v2/contacts":                            `[{"id":3,"name":"C"}]`,
		"/api/v2/contacts/3":                          `{"id":3,"name":"C","email":"c@example.com"}`,
		"/api/v2/companies":                           `[{"id":4,"name":"Co"}]`,
		"/api/v2/companies/4":                         `{"id":4,"name":"Co","domains":["co.com"]}`,
		"/api/v2/agents/me":                           `{"id":6,"contact":{"name":"Me","email":"me@x.com"}}`,
		"/api/v2/agents/6":                            `{"id":6,"contact":{"name":"Me","email":"me@x.com"}}`,
		"/api/v2/search/solutions":                    `[{"id":8,"title":"API key","path":"8-api-key","category_name":"FAQ"}]`,
		"/api/v2/solutions/articles/8":                `{"id":8,"title":"API key","status":2}`,
		"/api/v2/solutions/categories":                `[{"id":1,"name":"General","icon":{}}]`,
		"/api/v2/solutions/categories/1/folders":      `[{"id":2,"name":"FAQ","visibility":1}]`,
		"/api/v2/solutions/folders/2/articles":        `[{"id":8,"title":"API key"}]`,
		"/api/v2/canned_response_folders":             `[{"id":9,"name":"General","personal":false,"responses_count":1}]`,
		"/api/v2/canned_response_folders/9/responses": `[{"id":12,"title":"Thanks","folder_id":9,"content_html":"<p>Thanks</p>"}]`,
		"/api/v2/canned_responses/12":                 `{"id":12,"title":"Thanks","folder_id":9}`,
		"/api/v2/tickets/5/satisfaction_ratings":      `[{"id":13,"ticket_id":5,"ratings":{"default_question":103}}]`,
		"/api/v2/tickets/5/time_entries":              `[{"id":14,"ticket_id":5,"time_spent":"01:30"}]`,
		"/api/v2/roles":                               `[{"id":15,"name":"Agent"}]`,
		"/api/v2/email_configs":                       `[{"id":16,"name":"Support","to_email":"s@x.com","reply_email":"s@x.com"}]`,
	}
	c, _, _ := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		last = seen{r.Method, r.URL.RequestURI(), string(b), r.Header.Get("Content-Type")}
		mu.Unlock()
		body, ok := responses[r.URL.Path]
		if !ok {
			writeJSON(w, 404, "")
			return
		}
		status := 200
		if r.Method == http.MethodPost {
			status = 201
		}
		writeJSON(w, status, body)
	}))
	ctx := context.Background()
	since := time.Date(2024, 3, 1, 10, 0, 0, 0, time.FixedZone("x", 3600))
	str := func(s string) *string { return &s }
	i := func(n int) *int { return &n }
	tags := []string{"vip", "billing"}
	f := false
	tests := []struct {
		name       string
		call       func() (any, error)
		method     string
		uri        string
		body       string
		checkValue func(v any) bool
	}{
		{"get ticket", func() (any, error) { return c.GetTicket(ctx, 5, "requester", "company", "stats", "conversations") }, "GET",
			"/api/v2/tickets/5?include=requester%2Ccompany%2Cstats%2Cconversations", "",
			func(v any) bool {
				tk := v.(*Ticket)
				return tk.ID == 5 && tk.Company == nil && tk.Requester.Name == "R"
			}},
		{"list tickets", func() (any, error) {
			return c.ListTickets(ctx, ListTicketsParams{Filter: "new_and_my_open", RequesterID: 7, Email: "a+b@x.com", CompanyID: 8,
				UpdatedSince: since, OrderBy: "updated_at", OrderType: "asc", Include: []string{"requester", "stats"}, Page: 2, PerPage: 100})
		}, "GET", "/api/v2/tickets?company_id=8&email=a%2Bb%40x.com&filter=new_and_my_open&include=requester%2Cstats&order_by=updated_at&order_type=asc&page=2&per_page=100&requester_id=7&updated_since=2024-03-01T09%3A00%3A00Z", "",
			func(v any) bool { p := v.(Page[Ticket]); return len(p.Items) == 2 && p.NextPage == 0 }},
		{"list conversations", func() (any, error) { return c.ListConversations(ctx, 5, 1, 50) }, "GET", "/api/v2/tickets/5/conversations?page=1&per_page=50", "",
			func(v any) bool { p := v.(Page[Conversation]); return len(p.Items) == 2 && p.Items[1].Private }},
		{"reply", func() (any, error) {
			return c.CreateReply(ctx, 5, ReplyInput{Body: "<p>hi</p>", CCEmails: []string{"cc@x.com"}, BCCEmails: []string{"b@x.com"}, FromEmail: "s@x.com"})
		}, "POST", "/api/v2/tickets/5/reply", `{"body":"<p>hi</p>","cc_emails":["cc@x.com"],"bcc_emails":["b@x.com"],"from_email":"s@x.com"}`,
			func(v any) bool { return v.(*Conversation).ID == 10 }},
		{"note", func() (any, error) {
			return c.CreateNote(ctx, 5, NoteInput{Body: "<p>note</p>", Private: &f, NotifyEmails: []string{"agent@x.com"}})
		}, "POST", "/api/v2/tickets/5/notes", `{"body":"<p>note</p>","private":false,"notify_emails":["agent@x.com"]}`,
			func(v any) bool { return v.(*Conversation).ID == 11 }},
		{"update ticket", func() (any, error) {
			return c.UpdateTicket(ctx, 5, TicketUpdate{Status: i(4), Priority: i(2), Type: str("Incident"), Tags: &tags, ClearResponder: true,
				CustomFields: map[string]any{"cf_sector": "finance"}})
		}, "PUT", "/api/v2/tickets/5", `{"custom_fields":{"cf_sector":"finance"},"priority":2,"responder_id":null,"status":4,"tags":["vip","billing"],"type":"Incident"}`,
			func(v any) bool { return v.(*Ticket).ID == 5 }},
		{"list contacts", func() (any, error) {
			return c.ListContacts(ctx, ListContactsParams{Email: "c@x.com", CompanyID: 4, State: "verified", UpdatedSince: since, Tag: "vip", PerPage: 10})
		}, "GET", "/api/v2/contacts?_updated_since=2024-03-01T09%3A00%3A00Z&company_id=4&email=c%40x.com&per_page=10&state=verified&tag=vip", "",
			func(v any) bool { return len(v.(Page[Contact]).Items) == 1 }},
		{"get contact", func() (any, error) { return c.GetContact(ctx, 3) }, "GET", "/api/v2/contacts/3", "",
			func(v any) bool { return *v.(*Contact).Email == "c@example.com" }},
		{"list companies", func() (any, error) { return c.ListCompanies(ctx, 1, 100) }, "GET", "/api/v2/companies?page=1&per_page=100", "",
			func(v any) bool { return len(v.(Page[Company]).Items) == 1 }},
		{"get company", func() (any, error) { return c.GetCompany(ctx, 4) }, "GET", "/api/v2/companies/4", "",
			func(v any) bool { return v.(*Company).Domains[0] == "co.com" }},
		{"me", func() (any, error) { return c.Me(ctx) }, "GET", "/api/v2/agents/me", "", func(v any) bool { return v.(*Agent).Contact.Name == "Me" }},
		{"get agent", func() (any, error) { return c.GetAgent(ctx, 6) }, "GET", "/api/v2/agents/6", "", func(v any) bool { return v.(*Agent).ID == 6 }},
		{"search solutions", func() (any, error) { return c.SearchSolutions(ctx, "api key & rate") }, "GET", "/api/v2/search/solutions?term=api+key+%26+rate", "",
			func(v any) bool { a := v.([]Article); return len(a) == 1 && a[0].Path == "8-api-key" }},
		{"get article", func() (any, error) { return c.GetArticle(ctx, 8) }, "GET", "/api/v2/solutions/articles/8", "",
			func(v any) bool { return v.(*Article).Status == ArticlePublished }},
		{"categories", func() (any, error) { return c.ListSolutionCategories(ctx) }, "GET", "/api/v2/solutions/categories", "",
			func(v any) bool { return len(v.([]Category)) == 1 }},
		{"folders", func() (any, error) { return c.ListSolutionFolders(ctx, 1) }, "GET", "/api/v2/solutions/categories/1/folders", "",
			func(v any) bool { return v.([]Folder)[0].Visibility == 1 }},
		{"folder articles", func() (any, error) { return c.ListFolderArticles(ctx, 2) }, "GET", "/api/v2/solutions/folders/2/articles", "",
			func(v any) bool { return len(v.([]Article)) == 1 }},
		{"canned folders", func() (any, error) { return c.ListCannedResponseFolders(ctx) }, "GET", "/api/v2/canned_response_folders", "",
			func(v any) bool { return v.([]CannedResponseFolder)[0].ResponsesCount == 1 }},
		{"canned responses", func() (any, error) { return c.ListCannedResponses(ctx, 9) }, "GET", "/api/v2/canned_response_folders/9/responses", "",
			func(v any) bool { return v.([]CannedResponse)[0].ContentHTML == "<p>Thanks</p>" }},
		{"canned response", func() (any, error) { return c.GetCannedResponse(ctx, 12) }, "GET", "/api/v2/canned_responses/12", "",
			func(v any) bool { return v.(*CannedResponse).FolderID == 9 }},
		{"satisfaction", func() (any, error) { return c.ListSatisfactionRatings(ctx, 5) }, "GET", "/api/v2/tickets/5/satisfaction_ratings", "",
			func(v any) bool { return v.([]SatisfactionRating)[0].Ratings["default_question"] == 103 }},
		{"time entries", func() (any, error) { return c.ListTimeEntries(ctx, 5) }, "GET", "/api/v2/tickets/5/time_entries", "",
			func(v any) bool { return v.([]TimeEntry)[0].TimeSpent == "01:30" }},
		{"roles", func() (any, error) { return c.ListRoles(ctx) }, "GET", "/api/v2/roles", "", func(v any) bool { return len(v.([]Role)) == 1 }},
		{"email configs", func() (any, error) { return c.ListEmailConfigs(ctx) }, "GET", "/api/v2/email_configs", "",
			func(v any) bool { return v.([]EmailConfig)[0].ReplyEmail == "s@x.com" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := tt.call()
			if err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			got := last
			mu.Unlock()
			if got.method != tt.method || got.uri != tt.uri {
				t.Fatalf("sent %s %s, want %s %s", got.method, got.uri, tt.method, tt.uri)
			}
			if tt.body != "" {
				if !jsonEqual(t, got.body, tt.body) || got.ctype != "application/json" {
					t.Fatalf("body %s (%s), want %s", got.body, got.ctype, tt.body)
				}
			} else if got.body != "" {
				t.Fatalf("unexpected body %q", got.body)
			}
			if !tt.checkValue(v) {
				t.Fatalf("unexpected value %+v", v)
			}
		})
	}
}

func jsonEqual(t *testing.T, a, b string) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal([]byte(a), &x); err != nil {
		return false
	}
	if err := json.Unmarshal([]byte(b), &y); err != nil {
		t.Fatal(err)
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return string(xa) == string(ya)
}

// TestLocalValidation: calls Freshdesk would refuse are refused before sending.
func TestLocalValidation(t *testing.T) {
	var n counter
	c, _, _ := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.inc()
		writeJSON(w, 200, `{}`)
	}))
	ctx := context.Background()
	comma := []string{"a,b"}
	tests := []struct {
		name string
		call func() error
		want string
	}{
		{"ticket page 301", func() error { _, err := c.ListTickets(ctx, ListTicketsParams{Page: 301}); return err },
			"field page: You cannot access tickets beyond the 300th page"},
		{"per_page 101", func() error { _, err := c.ListTickets(ctx, ListTicketsParams{PerPage: 101}); return err },
			"field per_page: It should be a Positive Integer less than or equal to 100"},
		{"bad filter", func() error { _, err := c.ListTickets(ctx, ListTicketsParams{Filter: "open"}); return err },
			"field filter: It should be one of these values: 'new_and_my_open,watching,spam,deleted'"},
		{"bad list include", func() error {
			_, err := c.ListTickets(ctx, ListTicketsParams{Include: []string{"conversations"}})
			return err
		},
			"field include"},
		{"bad order", func() error {
			_, err := c.ListTickets(ctx, ListTicketsParams{OrderBy: "priority", OrderType: "up"})
			return err
		},
			"field order_type"},
		{"bad view include", func() error { _, err := c.GetTicket(ctx, 1, "description"); return err },
			"It should be one of these values: 'conversations,requester,company,stats'"},
		{"zero id", func() error { _, err := c.GetTicket(ctx, 0); return err }, "field id: It should be a/an Positive Integer"},
		{"empty update", func() error { _, err := c.UpdateTicket(ctx, 1, TicketUpdate{}); return err }, "nothing to update"},
		{"comma tag", func() error { _, err := c.UpdateTicket(ctx, 1, TicketUpdate{Tags: &comma}); return err }, "must not contain a comma"},
		{"empty reply", func() error { _, err := c.CreateReply(ctx, 1, ReplyInput{Body: "  "}); return err }, "field body"},
		{"empty note", func() error { _, err := c.CreateNote(ctx, 1, NoteInput{}); return err }, "field body"},
		{"bad contact state", func() error { _, err := c.ListContacts(ctx, ListContactsParams{State: "gone"}); return err }, "field state"},
		{"companies per_page", func() error { _, err := c.ListCompanies(ctx, 1, 500); return err }, "field per_page"},
		{"conversations ticket id", func() error { _, err := c.ListConversations(ctx, -1, 1, 10); return err }, "field ticket_id"},
		{"empty solution term", func() error { _, err := c.SearchSolutions(ctx, " "); return err }, "field term"},
		{"folders id", func() error { _, err := c.ListSolutionFolders(ctx, 0); return err }, "field id"},
		{"folder articles id", func() error { _, err := c.ListFolderArticles(ctx, 0); return err }, "field id"},
		{"canned id", func() error { _, err := c.ListCannedResponses(ctx, 0); return err }, "field id"},
		{"ratings id", func() error { _, err := c.ListSatisfactionRatings(ctx, 0); return err }, "field ticket_id"},
		{"time id", func() error { _, err := c.ListTimeEntries(ctx, 0); return err }, "field ticket_id"},
		{"contact id", func() error { _, err := c.GetContact(ctx, 0); return err }, "field id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			var fe *Error
			if !errors.As(err, &fe) || !fe.Local || fe.Status != 0 {
				t.Fatalf("want local *Error, got %v", err)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "no credit used") {
				t.Fatalf("%q lacks %q", err.Error(), tt.want)
			}
		})
	}
	if n.get() != 0 {
		t.Fatalf("%d requests sent", n.get())
	}
}

func TestTicketUpdateJSON(t *testing.T) {
	g := int64(3)
	empty := []string(nil)
	tests := []struct {
		u    TicketUpdate
		want string
	}{
		{TicketUpdate{GroupID: &g}, `{"group_id":3}`},
		{TicketUpdate{ClearGroup: true}, `{"group_id":null}`},
		{TicketUpdate{Tags: &empty}, `{"tags":[]}`},
		{TicketUpdate{ResponderID: &g, ClearResponder: true}, `{"responder_id":3}`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.u)
		if err != nil || string(b) != tt.want {
			t.Errorf("%+v -> %s %v, want %s", tt.u, b, err, tt.want)
		}
	}
}
