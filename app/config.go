package app

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/draft"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
)

// Config is the resolved configuration of one run: defaults, then the
// environment, then flags (a flag wins).
type Config struct {
	Domain          string
	APIKey          string
	Demo            bool
	HTTPAddr        string
	LogLevel        string
	LogFormat       string
	MaxChars        int
	Timeout         time.Duration
	ReservePercent  float64
	MaxRetryWait    time.Duration
	CacheTTL        time.Duration
	Toolsets        []string
	Tools           []string
	ExcludeTools    []string
	ShutdownTimeout time.Duration
	ShowVersion     bool
	// DraftModel and DraftTimeout configure draft_reply's model (draft.go);
	// the provider's key and URL come from the environment only.
	DraftModel   string
	DraftTimeout string
	// DraftPastAnswers makes draft_reply add a past answer by default.
	DraftPastAnswers bool
	// drafter is built at startup from the draft settings (nil: no model).
	drafter *draft.Drafter

	// Policy holds the safety settings (policy.go).
	Policy PolicySettings
	// Redis is --redis (shared.go); shared is the connection built from it
	// at startup (nil without --redis).
	Redis  string
	shared *sharedState
	// HTTP holds the --http hardening and observability settings (http_settings.go).
	HTTP HTTPSettings
	// WebhookSecrets enable POST /webhooks/freshdesk (live.go).
	WebhookSecrets []string

	// set records which settings were given explicitly (env or flag), by name.
	set map[string]bool
	// source records where each explicit setting came from, for `config`.
	source map[string]string
}

// IsSet reports whether the setting with the given flag name was given
// explicitly in the environment or on the command line.
func (c *Config) IsSet(name string) bool { return c.set[name] }

// setting is one row of the configuration table. The same row drives the
// flag, the environment variable, the default and the README table, so adding
// a setting is one entry in settings().
type setting struct {
	name     string                     // flag name, e.g. "log-level"
	env      string                     // env name; "" means FRESHDESK_MCP_<NAME>
	def      string                     // default, as text
	help     string                     // one line for --help and the README
	envOnly  bool                       // secrets: never a flag (argv shows in ps)
	flagOnly bool                       // no environment variable (e.g. --version)
	secret   bool                       // never printed
	bind     func(c *Config) flag.Value // the Config field it sets
}

// envName is the environment variable of s, or "" if it has none.
func (s setting) envName() string {
	switch {
	case s.flagOnly:
		return ""
	case s.env != "":
		return s.env
	}
	return "FRESHDESK_MCP_" + strings.ToUpper(strings.ReplaceAll(s.name, "-", "_"))
}

// settings is the configuration table, in README order: the core rows,
// the policy rows (policy.go), the replica rows (shared.go), then --version.
func settings() []setting {
	out := append(coreSettings(), policySettings()...)
	out = append(out, sharedStateSettings()...)
	out = append(out, httpSettings()...)
	out = append(out, liveSettings()...)
	return append(out, setting{name: "version", flagOnly: true, def: "false", help: "print the version and exit", bind: func(c *Config) flag.Value { return boolValue{&c.ShowVersion} }})
}

// coreSettings are the connection, transport, logging and catalogue rows.
func coreSettings() []setting {
	return []setting{
		{name: "domain", env: "FRESHDESK_DOMAIN", help: "Freshdesk helpdesk: acme, acme.freshdesk.com or https://acme.freshdesk.com", bind: func(c *Config) flag.Value { return stringValue{&c.Domain} }},
		{name: "api-key", env: "FRESHDESK_API_KEY", envOnly: true, secret: true, help: "Freshdesk API key (Profile settings > Your API key); environment only, so it never shows in ps", bind: func(c *Config) flag.Value { return stringValue{&c.APIKey} }},
		{name: "demo", def: "false", help: "serve the embedded demo helpdesk instead of a real account (no credentials; writes stay in memory)", bind: func(c *Config) flag.Value { return boolValue{&c.Demo} }},
		{name: "http", help: "serve HTTP on ADDR (streamable HTTP at /mcp, legacy SSE at /sse, /healthz) instead of stdio", bind: func(c *Config) flag.Value { return addrValue{&c.HTTPAddr} }},
		{name: "log-level", def: "info", help: "log level: debug, info, warn or error (logs go to stderr)", bind: func(c *Config) flag.Value { return enumValue{&c.LogLevel, []string{"debug", "info", "warn", "error"}} }},
		{name: "log-format", def: "text", help: "log format: text or json", bind: func(c *Config) flag.Value { return enumValue{&c.LogFormat, []string{"text", "json"}} }},
		{name: "max-chars", def: "24000", help: "default size cap of one tool result in characters (a call's max_chars overrides it)", bind: func(c *Config) flag.Value { return intValue{&c.MaxChars, tools.MinMaxChars, tools.MaxMaxChars} }},
		{name: "timeout", def: "30s", help: "timeout of one Freshdesk request", bind: func(c *Config) flag.Value { return durationValue{&c.Timeout, time.Second, 10 * time.Minute} }},
		{name: "reserve", def: "10%", help: "share of the account's per-minute rate limit left for people and other integrations", bind: func(c *Config) flag.Value { return percentValue{&c.ReservePercent} }},
		{name: "max-retry-wait", def: "10s", help: "longest Retry-After waited out on a 429; a longer one fails fast and says when to retry", bind: func(c *Config) flag.Value { return durationValue{&c.MaxRetryWait, 0, 5 * time.Minute} }},
		{name: "cache-ttl", def: "5m", help: "how long ticket fields, agents and groups are cached (0 turns the cache off)", bind: func(c *Config) flag.Value { return durationValue{&c.CacheTTL, 0, 24 * time.Hour} }},
		{name: "toolsets", def: "default", help: "toolsets to serve, comma-separated: default (all but the opt-in " + strings.Join(tools.OptInToolsets(), ", ") + "), all, or any of " + strings.Join(tools.Toolsets(), ", "), bind: func(c *Config) flag.Value { return listValue{&c.Toolsets} }},
		{name: "tools", help: "tools to serve, comma-separated; alone it serves only these, with --toolsets it adds them", bind: func(c *Config) flag.Value { return listValue{&c.Tools} }},
		{name: "exclude-tools", help: "tools to hide and refuse, comma-separated (wins over --toolsets and --tools)", bind: func(c *Config) flag.Value { return listValue{&c.ExcludeTools} }},
		{name: "shutdown-timeout", def: "10s", help: "how long HTTP shutdown waits for requests in flight", bind: func(c *Config) flag.Value { return durationValue{&c.ShutdownTimeout, 0, 5 * time.Minute} }},
		{name: "draft-model", help: "model (Azure: deployment name) that writes draft_reply drafts; the provider comes from OPENAI_API_KEY and/or OPENAI_BASE_URL in the environment; unset: draft_reply returns the grounding pack", bind: func(c *Config) flag.Value { return stringValue{&c.DraftModel} }},
		{name: "draft-past-answers", def: "false", help: "draft_reply adds a similar resolved ticket's public reply as an example (personal data removed) unless a call says past_answers=false; costs up to 4 more credits per draft", bind: func(c *Config) flag.Value { return boolValue{&c.DraftPastAnswers} }},
		{name: "draft-timeout", def: "120s", help: "longest wait for one draft from the model (Go duration or seconds)", bind: func(c *Config) flag.Value { return stringValue{&c.DraftTimeout} }},
	}
}

