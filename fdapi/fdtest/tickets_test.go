package fdtest

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
)

func ids(t *testing.T, b []byte) []int {
	t.Helper()
	var out []int
	for _, m := range decode[[]map[string]any](t, b) {
		out = append(out, int(m["id"].(float64)))
	}
	return out
}

func TestStrictParams(t *testing.T) {
	ts, _ := newSeeded(t, Options{})
	vf := func(errs ...string) string {
		return `{"description":"Validation failed","errors":[` + strings.Join(errs, ",") + `]}`
	}
	inv := func(f string) string {
		return `{"field":"` + f + `","message":"Unexpected/invalid field in request","code":"invalid_field"}`
	}
	const perPage = `{"field":"per_page","message":"It should be a Positive Integer less than or equal to 100","code":"invalid_value"}`
	tests := []struct {
		name, method, path, body, want string
	}{
		{"unknown list params", "GET", "/api/v2/tickets?foo=1&bar=2&page=1", "", vf(inv("foo"), inv("bar"))},
		{"typo on view", "GET", "/api/v2/tickets/1?includes=stats", "", vf(inv("includes"))},
		{"per_page on view", "GET", "/api/v2/tickets/1?per_page=2", "", vf(inv("per_page"))},
		{"per_page 0", "GET", "/api/v2/tickets?per_page=0", "", vf(perPage)},
		{"per_page 101", "GET", "/api/v2/tickets?per_page=101", "", vf(perPage)},
		{"per_page text", "GET", "/api/v2/contacts?per_page=ten", "", vf(perPage)},
		{"page 301", "GET", "/api/v2/tickets?page=301", "",
			`{"description":"Validation failed","errors":[{"field":"page","message":"You cannot access tickets beyond the 300th page. Please provide a smaller page number.","code":"invalid_value"}]}`},
		{"page 0", "GET", "/api/v2/tickets/1/conversations?page=0", "",
			vf(`{"field":"page","message":"It should be a/an Positive Integer","code":"datatype_mismatch"}`)},
		{"bad filter", "GET", "/api/v2/tickets?filter=mine", "",
			vf(`{"field":"filter","message":"It should be one of these values: 'new_and_my_open,watching,spam,deleted'","code":"invalid_value"}`)},
		{"bad list include", "GET", "/api/v2/tickets?include=conversations", "",
			vf(`{"field":"include","message":"It should be one of these values: 'stats,requester,description,company'","code":"invalid_value"}`)},
		{"bad view include", "GET", "/api/v2/tickets/1?include=description", "",
			vf(`{"field":"include","message":"It should be one of these values: 'conversations,requester,company,stats'","code":"invalid_value"}`)},
		{"unknown requester", "GET", "/api/v2/tickets?requester_id=77", "",
			vf(`{"field":"requester_id","message":"There is no contact matching the given requester_id","code":"invalid_value"}`)},
		{"unknown email", "GET", "/api/v2/tickets?email=nobody@x.test", "",
			vf(`{"field":"email","message":"There is no contact matching the given email","code":"invalid_value"}`)},
		{"unknown body field", "POST", "/api/v2/tickets/1/notes", `{"body":"x","privat":true}`, vf(inv("privat"))},
		{"cc_emails not updatable", "PUT", "/api/v2/tickets/1", `{"cc_emails":["a@b.co"]}`, vf(inv("cc_emails"))},
		{"note without body", "POST", "/api/v2/tickets/1/notes", `{"private":false}`,
			vf(`{"field":"body","message":"It should not be blank as this is a mandatory field","code":"missing_field"}`)},
		{"reply bad cc", "POST", "/api/v2/tickets/1/reply", `{"body":"x","cc_emails":["nope"]}`,
			vf(`{"field":"cc_emails","message":"It should contain elements that are valid email addresses","code":"invalid_value"}`)},
		{"note private type", "POST", "/api/v2/tickets/1/notes", `{"body":"x","private":"yes"}`,
			vf(`{"field":"private","message":"Value set is of type String.It should be a/an Boolean","code":"datatype_mismatch"}`)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, b := call(t, ts, tc.method, tc.path, tc.body)
			if resp.StatusCode != 400 || string(b) != tc.want {
				t.Errorf("got %d %s\nwant 400 %s", resp.StatusCode, b, tc.want)
			}
		})
	}
}

