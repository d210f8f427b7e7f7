package policy

import (
	"context"
	"errors"
	"fmt"
)

// ErrRedisEvicts is returned by RedisStore.CheckEviction when Redis may
// evict keys under memory pressure (maxmemory-policy other than
// noeviction).
var ErrRedisEvicts = errors.New("redis may evict keys")

// ErrEvictionUnknown is returned by RedisStore.CheckEviction when Redis
// does not answer CONFIG GET (managed services rename or forbid CONFIG).
var ErrEvictionUnknown = errors.New("could not read maxmemory-policy")

// CheckEviction reads maxmemory-policy (CONFIG GET). Every key this program
// keeps has an expiry, so any eviction policy, volatile-* included, may drop
// one: a used confirmation, a used page approval or the duplicate-write
// memory can then vanish while what it guards survives, and an approved
// write could run twice. Only noeviction is safe: a full Redis then refuses
// writes, and every replica fails closed. It returns nil for noeviction, an
// error matching ErrRedisEvicts for any other policy, and one matching
// ErrEvictionUnknown when CONFIG is unavailable.
func (s *RedisStore) CheckEviction(ctx context.Context) error {
	m, err := s.rdb.ConfigGet(ctx, "maxmemory-policy").Result()
	if err != nil {
		return fmt.Errorf("%w from %s (%v)", ErrEvictionUnknown, s, err)
	}
	p, ok := m["maxmemory-policy"]
	if !ok {
		return fmt.Errorf("%w from %s (CONFIG GET answered no value)", ErrEvictionUnknown, s)
	}
	if p != "noeviction" {
		return fmt.Errorf("%w: %s has maxmemory-policy %s. Every key of freshdesk-mcp has an expiry, so this policy can evict "+
			"single-use records (used confirmations, the duplicate-write memory) while the approval they guard survives, and an "+
			"approved write could run twice. Set maxmemory-policy noeviction (redis-server --maxmemory-policy noeviction, "+
			"or CONFIG SET maxmemory-policy noeviction and CONFIG REWRITE, or maxmemory-policy noeviction in redis.conf)",
			ErrRedisEvicts, s, p)
	}
	return nil
}
