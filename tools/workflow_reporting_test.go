package tools_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
)

type metricsAnswer struct {
	Status      string `json:"status"`
	CreditsPlan int    `json:"credits_planned"`
	CreditsUsed int    `json:"credits_used"`
	Total       int    `json:"total"`
	Counts      []struct {
		Label string `json:"label"`
		Count int    `json:"count"`
	} `json:"counts"`
	Method     string   `json:"method"`
	SampleSize int      `json:"sample_size"`
	Steps      []string `json:"steps"`
}

func TestSupportMetricsTool(t *testing.T) {
	w := newWriteEnv(t, policyOpts{mode: policy.ModeReadOnly, toolsets: []string{"all"}, budget: "12/1h"})
	open := map[string]int{}
	for _, r := range w.fd.Records("tickets") {
		if st := fmt.Sprint(r["status"]); st != "4" && st != "5" && r["spam"] != true && r["deleted"] != true {
			open[fmt.Sprint(r["priority"])]++
		}
	}
	var plan metricsAnswer
	decode(t, w.ok("support_metrics", map[string]any{"question": "backlog", "by": "priority", "plan_only": true}, nil), &plan)
	if plan.Status != "planned" || plan.CreditsPlan != 4 || len(plan.Steps) != 4 {
		t.Fatalf("plan: %+v", plan)
	}
	w.fd.ResetRequests()
	var a metricsAnswer
	decode(t, w.ok("support_metrics", map[string]any{"question": "backlog", "by": "priority"}, nil), &a)
	got := map[string]int{}
	for i, c := range a.Counts {
		got[fmt.Sprint(i+1)] = c.Count
	}
	for k, v := range open {
		if got[k] != v {
			t.Errorf("priority %s: %d, want %d", k, got[k], v)
		}
	}
	if a.CreditsUsed != 4 || credits(w.fd.Requests()) != 4 || a.Method == "" || a.SampleSize != a.Total {
		t.Errorf("answer %+v, %d credits charged", a, credits(w.fd.Requests()))
	}
	// Over the budget: nothing runs and a narrower question is named.
	w.fd.ResetRequests()
	msg := w.fail("support_metrics", map[string]any{"question": "backlog", "by": "agent"})
	searches := 0
	for _, r := range w.fd.Requests() {
		if strings.Contains(r.Path, "/search/") {
			searches++
		}
	}
	// Planning may load the (cached) agent list; no question is run.
	if !strings.Contains(msg, "Not run") || !strings.Contains(msg, "backlog by priority fits (4 credits)") || searches != 0 {
		t.Errorf("over budget: %s (%d searches)", msg, searches)
	}
	for _, b := range []struct {
		args map[string]any
		want string
	}{
		{map[string]any{"question": "volume"}, "needs a period"},
		{map[string]any{"question": "volume", "since": "2026-01-01", "by": "agent"}, "backlog only"},
		{map[string]any{"question": "backlog", "by": "agent", "group": "Sales"}, "unknown group"},
	} {
		if msg := w.fail("support_metrics", b.args); !strings.Contains(msg, b.want) {
			t.Errorf("%v: %s", b.args, msg)
		}
	}
	// 429 from Freshdesk: told to wait, no retry storm.
	w.fd.AddFault(fdtest.Fault{PathPrefix: "/search/tickets", Status: 429, RetryAfter: 60})
	if msg := w.fail("support_metrics", map[string]any{"question": "overdue"}); !strings.Contains(msg, "rate limit") {
		t.Errorf("429: %s", msg)
	}
}