func TestListTicketsFilters(t *testing.T) {
	ts, _ := newSeeded(t, Options{})
	if _, err := ts.AddTicket(Record{"id": 5, "subject": "deleted", "deleted": true, "created_at": testNow}); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.AddTicket(Record{"id": 6, "subject": "watched", "status": 2, "responder_id": 99,
		"_watcher_ids": []int64{1}, "created_at": testNow}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query string
		want  []int
	}{
		{"", []int{6, 1, 4}}, // default: last 30 days only, no spam/deleted, created_at desc
		{"updated_since=2020-01-01T00:00:00Z", []int{6, 1, 4, 2}},
		{"requester_id=202", []int{4, 2}},
		{"email=bob@example.test&order_by=created_at&order_type=asc", []int{2, 4}},
		{"company_id=501", []int{1}},
		{"filter=spam", []int{3}},
		{"filter=deleted", []int{5}},
		{"filter=new_and_my_open", []int{1}},
		{"filter=watching", []int{6}},
		{"updated_since=2020-01-01T00:00:00Z&order_by=status&order_type=asc", []int{1, 6, 4, 2}},
		{"updated_since=" + url.QueryEscape("2026-11-19T00:00:00Z"), []int{6, 1}},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			resp, b := call(t, ts, "GET", "/api/v2/tickets?"+tc.query, "")
			if resp.StatusCode != 200 {
				t.Fatalf("status %d: %s", resp.StatusCode, b)
			}
			if got := ids(t, b); !slices.Equal(got, tc.want) {
				t.Errorf("ids %v, want %v", got, tc.want)
			}
		})
	}
}

func TestTicketShapes(t *testing.T) {
	ts, _ := newSeeded(t, Options{})
	view := "cc_emails,fwd_emails,reply_cc_emails,ticket_cc_emails,fr_escalated,spam,email_config_id,group_id,priority,requester_id,responder_id,source,company_id,status,subject,association_type,to_emails,product_id,id,type,due_by,fr_due_by,is_escalated,description,description_text,custom_fields,created_at,updated_at,tags,attachments,source_additional_info"
	list := "cc_emails,fwd_emails,reply_cc_emails,ticket_cc_emails,fr_escalated,spam,email_config_id,group_id,priority,requester_id,responder_id,source,company_id,status,subject,association_type,to_emails,product_id,id,type,due_by,fr_due_by,is_escalated,custom_fields,created_at,updated_at,associated_tickets_count,tags"
	update := "cc_emails,fwd_emails,reply_cc_emails,ticket_cc_emails,spam,email_config_id,fr_escalated,group_id,priority,requester_id,responder_id,source,status,subject,company_id,custom_fields,description,description_text,id,type,to_emails,product_id,attachments,is_escalated,tags,created_at,updated_at,due_by,fr_due_by"
	tests := []struct {
		name, method, path, body, keys string
	}{
		{"view", "GET", "/api/v2/tickets/1", "", view},
		{"view all includes", "GET", "/api/v2/tickets/4?include=conversations,requester,company,stats", "",
			view + ",requester,stats,company,conversations"},
		{"update", "PUT", "/api/v2/tickets/4", `{"priority":4}`, update},
		{"reply", "POST", "/api/v2/tickets/4/reply", `{"body":"<p>Hi</p>"}`,
			"id,user_id,from_email,cc_emails,bcc_emails,body,body_text,ticket_id,to_emails,attachments,source_additional_info,created_at,updated_at"},
		{"note", "POST", "/api/v2/tickets/4/notes", `{"body":"<p>Hi</p>"}`,
			"body,body_text,id,incoming,private,user_id,support_email,ticket_id,to_emails,created_at,updated_at,attachments,source_additional_info"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, b := call(t, ts, tc.method, tc.path, tc.body)
			if resp.StatusCode >= 300 {
				t.Fatalf("status %d: %s", resp.StatusCode, b)
			}
			if got := strings.Join(keysOf(t, b), ","); got != tc.keys {
				t.Errorf("keys\n got %s\nwant %s", got, tc.keys)
			}
		})
	}
	_, b := call(t, ts, "GET", "/api/v2/tickets?include=description,requester,stats,company", "")
	var first []byte
	if v, err := decodeJSON(b); err == nil {
		first, _ = v.([]any)[0].(*Obj).MarshalJSON()
	}
	if got := strings.Join(keysOf(t, first), ","); got != list+",description,description_text,requester,stats,company" {
		t.Errorf("list keys %s", got)
	}
	_, b = call(t, ts, "GET", "/api/v2/tickets/4?include=company", "")
	if !strings.Contains(string(b), `"company":{}`) {
		t.Errorf("ticket without company: %s", b)
	}
	ts.AddTicket(Record{"id": 9, "deleted": true})
	_, b = call(t, ts, "GET", "/api/v2/tickets/9", "")
	if !strings.HasSuffix(string(b), `"source_additional_info":null,"deleted":true}`) {
		t.Errorf("deleted ticket: %s", b)
	}
}

