package fdtest

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestCreateTicketValidation(t *testing.T) {
	ts, _ := newSeeded(t, Options{})
	vf := func(errs ...string) string {
		return `{"description":"Validation failed","errors":[` + strings.Join(errs, ",") + `]}`
	}
	tests := []struct{ name, body, want string }{
		{"no requester", `{"subject":"Hi","description":"x"}`,
			vf(`{"field":"requester_id","message":"Please fill at least 1 of requester_id, phone, email, twitter_id, facebook_id, unique_external_id fields","code":"missing_field"}`)},
		{"unknown field", `{"email":"a@b.co","subjekt":"x","subject":"s","description":"d"}`,
			vf(`{"field":"subjekt","message":"Unexpected/invalid field in request","code":"invalid_field"}`)},
		{"bad email", `{"email":"nope","subject":"s","description":"d"}`,
			vf(`{"field":"email","message":"It should be a valid email address","code":"invalid_value"}`)},
		{"unknown requester id", `{"requester_id":999,"subject":"s","description":"d"}`,
			vf(`{"field":"requester_id","message":"There is no contact matching the given requester_id","code":"invalid_value"}`)},
		{"bad status and priority", `{"email":"ann@acme.test","status":9,"priority":5,"subject":"s","description":"d"}`,
			vf(`{"field":"status","message":"It should be one of these values: '2,3,4,5'","code":"invalid_value"}`,
				`{"field":"priority","message":"It should be one of these values: '1,2,3,4'","code":"invalid_value"}`)},
		{"outbound source", `{"email":"ann@acme.test","source":10,"subject":"s","description":"d"}`,
			vf(`{"field":"source","message":"It should be one of these values: '1,2,3,5,6,7,8,9,11'","code":"invalid_value"}`)},
		{"unknown group", `{"email":"ann@acme.test","group_id":42,"subject":"s","description":"d"}`,
			vf(`{"field":"group_id","message":"There is no group matching the given group_id","code":"invalid_value"}`)},
		{"phone without name", `{"phone":"777","subject":"s","description":"d"}`,
			vf(`{"field":"name","message":"It should not be blank as this is a mandatory field","code":"missing_field"}`)},
		{"bad cc", `{"email":"ann@acme.test","cc_emails":["x"],"subject":"s","description":"d"}`,
			vf(`{"field":"cc_emails","message":"It should contain elements that are valid email addresses","code":"invalid_value"}`)},
		{"bad custom", `{"email":"ann@acme.test","custom_fields":{"cf_sector":"sports"},"subject":"s","description":"d"}`,
			vf(`{"field":"cf_sector","nested_field":"custom_fields.cf_sector","message":"It should be one of these values: 'finance,marketing'","code":"invalid_value"}`)},
	}
	before := len(ts.TicketIDs())
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, b := call(t, ts, "POST", "/api/v2/tickets", tc.body)
			if resp.StatusCode != http.StatusBadRequest || string(b) != tc.want {
				t.Errorf("got %d %s\nwant 400 %s", resp.StatusCode, b, tc.want)
			}
		})
	}
	if n := len(ts.TicketIDs()); n != before {
		t.Errorf("a rejected create stored a ticket: %d -> %d", before, n)
	}
}

func TestCreateTicketRequiredFields(t *testing.T) {
	// The baseline account requires subject and description, like a stock one.
	ts, _ := newSeeded(t, Options{})
	resp, b := call(t, ts, "POST", "/api/v2/tickets", `{"email":"ann@acme.test","subject":"  "}`)
	want := `{"description":"Validation failed","errors":[{"field":"subject","message":"It should not be blank as this is a mandatory field","code":"missing_field"},{"field":"description","message":"It should not be blank as this is a mandatory field","code":"missing_field"}]}`
	if resp.StatusCode != 400 || string(b) != want {
		t.Errorf("got %d %s", resp.StatusCode, b)
	}
}

