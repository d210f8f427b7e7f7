package draft

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Environment variables read by ConfigFromEnv.
const (
	EnvAPIKey      = "OPENAI_API_KEY"
	EnvBaseURL     = "OPENAI_BASE_URL"
	EnvAPIType     = "OPENAI_API_TYPE"    // "openai" (default), "azure", "azure_ad"
	EnvAPIVersion  = "OPENAI_API_VERSION" // Azure only
	EnvModel       = "FRESHDESK_MCP_DRAFT_MODEL"
	EnvTimeout     = "FRESHDESK_MCP_DRAFT_TIMEOUT"     // Go duration ("90s", "2m") or seconds ("90")
	EnvTemperature = "FRESHDESK_MCP_DRAFT_TEMPERATURE" // 0..2; unset = the provider's default
	EnvJSONMode    = "FRESHDESK_MCP_DRAFT_JSON_MODE"   // true/false; default: on for OpenAI and Azure, off for other base URLs

	// Fallbacks with the names of the official Azure OpenAI SDKs.
	EnvAzureAPIKey   = "AZURE_OPENAI_API_KEY"
	EnvAzureEndpoint = "AZURE_OPENAI_ENDPOINT"
)

// Defaults.
const (
	DefaultTimeout         = 120 * time.Second
	DefaultAzureAPIVersion = "2024-10-21" // the Azure OpenAI GA data-plane version
	DefaultOpenAIBaseURL   = "https://api.openai.com/v1"
)

// Config configures the drafting model.
type Config struct {
	APIKey      string        // optional when BaseURL is set (Ollama, vLLM)
	BaseURL     string        // empty = OpenAI; Azure: https://<resource>.openai.azure.com
	Model       string        // model name; for Azure the deployment name
	Timeout     time.Duration // per draft; 0 = DefaultTimeout
	Temperature float32       // 0 = omitted, the provider's default
	JSONMode    bool          // send response_format json_object (some compatible servers reject it)
	Azure       bool          // Azure OpenAI: api-key header, /openai/deployments/<Model>/..., api-version
	AzureAD     bool          // with Azure: APIKey is a Microsoft Entra ID bearer token
	APIVersion  string        // Azure api-version; empty = DefaultAzureAPIVersion
	HTTPClient  *http.Client  // optional; its own Timeout should be 0 or above Timeout

	// ProgressInterval is how often Draft reports "waiting for the model"
	// while the model works; 0 = 5s.
	ProgressInterval time.Duration
}

// String describes the configuration without the key, so that logging a
// Config (even with %+v) never leaks it.
func (c Config) String() string {
	key := "unset"
	if c.APIKey != "" {
		key = "set"
	}
	return fmt.Sprintf("draft model %q via %s (key %s, timeout %s, json mode %t)", c.Model, c.provider(), key, c.timeout(), c.JSONMode)
}

// GoString is String: %#v must not print the key either.
func (c Config) GoString() string { return c.String() }

// provider names the endpoint for messages to the agent, without credentials.
func (c Config) provider() string {
	switch {
	case c.Azure:
		return "Azure OpenAI at " + safeURL(c.BaseURL)
	case c.BaseURL == "" || strings.HasPrefix(safeURL(c.BaseURL), DefaultOpenAIBaseURL):
		return "OpenAI"
	}
	return "the OpenAI-compatible server at " + safeURL(c.BaseURL)
}

func (c Config) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return DefaultTimeout
}

// safeURL drops user info, query and fragment: some people put keys there.
func safeURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "(invalid URL)"
	}
	u.User, u.RawQuery, u.Fragment = nil, "", ""
	return strings.TrimRight(u.String(), "/")
}

