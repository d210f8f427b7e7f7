package app

import (
	"log/slog"

	"github.com/freshdesk-mcp/freshdesk-mcp/draft"
)

// newDrafter builds draft_reply's model from --draft-model, --draft-timeout
// and the provider variables of the environment (OPENAI_API_KEY,
// OPENAI_BASE_URL, OPENAI_API_TYPE, ...; never flags, so keys stay out of
// ps). It returns nil when no model is configured: draft_reply then returns
// the grounding pack. The key is never logged (draft.Config.String omits it).
func newDrafter(c Config, lookupEnv func(string) (string, bool), logger *slog.Logger) (*draft.Drafter, error) {
	lookup := func(k string) (string, bool) {
		switch {
		case k == draft.EnvModel && c.DraftModel != "":
			return c.DraftModel, true
		case k == draft.EnvTimeout && c.DraftTimeout != "":
			return c.DraftTimeout, true
		case lookupEnv == nil:
			return "", false
		}
		return lookupEnv(k)
	}
	cfg, ok, err := draft.ConfigFromEnv(lookup)
	if err != nil {
		return nil, usageErrorf("drafting model: %w", err)
	}
	if !ok {
		return nil, nil
	}
	d, err := draft.New(cfg)
	if err != nil {
		return nil, usageErrorf("drafting model: %w", err)
	}
	logger.Info("draft_reply uses a model", "drafting", cfg.String())
	return d, nil
}