func TestCreateTicket(t *testing.T) {
	ts, _ := newSeeded(t, Options{})
	if err := ts.Seed(Dataset{SLAPolicies: []Record{{"id": 7, "name": "Default", "is_default": true,
		"sla_target": map[string]any{"priority_3": map[string]any{"respond_within": 3600, "resolve_within": 7200}}}}}); err != nil {
		t.Fatal(err)
	}
	resp, b := call(t, ts, "POST", "/api/v2/tickets",
		`{"email":"ann@acme.test","subject":"Printer on fire","description":"<p>Help</p>","priority":3,"tags":["hw"],"cc_emails":["boss@acme.test"]}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("status %d: %s", resp.StatusCode, b)
	}
	got := decode[map[string]any](t, b)
	if got["id"].(float64) != 5 || got["requester_id"].(float64) != 201 || got["company_id"].(float64) != 501 {
		t.Errorf("id/requester/company: %v %v %v", got["id"], got["requester_id"], got["company_id"])
	}
	if got["status"].(float64) != 2 || got["source"].(float64) != 2 || got["description_text"] != "Help" {
		t.Errorf("defaults: status %v source %v text %q", got["status"], got["source"], got["description_text"])
	}
	if got["fr_due_by"] != fmtTime(testNow.Add(time.Hour)) || got["due_by"] != fmtTime(testNow.Add(2*time.Hour)) {
		t.Errorf("SLA due dates: fr %v due %v", got["fr_due_by"], got["due_by"])
	}
	if loc := resp.Header.Get("Location"); !strings.HasSuffix(loc, "/api/v2/tickets/5") {
		t.Errorf("Location %q", loc)
	}
	if k := keysOf(t, b); strings.Join(k[:3], ",") != "cc_emails,fwd_emails,reply_cc_emails" || !has(k, "source_additional_info") {
		t.Errorf("not the view shape: %v", k)
	}
	reqs := ts.Requests()
	if last := reqs[len(reqs)-1]; last.Credits != 1 {
		t.Errorf("credits %d", last.Credits)
	}

	// An unknown e-mail creates the contact, named after the mailbox.
	resp, b = call(t, ts, "POST", "/api/v2/tickets", `{"email":"New Person <newbie@example.test>","subject":"Hello","description":"d"}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("status %d: %s", resp.StatusCode, b)
	}
	rid := int64(decode[map[string]any](t, b)["requester_id"].(float64))
	_, cb := call(t, ts, "GET", "/api/v2/contacts/"+itoa(int(rid)), "")
	if c := decode[map[string]any](t, cb); c["email"] != "newbie@example.test" || c["name"] != "newbie" {
		t.Errorf("created contact %v", c)
	}
}

func TestCreateTicketSubLimit(t *testing.T) {
	ts, _ := newSeeded(t, Options{Plan: Growth})
	for i := 0; i < 80; i++ {
		if resp, b := call(t, ts, "POST", "/api/v2/tickets", `{"email":"ann@acme.test","subject":"s","description":"d"}`); resp.StatusCode != 201 {
			t.Fatalf("create %d: %d %s", i, resp.StatusCode, b)
		}
	}
	if resp, _ := call(t, ts, "POST", "/api/v2/tickets", `{"email":"ann@acme.test","subject":"s","description":"d"}`); resp.StatusCode != 429 {
		t.Errorf("81st create on Growth: %d, want 429 (80 ticket creates a minute)", resp.StatusCode)
	}
}

