package tools

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/shape"
)

// Sections of get_helpdesk_config.
var configSections = []string{"sla_policies", "business_hours", "products", "mailboxes"}

type helpdeskConfigIn struct {
	Sections []string `json:"sections,omitempty" jsonschema:"uniqueItems=true" jsonschema_description:"Any of sla_policies, business_hours, products, mailboxes (default: all)."`
}

type slaOut struct {
	Name      string   `json:"name"`
	Default   bool     `json:"default,omitempty"`
	Active    bool     `json:"active"`
	AppliesTo string   `json:"applies_to,omitempty"`
	Targets   []string `json:"targets" jsonschema_description:"Per priority: first response and resolution targets."`
}

type hoursOut struct {
	Name     string   `json:"name"`
	Default  bool     `json:"default,omitempty"`
	TimeZone string   `json:"time_zone"`
	Days     []string `json:"days" jsonschema_description:"Working hours per day; days not listed are off."`
}

type mailboxOut struct {
	Name    string `json:"name"`
	From    string `json:"reply_from" jsonschema_description:"The address replies are sent from."`
	To      string `json:"to_email,omitempty"`
	Group   string `json:"group,omitempty"`
	Product string `json:"product,omitempty"`
	Primary bool   `json:"primary,omitempty"`
	Active  bool   `json:"active"`
}

type productOut struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

type helpdeskConfigOut struct {
	SLAPolicies   []slaOut     `json:"sla_policies,omitempty"`
	BusinessHours []hoursOut   `json:"business_hours,omitempty"`
	Products      []productOut `json:"products,omitempty"`
	Mailboxes     []mailboxOut `json:"mailboxes,omitempty"`
}

func (b *builder) helpdeskConfigTool() Tool {
	return newTool(b, decl{
		Name: "get_helpdesk_config", Title: "Get helpdesk configuration", Toolset: ToolsetSettings, Access: Read, Credits: 4,
		Description: "The helpdesk's SLA policies (response and resolution targets per priority), business hours, products and support mailboxes " +
			"(which address a reply goes from). Cached for minutes: usually free, otherwise 1 credit per section.",
	}, b.helpdeskConfig)
}

func (b *builder) helpdeskConfig(ctx context.Context, in helpdeskConfigIn) (*helpdeskConfigOut, error) {
	want := in.Sections
	for _, s := range want {
		if !slices.Contains(configSections, s) {
			return nil, inputErrorf("unknown section %q; sections: %s", s, strings.Join(configSections, ", "))
		}
	}
	if len(want) == 0 {
		want = configSections
	}
	has := func(s string) bool { return slices.Contains(want, s) }
	// The sections' lookups are independent: read once each, in parallel
	// (one round trip of wall time when the cache is cold).
	c := b.deps.Client
	var (
		products []fdapi.Product
		policies []fdapi.SLAPolicy
		hours    []fdapi.BusinessHours
		boxes    []fdapi.EmailConfig
		nm       *names
	)
	var fetch []func(context.Context) error
	if has("products") || has("mailboxes") || has("sla_policies") {
		fetch = append(fetch, func(ctx context.Context) (err error) { products, err = c.Products(ctx); return err })
	}
	if has("sla_policies") || has("mailboxes") {
		fetch = append(fetch, func(ctx context.Context) (err error) { nm, err = loadNames(ctx, c); return err })
	}
	if has("sla_policies") {
		fetch = append(fetch, func(ctx context.Context) (err error) { policies, err = c.SLAPolicies(ctx); return err })
	}
	if has("business_hours") {
		fetch = append(fetch, func(ctx context.Context) (err error) { hours, err = c.BusinessHours(ctx); return err })
	}
	if has("mailboxes") {
		fetch = append(fetch, func(ctx context.Context) (err error) { boxes, err = c.EmailConfigs(ctx); return err })
	}
	if err := fdapi.Parallel(ctx, fetch...); err != nil {
		return nil, err
	}
	out := &helpdeskConfigOut{}
	pname := map[int64]string{}
	for _, p := range products {
		pname[p.ID] = shape.Sanitize(p.Name)
		if has("products") {
			out.Products = append(out.Products, productOut{ID: p.ID, Name: shape.Sanitize(p.Name), Description: str(p.Description)})
		}
	}
	for _, s := range want {
		switch s {
		case "sla_policies":
			out.SLAPolicies = slaSection(policies, nm, pname)
		case "business_hours":
			out.BusinessHours = hoursSection(hours)
		case "mailboxes":
			out.Mailboxes = mailboxSection(boxes, nm, pname)
		}
	}
	return out, nil
}

func slaSection(ps []fdapi.SLAPolicy, nm *names, pname map[int64]string) []slaOut {
	var out []slaOut
	ps = slices.Clone(ps) // the cached list is shared
	slices.SortFunc(ps, func(x, y fdapi.SLAPolicy) int { return x.Position - y.Position })
	for _, p := range ps {
		o := slaOut{Name: shape.Sanitize(p.Name), Default: p.IsDefault, Active: p.Active, AppliesTo: appliesTo(p.ApplicableTo, pname)}
		for prio := 4; prio >= 1; prio-- {
			t, ok := p.SLATarget[fmt.Sprintf("priority_%d", prio)]
			if !ok {
				continue
			}
			clock := "calendar hours"
			if t.BusinessHours {
				clock = "business hours"
			}
			o.Targets = append(o.Targets, fmt.Sprintf("%s: respond within %s, resolve within %s (%s)",
				nm.priority(prio), secs(t.RespondWithin), secs(t.ResolveWithin), clock))
		}
		out = append(out, o)
	}
	return out
}

// appliesTo describes an SLA policy's conditions (ids stay ids except products).
func appliesTo(m map[string]any, pname map[int64]string) string {
	var parts []string
	for _, k := range sortedKeys(m) {
		vals, _ := m[k].([]any)
		var vs []string
		for _, v := range vals {
			s := fmt.Sprint(v)
			if f, ok := v.(float64); ok {
				s = strconv.FormatFloat(f, 'f', -1, 64)
			}
			if id, err := strconv.ParseInt(s, 10, 64); err == nil && k == "product_ids" && pname[id] != "" {
				s = pname[id]
			}
			vs = append(vs, s)
		}
		parts = append(parts, strings.TrimSuffix(k, "_ids")+": "+strings.Join(vs, ", "))
	}
	return strings.Join(parts, "; ")
}

func secs(n int64) string { return (time.Duration(n) * time.Second).String() }

var weekdays = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

func hoursSection(hs []fdapi.BusinessHours) []hoursOut {
	var out []hoursOut
	for _, h := range hs {
		o := hoursOut{Name: shape.Sanitize(h.Name), Default: h.IsDefault, TimeZone: h.TimeZone, Days: []string{}}
		for _, d := range weekdays {
			if w, ok := h.WorkingHours[d]; ok {
				o.Days = append(o.Days, d+" "+w.StartTime+"-"+w.EndTime)
			}
		}
		out = append(out, o)
	}
	return out
}

func mailboxSection(ms []fdapi.EmailConfig, nm *names, pname map[int64]string) []mailboxOut {
	var out []mailboxOut
	ms = slices.Clone(ms) // the cached list is shared
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].PrimaryRole && !ms[j].PrimaryRole })
	for _, m := range ms {
		o := mailboxOut{Name: shape.Sanitize(m.Name), From: m.ReplyEmail, To: m.ToEmail, Group: nm.group(m.GroupID), Primary: m.PrimaryRole, Active: m.Active}
		if m.ProductID != nil {
			o.Product = pname[*m.ProductID]
		}
		out = append(out, o)
	}
	return out
}