// usageError is a configuration or command-line mistake: exit code 2.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// newConfig returns the defaults with the environment applied.
func newConfig(lookupEnv func(string) (string, bool)) (Config, error) {
	c := Config{set: map[string]bool{}, source: map[string]string{}}
	var errs []error
	for _, s := range settings() {
		v := s.bind(&c)
		if s.def != "" {
			if err := v.Set(s.def); err != nil {
				// A bad default is a programming error; tests catch it.
				errs = append(errs, fmt.Errorf("default of --%s: %w", s.name, err))
			}
		}
		env := s.envName()
		if env == "" || lookupEnv == nil {
			continue
		}
		raw, ok := lookupEnv(env)
		if !ok || raw == "" {
			continue
		}
		if err := v.Set(raw); err != nil {
			errs = append(errs, usageErrorf("invalid value for %s: %w", env, err))
			continue
		}
		c.set[s.name] = true
		c.source[s.name] = env
	}
	return c, errors.Join(errs...)
}

// flagSet registers every flag of the table on a new FlagSet bound to c.
// Parse errors are returned, not printed.
func flagSet(c *Config, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	for _, s := range settings() {
		if s.envOnly {
			continue
		}
		fs.Var(s.bind(c), s.name, s.help)
	}
	return fs
}

// parseFlags parses args with fs, allowing flags after positional arguments
// (`freshdesk-mcp call get_ticket '{...}' --demo`), and marks explicit
// settings in c. "--" ends flag parsing.
func parseFlags(c *Config, fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			// The flag package names flags with one dash; we document two.
			msg := strings.NewReplacer("flag -", "flag --", "defined: -", "defined: --").Replace(err.Error())
			return nil, &usageError{errors.New(msg)}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		// fs.Parse stops at the first positional argument or after "--".
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			positional = append(positional, rest...)
			break
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
	known := map[string]bool{}
	for _, s := range settings() {
		known[s.name] = true
	}
	fs.Visit(func(f *flag.Flag) {
		if known[f.Name] {
			c.set[f.Name] = true
			c.source[f.Name] = "--" + f.Name
		}
	})
	return positional, nil
}

// ConfigMarkdown returns the README configuration table, generated from the
// same table that defines the flags and environment variables.
func ConfigMarkdown() string {
	var b strings.Builder
	b.WriteString("| Environment variable | Flag | Default | Meaning |\n")
	b.WriteString("|---|---|---|---|\n")
	for _, s := range settings() {
		env, flg, def := "", "", s.def
		if e := s.envName(); e != "" {
			env = "`" + e + "`"
		}
		if !s.envOnly {
			flg = "`--" + s.name + "`"
		}
		if def != "" {
			def = "`" + def + "`"
		}
		help := strings.ReplaceAll(s.help, "|", "\\|")
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", env, flg, def, help)
	}
	return b.String()
}

// usageText is the --help output.
func usageText() string {
	var b strings.Builder
	b.WriteString(`freshdesk-mcp: an MCP server for Freshdesk (stdio by default, or --http ADDR)

Usage:
  freshdesk-mcp [flags]                    serve MCP on stdio (or HTTP with --http ADDR)
  freshdesk-mcp tools [--json] [flags]     print the tool catalogue for this configuration
  freshdesk-mcp call TOOL '{json}' [flags] run one tool and print its result
  freshdesk-mcp check [flags]              verify the credentials; show the rate limit
  freshdesk-mcp config [--markdown]        print the effective configuration

Credentials: FRESHDESK_DOMAIN and FRESHDESK_API_KEY, or --demo for the demo helpdesk.

Settings (a flag wins over its environment variable):
`)
	for _, s := range settings() {
		left := ""
		if !s.envOnly {
			left = "--" + s.name
		}
		if e := s.envName(); e != "" {
			if left != "" {
				left += ", "
			}
			left += e
		}
		line := "  " + left + "\n        " + s.help
		if s.def != "" {
			line += " (default " + s.def + ")"
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}