func TestUpdateContact(t *testing.T) {
	ts, _ := newSeeded(t, Options{})
	tests := []struct {
		name, path, body string
		status           int
		want             string
	}{
		{"not found", "/api/v2/contacts/9", `{"name":"X"}`, 404, ""},
		{"blank name", "/api/v2/contacts/201", `{"name":" "}`, 400,
			`{"description":"Validation failed","errors":[{"field":"name","message":"It should not be blank as this is a mandatory field","code":"missing_field"}]}`},
		{"email taken", "/api/v2/contacts/201", `{"email":"bob@example.test"}`, 409,
			`{"description":"Validation failed","errors":[{"field":"email","message":"It should be a unique value","code":"duplicate_value","additional_info":{"user_id":202}}]}`},
		{"unknown field", "/api/v2/contacts/201", `{"nmae":"x"}`, 400,
			`{"description":"Validation failed","errors":[{"field":"nmae","message":"Unexpected/invalid field in request","code":"invalid_field"}]}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, b := call(t, ts, "PUT", tc.path, tc.body)
			if resp.StatusCode != tc.status || string(b) != tc.want {
				t.Errorf("got %d %s", resp.StatusCode, b)
			}
		})
	}
	resp, b := call(t, ts, "PUT", "/api/v2/contacts/201", `{"job_title":"CTO","email":"ann@acme.test","custom_fields":{"tier":"gold"}}`)
	c := decode[map[string]any](t, b)
	if resp.StatusCode != 200 || c["job_title"] != "CTO" || c["name"] != "Ann" || c["custom_fields"].(map[string]any)["tier"] != "gold" {
		t.Errorf("update: %d %s", resp.StatusCode, b)
	}
}

func TestTimeEntries(t *testing.T) {
	ts, clk := newSeeded(t, Options{})
	vf := func(e string) string { return `{"description":"Validation failed","errors":[` + e + `]}` }
	bad := []struct{ name, body, want string }{
		{"bad format", `{"time_spent":"1h"}`, vf(`{"field":"time_spent","message":"It should be in the 'hh:mm' format","code":"invalid_value"}`)},
		{"spent with running timer", `{"time_spent":"01:00","timer_running":true}`,
			vf(`{"field":"time_spent","message":"It cannot be set when timer_running is true","code":"incompatible_field"}`)},
		{"start with stopped timer", `{"time_spent":"01:00","timer_running":false,"start_time":"2026-11-20T10:00:00Z"}`,
			vf(`{"field":"start_time","message":"It cannot be set when timer_running is false","code":"incompatible_field"}`)},
		{"future start", `{"start_time":"2026-11-21T10:00:00Z"}`,
			vf(`{"field":"start_time","message":"It cannot be greater than current time","code":"invalid_value"}`)},
		{"unknown agent", `{"time_spent":"00:10","agent_id":5}`,
			vf(`{"field":"agent_id","message":"There is no agent matching the given agent_id","code":"invalid_value"}`)},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			resp, b := call(t, ts, "POST", "/api/v2/tickets/1/time_entries", tc.body)
			if resp.StatusCode != 400 || string(b) != tc.want {
				t.Errorf("got %d %s", resp.StatusCode, b)
			}
		})
	}
	if resp, _ := call(t, ts, "POST", "/api/v2/tickets/99/time_entries", `{"time_spent":"00:10"}`); resp.StatusCode != 404 {
		t.Errorf("unknown ticket: %d", resp.StatusCode)
	}
	resp, b := call(t, ts, "POST", "/api/v2/tickets/1/time_entries", `{"time_spent":"01:30","note":"call","billable":false}`)
	e := decode[map[string]any](t, b)
	if resp.StatusCode != 201 || e["time_spent_in_seconds"].(float64) != 5400 || e["company_id"].(float64) != 501 ||
		e["timer_running"] != false || e["agent_id"].(float64) != float64(ts.MeAgentID()) {
		t.Errorf("create: %d %s", resp.StatusCode, b)
	}
	clk.t = clk.t.Add(48 * time.Hour)
	resp, b = call(t, ts, "POST", "/api/v2/tickets/4/time_entries", `{}`)
	if e := decode[map[string]any](t, b); resp.StatusCode != 201 || e["timer_running"] != true || e["time_spent"] != "00:00" {
		t.Errorf("timer start: %d %s", resp.StatusCode, b)
	}
	list := func(q string) []int {
		resp, b := call(t, ts, "GET", "/api/v2/time_entries"+q, "")
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", q, resp.StatusCode, b)
		}
		var out []int
		for _, m := range decode[[]map[string]any](t, b) {
			out = append(out, int(m["ticket_id"].(float64)))
		}
		return out
	}
	if got := list(""); len(got) != 2 || got[0] != 1 || got[1] != 4 {
		t.Errorf("all: %v", got)
	}
	if got := list("?company_id=501"); len(got) != 1 || got[0] != 1 {
		t.Errorf("by company: %v", got)
	}
	if got := list("?billable=true"); len(got) != 1 || got[0] != 4 {
		t.Errorf("billable: %v", got)
	}
	if got := list("?executed_after=" + fmtTime(testNow.Add(time.Hour))); len(got) != 1 || got[0] != 4 {
		t.Errorf("executed_after: %v", got)
	}
	if got := list("?executed_before=" + fmtTime(testNow) + "&agent_id=" + itoa(int(ts.MeAgentID()))); len(got) != 1 || got[0] != 1 {
		t.Errorf("executed_before+agent: %v", got)
	}
	if resp, b := call(t, ts, "GET", "/api/v2/time_entries?billable=yes", ""); resp.StatusCode != 400 ||
		!strings.Contains(string(b), `"field":"billable"`) {
		t.Errorf("bad billable: %d %s", resp.StatusCode, b)
	}
}

func TestDemoAccountReads(t *testing.T) {
	ts := NewServer(t, Options{Demo: true, Now: func() time.Time { return testNow }})
	counts := ts.Counts()
	for _, k := range []string{"surveys", "sla_policies", "business_hours", "products", "email_configs", "roles"} {
		if counts[k] == 0 {
			t.Errorf("demo has no %s", k)
		}
	}
	for _, p := range []string{"/surveys", "/sla_policies", "/business_hours", "/products", "/email_configs", "/roles"} {
		items := decode[[]map[string]any](t, ts.Get(t, p))
		if len(items) == 0 {
			t.Errorf("%s: empty", p)
			continue
		}
		id := int(items[0]["id"].(float64))
		if p != "/surveys" && p != "/sla_policies" {
			if one := decode[map[string]any](t, ts.Get(t, p+"/"+itoa(id))); int(one["id"].(float64)) != id {
				t.Errorf("%s/%d: %v", p, id, one)
			}
		}
	}
	if resp, _ := call(t, ts, "GET", "/api/v2/products/1", ""); resp.StatusCode != 404 {
		t.Errorf("unknown product: %d", resp.StatusCode)
	}
	all := decode[[]map[string]any](t, ts.Get(t, "/surveys/satisfaction_ratings?per_page=100"))
	if len(all) != counts["satisfaction_ratings"] {
		t.Fatalf("ratings %d, want %d", len(all), counts["satisfaction_ratings"])
	}
	cut := all[len(all)/2]["created_at"].(string)
	since := decode[[]map[string]any](t, ts.Get(t, "/surveys/satisfaction_ratings?per_page=100&created_since="+cut))
	want := 0
	for _, r := range all {
		if r["created_at"].(string) >= cut {
			want++
		}
	}
	if len(since) != want || want == 0 || want == len(all) {
		t.Errorf("created_since %s: %d, want %d of %d", cut, len(since), want, len(all))
	}
	langs := map[string]bool{}
	for _, r := range all {
		if fb, _ := r["feedback"].(string); fb != "" {
			c := decode[map[string]any](t, ts.Get(t, "/contacts/"+itoa(int(r["user_id"].(float64)))))
			langs[c["language"].(string)] = true
		}
	}
	if len(langs) < 3 {
		t.Errorf("rating comments in %d languages (%v), want several", len(langs), langs)
	}
}

func TestCreateTicketFaults(t *testing.T) {
	ts, _ := newSeeded(t, Options{})
	ts.AddFault(Fault{Method: "POST", PathPrefix: "/tickets", Status: 503})
	if resp, _ := call(t, ts, "POST", "/api/v2/tickets", `{"email":"ann@acme.test","subject":"a","description":"d"}`); resp.StatusCode != 503 {
		t.Errorf("fault status %d", resp.StatusCode)
	}
	if n := len(ts.TicketIDs()); n != 4 {
		t.Errorf("a 503 fault stored a ticket: %d tickets", n)
	}
}
