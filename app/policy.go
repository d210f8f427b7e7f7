package app

import (
	"flag"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/prompts"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
)

// PolicySettings are the safety settings: write mode, confirmation,
// budgets, audit, exposure of private notes and HTTP caller access.
type PolicySettings struct {
	Mode                   string
	ConfirmReplies         bool
	ConfirmFallback        string
	PublicURL              string
	ApproverSecret         string
	Budget                 string
	AuditLog               string
	PrivateNotes           string
	AuthTokens             string
	ConfirmSecret          string
	AllowedHosts           []string
	AllowedOrigins         []string
	AllowCallerCredentials bool

	// runtime is the policy built once per process (withServer) and shared
	// by every server built from this configuration; nil: buildServer
	// builds one without an audit log (the `tools` verb, tests).
	runtime *mcppolicy.Policy
}

// policySettings are the configuration rows of the safety settings.
func policySettings() []setting {
	return []setting{
		{name: "mode", def: "confirm", help: "what may be written: read-only (nothing), notes (private notes only), confirm (every write after the user confirms) or unattended (no confirmation except replies)",
			bind: func(c *Config) flag.Value {
				return checkedValue{&c.Policy.Mode, func(s string) error { _, err := policy.ParseMode(s); return err }}
			}},
		{name: "confirm-replies", def: "true", help: "in unattended mode, still confirm customer-visible replies", bind: func(c *Config) flag.Value { return boolValue{&c.Policy.ConfirmReplies} }},
		{name: "confirm-fallback", def: "approver", help: "when a client cannot ask the user (no elicitation): approver (a confirmation page link that needs the approver secret to approve; refuses when no secret is set or without --http), deny (refuse the write), or token (a single-use token the model passes back: safe only if the client shows every tool call to a person)",
			bind: func(c *Config) flag.Value {
				return enumValue{&c.Policy.ConfirmFallback, []string{"approver", "deny", "token"}}
			}},
		{name: "public-url", help: "how people's browsers reach this server's confirmation page (/confirm/), e.g. https://mcp.example.com; default http://ADDR of --http on loopback (none beyond loopback: no page)",
			bind: func(c *Config) flag.Value { return stringValue{&c.Policy.PublicURL} }},
		{name: "approver-secret", envOnly: true, secret: true, help: "the secret a person enters on the confirmation page to approve a write for a client without elicitation (--confirm-fallback approver); never given to the model",
			bind: func(c *Config) flag.Value { return secretValue{&c.Policy.ApproverSecret} }},
		{name: "budget", def: "unlimited", help: "Freshdesk credits per caller per window, e.g. 300/1h or 1000/1d; unlimited only counts (see the freshdesk://usage resource)",
			bind: func(c *Config) flag.Value {
				return checkedValue{&c.Policy.Budget, func(s string) error { _, err := policy.ParseLimit(s); return err }}
			}},
		{name: "audit-log", help: "append one JSON line per write attempt and its outcome to FILE (created 0600, synced; bodies are hashed, never logged)", bind: func(c *Config) flag.Value { return stringValue{&c.Policy.AuditLog} }},
		{name: "private-notes", def: "show", help: "show or hide private notes in every result, resource and prompt (hide for customer-facing bots)",
			bind: func(c *Config) flag.Value { return enumValue{&c.Policy.PrivateNotes, []string{"show", "hide"}} }},
		{name: "auth-tokens", help: "HTTP bearer tokens: name:token pairs (comma-separated) or @FILE with one per line; required to listen beyond loopback",
			bind: func(c *Config) flag.Value { return secretValue{&c.Policy.AuthTokens} }},
		{name: "confirm-secret", envOnly: true, help: "HMAC secret (at least 32 bytes) for confirmation tokens; random per process when unset. Without --redis tokens are redeemable only by the process that issued them (used tokens are remembered in memory); with --redis every replica must have the same secret and redeems the others' tokens, each once",
			bind: func(c *Config) flag.Value { return secretValue{&c.Policy.ConfirmSecret} }},
		{name: "allowed-hosts", help: "extra Host names accepted on HTTP besides loopback (DNS-rebinding protection), comma-separated, e.g. mcp.example.com",
			bind: func(c *Config) flag.Value { return listValue{&c.Policy.AllowedHosts} }},
		{name: "allowed-origins", help: "browser Origins accepted on HTTP besides loopback, comma-separated, e.g. https://app.example.com",
			bind: func(c *Config) flag.Value { return listValue{&c.Policy.AllowedOrigins} }},
		{name: "allow-caller-credentials", def: "false", help: "let HTTP callers bring their own Freshdesk credentials in X-Freshdesk-Domain and X-Freshdesk-Api-Key headers",
			bind: func(c *Config) flag.Value { return boolValue{&c.Policy.AllowCallerCredentials} }},
	}
}

// checkedValue is a string setting validated by check.
type checkedValue struct {
	p     *string
	check func(string) error
}

func (v checkedValue) Set(s string) error {
	s = strings.TrimSpace(s)
	if err := v.check(s); err != nil {
		return err
	}
	*v.p = s
	return nil
}

func (v checkedValue) String() string {
	if v.p == nil {
		return ""
	}
	return *v.p
}

// secretValue never prints its value.
type secretValue struct{ p *string }

func (v secretValue) Set(s string) error { *v.p = strings.TrimSpace(s); return nil }
func (v secretValue) String() string {
	if v.p == nil || *v.p == "" {
		return ""
	}
	return "(set, hidden)"
}

