package draft

import (
	"context"
	"errors"
	"fmt"
	"net"
	"regexp"
	"strings"
	"syscall"

	openai "github.com/sashabaranov/go-openai"
)

// Kinds of drafting failure, for errors.Is. The *Error returned by
// Drafter.Draft also wraps the original error.
var (
	ErrAuth          = errors.New("the model provider rejected the credentials")
	ErrModelNotFound = errors.New("the model was not found")
	ErrRateLimited   = errors.New("the model provider rate-limited the request or the quota is exhausted")
	ErrProvider      = errors.New("the model provider failed")
	ErrRejected      = errors.New("the model provider rejected the request")
	ErrTimeout       = errors.New("the model did not answer in time")
	ErrUnreachable   = errors.New("the model server could not be reached")
	ErrNoAnswer      = errors.New("the model returned no answer")
)

// Error is a drafting failure in words an agent understands: what happened,
// which setting to check, whether retrying helps. It never contains the API
// key. errors.Is matches its Kind (one of the Err* values, or
// context.Canceled) and the wrapped original error.
type Error struct {
	Kind    error
	Status  int    // HTTP status from the provider, 0 if none
	Message string // the full explanation
	Err     error  // the original error, with the key redacted from provider messages
}

// Error returns the explanation for the agent.
func (e *Error) Error() string { return e.Message }

// Unwrap returns the kind and the original error.
func (e *Error) Unwrap() []error { return []error{e.Kind, e.Err} }

// errDraftTimeout is the cause of our own per-draft deadline, to tell it apart
// from the caller's deadline.
var errDraftTimeout = errors.New("draft timeout")

// keyLikeRE matches OpenAI-style keys that providers echo, even partly masked.
var keyLikeRE = regexp.MustCompile(`\b(sk|pk|rk)-[A-Za-z0-9_\-*.]{6,}`)

// redact removes the key and key-like strings from provider text.
func redact(s, key string) string {
	if len(key) >= 4 {
		s = strings.ReplaceAll(s, key, "[redacted]")
	}
	return keyLikeRE.ReplaceAllString(s, "[redacted key]")
}

// translate turns a failure of the model call into an *Error.
func (d *Drafter) translate(ctx, parent context.Context, err error) error {
	cfg := d.cfg
	scrub(err, cfg.APIKey)
	e := &Error{Err: err}
	switch {
	case errors.Is(parent.Err(), context.Canceled):
		e.Kind = context.Canceled
		e.Message = "Drafting was canceled before the model answered."
		return e
	case errors.Is(parent.Err(), context.DeadlineExceeded):
		e.Kind = ErrTimeout
		e.Message = fmt.Sprintf("The model %q did not answer before the request's own deadline; nothing was drafted. Retry, or use a faster model.", cfg.Model)
		return e
	case errors.Is(context.Cause(ctx), errDraftTimeout):
		e.Kind = ErrTimeout
		e.Message = fmt.Sprintf("The model %q at %s took longer than %s; nothing was drafted. Raise %s (for example %s=%s) or use a faster model.",
			cfg.Model, cfg.provider(), cfg.timeout(), EnvTimeout, EnvTimeout, 2*cfg.timeout())
		return e
	}

	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	switch {
	case errors.As(err, &apiErr):
		e.Status = apiErr.HTTPStatusCode
		d.describeStatus(e, fmt.Sprint(apiErr.Code), apiErr.Message)
		return e
	case errors.As(err, &reqErr):
		e.Status = reqErr.HTTPStatusCode
		body, _ := clipRunes(strings.TrimSpace(string(reqErr.Body)), 300)
		d.describeStatus(e, "", body)
		return e
	case errors.Is(err, openai.ErrReasoningModelLimitationsOther), errors.Is(err, openai.ErrReasoningSamplingUnsupported),
		errors.Is(err, openai.ErrO1BetaLimitationsOther):
		e.Kind = ErrRejected
		e.Message = fmt.Sprintf("The model %q does not accept a temperature: unset %s.", cfg.Model, EnvTemperature)
		return e
	}

	var dnsErr *net.DNSError
	var netErr net.Error
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		e.Kind = ErrUnreachable
		e.Message = fmt.Sprintf("Could not connect to %s: connection refused. Is the model server (Ollama, vLLM) running there? Check %s.", cfg.provider(), EnvBaseURL)
	case errors.As(err, &dnsErr):
		e.Kind = ErrUnreachable
		e.Message = fmt.Sprintf("Could not find the host of %s (DNS lookup failed). Check %s.", cfg.provider(), EnvBaseURL)
	case errors.As(err, &netErr):
		e.Kind = ErrUnreachable
		e.Message = fmt.Sprintf("Could not reach %s: %s. Check %s and the network.", cfg.provider(), redact(err.Error(), cfg.APIKey), EnvBaseURL)
	default:
		e.Kind = ErrProvider
		e.Message = fmt.Sprintf("The call to %s failed: %s", cfg.provider(), redact(err.Error(), cfg.APIKey))
	}
	return e
}

