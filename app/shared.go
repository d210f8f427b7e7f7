package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/freshdesk-mcp/freshdesk-mcp/approval"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
)

// sharedStateSettings are the rows of the replica settings.
func sharedStateSettings() []setting {
	return []setting{
		{name: "redis", help: "share state between replicas through the Redis at URL (redis://[user:password@]host:port[/db], rediss:// for TLS): confirmation tokens and pages, the duplicate-write memory, budgets and the account's rate limit; needs FRESHDESK_MCP_CONFIRM_SECRET. Put a password in the environment variable, not the flag",
			bind: func(c *Config) flag.Value { return redisURLValue{&c.Redis} }},
	}
}

// redisURLValue prints the URL without its password.
type redisURLValue struct{ p *string }

func (v redisURLValue) Set(s string) error {
	s = strings.TrimSpace(s)
	if s != "" && !strings.HasPrefix(s, "redis://") && !strings.HasPrefix(s, "rediss://") && !strings.HasPrefix(s, "unix://") {
		return fmt.Errorf("%s is not a Redis URL: want redis://host:port, redis://:password@host:port/db or rediss:// for TLS", policy.RedactRedisURL(s))
	}
	*v.p = s
	return nil
}

func (v redisURLValue) String() string {
	if v.p == nil || *v.p == "" {
		return ""
	}
	return policy.RedactRedisURL(*v.p)
}

// sharedState is what a replica shares with the others through Redis
// (--redis); nil without it.
type sharedState struct {
	store *policy.RedisStore
}

// errSharedNeedsSecret: replicas must sign confirmations with one key.
var errSharedNeedsSecret = usageErrorf("--redis (FRESHDESK_MCP_REDIS) needs FRESHDESK_MCP_CONFIRM_SECRET: set it to the same random value " +
	"of at least 32 bytes on every replica (for example the output of `openssl rand -hex 32`), so that a confirmation asked by one " +
	"replica can be redeemed by another")

// sharedStartTimeout bounds the connection check at start.
const sharedStartTimeout = 5 * time.Second

// newSharedState connects to --redis, or returns nil without it. Redis not
// answering at start is an error naming the URL without its password.
// hooks may be zero; metrics plug in there.
func newSharedState(ctx context.Context, c Config, logger *slog.Logger, hooks policy.RedisHooks) (*sharedState, error) {
	if c.Redis == "" {
		return nil, nil
	}
	if c.Policy.ConfirmSecret == "" {
		return nil, errSharedNeedsSecret
	}
	policy.RouteRedisClientLogs(logger)
	cctx, cancel := context.WithTimeout(ctx, sharedStartTimeout)
	defer cancel()
	st, err := policy.NewRedisStore(cctx, c.Redis, policy.RedisOptions{Logger: logger, Hooks: hooks})
	if err != nil {
		return nil, fmt.Errorf("--redis: %w", err)
	}
	if err := checkEviction(cctx, st, logger); err != nil {
		_ = st.Close()
		return nil, err
	}
	logger.Info("sharing state with other replicas", "redis", st.String())
	return &sharedState{store: st}, nil
}

// checkEviction refuses a Redis that may evict keys and warns when its
// policy cannot be read (CONFIG renamed or forbidden, as on managed Redis).
func checkEviction(ctx context.Context, st *policy.RedisStore, logger *slog.Logger) error {
	err := st.CheckEviction(ctx)
	if errors.Is(err, policy.ErrEvictionUnknown) {
		logger.Warn("could not verify that Redis never evicts keys; the README requires maxmemory-policy noeviction: check it on the Redis server",
			"redis", st.String(), "error", err.Error())
		return nil
	}
	if err != nil {
		return fmt.Errorf("--redis: refusing to start: %w", err)
	}
	return nil
}

// close closes the connections; nil-safe.
func (s *sharedState) close() error {
	if s == nil {
		return nil
	}
	return s.store.Close()
}

// ready is the readiness check of the shared state: Redis answers and
// still holds this deployment's data. nil-safe (no --redis: always ready).
func (s *sharedState) ready(ctx context.Context) error {
	if s == nil {
		return nil
	}
	return s.store.Ping(ctx)
}

// rates returns the shared rate state of the account fc talks to, or nil.
func (s *sharedState) rates(fc fdapi.Config) fdapi.SharedRates {
	if s == nil {
		return nil
	}
	u, err := fdapi.ParseDomain(fc.Domain)
	if err != nil {
		return nil // fdapi.New reports the bad domain
	}
	return s.store.Rates(u.String())
}

// stores returns the policy stores: the strict one (tokens, elicitation
// request states, the duplicate memory), which fails closed when Redis is
// unavailable, and the budget's, which falls back to this process's memory
// so reads go on.
func (s *sharedState) stores(now func() time.Time) (strict, budget policy.Store) {
	mem := policy.NewMemoryStore(now)
	if s == nil {
		return mem, mem
	}
	return s.store, policy.LocalFallback(s.store, mem)
}

// approvalStores are the confirmation page's decisions and previews: in
// Redis with --redis, so a page link issued by one replica opens and
// decides on any other, and the replica waiting for the decision sees it
// (nil, nil without --redis: the page keeps them in this process). Both
// fail closed while Redis is unavailable. The page's ids are signed with
// FRESHDESK_MCP_CONFIRM_SECRET, which --redis requires on every replica.
func (s *sharedState) approvalStores() (policy.Store, approval.Records) {
	if s == nil {
		return nil, nil
	}
	return s.store, s.store.Records()
}

// readinessChecks are the named readiness checks of this replica's shared
// state, for /readyz: "redis" when --redis is set.
func (s *sharedState) readinessChecks() []ReadinessCheck {
	if s == nil {
		return nil
	}
	return []ReadinessCheck{{Name: "redis", Check: s.ready}}
}

// writeGate refuses every write tool of selected while the shared state is
// unavailable, before the tool runs. Notes, replies and confirmed writes
// are refused by the duplicate guard and the token store anyway; this also
// covers writes that need neither (update_ticket in unattended mode), so
// "writes are refused" holds for all of them. It costs one Redis round
// trip per write call, none per read.
func (s *sharedState) writeGate(selected []tools.Tool, logger *slog.Logger) server.ToolHandlerMiddleware {
	writes := map[string]bool{}
	for _, t := range selected {
		if t.Access != tools.Read { // every write tool, whatever its toolset
			writes[t.Def.Name] = true
		}
	}
	return func(next server.ToolHandlerFunc) server.ToolHandlerFunc {
		return func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			if writes[req.Params.Name] {
				if err := s.ready(ctx); err != nil {
					logger.WarnContext(ctx, "write refused: shared state unavailable", "tool", req.Params.Name)
					return mcp.NewToolResultError(fmt.Sprintf("Refused: %v. Reads still work; try the %s again in a moment.", err, req.Params.Name)), nil
				}
			}
			return next(ctx, req)
		}
	}
}
