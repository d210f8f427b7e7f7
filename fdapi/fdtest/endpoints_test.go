package fdtest

import (
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestReadEndpoints(t *testing.T) {
	ts, _ := newSeeded(t, Options{})
	err := ts.Seed(Dataset{
		SolutionCategories: []Record{{"id": 11, "name": "FAQ"}},
		SolutionFolders:    []Record{{"id": 21, "name": "API", "category_id": 11}},
		SolutionArticles: []Record{
			{"id": 31, "title": "Finding your API key", "folder_id": 21, "category_id": 11, "agent_id": 1, "description": "<p>Profile settings</p>"},
			{"id": 32, "title": "API 키는 어디에서 확인하나요?", "folder_id": 21, "category_id": 11, "description": "<p>프로필 설정</p>"},
			{"id": 33, "title": "Rate limits", "folder_id": 21, "category_id": 11, "description": "<p>per minute, see the api key page</p>"},
		},
		CannedResponseFolders: []Record{{"id": 41, "name": "General"}},
		CannedResponses:       []Record{{"id": 51, "title": "Thanks", "folder_id": 41, "content_html": "<p>Thanks!</p>"}},
		SatisfactionRatings:   []Record{{"id": 61, "ticket_id": 1, "ratings": map[string]any{"default_question": 103}}},
		TimeEntries:           []Record{{"id": 71, "ticket_id": 1, "time_spent": "01:00"}},
		Agents:                []Record{{"id": 2, "occasional": true, "contact": map[string]any{"name": "Zed", "email": "zed@x.test"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		ids  []int
	}{
		{"/contacts", []int{201, 202}},
		{"/contacts?email=bob@example.test", []int{202}},
		{"/contacts?company_id=501", []int{201}},
		{"/contacts?phone=555&state=verified", []int{202}},
		{"/contacts?_updated_since=2030-01-01T00:00:00Z", nil},
		{"/companies", []int{501}},
		{"/agents", []int{1, 2}},
		{"/agents?state=occasional", []int{2}},
		{"/agents?email=zed@x.test", []int{2}},
		{"/groups", []int{301}},
		{"/solutions/categories", []int{11}},
		{"/solutions/categories/11/folders", []int{21}},
		{"/solutions/folders/21/articles", []int{31, 32, 33}},
		{"/search/solutions?term=api+key", []int{31, 33}},
		{"/search/solutions?term=" + url.QueryEscape("API 키"), []int{32}},
		{"/search/solutions?term=RATE", []int{33}},
		{"/canned_response_folders", []int{41}},
		{"/canned_response_folders/41/responses", []int{51}},
		{"/tickets/1/satisfaction_ratings", []int{61}},
		{"/tickets/1/time_entries", []int{71}},
		{"/tickets/4/time_entries", nil},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			resp, b := call(t, ts, "GET", "/api/v2"+tc.path, "")
			if resp.StatusCode != 200 {
				t.Fatalf("status %d: %s", resp.StatusCode, b)
			}
			if got := ids(t, b); !slices.Equal(got, tc.ids) {
				t.Errorf("ids %v, want %v", got, tc.ids)
			}
		})
	}
	views := []struct{ path, keys string }{
		{"/agents/me", strings.Join(agentViewKeys, ",")},
		{"/agents/2", strings.Join(agentViewKeys, ",")},
		{"/groups/301", "id,name,description,escalate_to,unassigned_for,business_hour_id,agent_ids,group_type,created_at,updated_at"},
		{"/contacts/201", "active,address,company_id,view_all_tickets,description,email,id,job_title,language,mobile,name,phone,time_zone,twitter_id,custom_fields,tags,other_emails,facebook_id,created_at,updated_at,csat_rating,preferred_source,avatar"},
		{"/companies/501", strings.Join(companyViewKeys, ",")},
		{"/canned_response_folders/41", "id,name,created_at,updated_at,canned_responses"},
		{"/canned_responses/51", strings.Join(cannedKeys, ",")},
		{"/solutions/articles/31", "id,type,status,agent_id,created_at,category_id,folder_id,title,updated_at,description,description_text,seo_data,tags,attachments,cloud_files,thumbs_up,thumbs_down,hits,suggested,feedback_count"},
	}
	for _, v := range views {
		resp, b := call(t, ts, "GET", "/api/v2"+v.path, "")
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", v.path, resp.StatusCode, b)
		}
		if got := strings.Join(keysOf(t, b), ","); got != v.keys {
			t.Errorf("%s keys\n got %s\nwant %s", v.path, got, v.keys)
		}
	}
	_, b := call(t, ts, "GET", "/api/v2/search/solutions?term=key", "")
	hits := decode[[]map[string]any](t, b)
	if len(hits) != 2 || hits[0]["category_name"] != "FAQ" || hits[0]["folder_name"] != "API" ||
		hits[0]["path"] != "31-finding-your-api-key" {
		t.Errorf("solution hit: %v", hits)
	}
	_, b = call(t, ts, "GET", "/api/v2/ticket_fields?type=custom_dropdown", "")
	if f := decode[[]map[string]any](t, b); len(f) != 1 || f[0]["name"] != "cf_sector" {
		t.Errorf("ticket_fields?type: %s", b)
	}
	_, b = call(t, ts, "GET", "/api/v2/ticket_fields?type=default_group", "")
	if !strings.Contains(string(b), `"choices":{"Billing":301}`) {
		t.Errorf("group choices: %s", b)
	}
}

func TestReplyAndConversations(t *testing.T) {
	ts, clk := newSeeded(t, Options{})
	resp, b := call(t, ts, "POST", "/api/v2/tickets/1/reply", `{"body":"<p>Done</p>","cc_emails":["c@d.co"]}`)
	if resp.StatusCode != 201 || !strings.Contains(resp.Header.Get("Location"), "/api/v2/conversations/") {
		t.Fatalf("reply: %d %s", resp.StatusCode, b)
	}
	convs := ts.Conversations(1)
	last := convs[len(convs)-1]
	if last["source"] != json.Number("0") || last["private"] != false || last["body_text"] != "Done" ||
		last["from_email"] != "support@demo.freshdesk.com" || last["created_at"] != fmtTime(clk.t) {
		t.Errorf("reply stored as %v", last)
	}
	if to := last["to_emails"].([]any); len(to) != 1 || to[0] != "ann@acme.test" {
		t.Errorf("reply to %v", to)
	}
	resp, b = call(t, ts, "POST", "/api/v2/tickets/1/notes", `{"body":"public","private":false,"notify_emails":["agent@example.com"]}`)
	if resp.StatusCode != 201 {
		t.Fatalf("note: %d %s", resp.StatusCode, b)
	}
	note := decode[map[string]any](t, b)
	if note["private"] != false || note["to_emails"].([]any)[0] != "agent@example.com" {
		t.Errorf("note %v", note)
	}
	_, b = call(t, ts, "GET", "/api/v2/tickets/1/conversations", "")
	if got := ids(t, b); len(got) != 4 || got[0] != 9001 {
		t.Errorf("conversation order %v", got)
	}
	_, b = call(t, ts, "GET", "/api/v2/tickets/1/conversations?per_page=1", "")
	if got := strings.Join(keysOf(t, b[1:len(b)-1]), ","); got != "body,body_text,id,incoming,private,user_id,support_email,source,category,to_emails,from_email,cc_emails,bcc_emails,email_failure_count,outgoing_failures,created_at,updated_at,attachments,ticket_id,source_additional_info" {
		t.Errorf("conversation keys %s", got)
	}
	for i := 0; i < 12; i++ {
		if _, err := ts.AddConversation(4, Record{"body": "c" + itoa(i), "created_at": testNow.Add(-time.Hour).Add(time.Duration(i) * time.Minute)}); err != nil {
			t.Fatal(err)
		}
	}
	_, b = call(t, ts, "GET", "/api/v2/tickets/4?include=conversations", "")
	tk := decode[map[string]any](t, b)
	if cs := tk["conversations"].([]any); len(cs) != 10 || cs[0].(map[string]any)["body"] != "c0" {
		t.Errorf("include=conversations gave %d, first %v", len(cs), cs[0])
	}
}
