package app

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
)

// parse runs the config path of Main (env, then flags) without serving.
func parse(t *testing.T, envm map[string]string, args ...string) (Config, []string, error) {
	t.Helper()
	c, err := newConfig(env(envm))
	if err != nil {
		return c, nil, err
	}
	pos, err := parseFlags(&c, flagSet(&c, "test"), args)
	return c, pos, err
}

func TestDefaults(t *testing.T) {
	c, _, err := parse(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"log-level", c.LogLevel, "info"},
		{"log-format", c.LogFormat, "text"},
		{"max-chars", c.MaxChars, tools.DefaultMaxChars},
		{"timeout", c.Timeout, 30 * time.Second},
		{"reserve", c.ReservePercent, 10.0},
		{"max-retry-wait", c.MaxRetryWait, 10 * time.Second},
		{"cache-ttl", c.CacheTTL, 5 * time.Minute},
		{"toolsets", strings.Join(c.Toolsets, ","), "default"},
		{"shutdown-timeout", c.ShutdownTimeout, 10 * time.Second},
		{"demo", c.Demo, false},
		{"http", c.HTTPAddr, ""},
	}
	for _, ck := range checks {
		if ck.got != ck.want {
			t.Errorf("default %s = %v, want %v", ck.name, ck.got, ck.want)
		}
		if c.IsSet(ck.name) {
			t.Errorf("%s marked as set with no env or flag", ck.name)
		}
	}
}

