package policy

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
)

// RedisRates is the fdapi.SharedRates of one Freshdesk account kept in a
// RedisStore's Redis, one hash per account: the last observed total and
// remaining credits (minus calls in flight), when they were observed, the
// end of a 429's Retry-After and the calls in flight. Each method is one
// Lua script implementing fdapi.RateDecision, so replicas admit calls one
// at a time against the same numbers.
type RedisRates struct {
	s   *RedisStore
	key string
}

// Rates returns the shared rate state of the account at apiOrigin (the
// fdapi.Client's BaseURL, e.g. https://acme.freshdesk.com).
func (s *RedisStore) Rates(apiOrigin string) *RedisRates {
	return &RedisRates{s: s, key: redisKeyPrefix + "rate:" + strings.ToLower(apiOrigin)}
}

// rateTTL expires the hash after two idle windows, so calls in flight of a
// replica that died are forgotten.
const rateTTL = 2 * time.Minute

// probeMs and probeMax mirror fdapi.ProbeWait and fdapi.ProbeInFlight.
var (
	probeMs  = fdapi.ProbeWait.Milliseconds()
	probeMax = fdapi.ProbeInFlight
)

var (
	// ARGV: epoch, now ms, reserve percent x 1000, window ms, ttl ms, probe ms, probe max, cost.
	// Returns {wait ms (negative: the probe wait), ticket}.
	scriptRateAdmit = redis.NewScript(epochCheck + `
local now, pct, win, ttl = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local h = redis.call('HMGET', KEYS[2], 'total', 'rem', 'at', 'blocked', 'infl')
local total, rem, at = tonumber(h[1]), tonumber(h[2]), tonumber(h[3])
local blocked, infl = tonumber(h[4]) or 0, tonumber(h[5]) or 0
local cost = tonumber(ARGV[8])
if blocked > now then return {blocked - now, 0} end
if at == nil or now - at >= win or (blocked > 0 and at <= blocked) then
  if infl >= tonumber(ARGV[7]) then return {-tonumber(ARGV[6]), 0} end
else
  local reserve = 0
  if pct > 0 then reserve = math.floor(total * pct / 100000) end
  if rem - cost < reserve then return {at + win - now, 0} end
  redis.call('HSET', KEYS[2], 'rem', rem - cost)
end
redis.call('HINCRBY', KEYS[2], 'infl', cost)
local seq = redis.call('HINCRBY', KEYS[2], 'seq', 1)
redis.call('PEXPIRE', KEYS[2], ttl)
return {0, seq}`)
	// ARGV: epoch, ticket, known (0/1), total, remaining, at ms, ttl ms, cost.
	scriptRateSettle = redis.NewScript(epochCheck + `
local infl = redis.call('HINCRBY', KEYS[2], 'infl', -tonumber(ARGV[8]))
if infl < 0 then infl = 0; redis.call('HSET', KEYS[2], 'infl', 0) end
if ARGV[3] == '1' then
  local cand, at = tonumber(ARGV[5]) - infl, tonumber(ARGV[6])
  local h = redis.call('HMGET', KEYS[2], 'rem', 'at', 'obsseq')
  local rem, oat, obsseq = tonumber(h[1]), tonumber(h[2]), tonumber(h[3]) or 0
  -- Admitted before the recorded observation: possibly older, only lower.
  if rem ~= nil and oat ~= nil and tonumber(ARGV[2]) < obsseq then
    if rem < cand then cand = rem end
    if oat > at then at = oat end
  end
  local seq = redis.call('HINCRBY', KEYS[2], 'seq', 1)
  redis.call('HSET', KEYS[2], 'total', ARGV[4], 'rem', cand, 'at', at, 'obsseq', seq)
end
redis.call('PEXPIRE', KEYS[2], ARGV[7])
return 1`)
	// ARGV: epoch, until ms, ttl ms.
	scriptRateBlock = redis.NewScript(epochCheck + `
local untl = tonumber(ARGV[2])
local b = tonumber(redis.call('HGET', KEYS[2], 'blocked')) or 0
if untl > b then redis.call('HSET', KEYS[2], 'blocked', untl) end
if redis.call('HEXISTS', KEYS[2], 'total') == 1 then redis.call('HSET', KEYS[2], 'rem', 0) end
local ttl = redis.call('PTTL', KEYS[2])
if ttl < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[2], ARGV[3]) end
return 1`)
)

// Admit implements fdapi.SharedRates.
func (r *RedisRates) Admit(ctx context.Context, now time.Time, reservePct float64, cost int) (time.Duration, int64, error) {
	v, err := r.s.run(ctx, "rate_admit", scriptRateAdmit, []string{r.key},
		now.UnixMilli(), int64(math.Round(reservePct*1000)), time.Minute.Milliseconds(), rateTTL.Milliseconds(), probeMs, probeMax, max(cost, 1))
	if err != nil {
		return 0, 0, err
	}
	arr, _ := v.([]any)
	if len(arr) != 2 {
		return 0, 0, fmt.Errorf("%w (%s: unexpected reply %v)", ErrSharedStateUnavailable, r.s, v)
	}
	ms, _ := arr[0].(int64)
	ticket, _ := arr[1].(int64)
	if ms < 0 {
		return fdapi.ProbeWait, 0, nil // exactly the probe wait, so the client polls
	}
	return time.Duration(ms) * time.Millisecond, ticket, nil
}

// Settle implements fdapi.SharedRates.
func (r *RedisRates) Settle(ctx context.Context, ticket int64, cost int, obs fdapi.RateState) error {
	known := 0
	if obs.Known {
		known = 1
	}
	_, err := r.s.run(ctx, "rate_settle", scriptRateSettle, []string{r.key},
		ticket, known, obs.Total, obs.Remaining, obs.At.UnixMilli(), rateTTL.Milliseconds(), max(cost, 1))
	return err
}

// Block implements fdapi.SharedRates.
func (r *RedisRates) Block(ctx context.Context, until time.Time) error {
	ttl := max(time.Until(until)+time.Minute, rateTTL)
	_, err := r.s.run(ctx, "rate_block", scriptRateBlock, []string{r.key}, until.UnixMilli(), ttl.Milliseconds())
	return err
}