// describeStatus fills Kind and Message for an HTTP error from the provider.
func (d *Drafter) describeStatus(e *Error, code, msg string) {
	cfg := d.cfg
	msg = redact(strings.TrimSpace(msg), cfg.APIKey)
	detail := ""
	if msg != "" {
		detail = " The provider said: " + msg
	}
	low := strings.ToLower(code + " " + msg)
	p := cfg.provider()
	switch {
	case e.Status == 401:
		e.Kind = ErrAuth
		if cfg.APIKey == "" {
			e.Message = fmt.Sprintf("%s requires an API key (HTTP 401) and none is set: set %s.%s", p, EnvAPIKey, detail)
		} else {
			e.Message = fmt.Sprintf("%s rejected the API key (HTTP 401): %s is invalid, expired or for another provider (Azure: the resource key; vLLM: its --api-key).%s", p, EnvAPIKey, detail)
		}
	case e.Status == 403:
		e.Kind = ErrAuth
		e.Message = fmt.Sprintf("%s refused access (HTTP 403): the key in %s may not use the model %q, or the project, organisation or region is not allowed.%s", p, EnvAPIKey, cfg.Model, detail)
	case e.Status == 404 || strings.Contains(low, "model_not_found") || strings.Contains(low, "deploymentnotfound"):
		e.Kind = ErrModelNotFound
		e.Message = fmt.Sprintf("The model %q was not found at %s (HTTP %d). Set %s to a model the provider serves (Azure: the deployment name; Ollama: pull it first with `ollama pull %s`; vLLM: its --served-model-name). If the name is right, check that %s ends in /v1 (not for Azure).%s",
			cfg.Model, p, e.Status, EnvModel, cfg.Model, EnvBaseURL, detail)
	case e.Status == 429 && strings.Contains(low, "insufficient_quota"):
		e.Kind = ErrRateLimited
		e.Message = fmt.Sprintf("The quota of the account at %s is exhausted (HTTP 429, insufficient_quota): check its billing or plan; retrying will not help. This is the model provider's limit, not Freshdesk's.%s", p, detail)
	case e.Status == 429:
		e.Kind = ErrRateLimited
		e.Message = fmt.Sprintf("%s rate-limited the request or the quota is exceeded (HTTP 429). Retry in a minute. This is the model provider's limit, not Freshdesk's.%s", p, detail)
	case e.Status >= 500:
		e.Kind = ErrProvider
		e.Message = fmt.Sprintf("%s failed (HTTP %d). The problem is on the provider's side; retry in a minute.%s", p, e.Status, detail)
	case strings.Contains(low, "context_length") || strings.Contains(low, "maximum context length") || strings.Contains(low, "too many tokens"):
		e.Kind = ErrRejected
		e.Message = fmt.Sprintf("The ticket is too long for the context window of the model %q (HTTP %d). Use a model with a larger context, or give fewer messages or articles.%s", cfg.Model, e.Status, detail)
	case strings.Contains(low, "response_format") || strings.Contains(low, "json_object"):
		e.Kind = ErrRejected
		e.Message = fmt.Sprintf("%s does not accept JSON mode (HTTP %d): set %s=false.%s", p, e.Status, EnvJSONMode, detail)
	case strings.Contains(low, "content_filter") || strings.Contains(low, "content management policy"):
		e.Kind = ErrRejected
		e.Message = fmt.Sprintf("The provider's content filter blocked the request (HTTP %d); draft this reply by hand.%s", e.Status, detail)
	default:
		e.Kind = ErrRejected
		e.Message = fmt.Sprintf("%s rejected the request (HTTP %d).%s", p, e.Status, detail)
	}
}

// scrub redacts the key from provider error values in place, so that no error
// in the chain carries it, even when printed on its own.
func scrub(err error, key string) {
	var apiErr *openai.APIError
	if errors.As(err, &apiErr) {
		apiErr.Message = redact(apiErr.Message, key)
	}
	var reqErr *openai.RequestError
	if errors.As(err, &reqErr) {
		reqErr.Body = []byte(redact(string(reqErr.Body), key))
	}
}

func clipRunes(s string, n int) (string, bool) {
	r := []rune(s)
	if len(r) <= n {
		return s, false
	}
	return string(r[:n]) + "…", true
}
