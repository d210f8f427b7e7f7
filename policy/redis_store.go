package policy

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// ErrSharedStateUnavailable is wrapped by every error of a RedisStore that
// could not reach Redis, or found that Redis lost its data. Callers fail
// closed: a write whose token, duplicate check or audit record cannot be
// recorded is not sent.
var ErrSharedStateUnavailable = errors.New("shared state unavailable: nothing was written")

// redisKeyPrefix namespaces every key this program keeps in Redis.
const redisKeyPrefix = "freshdesk-mcp:"

// epochKey holds a random value chosen by the first replica that finds it
// absent. Every script checks it, so a Redis that restarted without its data
// (or was flushed) is noticed instead of trusted: the store gets a new ID
// and tokens issued before the loss are refused.
const epochKey = redisKeyPrefix + "epoch"

// RedisHooks let the program observe a RedisStore (metrics, readiness).
// Any field may be nil. They are called synchronously and must be fast.
type RedisHooks struct {
	// Error is called for every Redis operation that failed; op names it
	// ("setnx", "incr", "rate_admit", ...).
	Error func(op string, err error)
	// Availability is called when the store becomes unavailable (false)
	// and when it works again (true).
	Availability func(available bool)
}

// RedisOptions configure NewRedisStore.
type RedisOptions struct {
	// Logger gets one line when Redis becomes unavailable and one when it
	// is back; nil discards them.
	Logger *slog.Logger
	Hooks  RedisHooks
	// Timeout bounds each operation (dial, read, write); 0 means 1s. Short:
	// a tool call waits on it, and an unreachable Redis must fail fast.
	Timeout time.Duration
}

// RedisStore is a Store shared by every replica that uses the same Redis
// (7.0 or later, or a compatible server such as Valkey). Each method is one
// Lua script, so it is atomic across replicas; expiries are absolute
// (PXAT/PEXPIREAT), so replicas agree on them whatever their uptime.
// Connections are re-established automatically by the client's pool.
type RedisStore struct {
	rdb   *redis.Client
	where string // the URL without its password, for messages
	log   *slog.Logger
	hooks RedisHooks

	mu    sync.Mutex
	epoch string
	down  atomic.Bool
}

// RedactRedisURL returns raw with any password replaced by "xxxxx", for
// messages and logs. Text that does not parse is reduced to a placeholder.
func RedactRedisURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "(unparsable redis URL)"
	}
	return u.Redacted()
}

// NewRedisStore connects to the Redis at rawURL (redis://[user:password@]host:port[/db],
// or rediss:// for TLS) and checks that it answers. The error names the URL
// without its password.
func NewRedisStore(ctx context.Context, rawURL string, o RedisOptions) (*RedisStore, error) {
	where := RedactRedisURL(rawURL)
	opt, err := redis.ParseURL(rawURL)
	if err != nil {
		// go-redis may quote the URL; do not pass its text on.
		return nil, fmt.Errorf("redis URL %s is not valid: want redis://[user:password@]host:port[/db], or rediss:// for TLS", where)
	}
	to := o.Timeout
	if to <= 0 {
		to = time.Second
	}
	opt.DialTimeout, opt.ReadTimeout, opt.WriteTimeout = to, to, to
	opt.ContextTimeoutEnabled = true
	// One retry on a broken pooled connection. A retried SET NX can only
	// answer "already set" (a refusal), never allow a second write.
	opt.MaxRetries = 1
	opt.DisableIdentity = true
	// Fail fast while Redis is down (the pool would retry a dial 5 times);
	// the next operation dials again, so reconnection stays automatic.
	opt.DialerRetries = 1
	opt.DialerRetryTimeout = 10 * time.Millisecond
	s := &RedisStore{rdb: redis.NewClient(opt), where: where, log: o.Logger, hooks: o.Hooks}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	cctx, cancel := context.WithTimeout(ctx, 3*to)
	defer cancel()
	if err := s.rdb.Ping(cctx).Err(); err != nil {
		_ = s.rdb.Close()
		return nil, fmt.Errorf("redis %s is unavailable: %w", where, redactErr(err, rawURL))
	}
	if _, err := s.loadEpoch(cctx); err != nil {
		_ = s.rdb.Close()
		return nil, fmt.Errorf("redis %s: %w", where, redactErr(err, rawURL))
	}
	return s, nil
}