func TestEnvThenFlagPrecedence(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		get  func(Config) any
		want any
	}{
		{"env only", map[string]string{"FRESHDESK_MCP_LOG_LEVEL": "debug"}, nil, func(c Config) any { return c.LogLevel }, "debug"},
		{"flag only", nil, []string{"--log-level", "warn"}, func(c Config) any { return c.LogLevel }, "warn"},
		{"flag wins over env", map[string]string{"FRESHDESK_MCP_LOG_LEVEL": "debug"}, []string{"--log-level=error"}, func(c Config) any { return c.LogLevel }, "error"},
		{"domain env", map[string]string{"FRESHDESK_DOMAIN": "acme"}, nil, func(c Config) any { return c.Domain }, "acme"},
		{"domain flag wins", map[string]string{"FRESHDESK_DOMAIN": "acme"}, []string{"--domain", "globex.freshdesk.com"}, func(c Config) any { return c.Domain }, "globex.freshdesk.com"},
		{"api key from env", map[string]string{"FRESHDESK_API_KEY": "k123"}, nil, func(c Config) any { return c.APIKey }, "k123"},
		{"demo env true", map[string]string{"FRESHDESK_MCP_DEMO": "yes"}, nil, func(c Config) any { return c.Demo }, true},
		{"demo flag false beats env", map[string]string{"FRESHDESK_MCP_DEMO": "true"}, []string{"--demo=false"}, func(c Config) any { return c.Demo }, false},
		{"reserve percent sign", map[string]string{"FRESHDESK_MCP_RESERVE": "20%"}, nil, func(c Config) any { return c.ReservePercent }, 20.0},
		{"reserve flag bare number", nil, []string{"--reserve", "15"}, func(c Config) any { return c.ReservePercent }, 15.0},
		{"timeout", map[string]string{"FRESHDESK_MCP_TIMEOUT": "5s"}, []string{"--timeout", "1m"}, func(c Config) any { return c.Timeout }, time.Minute},
		{"max chars", map[string]string{"FRESHDESK_MCP_MAX_CHARS": "8000"}, nil, func(c Config) any { return c.MaxChars }, 8000},
		{"toolsets list", map[string]string{"FRESHDESK_MCP_TOOLSETS": " Tickets , lookups,"}, nil, func(c Config) any { return strings.Join(c.Toolsets, "|") }, "tickets|lookups"},
		{"http addr", nil, []string{"--http", "127.0.0.1:8080"}, func(c Config) any { return c.HTTPAddr }, "127.0.0.1:8080"},
		{"empty env ignored", map[string]string{"FRESHDESK_MCP_LOG_LEVEL": ""}, nil, func(c Config) any { return c.LogLevel }, "info"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, err := parse(t, tt.env, tt.args...)
			if err != nil {
				t.Fatal(err)
			}
			if got := tt.get(c); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestBadValuesNameTheSettingAndValidValues(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want []string
	}{
		{"bad level env", map[string]string{"FRESHDESK_MCP_LOG_LEVEL": "loud"}, nil, []string{"FRESHDESK_MCP_LOG_LEVEL", "debug, info, warn, error"}},
		{"bad level flag", nil, []string{"--log-level", "loud"}, []string{"log-level", "debug, info, warn, error"}},
		{"bad format", nil, []string{"--log-format=xml"}, []string{"log-format", "text, json"}},
		{"bad duration", map[string]string{"FRESHDESK_MCP_TIMEOUT": "soon"}, nil, []string{"FRESHDESK_MCP_TIMEOUT", "duration"}},
		{"bad percent", nil, []string{"--reserve", "120%"}, []string{"reserve", "0% to 90%"}},
		{"bad int", map[string]string{"FRESHDESK_MCP_MAX_CHARS": "lots"}, nil, []string{"FRESHDESK_MCP_MAX_CHARS", strconv.Itoa(tools.MinMaxChars)}},
		{"bad bool", map[string]string{"FRESHDESK_MCP_DEMO": "perhaps"}, nil, []string{"FRESHDESK_MCP_DEMO", "true or false"}},
		{"bad addr", nil, []string{"--http", "8080"}, []string{"http", "HOST:PORT"}},
		{"unknown flag", nil, []string{"--nope"}, []string{"nope"}},
		{"api key is env only", nil, []string{"--api-key", "k"}, []string{"api-key"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := parse(t, tt.env, tt.args...)
			if err == nil {
				t.Fatal("no error")
			}
			var ue *usageError
			if !errors.As(err, &ue) {
				t.Errorf("error %v is not a usage error", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestMissingCredentials(t *testing.T) {
	for _, envm := range []map[string]string{nil, {"FRESHDESK_DOMAIN": "acme"}, {"FRESHDESK_API_KEY": "k"}} {
		code, stdout, stderr := runMain(t, envm)
		if code != exitUsage {
			t.Errorf("env %v: exit %d, want %d", envm, code, exitUsage)
		}
		if stdout != "" {
			t.Errorf("env %v: stdout %q, want nothing", envm, stdout)
		}
		for _, want := range []string{"FRESHDESK_DOMAIN", "FRESHDESK_API_KEY", "--demo"} {
			if !strings.Contains(stderr, want) {
				t.Errorf("env %v: message %q lacks %s", envm, stderr, want)
			}
		}
	}
}

func TestFlagsAfterPositionalArguments(t *testing.T) {
	_, pos, err := parse(t, nil, "get_ticket", `{"ticket_id":1}`, "--demo", "--log-level", "warn", "--", "--not-a-flag")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"get_ticket", `{"ticket_id":1}`, "--not-a-flag"}
	if !slices.Equal(pos, want) {
		t.Errorf("positional = %q, want %q", pos, want)
	}
}

func TestSettingsTable(t *testing.T) {
	seenFlag, seenEnv := map[string]bool{}, map[string]bool{}
	for _, s := range settings() {
		if s.help == "" {
			t.Errorf("--%s has no help text", s.name)
		}
		if seenFlag[s.name] {
			t.Errorf("duplicate setting %s", s.name)
		}
		seenFlag[s.name] = true
		if e := s.envName(); e != "" {
			if seenEnv[e] {
				t.Errorf("duplicate env %s", e)
			}
			seenEnv[e] = true
			if !strings.HasPrefix(e, "FRESHDESK_MCP_") && e != "FRESHDESK_DOMAIN" && e != "FRESHDESK_API_KEY" {
				t.Errorf("env %s does not follow FRESHDESK_MCP_<NAME>", e)
			}
		}
		var c Config
		if s.def != "" {
			if err := s.bind(&c).Set(s.def); err != nil {
				t.Errorf("default of --%s is invalid: %v", s.name, err)
			}
		}
	}
	md := ConfigMarkdown()
	for _, s := range settings() {
		if e := s.envName(); e != "" && !strings.Contains(md, "`"+e+"`") {
			t.Errorf("README table lacks %s", e)
		}
		if !s.envOnly && !strings.Contains(md, "`--"+s.name+"`") {
			t.Errorf("README table lacks --%s", s.name)
		}
	}
	if strings.Contains(md, "`--api-key`") {
		t.Error("README table offers the API key as a flag")
	}
}

func TestVersionAndHelp(t *testing.T) {
	code, out, _ := runMain(t, nil, "--version")
	if code != 0 || !strings.HasPrefix(out, "freshdesk-mcp ") {
		t.Errorf("--version: exit %d, output %q", code, out)
	}
	code, out, _ = runMain(t, nil, "--help")
	if code != 0 || !strings.Contains(out, "FRESHDESK_API_KEY") || !strings.Contains(out, "--log-level") {
		t.Errorf("--help: exit %d, output %q", code, out)
	}
	code, _, errOut := runMain(t, nil, "frobnicate")
	if code != exitUsage || !strings.Contains(errOut, "unknown command") {
		t.Errorf("unknown verb: exit %d, stderr %q", code, errOut)
	}
}

func TestConfigVerb(t *testing.T) {
	code, out, _ := runMain(t, map[string]string{"FRESHDESK_API_KEY": "super-secret-key", "FRESHDESK_MCP_LOG_LEVEL": "debug"}, "config", "--timeout", "5s")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if strings.Contains(out, "super-secret-key") {
		t.Error("config printed the API key")
	}
	for _, want := range []string{"(set, hidden)", "FRESHDESK_MCP_LOG_LEVEL", "--timeout", "5s"} {
		if !strings.Contains(out, want) {
			t.Errorf("config output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runMain(t, nil, "config", "--markdown")
	if code != 0 || out != ConfigMarkdown() {
		t.Errorf("config --markdown: exit %d, output differs from ConfigMarkdown()", code)
	}
}
