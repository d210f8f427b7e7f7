package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
)

// TestMetricsAndLogLineOverHTTP: a real client's tool call shows in
// /metrics (behind the caller auth) and in its log line with the replica
// and the request id the load balancer sent; /readyz uses that traffic
// instead of spending a credit on a probe.
func TestMetricsAndLogLineOverHTTP(t *testing.T) {
	ts := emulator(t)
	var logs bytes.Buffer
	base := liveServerLogs(t, ts, map[string]string{"FRESHDESK_MCP_AUTH_TOKENS": "alice:" + aliceToken}, &lockedWriter{w: &logs},
		"--replica-id", "replica-7", "--log-format", "json", "--log-level", "info")
	id, _ := demoTicket(t, ts)
	cs := httpSession(t, base, map[string]string{"Authorization": "Bearer " + aliceToken, headerRequestID: "lb-req-42"})
	res, err := cs.CallTool(context.Background(), &gomcp.CallToolParams{Name: "get_ticket", Arguments: map[string]any{"ticket_id": id}})
	if err != nil || res.IsError {
		t.Fatalf("get_ticket: %v %+v", err, res)
	}

	req, _ := http.NewRequest(http.MethodGet, base+pathMetrics, nil)
	doBody(t, req, http.StatusUnauthorized)
	req.Header.Set("Authorization", "Bearer "+aliceToken)
	m := doBody(t, req, http.StatusOK)
	for _, want := range []string{
		`freshdesk_mcp_tool_calls_total{outcome="ok",tool="get_ticket"} 1`,
		`freshdesk_mcp_tool_call_duration_seconds_count{tool="get_ticket"} 1`,
		`freshdesk_mcp_upstream_requests_total{code="200",method="GET"}`,
		`freshdesk_mcp_upstream_credits_spent_total`,
		`freshdesk_mcp_upstream_rate_limit_remaining`,
		`freshdesk_mcp_build_info{replica="replica-7",version=`,
	} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(m, aliceToken) || strings.Contains(m, "alice") {
		t.Error("metrics name a caller or token")
	}

	var line map[string]any
	for _, l := range strings.Split(logs.String(), "\n") {
		if strings.Contains(l, `"msg":"tool call"`) {
			if err := json.Unmarshal([]byte(l), &line); err != nil {
				t.Fatal(err)
			}
		}
	}
	if line == nil || line["replica"] != "replica-7" || line["request_id"] != "lb-req-42" || line["tool"] != "get_ticket" {
		t.Errorf("tool-call log line %v: want replica replica-7 and request_id lb-req-42", line)
	}

	ts.ResetRequests()
	for range 3 {
		req, _ := http.NewRequest(http.MethodGet, base+pathReady, nil)
		if body := doBody(t, req, http.StatusOK); !strings.Contains(body, `"freshdesk":"ok"`) {
			t.Errorf("/readyz: %s", body)
		}
	}
	if n := len(ts.Requests()); n != 0 {
		t.Errorf("/readyz sent %d Freshdesk requests right after a tool call; want 0 (the last response is fresh)", n)
	}
}

// TestUpstreamReadiness: /readyz's Freshdesk check probes at most once per
// interval, and reports an unreachable or refusing Freshdesk.
func TestUpstreamReadiness(t *testing.T) {
	ts := emulator(t)
	tests := []struct {
		name, domain, key string
		wantErr           string
	}{
		{"reachable", ts.URL, ts.APIKey, ""},
		{"wrong key", ts.URL, "not-the-key", "API key refused by Freshdesk (HTTP 401)"},
		{"unreachable", closedPortURL(t), "k", "no answer from Freshdesk"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := fdapi.New(fdapi.Config{Domain: tt.domain, APIKey: tt.key, MaxRetries: -1, Timeout: 2 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			check := newUpstreamCheck(c, time.Hour)
			ts.ResetRequests()
			for range 3 {
				err := check.Check(context.Background())
				if got := errText(err); got != tt.wantErr {
					t.Fatalf("check: %q, want %q", got, tt.wantErr)
				}
			}
			if tt.domain == ts.URL {
				if n := len(ts.Requests()); n != 1 {
					t.Errorf("3 checks sent %d probes, want 1 per interval", n)
				}
			}
		})
	}
}

// TestReadyzChecks: /readyz is 503 when any named check fails and says which.
func TestReadyzChecks(t *testing.T) {
	var c Config
	c.AddReadinessCheck("redis", func(context.Context) error { return errTest })
	c.AddReadinessCheck("other", func(context.Context) error { return nil })
	h := newHTTPHandler(testServer(t, emulator(t), nil), discardLogger())
	h.ready = c.HTTP.readinessChecks
	rec := newRecorder()
	h.ServeHTTP(rec, mustRequest(t, http.MethodGet, pathReady))
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), `"redis":"shared state unreachable"`) ||
		!strings.Contains(rec.Body.String(), `"other":"ok"`) {
		t.Errorf("/readyz: %d %s", rec.Code, rec.Body.String())
	}
	h.ready = h.ready[1:]
	rec = newRecorder()
	h.ServeHTTP(rec, mustRequest(t, http.MethodGet, pathReady))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"status":"ready"`) {
		t.Errorf("/readyz: %d %s", rec.Code, rec.Body.String())
	}
}

// TestRefusalMetrics: the policy's refusals are counted by reason in
// /metrics: over the caller's budget, and a duplicate note.
func TestRefusalMetrics(t *testing.T) {
	ts := emulator(t)
	base := liveServerLogs(t, ts, map[string]string{"FRESHDESK_MCP_AUTH_TOKENS": "alice:" + aliceToken}, io.Discard,
		"--mode", "unattended", "--budget", "12/1h")
	id, _ := demoTicket(t, ts)
	cs := httpSession(t, base, map[string]string{"Authorization": "Bearer " + aliceToken})
	call := func(name string, args map[string]any) *gomcp.CallToolResult {
		t.Helper()
		res, err := cs.CallTool(context.Background(), &gomcp.CallToolParams{Name: name, Arguments: args})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return res
	}
	note := map[string]any{"ticket_id": id, "body": "Refusal metrics note."}
	if res := call("add_note", note); res.IsError {
		t.Fatalf("first add_note refused: %+v", res.Content)
	}
	if res := call("add_note", note); !res.IsError {
		t.Fatal("second identical add_note was not refused as a duplicate")
	}
	budgetRefused := 0
	for range 5 {
		if res := call("get_ticket", map[string]any{"ticket_id": id}); res.IsError {
			budgetRefused++
		}
	}
	if budgetRefused == 0 {
		t.Fatal("no get_ticket was refused by a 12-credit budget")
	}
	req, _ := http.NewRequest(http.MethodGet, base+pathMetrics, nil)
	req.Header.Set("Authorization", "Bearer "+aliceToken)
	m := doBody(t, req, http.StatusOK)
	for _, want := range []string{
		`freshdesk_mcp_refusals_total{reason="duplicate"} 1`,
		fmt.Sprintf(`freshdesk_mcp_refusals_total{reason="budget"} %d`, budgetRefused),
	} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}
