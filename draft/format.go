package draft

import (
	"errors"
	"strings"

	openai "github.com/sashabaranov/go-openai"
	"github.com/sashabaranov/go-openai/jsonschema"
)

// Format is how the model was asked to structure its answer: the path the
// Drafter used, reported in Draft.Format.
type Format string

// The answer formats, tried in this order: JSON mode (response_format
// json_object, Config.JSONMode), a forced function call, plain text. A server
// that rejects the first with HTTP 400/422 naming the feature is asked again
// with the next; a server that ignores it answers in text, read leniently.
const (
	FormatJSONMode Format = "json_mode" // response_format json_object was accepted
	FormatToolCall Format = "tool_call" // the model answered through the submit_draft function
	FormatText     Format = "text"      // plain content (JSON inside it is still read)
)

// draftFunction is the function the model is asked to call with its answer.
const draftFunction = "submit_draft"

// formatsFor returns the formats to try for cfg, best first.
func formatsFor(cfg Config) []Format {
	if cfg.JSONMode {
		return []Format{FormatJSONMode, FormatToolCall, FormatText}
	}
	return []Format{FormatToolCall, FormatText}
}

// applyFormat sets the request fields of format f.
func applyFormat(req *openai.ChatCompletionRequest, f Format) {
	req.ResponseFormat, req.Tools, req.ToolChoice = nil, nil, nil
	switch f {
	case FormatJSONMode:
		req.ResponseFormat = &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONObject}
	case FormatToolCall:
		req.Tools = []openai.Tool{{Type: openai.ToolTypeFunction, Function: &openai.FunctionDefinition{
			Name:        draftFunction,
			Description: "Hand the reply draft and its sources to the support agent.",
			Parameters:  answerSchema,
		}}}
		req.ToolChoice = openai.ToolChoice{Type: openai.ToolTypeFunction, Function: openai.ToolFunction{Name: draftFunction}}
	}
}

// answerSchema mirrors the JSON object the prompt asks for.
var answerSchema = jsonschema.Definition{
	Type: jsonschema.Object,
	Properties: map[string]jsonschema.Definition{
		"draft":          {Type: jsonschema.String, Description: "the reply text"},
		"language":       {Type: jsonschema.String, Description: "language code of the reply"},
		"articles_used":  {Type: jsonschema.Array, Items: &jsonschema.Definition{Type: jsonschema.Integer}, Description: "ids of the articles relied on"},
		"canned_used":    {Type: jsonschema.Array, Items: &jsonschema.Definition{Type: jsonschema.Integer}, Description: "ids of the canned responses relied on"},
		"examples_used":  {Type: jsonschema.Array, Items: &jsonschema.Definition{Type: jsonschema.Integer}, Description: "ids of the past answers relied on"},
		"open_questions": {Type: jsonschema.Array, Items: &jsonschema.Definition{Type: jsonschema.String}},
		"cannot_answer":  {Type: jsonschema.Array, Items: &jsonschema.Definition{Type: jsonschema.String}},
	},
	Required: []string{"draft"},
}

// rejectsFormat reports whether err is a server refusing format f (HTTP 400
// or 422 whose message names the feature), so the next format may be tried.
// vLLM and older Ollama builds answer 400 to unsupported response_format or
// tools; Ollama says "does not support tools".
func rejectsFormat(err error, f Format) bool {
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	status, msg := 0, ""
	switch {
	case errors.As(err, &apiErr):
		status, msg = apiErr.HTTPStatusCode, apiErr.Message
	case errors.As(err, &reqErr):
		status, msg = reqErr.HTTPStatusCode, string(reqErr.Body)
	default:
		return false
	}
	if status != 400 && status != 422 {
		return false
	}
	low := strings.ToLower(msg)
	switch f {
	case FormatJSONMode:
		return strings.Contains(low, "response_format") || strings.Contains(low, "json_object") || strings.Contains(low, "json mode")
	case FormatToolCall:
		return strings.Contains(low, "tool") || strings.Contains(low, "function")
	}
	return false
}

// answerContent returns the text to parse from a choice: the submit_draft
// arguments when the model called it, else the content.
func answerContent(m openai.ChatCompletionMessage) (string, bool) {
	for _, tc := range m.ToolCalls {
		if strings.TrimSpace(tc.Function.Arguments) != "" {
			return tc.Function.Arguments, true
		}
	}
	if m.FunctionCall != nil && strings.TrimSpace(m.FunctionCall.Arguments) != "" {
		return m.FunctionCall.Arguments, true
	}
	return m.Content, false
}