// ConfigFromEnv reads the drafting configuration through lookup (os.LookupEnv
// or a test map). configured is true when a model is set together with a key
// or a base URL; false with a nil error means drafting is simply not set up
// (the tool then returns the grounding pack). An error means the variables
// are set but wrong; its text names the variable and never contains the key.
//
//	OpenAI:        OPENAI_API_KEY, FRESHDESK_MCP_DRAFT_MODEL=gpt-4o-mini
//	Azure OpenAI:  OPENAI_API_TYPE=azure, OPENAI_BASE_URL (or AZURE_OPENAI_ENDPOINT)=https://<resource>.openai.azure.com,
//	               OPENAI_API_KEY (or AZURE_OPENAI_API_KEY), OPENAI_API_VERSION (default 2024-10-21),
//	               FRESHDESK_MCP_DRAFT_MODEL=<deployment name>
//	Ollama:        OPENAI_BASE_URL=http://localhost:11434/v1, FRESHDESK_MCP_DRAFT_MODEL=llama3.1 (no key)
//	vLLM:          OPENAI_BASE_URL=http://host:8000/v1, FRESHDESK_MCP_DRAFT_MODEL=<served model>, key if --api-key is used
func ConfigFromEnv(lookup func(string) (string, bool)) (Config, bool, error) {
	get := func(names ...string) string {
		for _, n := range names {
			if v, ok := lookup(n); ok && strings.TrimSpace(v) != "" {
				return strings.TrimSpace(v)
			}
		}
		return ""
	}
	var c Config
	switch t := strings.ToLower(get(EnvAPIType)); t {
	case "", "openai", "open_ai":
	case "azure":
		c.Azure = true
	case "azure_ad", "azuread":
		c.Azure, c.AzureAD = true, true
	default:
		return Config{}, false, fmt.Errorf("%s=%q is not supported: use openai, azure or azure_ad", EnvAPIType, t)
	}
	c.Model = get(EnvModel)
	if c.Azure {
		c.APIKey = get(EnvAPIKey, EnvAzureAPIKey)
		c.BaseURL = get(EnvBaseURL, EnvAzureEndpoint)
		c.APIVersion = get(EnvAPIVersion)
		if c.APIVersion == "" {
			c.APIVersion = DefaultAzureAPIVersion
		}
	} else {
		c.APIKey = get(EnvAPIKey)
		c.BaseURL = get(EnvBaseURL)
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return Config{}, false, fmt.Errorf("%s is not an http(s) URL (for example http://localhost:11434/v1)", EnvBaseURL)
		}
	}
	if v := get(EnvTimeout); v != "" {
		d, err := parseTimeout(v)
		if err != nil {
			return Config{}, false, fmt.Errorf("%s=%q: %w", EnvTimeout, v, err)
		}
		c.Timeout = d
	}
	if v := get(EnvTemperature); v != "" {
		t, err := strconv.ParseFloat(v, 32)
		if err != nil || t < 0 || t > 2 {
			return Config{}, false, fmt.Errorf("%s=%q: want a number from 0 to 2", EnvTemperature, v)
		}
		c.Temperature = float32(t)
	}
	// json_object is safe on OpenAI and Azure; older vLLM and some other
	// compatible servers reject it, so elsewhere it is opt-in.
	c.JSONMode = c.Azure || c.BaseURL == "" || strings.HasPrefix(c.BaseURL, DefaultOpenAIBaseURL)
	if v := get(EnvJSONMode); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return Config{}, false, fmt.Errorf("%s=%q: want true or false", EnvJSONMode, v)
		}
		c.JSONMode = b
	}

	if c.Model == "" {
		return c, false, nil
	}
	if c.Azure {
		if c.BaseURL == "" {
			return Config{}, false, fmt.Errorf("%s=azure needs %s (or %s), e.g. https://<resource>.openai.azure.com", EnvAPIType, EnvBaseURL, EnvAzureEndpoint)
		}
		if c.APIKey == "" {
			return Config{}, false, fmt.Errorf("%s=azure needs %s (or %s)", EnvAPIType, EnvAPIKey, EnvAzureAPIKey)
		}
	}
	if c.APIKey == "" && c.BaseURL == "" {
		return Config{}, false, fmt.Errorf("%s is set but neither %s (OpenAI) nor %s (Ollama, vLLM, other compatible servers) is", EnvModel, EnvAPIKey, EnvBaseURL)
	}
	return c, true, nil
}

func parseTimeout(v string) (time.Duration, error) {
	if n, err := strconv.Atoi(v); err == nil {
		v = strconv.Itoa(n) + "s"
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("want a duration like 90s or 2m: %w", err)
	}
	if d <= 0 {
		return 0, fmt.Errorf("want a positive duration")
	}
	return d, nil
}