// newFilter builds the server-wide tool filter from the mode and the
// toolset settings, over the whole catalogue.
func newFilter(c Config, all []tools.Tool) (policy.Filter, error) {
	mode, err := policy.ParseMode(c.Policy.Mode)
	if err != nil {
		return policy.Filter{}, usageErrorf("--mode (FRESHDESK_MCP_MODE): %w", err)
	}
	var names []string
	for _, t := range all {
		names = append(names, t.Def.Name)
	}
	toolsets := c.Toolsets
	if c.IsSet("tools") && !c.IsSet("toolsets") { // --tools alone serves only those tools
		toolsets = nil
	}
	f, err := policy.NewFilter(policy.FilterConfig{
		Mode: mode, Toolsets: toolsets, Tools: c.Tools, ExcludeTools: c.ExcludeTools,
		KnownToolsets: knownToolsets(all), KnownTools: names, OptIn: tools.OptInToolsets(),
	})
	if err != nil {
		return policy.Filter{}, usageErrorf("%w", err)
	}
	return f, nil
}

// policyOptions are test hooks for newPolicy.
type policyOptions struct {
	now func() time.Time
	// noAudit skips opening --audit-log (the `tools` verb, which writes nothing).
	noAudit bool
	// shared is the Redis state of --redis (nil: this process's memory).
	shared *sharedState
}

// newPolicy builds the process-wide policy: one store shared by tokens,
// the duplicate guard and budgets, the filter, and the audit log (the
// caller closes it with closePolicy). Without --redis the store is in
// memory, so tokens, duplicate memory and budgets are per process; tokens
// are bound to the store's id, so another process (restart, replica, each
// `call` run) refuses them instead of redeeming them a second time. With
// --redis (o.shared) they are shared by every replica.
func newPolicy(c Config, lookupEnv func(string) (string, bool), logger *slog.Logger, o policyOptions) (*mcppolicy.Policy, error) {
	f, err := newFilter(c, tools.All(tools.Deps{}))
	if err != nil {
		return nil, err
	}
	fb, err := policy.ParseFallback(c.Policy.ConfirmFallback)
	if err != nil {
		return nil, usageErrorf("--confirm-fallback: %w", err)
	}
	lim, err := policy.ParseLimit(c.Policy.Budget)
	if err != nil {
		return nil, usageErrorf("--budget (FRESHDESK_MCP_BUDGET): %w", err)
	}
	// Tokens, request states and the duplicate memory fail closed when the
	// shared state is unavailable; budgets fall back to this process.
	store, budgetStore := o.shared.stores(o.now)
	var secret []byte
	if c.Policy.ConfirmSecret != "" {
		secret = []byte(c.Policy.ConfirmSecret)
		if len(secret) < policy.MinSecretLen {
			return nil, usageErrorf("FRESHDESK_MCP_CONFIRM_SECRET must be at least %d bytes (it signs confirmation tokens)", policy.MinSecretLen)
		}
	}
	conf, err := policy.NewConfirmer(policy.ConfirmConfig{Secret: secret, Now: o.now, Store: store})
	if err != nil {
		return nil, fmt.Errorf("confirmation tokens: %w", err)
	}
	bud, err := policy.NewBudget(policy.BudgetConfig{Limit: lim, Now: o.now, Store: budgetStore})
	if err != nil {
		return nil, usageErrorf("--budget: %w", err)
	}
	cat := tools.PolicyCatalogue()
	cat.Prompts = prompts.Facts()
	p := &mcppolicy.Policy{
		Catalogue:      cat,
		Filter:         f,
		ConfirmReplies: c.Policy.ConfirmReplies,
		Fallback:       fb,
		Confirmer:      conf,
		Guard:          policy.NewGuard(policy.GuardConfig{Now: o.now, Store: store}),
		Budget:         bud,
		ConfirmLimit:   policy.NewConfirmLimit(store, 0, 0, o.now),
		DefaultCaller: policy.LocalCaller(func(k string) string {
			if lookupEnv == nil {
				return ""
			}
			v, _ := lookupEnv(k)
			return v
		}),
		Now:    o.now,
		Logger: logger,
	}
	if c.Policy.AuditLog != "" && !o.noAudit {
		al, err := policy.OpenAuditLog(c.Policy.AuditLog)
		if err != nil {
			return nil, fmt.Errorf("--audit-log %s: %w", c.Policy.AuditLog, err)
		}
		if o.now != nil {
			al.Now = o.now
		}
		p.Audit = al
	}
	logger.Debug("write policy", "filter", f.String(), "confirm_replies", p.ConfirmReplies, "fallback", fb.String(),
		"budget", lim.String(), "audit_log", c.Policy.AuditLog != "")
	return p, nil
}

// closePolicy closes the audit log of p, if any.
func closePolicy(p *mcppolicy.Policy) error {
	if p == nil || p.Audit == nil {
		return nil
	}
	return p.Audit.Close()
}

// exposedTools keeps the tools the server-wide filter exposes (so the
// `tools` verb and tools/list agree; a request's headers can only hide more).
func exposedTools(ts []tools.Tool, f policy.Filter) []tools.Tool {
	return slices.DeleteFunc(slices.Clone(ts), func(t tools.Tool) bool { return !f.Exposed(t.Facts().Info()) })
}