func TestUpdateTicketValidation(t *testing.T) {
	ts, _ := newSeeded(t, Options{})
	vf := func(e string) string { return `{"description":"Validation failed","errors":[` + e + `]}` }
	tests := []struct{ name, body, want string }{
		{"status", `{"status":9}`, vf(`{"field":"status","message":"It should be one of these values: '2,3,4,5'","code":"invalid_value"}`)},
		{"priority", `{"priority":5}`, vf(`{"field":"priority","message":"It should be one of these values: '1,2,3,4'","code":"invalid_value"}`)},
		{"priority type", `{"priority":"high"}`, vf(`{"field":"priority","message":"Value set is of type String.It should be a/an Positive Integer","code":"datatype_mismatch"}`)},
		{"type", `{"type":"Bug"}`, vf(`{"field":"type","message":"It should be one of these values: 'Question,Incident,Problem,Feature Request,Refund'","code":"invalid_value"}`)},
		{"group", `{"group_id":12345}`, vf(`{"field":"group_id","message":"There is no group matching the given group_id","code":"invalid_value"}`)},
		{"responder", `{"responder_id":12345}`, vf(`{"field":"responder_id","message":"There is no agent matching the given responder_id","code":"invalid_value"}`)},
		{"tag comma", `{"tags":["a,b"]}`, vf(`{"field":"tags","message":"',' are not allowed","code":"invalid_value"}`)},
		{"dropdown", `{"custom_fields":{"cf_sector":"retail"}}`, vf(`{"field":"cf_sector","nested_field":"custom_fields.cf_sector","message":"It should be one of these values: 'finance,marketing'","code":"invalid_value"}`)},
		{"checkbox", `{"custom_fields":{"cf_locked":"yes"}}`, vf(`{"field":"cf_locked","nested_field":"custom_fields.cf_locked","message":"Value set is of type String.It should be a/an Boolean","code":"datatype_mismatch"}`)},
		{"number", `{"custom_fields":{"cf_count":"3"}}`, vf(`{"field":"cf_count","nested_field":"custom_fields.cf_count","message":"Value set is of type String.It should be a/an Integer","code":"datatype_mismatch"}`)},
		{"unknown cf", `{"custom_fields":{"cf_nope":1}}`, vf(`{"field":"cf_nope","nested_field":"custom_fields.cf_nope","message":"Unexpected/invalid field in request","code":"invalid_field"}`)},
		{"due_by alone", `{"due_by":"2026-12-01T00:00:00Z"}`, vf(`{"field":"fr_due_by","message":"It should not be blank if due_by is given","code":"missing_field"}`)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, b := call(t, ts, "PUT", "/api/v2/tickets/1", tc.body)
			if resp.StatusCode != 400 || string(b) != tc.want {
				t.Errorf("got %d %s\nwant %s", resp.StatusCode, b, tc.want)
			}
		})
	}
	resp, b := call(t, ts, "PUT", "/api/v2/tickets/1",
		`{"status":4,"priority":1,"type":"Refund","group_id":null,"responder_id":1,"tags":["x","y"],"custom_fields":{"cf_note":"n","cf_count":3}}`)
	if resp.StatusCode != 200 {
		t.Fatalf("valid update: %d %s", resp.StatusCode, b)
	}
	got, _ := ts.Ticket(1)
	cf := got["custom_fields"].(map[string]any)
	if fmt.Sprintf("%v %v %v %v %v %v %v %v", got["status"], got["priority"], got["type"], got["group_id"], got["responder_id"], got["tags"], cf["cf_note"], cf["cf_sector"]) !=
		"4 1 Refund <nil> 1 [x y] n finance" {
		t.Errorf("after update: %v", got)
	}
}
