package policy

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// The scripts. KEYS[1] is always the epoch key and ARGV[1] the epoch this
// replica knows.
const epochCheck = `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return redis.error_reply('FDMCP_EPOCH shared state was reset') end
`

var (
	scriptPing  = redis.NewScript(epochCheck + `return 1`)
	scriptSetNX = redis.NewScript(epochCheck + `
if redis.call('SET', KEYS[2], ARGV[2], 'NX', 'PXAT', ARGV[3]) then return 1 end
return 0`)
	scriptSet = redis.NewScript(epochCheck + `
redis.call('SET', KEYS[2], ARGV[2], 'PXAT', ARGV[3])
return 1`)
	scriptDel  = redis.NewScript(epochCheck + `return redis.call('DEL', KEYS[2])`)
	scriptIncr = redis.NewScript(epochCheck + `
local existed = redis.call('EXISTS', KEYS[2])
local v = redis.call('INCRBY', KEYS[2], ARGV[2])
if existed == 0 then redis.call('PEXPIREAT', KEYS[2], ARGV[3]) end
return {v, redis.call('PEXPIRETIME', KEYS[2])}`)
	scriptGet = redis.NewScript(epochCheck + `
local v = redis.call('GET', KEYS[2])
if not v then return false end
return {v, redis.call('PEXPIRETIME', KEYS[2])}`)
	// scriptGetMany reads KEYS[2..] for Scan.
	scriptGetMany = redis.NewScript(epochCheck + `
local out = {}
for i = 2, #KEYS do
  local v = redis.call('GET', KEYS[i])
  if v then table.insert(out, KEYS[i]); table.insert(out, v); table.insert(out, redis.call('PEXPIRETIME', KEYS[i])) end
end
return out`)
)

// SetNX implements Store.
func (s *RedisStore) SetNX(ctx context.Context, key string, value int64, expiry time.Time) (bool, error) {
	if !time.Now().Before(expiry) {
		return true, nil // already expired: stored and gone at once, as MemoryStore
	}
	v, err := s.run(ctx, "setnx", scriptSetNX, []string{redisKeyPrefix + key}, value, expiry.UnixMilli())
	if err != nil {
		return false, err
	}
	n, _ := v.(int64)
	return n == 1, nil
}

// Set implements Store.
func (s *RedisStore) Set(ctx context.Context, key string, value int64, expiry time.Time) error {
	if !time.Now().Before(expiry) {
		return s.Delete(ctx, key)
	}
	_, err := s.run(ctx, "set", scriptSet, []string{redisKeyPrefix + key}, value, expiry.UnixMilli())
	return err
}

// Delete implements Store.
func (s *RedisStore) Delete(ctx context.Context, key string) error {
	_, err := s.run(ctx, "del", scriptDel, []string{redisKeyPrefix + key})
	return err
}

// Incr implements Store.
func (s *RedisStore) Incr(ctx context.Context, key string, delta int64, expiry time.Time) (int64, time.Time, error) {
	v, err := s.run(ctx, "incr", scriptIncr, []string{redisKeyPrefix + key}, delta, expiry.UnixMilli())
	if err != nil {
		return 0, time.Time{}, err
	}
	n, exp, ok := pair(v)
	if !ok {
		return 0, time.Time{}, fmt.Errorf("%w (%s: unexpected INCR reply %v)", ErrSharedStateUnavailable, s, v)
	}
	return n, exp, nil
}

// Get implements Store.
func (s *RedisStore) Get(ctx context.Context, key string) (int64, time.Time, bool, error) {
	v, err := s.run(ctx, "get", scriptGet, []string{redisKeyPrefix + key})
	if err != nil || v == nil {
		return 0, time.Time{}, false, err
	}
	n, exp, ok := pair(v)
	if !ok {
		return 0, time.Time{}, false, nil // not a number: not ours
	}
	return n, exp, true, nil
}

// Scan implements Store. It walks the keyspace with SCAN (non-blocking for
// Redis) and reads the matches in batches.
func (s *RedisStore) Scan(ctx context.Context, prefix string) (map[string]StoreEntry, error) {
	out := map[string]StoreEntry{}
	pattern := globEscape(redisKeyPrefix+prefix) + "*"
	it := s.rdb.Scan(ctx, 0, pattern, 500).Iterator()
	var batch []string
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		v, err := s.run(ctx, "scan", scriptGetMany, batch)
		batch = batch[:0]
		if err != nil {
			return err
		}
		arr, _ := v.([]any)
		for i := 0; i+2 < len(arr); i += 3 {
			k, _ := arr[i].(string)
			n, exp, ok := pair([]any{arr[i+1], arr[i+2]})
			if ok && exp.After(time.Now()) {
				out[strings.TrimPrefix(k, redisKeyPrefix)] = StoreEntry{Value: n, Expiry: exp}
			}
		}
		return nil
	}
	for it.Next(ctx) {
		batch = append(batch, it.Val())
		if len(batch) == 200 {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	if err := it.Err(); err != nil {
		if s.hooks.Error != nil {
			s.hooks.Error("scan", err)
		}
		s.markDown(err)
		return nil, fmt.Errorf("%w (%s: %v)", ErrSharedStateUnavailable, s, err)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// pair decodes a {value, PEXPIRETIME} reply.
func pair(v any) (int64, time.Time, bool) {
	arr, ok := v.([]any)
	if !ok || len(arr) != 2 {
		return 0, time.Time{}, false
	}
	var n int64
	switch x := arr[0].(type) {
	case int64:
		n = x
	case string:
		if _, err := fmt.Sscan(x, &n); err != nil {
			return 0, time.Time{}, false
		}
	default:
		return 0, time.Time{}, false
	}
	ms, ok := arr[1].(int64)
	if !ok || ms < 0 {
		return 0, time.Time{}, false // no expiry (-1) or gone (-2): never ours
	}
	return n, time.UnixMilli(ms), true
}

// globEscape escapes the SCAN MATCH metacharacters in s.
func globEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`, `]`, `\]`)
	return r.Replace(s)
}
