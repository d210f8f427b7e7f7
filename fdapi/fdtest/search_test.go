package fdtest

import (
	"net/url"
	"slices"
	"strings"
	"testing"
)

type searchBody struct {
	Results []map[string]any `json:"results"`
	Total   int              `json:"total"`
}

func searchPath(endpoint, q string, extra string) string {
	return "/api/v2/search/" + endpoint + "?query=" + url.QueryEscape(q) + extra
}

func TestSearchValid(t *testing.T) {
	ts, _ := newSeeded(t, Options{})
	if _, err := ts.AddTicket(Record{"id": 7, "subject": "kw", "status": 5, "priority": 2, "created_at": testNow,
		"custom_fields": map[string]any{"cf_note": "theactualkeyword"}}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		endpoint, query, extra string
		ids                    []int
		total                  int
	}{
		{"tickets", `"priority:3"`, "", []int{1}, 1},
		{"tickets", `"status:3 OR status:4"`, "&page=2", nil, 2},
		{"tickets", `"status:3 OR status:4"`, "&page=1", []int{4, 2}, 2},
		{"tickets", `"tag:null"`, "", []int{7, 4, 2}, 3},
		{"tickets", `"tag:billing"`, "", []int{1}, 1},
		{"tickets", `"agent_id:null"`, "", []int{7, 1, 2}, 3},
		{"tickets", `"(cf_sector:'finance' OR cf_sector:'marketing') AND cf_locked:true"`, "", []int{1}, 1},
		{"tickets", `"priority:>3 AND group_id:11 AND status:2"`, "", nil, 0},
		{"tickets", `"created_at:>'2017-01-01' AND created_at:<'2017-01-31'"`, "", nil, 0},
		{"tickets", `"created_at:>'2026-11-17' AND created_at:<'2026-11-18'"`, "", []int{1, 4}, 2},
		{"tickets", `"custom_string:theactualkeyword"`, "", []int{7}, 1},
		{"tickets", `"status:2 OR priority:2 AND status:5"`, "", []int{7, 1}, 2},
		{"contacts", `"email:'ann@acme.test'"`, "", []int{201}, 1},
		{"contacts", `"company_id:501 OR phone:'555'"`, "", []int{201, 202}, 2},
		{"companies", `"domain:'acme.test'"`, "", []int{501}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.endpoint+" "+tc.query+tc.extra, func(t *testing.T) {
			resp, b := call(t, ts, "GET", searchPath(tc.endpoint, tc.query, tc.extra), "")
			if resp.StatusCode != 200 {
				t.Fatalf("status %d: %s", resp.StatusCode, b)
			}
			if resp.Header.Get("Link") != "" {
				t.Errorf("search sent a Link header")
			}
			if got := strings.Join(keysOf(t, b), ","); got != "results,total" {
				t.Errorf("envelope keys %s", got)
			}
			sb := decode[searchBody](t, b)
			var got []int
			for _, r := range sb.Results {
				got = append(got, int(r["id"].(float64)))
			}
			if !slices.Equal(got, tc.ids) || sb.Total != tc.total {
				t.Errorf("ids %v total %d, want %v %d", got, sb.Total, tc.ids, tc.total)
			}
		})
	}
	// Search results: the list shape plus description, never embeds.
	_, b := call(t, ts, "GET", searchPath("tickets", `"priority:3"`, ""), "")
	v, _ := decodeJSON(b)
	res, _ := v.(*Obj).Get("results")
	rb, _ := res.([]any)[0].(*Obj).MarshalJSON()
	if got := strings.Join(keysOf(t, rb), ","); !strings.HasSuffix(got, ",associated_tickets_count,tags,description,description_text") {
		t.Errorf("search item keys %s", got)
	}
}

func TestSearchPaging(t *testing.T) {
	ts, _ := newSeeded(t, Options{})
	for i := 0; i < 65; i++ {
		if _, err := ts.AddTicket(Record{"subject": "bulk", "priority": 4, "created_at": testNow}); err != nil {
			t.Fatal(err)
		}
	}
	for page, want := range map[int]int{1: 30, 2: 30, 3: 5, 4: 0} {
		_, b := call(t, ts, "GET", searchPath("tickets", `"priority:4"`, "&page="+itoa(page)), "")
		sb := decode[searchBody](t, b)
		if len(sb.Results) != want || sb.Total != 65 {
			t.Errorf("page %d: %d results total %d, want %d/65", page, len(sb.Results), sb.Total, want)
		}
	}
}

func TestSearchInvalid(t *testing.T) {
	ts, _ := newSeeded(t, Options{})
	vf := func(e string) string { return `{"description":"Validation failed","errors":[` + e + `]}` }
	format := vf(`{"field":"query","message":"Given query is invalid, expected format \"keyword:value  OPERATOR keyword:'string' OPERATOR keyword:>'yyyy-mm-dd' OPERATOR keyword:<integer\". Space is mandatory between key/value pair and operator. Please check the paranthesis if there are any.","code":"invalid_value"}`)
	long := `"` + strings.Repeat("priority:3 OR ", 42) + `priority:3"`
	tests := []struct{ name, path, want string }{
		{"unquoted", "/api/v2/search/tickets?query=priority:3", format},
		{"single quotes", "/api/v2/search/tickets?query='priority:3'", format},
		{"no space before AND", searchPath("tickets", `"priority:3AND status:2"`, ""), format},
		{"too long", searchPath("tickets", long, ""),
			vf(`{"field":"query","message":"Has 598 characters, it can have maximum of 512 characters","code":"invalid_value"}`)},
		{"page 11", searchPath("tickets", `"priority:3"`, "&page=11"),
			vf(`{"field":"page","message":"It should be a Positive Integer less than or equal to 10","code":"invalid_value"}`)},
		{"per_page", searchPath("tickets", `"priority:3"`, "&per_page=10"),
			vf(`{"field":"per_page","message":"Unexpected/invalid field in request","code":"invalid_field"}`)},
		{"missing query", "/api/v2/search/tickets", vf(`{"field":"query","message":"It should not be blank as this is a mandatory field","code":"missing_field"}`)},
		{"unknown field", searchPath("tickets", `"subject:'x'"`, ""), vf(`{"field":"subject","message":"Unexpected/invalid field in request","code":"invalid_field"}`)},
		{"bad status", searchPath("tickets", `"status:9"`, ""), vf(`{"field":"status","message":"It should be one of these values: '2,3,4,5'","code":"invalid_value"}`)},
		{"bad date", searchPath("tickets", `"created_at:>'2017-13-01'"`, ""), vf(`{"field":"created_at","message":"It should be a valid date in the 'yyyy-mm-dd' format","code":"invalid_value"}`)},
		{"contact bad email", searchPath("contacts", `"email:'nope'"`, ""), ""},
		{"company unknown field", searchPath("companies", `"name:'Acme'"`, ""), vf(`{"field":"name","message":"Unexpected/invalid field in request","code":"invalid_field"}`)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, b := call(t, ts, "GET", tc.path, "")
			if resp.StatusCode != 400 {
				t.Fatalf("status %d: %s", resp.StatusCode, b)
			}
			if tc.want != "" && string(b) != tc.want {
				t.Errorf("body\n got %s\nwant %s", b, tc.want)
			}
		})
	}
}
