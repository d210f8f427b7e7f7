package metrics

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
)

// TestMetricsRecordAndExpose drives every recording method and checks the
// exposition.
func TestMetricsRecordAndExpose(t *testing.T) {
	m := New("1.2.3", "replica-a")
	m.ToolCall("get_ticket", "ok", 30*time.Millisecond)
	m.ToolCall("get_ticket", "tool_error", time.Second)
	m.Refusal("budget")
	m.SessionOpened("streamable")
	m.SessionOpened("streamable")
	m.SessionClosed("streamable")
	m.SessionExpired("sse")
	m.ConnectionRefused()
	m.RedisError("eval")
	up := m.Upstream(true)
	up.Response("GET", 200, 3, fdapi.RateState{Total: 100, Remaining: 42, Known: true})
	up.Response("POST", 429, 0, fdapi.RateState{Total: 100, Remaining: 0, Known: true})
	up.TransportError("GET")
	up.Cooldown("429", 2*time.Second)
	m.Upstream(false).Response("GET", 200, 1, fdapi.RateState{Total: 5000, Remaining: 1, Known: true})

	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	body := rec.Body.String()
	for _, want := range []string{
		`freshdesk_mcp_tool_calls_total{outcome="ok",tool="get_ticket"} 1`,
		`freshdesk_mcp_tool_calls_total{outcome="tool_error",tool="get_ticket"} 1`,
		`freshdesk_mcp_tool_call_duration_seconds_count{tool="get_ticket"} 2`,
		`freshdesk_mcp_refusals_total{reason="budget"} 1`,
		`freshdesk_mcp_sessions_open{transport="streamable"} 1`,
		`freshdesk_mcp_sessions_expired_total{transport="sse"} 1`,
		`freshdesk_mcp_http_connections_refused_total 1`,
		`freshdesk_mcp_redis_errors_total{op="eval"} 1`,
		`freshdesk_mcp_upstream_requests_total{code="200",method="GET"} 2`,
		`freshdesk_mcp_upstream_requests_total{code="429",method="POST"} 1`,
		`freshdesk_mcp_upstream_credits_spent_total 4`,
		`freshdesk_mcp_upstream_rate_limited_total 1`,
		`freshdesk_mcp_upstream_transport_errors_total{method="GET"} 1`,
		`freshdesk_mcp_upstream_cooldowns_total{reason="429"} 1`,
		`freshdesk_mcp_upstream_cooldown_seconds_total{reason="429"} 2`,
		// The caller-supplied account (Upstream(false)) does not move the gauges.
		`freshdesk_mcp_upstream_rate_limit_remaining 0`,
		`freshdesk_mcp_upstream_rate_limit_total 100`,
		`freshdesk_mcp_build_info{replica="replica-a",version="1.2.3"} 1`,
		`go_goroutines `,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("exposition lacks %q", want)
		}
	}
	if n, err := testutil.GatherAndCount(m.Gatherer()); err != nil || n == 0 {
		t.Errorf("gather: %d metrics, %v", n, err)
	}
}

// TestMetricsPerServerRegistry: two servers in one process keep their own
// counts (no global registry).
func TestMetricsPerServerRegistry(t *testing.T) {
	a, b := New("v", "a"), New("v", "b")
	a.RedisError("get")
	if got := testutil.ToFloat64(b.redisErrors.WithLabelValues("get")); got != 0 {
		t.Errorf("server b counts server a's Redis error: %v", got)
	}
	if got := testutil.ToFloat64(a.redisErrors.WithLabelValues("get")); got != 1 {
		t.Errorf("server a: %v, want 1", got)
	}
}

// TestNilMetricsRecordNothing: code paths without metrics call the methods
// on a nil *Metrics.
func TestNilMetricsRecordNothing(t *testing.T) {
	var m *Metrics
	m.ToolCall("x", "ok", time.Second)
	m.Refusal("budget")
	m.SessionOpened("sse")
	m.SessionClosed("sse")
	m.SessionExpired("sse")
	m.ConnectionRefused()
	m.RedisError("get")
	if m.Upstream(true) != nil {
		t.Error("a nil Metrics gives an observer")
	}
}

// TestContextCarriesMetrics: tool code counts refusals through the context.
func TestContextCarriesMetrics(t *testing.T) {
	m := New("v", "r")
	FromContext(NewContext(t.Context(), m)).Refusal("confirmation")
	FromContext(t.Context()).Refusal("confirmation") // no metrics: a no-op
	if got := testutil.ToFloat64(m.refusals.WithLabelValues("confirmation")); got != 1 {
		t.Errorf("refusals = %v, want 1", got)
	}
}
