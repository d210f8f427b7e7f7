package draft

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestConfigFromEnv(t *testing.T) {
	tests := []struct {
		name       string
		env        map[string]string
		configured bool
		errHas     string // "" = no error
		check      func(t *testing.T, c Config)
	}{
		{name: "nothing set", env: map[string]string{}},
		{name: "key without model is not configured", env: map[string]string{EnvAPIKey: testKey}},
		{name: "openai", env: map[string]string{EnvAPIKey: testKey, EnvModel: "gpt-4o-mini"}, configured: true,
			check: func(t *testing.T, c Config) {
				if c.APIKey != testKey || c.Model != "gpt-4o-mini" || c.BaseURL != "" || !c.JSONMode || c.Azure {
					t.Errorf("config = %#v", c)
				}
			}},
		{name: "ollama without key", env: map[string]string{EnvBaseURL: "http://localhost:11434/v1", EnvModel: "llama3.1"}, configured: true,
			check: func(t *testing.T, c Config) {
				if c.APIKey != "" || c.BaseURL != "http://localhost:11434/v1" || c.JSONMode {
					t.Errorf("config = %#v, want no key, base URL, JSON mode off", c)
				}
			}},
		{name: "vllm with json mode and timeout", env: map[string]string{EnvBaseURL: "http://gpu:8000/v1", EnvModel: "Qwen/Qwen2.5-7B-Instruct",
			EnvJSONMode: "true", EnvTimeout: "90", EnvTemperature: "0.3"}, configured: true,
			check: func(t *testing.T, c Config) {
				if !c.JSONMode || c.Timeout != 90*time.Second || c.Temperature != 0.3 {
					t.Errorf("config = %#v", c)
				}
			}},
		{name: "duration timeout", env: map[string]string{EnvAPIKey: "k", EnvModel: "m", EnvTimeout: "2m"}, configured: true,
			check: func(t *testing.T, c Config) {
				if c.Timeout != 2*time.Minute {
					t.Errorf("timeout = %s", c.Timeout)
				}
			}},
		{name: "azure", env: map[string]string{EnvAPIType: "azure", EnvBaseURL: "https://acme.openai.azure.com", EnvAPIKey: "az", EnvModel: "drafts-prod"}, configured: true,
			check: func(t *testing.T, c Config) {
				if !c.Azure || c.APIVersion != DefaultAzureAPIVersion || !c.JSONMode || c.Model != "drafts-prod" {
					t.Errorf("config = %#v", c)
				}
			}},
		{name: "azure with sdk variable names", env: map[string]string{EnvAPIType: "AZURE", EnvAzureEndpoint: "https://acme.openai.azure.com/", EnvAzureAPIKey: "az",
			EnvAPIVersion: "2025-01-01-preview", EnvModel: "d"}, configured: true,
			check: func(t *testing.T, c Config) {
				if c.APIKey != "az" || c.BaseURL != "https://acme.openai.azure.com/" || c.APIVersion != "2025-01-01-preview" {
					t.Errorf("config = %#v", c)
				}
			}},
		{name: "azure ad", env: map[string]string{EnvAPIType: "azure_ad", EnvBaseURL: "https://acme.openai.azure.com", EnvAPIKey: "tok", EnvModel: "d"}, configured: true,
			check: func(t *testing.T, c Config) {
				if !c.Azure || !c.AzureAD {
					t.Errorf("config = %#v", c)
				}
			}},
		{name: "json mode off explicitly", env: map[string]string{EnvAPIKey: "k", EnvModel: "m", EnvJSONMode: "0"}, configured: true,
			check: func(t *testing.T, c Config) {
				if c.JSONMode {
					t.Error("JSON mode should be off")
				}
			}},
		{name: "model without key or url", env: map[string]string{EnvModel: "gpt-4o"}, errHas: "neither OPENAI_API_KEY"},
		{name: "azure without endpoint", env: map[string]string{EnvAPIType: "azure", EnvAPIKey: "k", EnvModel: "d"}, errHas: "AZURE_OPENAI_ENDPOINT"},
		{name: "azure without key", env: map[string]string{EnvAPIType: "azure", EnvBaseURL: "https://x.openai.azure.com", EnvModel: "d"}, errHas: "AZURE_OPENAI_API_KEY"},
		{name: "unknown api type", env: map[string]string{EnvAPIType: "bedrock", EnvModel: "m", EnvAPIKey: "k"}, errHas: "not supported"},
		{name: "bad base url", env: map[string]string{EnvBaseURL: "localhost:11434", EnvModel: "m"}, errHas: "not an http(s) URL"},
		{name: "bad timeout", env: map[string]string{EnvAPIKey: "k", EnvModel: "m", EnvTimeout: "soon"}, errHas: EnvTimeout},
		{name: "negative timeout", env: map[string]string{EnvAPIKey: "k", EnvModel: "m", EnvTimeout: "-5s"}, errHas: "positive"},
		{name: "bad temperature", env: map[string]string{EnvAPIKey: "k", EnvModel: "m", EnvTemperature: "3"}, errHas: "0 to 2"},
		{name: "bad json mode", env: map[string]string{EnvAPIKey: "k", EnvModel: "m", EnvJSONMode: "maybe"}, errHas: "true or false"},
		{name: "blank values are unset", env: map[string]string{EnvAPIKey: "  ", EnvModel: " "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ok, err := ConfigFromEnv(env(tt.env))
			if tt.errHas != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errHas) {
					t.Fatalf("err = %v, want one mentioning %q", err, tt.errHas)
				}
				if ok {
					t.Error("configured must be false with an error")
				}
				if strings.Contains(err.Error(), testKey) {
					t.Error("error contains the key")
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if ok != tt.configured {
				t.Fatalf("configured = %t, want %t", ok, tt.configured)
			}
			if tt.check != nil {
				tt.check(t, c)
			}
		})
	}
}

func TestConfigStringHidesKey(t *testing.T) {
	c := Config{APIKey: testKey, Model: "gpt-4o-mini", BaseURL: "https://user:pw@llm.example/v1?key=abc"}
	for _, s := range []string{c.String(), fmt.Sprintf("%v", c), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c)} {
		if strings.Contains(s, testKey) || strings.Contains(s, "pw@") || strings.Contains(s, "key=abc") {
			t.Errorf("leaks a secret: %s", s)
		}
		if !strings.Contains(s, "gpt-4o-mini") || !strings.Contains(s, "key set") {
			t.Errorf("not descriptive: %s", s)
		}
	}
}
