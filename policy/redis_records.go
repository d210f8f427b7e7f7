package policy

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// MaxRecordBytes bounds one value of RedisRecords (and, through
// approval.Create, a preview in any mode). The largest preview is a reply or
// note: its body is at most 50,000 runes (shape.MaxBodyRunes, the tools'
// maxLength), which JSON without HTML escaping spells in at most 6 bytes
// each (U+2028 as \u2028; other runes in at most 4), so 300,000 bytes, plus
// up to 3 x 49 addresses of 255 runes (shape.MaxEmailsPerField,
// MaxEmailRunes: about 38 KB) and a few hundred bytes more. 64 KiB refused
// such a reply; anything above this bound is a bug or an abuse, refused
// before it reaches Redis.
const MaxRecordBytes = 384 << 10

// maxRecordKeyBytes bounds a key (the approval package's keys are ~70 bytes).
const maxRecordKeyBytes = 256

// recordKeyPrefix namespaces the byte values of RedisRecords, apart from
// the integer keys of the Store methods.
const recordKeyPrefix = redisKeyPrefix + "approval:"

// ErrRecordTooLarge is returned by RedisRecords.Put for a value over
// MaxRecordBytes (or a key over 256 bytes); nothing is stored.
var ErrRecordTooLarge = errors.New("record too large")

var (
	scriptRecPut = redis.NewScript(epochCheck + `
redis.call('SET', KEYS[2], ARGV[2], 'PXAT', ARGV[3])
return 1`)
	scriptRecGet = redis.NewScript(epochCheck + `return redis.call('GET', KEYS[2])`)
)

// RedisRecords holds byte values with an absolute expiry in the Redis of a
// RedisStore: the previews of the confirmation page (it implements
// approval.Records), so a page link works on every replica. It shares the
// store's connections, epoch check and failure handling: while Redis is
// unavailable every call fails with ErrSharedStateUnavailable, never
// falling back to this process's memory (a page then answers "try again",
// and no confirmation is created).
type RedisRecords struct {
	s *RedisStore
}

// Records returns the byte-valued records kept in s's Redis.
func (s *RedisStore) Records() *RedisRecords { return &RedisRecords{s: s} }

// Put stores value at key until expiry (SET key value PXAT expiry),
// replacing any previous value. An expiry already past deletes key.
func (r *RedisRecords) Put(ctx context.Context, key string, value []byte, expiry time.Time) error {
	if len(value) > MaxRecordBytes || len(key) > maxRecordKeyBytes {
		return fmt.Errorf("%w: %d-byte value at a %d-byte key; the limits are %d and %d bytes",
			ErrRecordTooLarge, len(value), len(key), MaxRecordBytes, maxRecordKeyBytes)
	}
	if !time.Now().Before(expiry) {
		_, err := r.s.run(ctx, "record_del", scriptDel, []string{recordKeyPrefix + key})
		return err
	}
	_, err := r.s.run(ctx, "record_put", scriptRecPut, []string{recordKeyPrefix + key}, value, expiry.UnixMilli())
	return err
}

// Get returns the value at key; ok is false when it is absent or expired.
func (r *RedisRecords) Get(ctx context.Context, key string) ([]byte, bool, error) {
	if len(key) > maxRecordKeyBytes {
		return nil, false, nil // Put never stores such a key
	}
	v, err := r.s.run(ctx, "record_get", scriptRecGet, []string{recordKeyPrefix + key})
	if err != nil || v == nil {
		return nil, false, err
	}
	s, ok := v.(string)
	if !ok {
		return nil, false, fmt.Errorf("%s: unexpected GET reply of type %T", r.s, v)
	}
	return []byte(s), true, nil
}