func TestWhoamiAndConfig(t *testing.T) {
	w := newWriteEnv(t, policyOpts{mode: policy.ModeNotes, toolsets: []string{"all"}})
	var me struct {
		Agent  string   `json:"agent"`
		Roles  []string `json:"roles"`
		Scope  string   `json:"ticket_scope"`
		Mode   string   `json:"mode"`
		Writes []string `json:"writes"`
		Rate   int      `json:"rate_limit_per_minute"`
	}
	decode(t, w.ok("whoami", nil, nil), &me)
	if me.Agent != "Sarah Chen" || !slices.Equal(me.Roles, []string{"Supervisor"}) || me.Scope != "global" || me.Mode != "notes" || me.Rate == 0 ||
		!slices.Contains(me.Writes, "private_note: allowed") || !slices.Contains(me.Writes, "ticket_create: refused") {
		t.Errorf("whoami: %+v", me)
	}
	var cfg struct {
		SLA []struct {
			Name    string   `json:"name"`
			Targets []string `json:"targets"`
		} `json:"sla_policies"`
		Hours     []struct{ TimeZone string } `json:"business_hours"`
		Mailboxes []struct {
			From    string `json:"reply_from"`
			Primary bool   `json:"primary"`
		} `json:"mailboxes"`
		Products []struct{ Name string } `json:"products"`
	}
	decode(t, w.ok("get_helpdesk_config", nil, nil), &cfg)
	if len(cfg.SLA) != 2 || !strings.Contains(cfg.SLA[0].Targets[0], "Urgent: respond within 1h0m0s") || len(cfg.Hours) != 2 ||
		len(cfg.Mailboxes) != 2 || !cfg.Mailboxes[0].Primary || cfg.Mailboxes[0].From != "support@acmecloud.example.com" || len(cfg.Products) != 1 {
		t.Errorf("config: %+v", cfg)
	}
	w.fd.ResetRequests()
	w.ok("get_helpdesk_config", map[string]any{"sections": []string{"mailboxes"}}, nil)
	if n := len(w.fd.Requests()); n != 0 {
		t.Errorf("cached config read made %d requests", n)
	}
	if msg := w.fail("get_helpdesk_config", map[string]any{"sections": []string{"holidays"}}); !strings.Contains(msg, "unknown section") {
		t.Errorf("bad section: %s", msg)
	}
}

// TestOptInToolsetsOffByDefault: the new toolsets are not in the default
// catalogue, and are with toolsets=all.
func TestOptInToolsetsOffByDefault(t *testing.T) {
	listed := func(toolsets []string) []string {
		w := newWriteEnv(t, policyOpts{mode: policy.ModeConfirm, toolsets: toolsets})
		res, err := w.cs.ListTools(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, tl := range res.Tools {
			out = append(out, tl.Name)
		}
		ps, err := w.cs.ListPrompts(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps.Prompts {
			out = append(out, "prompt:"+p.Name)
		}
		return out
	}
	def, all := listed(nil), listed([]string{"all"})
	optIn := map[string]bool{}
	for _, tl := range tools.All(tools.Deps{}) {
		if slices.Contains(tools.OptInToolsets(), string(tl.Toolset)) {
			optIn[tl.Def.Name] = true
		}
	}
	for _, n := range []string{"create_ticket", "support_metrics", "list_time_entries", "get_helpdesk_config", "whoami", "customer_overview"} {
		if !optIn[n] || slices.Contains(def, n) || !slices.Contains(all, n) {
			t.Errorf("%s: opt-in %v, default %v, all %v", n, optIn[n], slices.Contains(def, n), slices.Contains(all, n))
		}
	}
	if slices.Contains(def, "prompt:weekly_report") || !slices.Contains(all, "prompt:weekly_report") {
		t.Errorf("weekly_report follows support_metrics: default %v, all %v", slices.Contains(def, "prompt:weekly_report"), slices.Contains(all, "prompt:weekly_report"))
	}
	for _, n := range []string{"get_ticket", "draft_reply", "add_note"} {
		if !slices.Contains(def, n) {
			t.Errorf("%s missing from the default catalogue", n)
		}
	}
}

// catalogueBaseline is the default tools/list size in bytes before issue 13
// (measured at structure-ready, 19 tools); the default may grow at most 10 %.
const catalogueBaseline = 40810

// TestDefaultCatalogueSize keeps the default catalogue (what every session
// reads) within 10 % of the baseline: new toolsets go opt-in instead.
func TestDefaultCatalogueSize(t *testing.T) {
	var defs []mcp.Tool
	for _, tl := range tools.All(tools.Deps{}) {
		if !slices.Contains(tools.OptInToolsets(), string(tl.Toolset)) {
			defs = append(defs, tl.Def)
		}
	}
	b, err := json.Marshal(map[string]any{"tools": defs})
	if err != nil {
		t.Fatal(err)
	}
	if limit := catalogueBaseline * 110 / 100; len(b) > limit {
		t.Errorf("default tools/list is %d bytes, more than %d (baseline %d + 10 %%); put new tools in an opt-in toolset", len(b), limit, catalogueBaseline)
	}
	t.Logf("default tools/list: %d tools, %d bytes (%+.1f %% on %d)", len(defs), len(b), float64(len(b)-catalogueBaseline)*100/catalogueBaseline, catalogueBaseline)
}
