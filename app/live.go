package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"strings"

	"github.com/freshdesk-mcp/freshdesk-mcp/live"
	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/webhook"
)

// minWebhookSecret is the shortest secret accepted: the header is the
// webhook's only credential.
const minWebhookSecret = 16

// liveSettings are the live-update rows of the configuration table.
func liveSettings() []setting {
	return []setting{
		{name: "webhook-secrets", envOnly: true, secret: true,
			help: "with --http: serve POST " + pathWebhook + " for Freshdesk automation-rule webhooks, which must send one of these comma-separated secrets (16+ characters; several for rotation) in the " + webhook.DefaultHeader + " header; environment only",
			bind: func(c *Config) flag.Value { return secretListValue{&c.WebhookSecrets} }},
	}
}

// secretListValue is a comma-separated list of secrets, kept as given
// (listValue lower-cases) and never printed.
type secretListValue struct{ p *[]string }

func (v secretListValue) Set(s string) error {
	var out []string
	for part := range strings.SplitSeq(s, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		if len(part) < minWebhookSecret {
			return fmt.Errorf("every webhook secret needs at least %d characters", minWebhookSecret)
		}
		out = append(out, part)
	}
	*v.p = out
	return nil
}

func (v secretListValue) String() string { return "" }

// newLiveHub builds the hub that turns ticket events into notifications for
// the sessions subscribed to freshdesk://tickets/{id}.
func newLiveHub(c Config, b *backend, pol *mcppolicy.Policy, logger *slog.Logger) *live.Hub {
	return live.New(live.Options{
		Allowed: func(ctx context.Context, uri string) error {
			if pol == nil {
				return errors.New("no access policy")
			}
			return pol.ResourceAllowed(ctx, uri)
		},
		// Only the lookups are cached by ticket-independent keys; shaped
		// thread bodies are cached by content, so they cannot go stale.
		Invalidate: func(ev webhook.Event) {
			if ev.Lookups {
				b.client.InvalidateCache()
			}
		},
		Webhooks: c.HTTPAddr != "" && len(c.WebhookSecrets) > 0,
		Logger:   logger,
	})
}

// newWebhookReceiver is the POST /webhooks/freshdesk handler feeding hub,
// or nil when no secret is configured.
func newWebhookReceiver(c Config, hub *live.Hub, shared *sharedState, logger *slog.Logger) (*webhook.Receiver, error) {
	if len(c.WebhookSecrets) == 0 {
		return nil, nil
	}
	o := webhook.Options{Secrets: c.WebhookSecrets, Sink: hub.Handle, Logger: logger}
	if shared != nil {
		o.Shared = shared.store // a retry reaching another replica is recognised
	}
	r, err := webhook.New(o)
	if err != nil {
		return nil, fmt.Errorf("webhooks: %w", err)
	}
	logger.Info("receiving Freshdesk webhooks", "path", pathWebhook, "header", webhook.DefaultHeader, "secrets", len(c.WebhookSecrets))
	return r, nil
}

// liveChannel is the Redis pub/sub channel of b's account: replicas of
// deployments for other accounts sharing the Redis never see its events.
func liveChannel(b *backend) string {
	return "freshdesk-mcp:live:" + b.client.BaseURL()
}