// redactErr keeps the password of rawURL out of err's text.
func redactErr(err error, rawURL string) error {
	u, perr := url.Parse(rawURL)
	if perr != nil || u.User == nil {
		return err
	}
	if p, ok := u.User.Password(); ok && p != "" && strings.Contains(err.Error(), p) {
		return errors.New(strings.ReplaceAll(err.Error(), p, "xxxxx"))
	}
	return err
}

// redisLogger sends go-redis's own messages to slog at debug level.
type redisLogger struct{ l *slog.Logger }

func (r redisLogger) Printf(ctx context.Context, format string, v ...any) {
	r.l.DebugContext(ctx, "redis client: "+fmt.Sprintf(format, v...))
}

// RouteRedisClientLogs sends the go-redis client's messages (connection
// pool errors, which it otherwise prints with the standard log package) to
// logger at debug level: the store reports availability itself. go-redis
// keeps one process-wide logger, so the program calls this once at start.
func RouteRedisClientLogs(logger *slog.Logger) { redis.SetLogger(redisLogger{logger}) }

// Close closes the connections.
func (s *RedisStore) Close() error { return s.rdb.Close() }

// String names the store without its password.
func (s *RedisStore) String() string { return "redis " + s.where }

// Ping checks that Redis answers and still holds this store's data (for
// readiness probes).
func (s *RedisStore) Ping(ctx context.Context) error {
	_, err := s.run(ctx, "ping", scriptPing, nil)
	return err
}

// Available reports whether the last operation reached Redis.
func (s *RedisStore) Available() bool { return !s.down.Load() }

// ID implements Store: the same on every replica sharing this Redis, and
// new whenever Redis has lost its data.
func (s *RedisStore) ID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return "redis:" + s.epoch
}

func (s *RedisStore) currentEpoch() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.epoch
}

// loadEpoch reads the epoch, creating it if absent, and adopts it.
func (s *RedisStore) loadEpoch(ctx context.Context) (string, error) {
	if err := s.rdb.SetNX(ctx, epochKey, rand.Text(), 0).Err(); err != nil {
		return "", err
	}
	e, err := s.rdb.Get(ctx, epochKey).Result()
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	s.epoch = e
	s.mu.Unlock()
	return e, nil
}

// run executes script with the epoch check, mapping failures onto
// ErrSharedStateUnavailable and reporting them to the hooks.
func (s *RedisStore) run(ctx context.Context, op string, script *redis.Script, keys []string, args ...any) (any, error) {
	epoch := s.currentEpoch()
	v, err := script.Run(ctx, s.rdb, append([]string{epochKey}, keys...), append([]any{epoch}, args...)...).Result()
	if errors.Is(err, redis.Nil) {
		err = nil
	}
	if err == nil {
		s.markUp()
		return v, nil
	}
	if ctx.Err() != nil && !errors.Is(err, context.DeadlineExceeded) {
		return nil, err // the caller gave up; Redis may be fine
	}
	if strings.Contains(err.Error(), "FDMCP_EPOCH") {
		// Redis lost its data (restart without persistence, FLUSHALL):
		// adopt a new epoch, so tokens issued before are refused, and fail
		// this operation.
		if _, lerr := s.loadEpoch(context.WithoutCancel(ctx)); lerr != nil {
			err = lerr
		} else {
			err = errors.New("redis lost its data (restarted without persistence or flushed); confirmations issued before are void")
		}
	}
	werr := fmt.Errorf("%w (%s: %v)", ErrSharedStateUnavailable, s, err)
	if s.hooks.Error != nil {
		s.hooks.Error(op, err)
	}
	s.markDown(err)
	return nil, werr
}

func (s *RedisStore) markUp() {
	if s.down.Load() && s.down.CompareAndSwap(true, false) {
		s.log.Info("shared state available again: writes are accepted", "redis", s.where)
		if s.hooks.Availability != nil {
			s.hooks.Availability(true)
		}
	}
}

func (s *RedisStore) markDown(err error) {
	if s.down.CompareAndSwap(false, true) {
		s.log.Error("shared state unavailable: writes are refused, reads go on under the local rate governor; reconnecting automatically",
			"redis", s.where, "error", err.Error())
		if s.hooks.Availability != nil {
			s.hooks.Availability(false)
		}
	}
}

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
