package policy

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Store is the shared memory behind confirmation tokens (used-token
// records), the duplicate-write guard and credit budgets. Every key expires
// at an absolute time; an expired key behaves as absent. Each method must be
// atomic with respect to the others, across every replica that shares the
// store.
//
// The in-memory MemoryStore serves a single process. A Redis implementation
// maps one-to-one: SetNX = SET key v NX PXAT; Set = SET key v PXAT;
// Delete = DEL; Incr = a Lua script (INCRBY, then PEXPIREAT if the key was
// new, return value and PTTL); Get = GET + PTTL; Scan = SCAN MATCH prefix*.
type Store interface {
	// ID names the memory behind the store: two stores have the same ID
	// only if they share their keys. Confirmation tokens (and elicitation
	// request states) are bound to it and redeemable only by a Confirmer
	// whose store has the same ID, because single use is only enforced
	// within one memory. A MemoryStore's ID is random (one process); a
	// shared store (Redis) would return the same ID on every replica.
	ID() string
	// SetNX stores key=value until expiry if key is absent (or expired) and
	// reports whether it did.
	SetNX(ctx context.Context, key string, value int64, expiry time.Time) (bool, error)
	// Set stores key=value until expiry, replacing any previous value.
	Set(ctx context.Context, key string, value int64, expiry time.Time) error
	// Delete removes key; deleting an absent key is not an error.
	Delete(ctx context.Context, key string) error
	// Incr adds delta to the counter at key and returns the new value and the
	// key's expiry. An absent or expired key starts at 0 and gets expiry;
	// an existing key keeps its expiry.
	Incr(ctx context.Context, key string, delta int64, expiry time.Time) (int64, time.Time, error)
	// Get returns the value and expiry of key; ok is false when absent or expired.
	Get(ctx context.Context, key string) (value int64, expiry time.Time, ok bool, err error)
	// Scan returns every unexpired entry whose key starts with prefix.
	Scan(ctx context.Context, prefix string) (map[string]StoreEntry, error)
}

// StoreEntry is one value returned by Store.Scan.
type StoreEntry struct {
	Value  int64
	Expiry time.Time
}

// ErrStoreFull is returned by MemoryStore when it holds MaxEntries unexpired
// keys. Callers fail closed: a full store refuses rather than forgets a
// used token or a recent write.
var ErrStoreFull = errors.New("policy store is full")

// DefaultMaxEntries bounds a MemoryStore when MaxEntries is 0.
const DefaultMaxEntries = 200_000

// MemoryStore is an in-process Store, safe for concurrent use. Memory is
// bounded: expired keys are swept whenever the map doubles since the last
// sweep, and at most MaxEntries unexpired keys are held.
type MemoryStore struct {
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// MaxEntries bounds the number of keys; 0 means DefaultMaxEntries.
	MaxEntries int

	mu        sync.Mutex
	m         map[string]StoreEntry
	nextSweep int
	id        string
}

// NewMemoryStore returns an empty MemoryStore using clock now (nil: time.Now).
func NewMemoryStore(now func() time.Time) *MemoryStore {
	return &MemoryStore{Now: now}
}

func (s *MemoryStore) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// ID implements Store: a random id, fixed for the life of s, so that no
// other MemoryStore (another process, or a restart) has the same one.
func (s *MemoryStore) ID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.id == "" {
		s.id = "mem:" + rand.Text()
	}
	return s.id
}

// live returns the unexpired entry at key. Callers hold s.mu.
func (s *MemoryStore) live(key string, now time.Time) (StoreEntry, bool) {
	e, ok := s.m[key]
	if !ok {
		return StoreEntry{}, false
	}
	if !now.Before(e.Expiry) {
		delete(s.m, key)
		return StoreEntry{}, false
	}
	return e, true
}

// put stores e at key, sweeping and enforcing the bound. Callers hold s.mu.
func (s *MemoryStore) put(key string, e StoreEntry, now time.Time) error {
	if s.m == nil {
		s.m = make(map[string]StoreEntry)
	}
	if _, exists := s.m[key]; !exists {
		limit := s.MaxEntries
		if limit <= 0 {
			limit = DefaultMaxEntries
		}
		if len(s.m) >= max(s.nextSweep, 1024) || len(s.m) >= limit {
			s.sweep(now)
		}
		if len(s.m) >= limit {
			return fmt.Errorf("%w (%d entries); refusing rather than forgetting", ErrStoreFull, len(s.m))
		}
	}
	s.m[key] = e
	return nil
}

func (s *MemoryStore) sweep(now time.Time) {
	for k, e := range s.m {
		if !now.Before(e.Expiry) {
			delete(s.m, k)
		}
	}
	s.nextSweep = 2 * len(s.m)
}

// Len returns the number of keys held, including expired ones not yet swept.
func (s *MemoryStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}

// SetNX implements Store.
func (s *MemoryStore) SetNX(ctx context.Context, key string, value int64, expiry time.Time) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if _, ok := s.live(key, now); ok {
		return false, nil
	}
	if !now.Before(expiry) {
		return true, nil // already expired: stored and gone at once
	}
	if err := s.put(key, StoreEntry{Value: value, Expiry: expiry}, now); err != nil {
		return false, err
	}
	return true, nil
}

// Set implements Store.
func (s *MemoryStore) Set(ctx context.Context, key string, value int64, expiry time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if !now.Before(expiry) {
		delete(s.m, key)
		return nil
	}
	return s.put(key, StoreEntry{Value: value, Expiry: expiry}, now)
}

// Delete implements Store.
func (s *MemoryStore) Delete(ctx context.Context, key string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, key)
	return nil
}

// Incr implements Store.
func (s *MemoryStore) Incr(ctx context.Context, key string, delta int64, expiry time.Time) (int64, time.Time, error) {
	if err := ctx.Err(); err != nil {
		return 0, time.Time{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	e, ok := s.live(key, now)
	if !ok {
		e = StoreEntry{Expiry: expiry}
	}
	e.Value += delta
	if err := s.put(key, e, now); err != nil {
		return 0, time.Time{}, err
	}
	return e.Value, e.Expiry, nil
}

// Get implements Store.
func (s *MemoryStore) Get(ctx context.Context, key string) (int64, time.Time, bool, error) {
	if err := ctx.Err(); err != nil {
		return 0, time.Time{}, false, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.live(key, s.now())
	return e.Value, e.Expiry, ok, nil
}

// Scan implements Store.
func (s *MemoryStore) Scan(ctx context.Context, prefix string) (map[string]StoreEntry, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	out := map[string]StoreEntry{}
	for k, e := range s.m {
		if strings.HasPrefix(k, prefix) && now.Before(e.Expiry) {
			out[k] = e
		}
	}
	return out, nil
}
