package draft

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Drafter drafts replies with one configured model. It is safe for
// concurrent use.
type Drafter struct {
	cfg    Config
	client *openai.Client
}

// New returns a Drafter for cfg. It does not contact the provider.
func New(cfg Config) (*Drafter, error) {
	if strings.TrimSpace(cfg.Model) == "" {
		return nil, fmt.Errorf("no drafting model: set %s", EnvModel)
	}
	var oc openai.ClientConfig
	if cfg.Azure {
		if cfg.BaseURL == "" {
			return nil, fmt.Errorf("azure needs a base URL (%s), e.g. https://<resource>.openai.azure.com", EnvBaseURL)
		}
		oc = openai.DefaultAzureConfig(cfg.APIKey, strings.TrimRight(cfg.BaseURL, "/"))
		if cfg.AzureAD {
			oc.APIType = openai.APITypeAzureAD
		}
		oc.APIVersion = cfg.APIVersion
		if oc.APIVersion == "" {
			oc.APIVersion = DefaultAzureAPIVersion
		}
		// The model setting is the deployment name, used as is; the default
		// mapper would rewrite names that contain "3.5" or ":".
		oc.AzureModelMapperFunc = func(model string) string { return model }
	} else {
		if cfg.APIKey == "" && cfg.BaseURL == "" {
			return nil, fmt.Errorf("no %s and no %s: OpenAI needs a key, other servers a base URL", EnvAPIKey, EnvBaseURL)
		}
		oc = openai.DefaultConfig(cfg.APIKey)
		if cfg.BaseURL != "" {
			oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
		}
	}
	if cfg.HTTPClient != nil {
		oc.HTTPClient = cfg.HTTPClient
	} else {
		oc.HTTPClient = &http.Client{} // the per-draft context carries the timeout
	}
	return &Drafter{cfg: cfg, client: openai.NewClientWithConfig(oc)}, nil
}

// Config returns the Drafter's configuration.
func (d *Drafter) Config() Config { return d.cfg }

// Draft asks the model for a reply draft for p. progress, if not nil, is
// called from the calling goroutine with a step description and a fraction
// in [0,1] that never decreases: before the call, every ProgressInterval while
// the model works, while parsing, and with 1 when done. ctx cancellation and
// Config.Timeout end the call promptly. Errors are *Error values.
func (d *Drafter) Draft(ctx context.Context, p Pack, progress func(step string, fraction float64)) (*Draft, error) {
	last := 0.0
	report := func(step string, f float64) {
		if progress != nil && f >= last {
			last = f
			progress(step, f)
		}
	}
	report("building the prompt", 0.05)
	req := openai.ChatCompletionRequest{
		Model:       d.cfg.Model,
		Messages:    Messages(p),
		Temperature: d.cfg.Temperature,
	}

	timeout := d.cfg.timeout()
	cctx, cancel := context.WithTimeoutCause(ctx, timeout, errDraftTimeout)
	defer cancel()

	// One deadline for all formats: a server that rejects one is asked again
	// with the next, within the same timeout.
	var (
		resp openai.ChatCompletionResponse
		used Format
		err  error
	)
	formats := formatsFor(d.cfg)
	for i, f := range formats {
		applyFormat(&req, f)
		resp, err = d.call(cctx, req, timeout, report)
		used = f
		if err == nil || i == len(formats)-1 || !rejectsFormat(err, f) {
			break
		}
	}
	if err != nil {
		return nil, d.translate(cctx, ctx, err)
	}
	if len(resp.Choices) == 0 {
		return nil, &Error{Kind: ErrNoAnswer, Err: ErrNoAnswer,
			Message: fmt.Sprintf("The model %q returned no answer; retry, or draft this reply by hand.", d.cfg.Model)}
	}
	choice := resp.Choices[0]
	content, viaTool := answerContent(choice.Message)
	if strings.TrimSpace(content) == "" {
		msg := fmt.Sprintf("The model %q returned an empty answer; retry, or draft this reply by hand.", d.cfg.Model)
		if r := strings.TrimSpace(choice.Message.Refusal); r != "" {
			msg = fmt.Sprintf("The model %q declined to draft this reply: %s", d.cfg.Model, oneLine(r))
		}
		return nil, &Error{Kind: ErrNoAnswer, Err: errors.New("empty completion"), Message: msg}
	}

	report("reading the answer", 0.95)
	dr := ParseAnswer(content, p)
	// A server may ignore tools or response_format and answer in text: the
	// format reported is what the answer actually was.
	switch {
	case dr.CitedBy != CitedByModel: // not structured, whatever was asked
		dr.Format = FormatText
	case viaTool:
		dr.Format = FormatToolCall
	case used == FormatToolCall:
		dr.Format = FormatText // tools ignored, JSON written in the content
	default:
		dr.Format = used
	}
	dr.Model = resp.Model
	if dr.Model == "" {
		dr.Model = d.cfg.Model
	}
	dr.Usage = Usage{
		PromptTokens:     resp.Usage.PromptTokens,
		CompletionTokens: resp.Usage.CompletionTokens,
		TotalTokens:      resp.Usage.TotalTokens,
	}
	switch choice.FinishReason {
	case openai.FinishReasonLength:
		dr.Notes = append(dr.Notes, "The answer was cut off at the model's output limit: the draft may be incomplete.")
	case openai.FinishReasonContentFilter:
		dr.Notes = append(dr.Notes, "The provider's content filter cut the answer: the draft may be incomplete.")
	}
	dr.Warnings = append(Suspicious(p), Check(dr, p)...)
	dr.Warnings = append(dr.Warnings, Leaks(dr, p)...)
	report("done", 1)
	return dr, nil
}

// call makes one chat-completion request, reporting progress while it waits.
// It returns promptly when cctx ends, whatever the transport does.
func (d *Drafter) call(cctx context.Context, req openai.ChatCompletionRequest, timeout time.Duration, report func(string, float64)) (openai.ChatCompletionResponse, error) {
	type result struct {
		resp openai.ChatCompletionResponse
		err  error
	}
	done := make(chan result, 1) // buffered: the goroutine never blocks, even if we return first
	go func() {
		resp, err := d.client.CreateChatCompletion(cctx, req)
		done <- result{resp, err}
	}()
	report("asking the model "+d.cfg.Model, 0.1)

	interval := d.cfg.ProgressInterval
	if interval <= 0 {
		interval = 5 * time.Second
	}
	tick := time.NewTicker(interval)
	defer tick.Stop()
	start := time.Now()
	for {
		select {
		case res := <-done:
			return res.resp, res.err
		case <-cctx.Done():
			return openai.ChatCompletionResponse{}, cctx.Err()
		case <-tick.C:
			elapsed := time.Since(start)
			f := 0.1 + 0.8*float64(elapsed)/float64(timeout)
			report(fmt.Sprintf("waiting for the model %s (%ds)", d.cfg.Model, int(elapsed.Seconds())), min(f, 0.9))
		}
	}
}
