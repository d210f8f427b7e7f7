package policy_test

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/approval"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy/redistest"
)

// TestRedisRecordsSemantics: the approval.Records contract holds for the
// Redis records as for the in-memory ones, and a value put through one
// replica's store is read through another's.
func TestRedisRecordsSemantics(t *testing.T) {
	_, rs := redisStores(t, 2, redistest.Options{})
	binary := []byte("{\"body\":\"caf\xc3\xa9\x00\xff\"}") // NUL and an invalid byte: stored as bytes
	ctx := context.Background()
	for name, pair := range map[string][2]approval.Records{
		"redis":  {rs[0].Records(), rs[1].Records()},
		"memory": {approval.NewMemoryRecords(nil), nil},
	} {
		t.Run(name, func(t *testing.T) {
			put, get := pair[0], pair[1]
			if get == nil {
				get = put
			}
			exp := time.Now().Add(time.Minute)
			steps := []struct {
				name   string
				key    string
				value  []byte // nil: only Get
				expiry time.Time
				want   []byte // nil: absent
			}{
				{"absent", "rec:none", nil, time.Time{}, nil},
				{"put then get", "rec:a", binary, exp, binary},
				{"replace", "rec:a", []byte("second"), exp, []byte("second")},
				{"past expiry deletes", "rec:a", []byte("gone"), time.Now().Add(-time.Second), nil},
				{"empty value", "rec:e", []byte{}, exp, []byte{}},
			}
			for _, s := range steps {
				if s.value != nil {
					if err := put.Put(ctx, s.key, s.value, s.expiry); err != nil {
						t.Fatalf("%s: Put: %v", s.name, err)
					}
				}
				v, ok, err := get.Get(ctx, s.key)
				if err != nil || ok != (s.want != nil) || !bytes.Equal(v, s.want) {
					t.Errorf("%s: Get = %q, %v, %v; want %q, %v", s.name, v, ok, err, s.want, s.want != nil)
				}
			}
			if err := put.Put(ctx, "rec:short", []byte("x"), time.Now().Add(50*time.Millisecond)); err != nil {
				t.Fatal(err)
			}
			time.Sleep(80 * time.Millisecond)
			if v, ok, err := get.Get(ctx, "rec:short"); ok || err != nil {
				t.Errorf("expired record = %q, %v, %v; want absent", v, ok, err)
			}
		})
	}
}

// TestRedisRecordsKeysAndLimits: values live under the program's
// namespace with the absolute expiry asked for, and oversized values or
// keys are refused before anything is stored.
func TestRedisRecordsKeysAndLimits(t *testing.T) {
	srv, rs := redisStores(t, 1, redistest.Options{})
	r := rs[0].Records()
	ctx := context.Background()
	exp := time.Now().Add(time.Minute).Truncate(time.Millisecond)
	if err := r.Put(ctx, "rec:ns", []byte("v"), exp); err != nil {
		t.Fatal(err)
	}
	got, err := srv.Do("PEXPIRETIME", "freshdesk-mcp:approval:rec:ns")
	if err != nil || got != ":"+strconv.FormatInt(exp.UnixMilli(), 10) {
		t.Errorf("PEXPIRETIME of the namespaced key = %q, %v; want :%d", got, err, exp.UnixMilli())
	}
	for _, c := range []struct {
		name    string
		key     string
		size    int
		refused bool
	}{
		{"MaxRecordBytes value", "rec:max", policy.MaxRecordBytes, false},
		{"MaxRecordBytes + 1 value", "rec:over", policy.MaxRecordBytes + 1, true},
		{"long key", "rec:" + strings.Repeat("k", 300), 10, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := r.Put(ctx, c.key, bytes.Repeat([]byte("x"), c.size), exp)
			if c.refused != errors.Is(err, policy.ErrRecordTooLarge) || (!c.refused && err != nil) {
				t.Fatalf("Put = %v, refused want %v", err, c.refused)
			}
			v, ok, err := r.Get(ctx, c.key)
			if err != nil || ok == c.refused || (ok && len(v) != c.size) {
				t.Errorf("Get = %d bytes, %v, %v; stored want %v", len(v), ok, err, !c.refused)
			}
		})
	}
}

// TestRedisRecordsFailClosed: while Redis is down Put and Get fail with
// ErrSharedStateUnavailable (never an answer from local memory); once it
// is back, what was stored before is there again. After a data loss
// (FLUSHALL) the first call fails closed instead of answering "absent".
func TestRedisRecordsFailClosed(t *testing.T) {
	srv := redistest.Start(t, redistest.Options{Persist: true})
	s, err := policy.NewRedisStore(context.Background(), srv.URL(), policy.RedisOptions{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r := s.Records()
	ctx := context.Background()
	exp := time.Now().Add(time.Minute)
	if err := r.Put(ctx, "rec:kept", []byte("before"), exp); err != nil {
		t.Fatal(err)
	}
	srv.Kill()
	if err := r.Put(ctx, "rec:new", []byte("during"), exp); !errors.Is(err, policy.ErrSharedStateUnavailable) {
		t.Errorf("Put with Redis down = %v, want ErrSharedStateUnavailable", err)
	}
	if v, ok, err := r.Get(ctx, "rec:kept"); ok || !errors.Is(err, policy.ErrSharedStateUnavailable) {
		t.Errorf("Get with Redis down = %q, %v, %v; want ErrSharedStateUnavailable", v, ok, err)
	}
	srv.Restart()
	var v []byte
	var ok bool
	for range 50 { // the pool reconnects on its own
		if v, ok, err = r.Get(ctx, "rec:kept"); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil || !ok || string(v) != "before" {
		t.Fatalf("after restart Get = %q, %v, %v; want the value stored before", v, ok, err)
	}
	if _, ok, _ := r.Get(ctx, "rec:new"); ok {
		t.Error("the Put refused while Redis was down was stored after all")
	}
	if reply, err := srv.Do("FLUSHALL"); err != nil || reply != "+OK" {
		t.Fatal(reply, err)
	}
	if _, _, err := r.Get(ctx, "rec:kept"); !errors.Is(err, policy.ErrSharedStateUnavailable) {
		t.Errorf("first Get after Redis lost its data = %v, want ErrSharedStateUnavailable", err)
	}
}
