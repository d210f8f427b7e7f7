package policy

import (
	"context"
	"errors"
	"time"
)

// fallbackStore is a Store that uses shared, and local for any call that
// finds shared unavailable.
type fallbackStore struct {
	shared, local Store
}

// LocalFallback returns a Store that uses shared and, for each call that
// fails with ErrSharedStateUnavailable, local instead. It suits state that
// may be approximate while Redis is down (credit budgets: reads go on,
// metered per process) and never state that guards writes (tokens, the
// duplicate memory), which must fail closed. Its ID is shared's.
func LocalFallback(shared, local Store) Store {
	return &fallbackStore{shared: shared, local: local}
}

func unavailable(err error) bool { return errors.Is(err, ErrSharedStateUnavailable) }

func (f *fallbackStore) ID() string { return f.shared.ID() }

func (f *fallbackStore) SetNX(ctx context.Context, key string, value int64, expiry time.Time) (bool, error) {
	ok, err := f.shared.SetNX(ctx, key, value, expiry)
	if unavailable(err) {
		return f.local.SetNX(ctx, key, value, expiry)
	}
	return ok, err
}

func (f *fallbackStore) Set(ctx context.Context, key string, value int64, expiry time.Time) error {
	err := f.shared.Set(ctx, key, value, expiry)
	if unavailable(err) {
		return f.local.Set(ctx, key, value, expiry)
	}
	return err
}

func (f *fallbackStore) Delete(ctx context.Context, key string) error {
	err := f.shared.Delete(ctx, key)
	if unavailable(err) {
		return f.local.Delete(ctx, key)
	}
	return err
}

func (f *fallbackStore) Incr(ctx context.Context, key string, delta int64, expiry time.Time) (int64, time.Time, error) {
	v, exp, err := f.shared.Incr(ctx, key, delta, expiry)
	if unavailable(err) {
		return f.local.Incr(ctx, key, delta, expiry)
	}
	return v, exp, err
}

func (f *fallbackStore) Get(ctx context.Context, key string) (int64, time.Time, bool, error) {
	v, exp, ok, err := f.shared.Get(ctx, key)
	if unavailable(err) {
		return f.local.Get(ctx, key)
	}
	return v, exp, ok, err
}

func (f *fallbackStore) Scan(ctx context.Context, prefix string) (map[string]StoreEntry, error) {
	m, err := f.shared.Scan(ctx, prefix)
	if unavailable(err) {
		return f.local.Scan(ctx, prefix)
	}
	return m, err
}
