package app

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/lmittmann/tint"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// newLogger builds the process logger. It always writes to w (stderr): in
// stdio mode stdout carries the protocol and nothing else.
func newLogger(w io.Writer, c Config, lookupEnv func(string) (string, bool)) *slog.Logger {
	level := parseLevel(c.LogLevel)
	replace := redactor(c.APIKey)
	var h slog.Handler
	if c.LogFormat == "json" {
		h = slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level, ReplaceAttr: replace})
	} else {
		_, noColor := lookupEnv("NO_COLOR")
		h = tint.NewTextHandler(w, &tint.Options{
			Level:       level,
			TimeFormat:  time.TimeOnly,
			NoColor:     noColor || !isTerminal(w),
			ReplaceAttr: replace,
		})
	}
	return slog.New(h)
}

func parseLevel(s string) slog.Level {
	switch s {
	case "debug":
		return slog.LevelDebug
	case "warn":
		return slog.LevelWarn
	case "error":
		return slog.LevelError
	}
	return slog.LevelInfo
}

// isTerminal reports whether w is a character device (a TTY), without a
// dependency: colour codes only belong on a terminal, never in a host's log file.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// redactor is a last line of defence: any string or error attribute that
// contains a secret is rewritten. Code should never log secrets in the first
// place; this catches a library that echoes a URL or header.
func redactor(secrets ...string) func([]string, slog.Attr) slog.Attr {
	var live []string
	for _, s := range secrets {
		if len(s) >= 4 { // shorter values would redact ordinary words
			live = append(live, s)
		}
	}
	return func(_ []string, a slog.Attr) slog.Attr {
		if len(live) == 0 {
			return a
		}
		var text string
		switch a.Value.Kind() {
		case slog.KindString:
			text = a.Value.String()
		case slog.KindAny:
			err, ok := a.Value.Any().(error)
			if !ok {
				return a
			}
			text = err.Error()
		default:
			return a
		}
		red := text
		for _, s := range live {
			red = strings.ReplaceAll(red, s, "[REDACTED]")
		}
		if red != text {
			a.Value = slog.StringValue(red)
		}
		return a
	}
}

// Outcomes of one tool call, as logged.
const (
	outcomeOK            = "ok"
	outcomeToolError     = "tool_error"
	outcomeProtocolError = "protocol_error"
)

// logToolCalls is the middleware that writes one line per tool call: tool,
// duration, credits (from the result's _meta.credits_used) and outcome, and
// over HTTP the replica and request id (so lines from several replicas can
// be joined) and the tool-call metrics. It also turns a handler panic into a tool error the model can read, instead of
// a JSON-RPC internal error it never sees.
func logToolCalls(logger *slog.Logger) server.ToolHandlerMiddleware {
	return func(next server.ToolHandlerFunc) server.ToolHandlerFunc {
		return func(ctx context.Context, req mcp.CallToolRequest) (res *mcp.CallToolResult, err error) {
			start := time.Now()
			defer func() {
				if p := recover(); p != nil {
					logger.ErrorContext(ctx, "tool handler panicked", "tool", req.Params.Name, "panic", fmt.Sprint(p))
					res, err = mcp.NewToolResultError("internal error in "+req.Params.Name+"; this is a bug in freshdesk-mcp, please report it"), nil
				}
				outcome, level := outcomeOK, slog.LevelInfo
				attrs := []slog.Attr{
					slog.String("tool", req.Params.Name),
					slog.Duration("duration", time.Since(start)),
					slog.Int("credits", creditsUsed(res)),
				}
				switch {
				case err != nil:
					outcome, level = outcomeProtocolError, slog.LevelWarn
					attrs = append(attrs, slog.String("error", err.Error()))
				case res != nil && res.IsError:
					outcome = outcomeToolError
				}
				attrs = append(attrs, slog.String("outcome", outcome))
				if t := telemetryFrom(ctx); t.requestID != "" {
					attrs = append(attrs, slog.String("replica", t.replica), slog.String("request_id", t.requestID))
					t.metrics.ToolCall(req.Params.Name, outcome, time.Since(start))
				}
				logger.LogAttrs(ctx, level, "tool call", attrs...)
			}()
			return next(ctx, req)
		}
	}
}

// creditsUsed reads _meta.credits_used from a tool result; 0 when absent.
func creditsUsed(res *mcp.CallToolResult) int {
	if res == nil || res.Meta == nil {
		return 0
	}
	switch v := res.Meta.AdditionalFields["credits_used"].(type) {
	case int:
		return v
	case int64:
		return int(v)
	case float64:
		return int(v)
	case json.Number:
		n, _ := v.Int64()
		return int(n)
	}
	return 0
}

// errorLogLines is an io.Writer for log.Logger users (mcp-go's stdio error
// logger) that forwards each line to slog at error level, on stderr.
type errorLogLines struct{ logger *slog.Logger }

func (w errorLogLines) Write(p []byte) (int, error) {
	msg := strings.TrimSpace(string(p))
	if msg == "" {
		return len(p), nil
	}
	// mcp-go reports a closed stdin (client gone) as an error; it is routine.
	if strings.Contains(msg, "context canceled") {
		w.logger.Debug(msg, "source", "mcp-go")
		return len(p), nil
	}
	w.logger.Error(msg, "source", "mcp-go")
	return len(p), nil
}
