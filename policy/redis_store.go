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
	// lastTry is when an operation last reached for Redis while down
	// (unix ns); see probeEvery.
	lastTry atomic.Int64
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

// probeEvery is how often a RedisStore that is down lets an operation try
// Redis again.
const probeEvery = 200 * time.Millisecond

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
	if s.down.Load() {
		// While Redis is down only one operation per probeEvery tries it;
		// the others fail at once instead of each waiting for a timeout
		// (a hung Redis would otherwise slow every read by the timeout).
		now, last := time.Now().UnixNano(), s.lastTry.Load()
		if now-last < int64(probeEvery) || !s.lastTry.CompareAndSwap(last, now) {
			return nil, fmt.Errorf("%w (%s: still unreachable; retrying every %s)", ErrSharedStateUnavailable, s, probeEvery)
		}
	}
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
	s.lastTry.Store(time.Now().UnixNano())
	if s.down.CompareAndSwap(false, true) {
		s.log.Error("shared state unavailable: writes are refused, reads go on under the local rate governor; reconnecting automatically",
			"redis", s.where, "error", err.Error())
		if s.hooks.Availability != nil {
			s.hooks.Availability(false)
		}
	}
}
