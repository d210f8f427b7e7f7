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
	c, out := b.deps.Client, &helpdeskConfigOut{}
	var products []fdapi.Product
	if slices.Contains(want, "products") || slices.Contains(want, "mailboxes") || slices.Contains(want, "sla_policies") {
		var err error
		if products, err = c.Products(ctx); err != nil {
			return nil, err
		}
	}
	pname := map[int64]string{}
	for _, p := range products {
		pname[p.ID] = shape.Sanitize(p.Name)
		if slices.Contains(want, "products") {
			out.Products = append(out.Products, productOut{ID: p.ID, Name: shape.Sanitize(p.Name), Description: str(p.Description)})
		}
	}
	for _, s := range want {
		var err error
		switch s {
		case "sla_policies":
			err = b.slaSection(ctx, out, pname)
		case "business_hours":
			err = hoursSection(ctx, c, out)
		case "mailboxes":
			err = b.mailboxSection(ctx, out, pname)
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (b *builder) slaSection(ctx context.Context, out *helpdeskConfigOut, pname map[int64]string) error {
	ps, err := b.deps.Client.SLAPolicies(ctx)
	if err != nil {
		return err
	}
	nm, err := loadNames(ctx, b.deps.Client)
	if err != nil {
		return err
	}
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
		out.SLAPolicies = append(out.SLAPolicies, o)
	}
	return nil
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

func hoursSection(ctx context.Context, c *fdapi.Client, out *helpdeskConfigOut) error {
	hs, err := c.BusinessHours(ctx)
	if err != nil {
		return err
	}
	for _, h := range hs {
		o := hoursOut{Name: shape.Sanitize(h.Name), Default: h.IsDefault, TimeZone: h.TimeZone, Days: []string{}}
		for _, d := range weekdays {
			if w, ok := h.WorkingHours[d]; ok {
				o.Days = append(o.Days, d+" "+w.StartTime+"-"+w.EndTime)
			}
		}
		out.BusinessHours = append(out.BusinessHours, o)
	}
	return nil
}

func (b *builder) mailboxSection(ctx context.Context, out *helpdeskConfigOut, pname map[int64]string) error {
	ms, err := b.deps.Client.EmailConfigs(ctx)
	if err != nil {
		return err
	}
	nm, err := loadNames(ctx, b.deps.Client)
	if err != nil {
		return err
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].PrimaryRole && !ms[j].PrimaryRole })
	for _, m := range ms {
		o := mailboxOut{Name: shape.Sanitize(m.Name), From: m.ReplyEmail, To: m.ToEmail, Group: nm.group(m.GroupID), Primary: m.PrimaryRole, Active: m.Active}
		if m.ProductID != nil {
			o.Product = pname[*m.ProductID]
		}
		out.Mailboxes = append(out.Mailboxes, o)
	}
	return nil
}
