package fdtest

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
)

func TestAuth(t *testing.T) {
	ts, _ := newSeeded(t, Options{APIKey: "k1"})
	const body401 = `{"code":"invalid_credentials","message":"You have to be logged in to perform this action."}`
	tests := []struct {
		name   string
		hdr    []string
		status int
		body   string
	}{
		{"valid key", nil, 200, ""},
		{"no auth", []string{"Authorization", ""}, 401, body401},
		{"wrong key", []string{"Authorization", "Basic d3Jvbmc6WA=="}, 401, body401},
		{"bearer", []string{"Authorization", "Bearer k1"}, 401, body401},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, b := call(t, ts, "GET", "/api/v2/tickets/1", "", tc.hdr...)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, b)
			}
			if tc.body != "" && string(b) != tc.body {
				t.Errorf("body %s, want %s", b, tc.body)
			}
			if resp.Header.Get("X-RateLimit-Remaining") == "" || resp.Header.Get("X-Request-Id") == "" {
				t.Errorf("missing headers: %v", resp.Header)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("content type %q", ct)
			}
		})
	}
}

func TestProtocolErrors(t *testing.T) {
	ts, _ := newSeeded(t, Options{})
	tests := []struct {
		name, method, path, body string
		hdr                      []string
		status                   int
		want                     string
	}{
		{"unknown route", "GET", "/api/v2/nope", "", nil, 404, ""},
		{"unknown ticket", "GET", "/api/v2/tickets/999", "", nil, 404, ""},
		{"non-numeric id", "GET", "/api/v2/tickets/abc", "", nil, 404, ""},
		{"unknown contact", "GET", "/api/v2/contacts/5", "", nil, 404, ""},
		{"note on unknown ticket", "POST", "/api/v2/tickets/999/notes", `{"body":"x"}`, nil, 404, ""},
		{"405 on list", "PUT", "/api/v2/tickets", `{}`, nil, 405,
			`{"message":"PUT method is not allowed. It should be one of these method(s): GET, POST"}`},
		{"405 on contacts", "DELETE", "/api/v2/contacts", "", nil, 405,
			`{"message":"DELETE method is not allowed. It should be one of these method(s): GET, POST"}`},
		{"415", "POST", "/api/v2/tickets/1/notes", `{"body":"x"}`, []string{"Content-Type", "text/plain"}, 415,
			`{"code":"invalid_content_type","message":"Content-Type header should have application/json"}`},
		{"406", "GET", "/api/v2/tickets/1", "", []string{"Accept", "application/xml"}, 406,
			`{"code":"invalid_accept_header","message":"Accept header should have application/json or */*"}`},
		{"accept any", "GET", "/api/v2/tickets/1", "", []string{"Accept", "*/*"}, 200, ""},
		{"accept application/* is refused", "GET", "/api/v2/tickets/1", "", []string{"Accept", "application/*"}, 406,
			`{"code":"invalid_accept_header","message":"Accept header should have application/json or */*"}`},
		{"accept json with params", "GET", "/api/v2/tickets/1", "", []string{"Accept", "application/json; charset=utf-8"}, 200, ""},
		{"accept json among others", "GET", "/api/v2/tickets/1", "", []string{"Accept", "text/html, Application/JSON;q=0.9"}, 200, ""},
		{"accept application/json-seq is refused", "GET", "/api/v2/tickets/1", "", []string{"Accept", "application/json-seq"}, 406, ""},
		{"invalid json", "POST", "/api/v2/tickets/1/notes", `{"body":`, nil, 400,
			`{"code":"invalid_json","message":"Request body has invalid json format"}`},
		{"json array body", "PUT", "/api/v2/tickets/1", `[1]`, nil, 400,
			`{"code":"invalid_json","message":"Request body has invalid json format"}`},
		{"409 duplicate email", "POST", "/api/v2/contacts", `{"name":"Ann 2","email":"ANN@acme.test"}`, nil, 409,
			`{"description":"Validation failed","errors":[{"field":"email","message":"It should be a unique value","code":"duplicate_value","additional_info":{"user_id":201}}]}`},
		{"contact needs identity", "POST", "/api/v2/contacts", `{"name":"X"}`, nil, 400,
			`{"description":"Validation failed","errors":[{"field":"email","message":"Please fill at least 1 of email, mobile, phone, twitter_id, unique_external_id fields","code":"missing_field"}]}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, b := call(t, ts, tc.method, tc.path, tc.body, tc.hdr...)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, b)
			}
			if tc.status == 404 && len(b) != 0 {
				t.Errorf("404 body %q, want empty", b)
			}
			if tc.want != "" && string(b) != tc.want {
				t.Errorf("body\n got %s\nwant %s", b, tc.want)
			}
		})
	}
}

func TestCreateContact(t *testing.T) {
	ts, _ := newSeeded(t, Options{})
	resp, b := call(t, ts, "POST", "/api/v2/contacts", `{"name":"Cy","email":"cy@example.test","company_id":501}`)
	if resp.StatusCode != 201 {
		t.Fatalf("status %d: %s", resp.StatusCode, b)
	}
	c := decode[map[string]any](t, b)
	if !strings.HasSuffix(resp.Header.Get("Location"), "/api/v2/contacts/"+jsonNum(c["id"])) {
		t.Errorf("location %q", resp.Header.Get("Location"))
	}
	if got := strings.Join(keysOf(t, b), ","); !strings.HasPrefix(got, "active,address,company_id,view_all_tickets,") {
		t.Errorf("keys %s", got)
	}
	resp, _ = call(t, ts, "POST", "/api/v2/contacts", `{"name":"Cy again","email":"cy@example.test"}`)
	if resp.StatusCode != http.StatusConflict {
		t.Errorf("second create: %d, want 409", resp.StatusCode)
	}
}

// jsonNum prints a decoded JSON number as an integer string.
func jsonNum(v any) string {
	f, _ := v.(float64)
	return strconv.FormatFloat(f, 'f', 0, 64)
}
