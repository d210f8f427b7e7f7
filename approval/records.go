package approval

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// Records holds the data a confirmation page shows (the preview and the
// caller), which does not fit policy.Store's integer values. Single use
// never depends on it: decisions and uses live in policy.Store. Several
// replicas behind a load balancer need a shared Records (policy.RedisRecords:
// Put = SET key value PXAT expiry, Get = GET) together with the shared
// Store; otherwise the page answers "not found on this server" on any
// replica but the one that created the confirmation.
type Records interface {
	// Put stores value at key until expiry, replacing any previous value.
	Put(ctx context.Context, key string, value []byte, expiry time.Time) error
	// Get returns the value at key; ok is false when absent or expired.
	Get(ctx context.Context, key string) (value []byte, ok bool, err error)
}

// ErrRecordsFull is returned by MemoryRecords when it holds MaxRecords
// unexpired entries: creating a confirmation fails rather than forgetting one.
var ErrRecordsFull = errors.New("approval records are full")

// DefaultMaxRecords bounds a MemoryRecords whose MaxRecords is 0.
const DefaultMaxRecords = 20_000

// MemoryRecords is an in-process Records, safe for concurrent use; expired
// entries are swept when the map doubles.
type MemoryRecords struct {
	// MaxRecords bounds the entries; 0 means DefaultMaxRecords.
	MaxRecords int

	now       func() time.Time
	mu        sync.Mutex
	m         map[string]memRecord
	nextSweep int
}

type memRecord struct {
	value  []byte
	expiry time.Time
}

// NewMemoryRecords returns an empty MemoryRecords with clock now (nil: time.Now).
func NewMemoryRecords(now func() time.Time) *MemoryRecords {
	if now == nil {
		now = time.Now
	}
	return &MemoryRecords{now: now, m: map[string]memRecord{}}
}

// Put implements Records.
func (r *MemoryRecords) Put(ctx context.Context, key string, value []byte, expiry time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	limit := r.MaxRecords
	if limit <= 0 {
		limit = DefaultMaxRecords
	}
	if _, exists := r.m[key]; !exists && len(r.m) >= max(r.nextSweep, 256) {
		for k, e := range r.m {
			if !now.Before(e.expiry) {
				delete(r.m, k)
			}
		}
		r.nextSweep = 2 * len(r.m)
	}
	if _, exists := r.m[key]; !exists && len(r.m) >= limit {
		return fmt.Errorf("%w (%d entries)", ErrRecordsFull, len(r.m))
	}
	r.m[key] = memRecord{value: append([]byte(nil), value...), expiry: expiry}
	return nil
}

// Get implements Records.
func (r *MemoryRecords) Get(ctx context.Context, key string) ([]byte, bool, error) {
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	e, ok := r.m[key]
	if !ok || !r.now().Before(e.expiry) {
		return nil, false, nil
	}
	return append([]byte(nil), e.value...), true, nil
}

// ErrPreviewTooLarge is returned by Create for a preview over
// policy.MaxRecordBytes; nothing is stored.
var ErrPreviewTooLarge = errors.New("the preview is too large for the confirmation page")

// encodeRecord is r as JSON without HTML escaping (a body's '<' stays one
// byte, not six), within policy.MaxRecordBytes in every mode.
func encodeRecord(r record) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return nil, fmt.Errorf("approval: encode preview: %w", err)
	}
	b := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	if len(b) > policy.MaxRecordBytes {
		return nil, fmt.Errorf("approval: %w (%d bytes; the limit is %d)", ErrPreviewTooLarge, len(b), policy.MaxRecordBytes)
	}
	return b, nil
}
