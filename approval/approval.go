package approval

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// Path is where Handler is mounted on the HTTP listener.
const Path = "/confirm/"

// DefaultTTL is how long a pending confirmation can be decided and redeemed.
const DefaultTTL = 10 * time.Minute

// MinSecretLen is the shortest accepted Config.Secret, in bytes.
const MinSecretLen = 32

// MaxApproverAttempts is how many wrong approver secrets a page accepts
// before it declines the request for good (a guessing model or person
// gets five tries, not a dictionary).
const MaxApproverAttempts = 5

// slack keeps decision and use records a little past expiry so that
// replicas whose clocks lag the store's cannot redeem twice.
const slack = 5 * time.Minute

// Config configures Approvals.
type Config struct {
	// BaseURL is how a person's browser reaches this server, e.g.
	// "https://mcp.example.com" or "http://127.0.0.1:8080" (a path prefix
	// is allowed, for a proxy). Page URLs are BaseURL + Path + ...; its
	// origin is the only origin allowed to post the form.
	BaseURL string
	// Secret signs ids and page keys; at least MinSecretLen bytes, empty
	// means random. Replicas that share Store share the secret too.
	Secret []byte
	// Store records decisions and uses (single use holds within it);
	// nil means a new policy.MemoryStore.
	Store policy.Store
	// Records holds the previews the page shows; nil means MemoryRecords.
	Records Records
	// TTL is how long a confirmation is valid; 0 means DefaultTTL.
	TTL time.Duration
	// ApproverSecret, when set, enables GuardApprover. It is compared in
	// constant time and never shown or logged.
	ApproverSecret string
	// PollInterval is how often Wait re-reads the store (decisions made
	// on another replica); 0 means 500ms.
	PollInterval time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Approvals creates pending confirmations, serves their pages and redeems
// their approvals. It is safe for concurrent use.
type Approvals struct {
	base       *url.URL
	baseOrigin string
	idKey      []byte // MAC of ids
	tagKey     []byte // binding tags inside ids
	pageKey    []byte // page keys in URLs
	csrfKey    []byte // per-page form tokens
	store      policy.Store
	records    Records
	ttl        time.Duration
	poll       time.Duration
	approver   []byte // sha256 of ApproverSecret, nil when unset
	now        func() time.Time

	mu      sync.Mutex
	waiters map[string]chan struct{} // nonce -> closed when decided here
}

// New returns Approvals configured by cfg.
func New(cfg Config) (*Approvals, error) {
	base, err := url.Parse(strings.TrimSuffix(cfg.BaseURL, "/"))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, fmt.Errorf("approval: base URL %q must be an absolute http(s) URL", cfg.BaseURL)
	}
	secret := cfg.Secret
	if len(secret) == 0 {
		secret = make([]byte, 32)
		if _, err := rand.Read(secret); err != nil {
			return nil, fmt.Errorf("approval: generate secret: %w", err)
		}
	} else if len(secret) < MinSecretLen {
		return nil, fmt.Errorf("approval: secret is %d bytes; use at least %d", len(secret), MinSecretLen)
	}
	a := &Approvals{
		base:       base,
		baseOrigin: base.Scheme + "://" + base.Host,
		idKey:      mac(secret, []byte("freshdesk-mcp approval id v1")),
		tagKey:     mac(secret, []byte("freshdesk-mcp approval tag v1")),
		pageKey:    mac(secret, []byte("freshdesk-mcp approval page v1")),
		csrfKey:    mac(secret, []byte("freshdesk-mcp approval csrf v1")),
		store:      cfg.Store,
		records:    cfg.Records,
		ttl:        cfg.TTL,
		poll:       cfg.PollInterval,
		now:        cfg.Now,
		waiters:    map[string]chan struct{}{},
	}
	if a.now == nil {
		a.now = time.Now
	}
	if a.ttl <= 0 {
		a.ttl = DefaultTTL
	}
	if a.poll <= 0 {
		a.poll = 500 * time.Millisecond
	}
	if a.store == nil {
		a.store = policy.NewMemoryStore(a.now)
	}
	if a.records == nil {
		a.records = NewMemoryRecords(a.now)
	}
	if cfg.ApproverSecret != "" {
		sum := sha256.Sum256([]byte(cfg.ApproverSecret))
		a.approver = sum[:]
	}
	return a, nil
}

// HasApprover reports whether an approver secret is configured, i.e.
// whether GuardApprover can be used.
func (a *Approvals) HasApprover() bool { return a.approver != nil }

// ArgsDigest returns the digest a confirmation is bound to: SHA-256 of the
// tool name and the canonical JSON of args (policy.CanonicalArgs: key order,
// number spelling, nulls and the confirmation_token argument do not count).
func ArgsDigest(tool string, args any) (string, error) {
	canon, err := policy.CanonicalArgs(args)
	if err != nil {
		return "", fmt.Errorf("approval: %w", err)
	}
	sum := sha256.Sum256(append([]byte(tool+"\x00"), canon...))
	return "sha256:" + hex.EncodeToString(sum[:]), nil
}

// record is what Records holds for the page.
type record struct {
	Caller  string  `json:"caller"`
	Preview Preview `json:"preview"`
}

// Create records a pending confirmation of req and returns its id and the
// page URL. GuardApprover needs an approver secret (ErrNoApprover).
func (a *Approvals) Create(ctx context.Context, req Request) (Confirmation, error) {
	if req.Guard == GuardApprover && a.approver == nil {
		return Confirmation{}, fmt.Errorf("approval: %w", ErrNoApprover)
	}
	if req.Caller == "" || req.ArgsDigest == "" {
		return Confirmation{}, errors.New("approval: a confirmation needs a caller and an argument digest")
	}
	rec, err := encodeRecord(record{Caller: req.Caller, Preview: req.Preview})
	if err != nil {
		return Confirmation{}, err
	}
	nonce := make([]byte, nonceLen)
	if _, err := rand.Read(nonce); err != nil {
		return Confirmation{}, fmt.Errorf("approval: generate id: %w", err)
	}
	exp := a.now().Add(a.ttl).Truncate(time.Millisecond)
	t := token{version: idVersion, expiry: exp, nonce: nonce, guard: req.Guard,
		store:   a.tag("store", a.store.ID(), tagLen),
		caller:  a.tag("caller", req.Caller, tagLen),
		args:    a.tag("args", req.ArgsDigest, wideTagLen),
		preview: a.tag("preview", string(rec), wideTagLen),
	}
	id := a.encode(t)
	if err := a.records.Put(ctx, recordKey(nonce), rec, exp.Add(slack)); err != nil {
		return Confirmation{}, fmt.Errorf("approval: store preview: %w", err)
	}
	if err := a.records.Put(ctx, a.findKey(req.Caller, req.ArgsDigest, req.Guard), []byte(id), exp); err != nil {
		return Confirmation{}, fmt.Errorf("approval: store preview: %w", err)
	}
	return Confirmation{ID: id, URL: a.pageURL(id), ExpiresAt: exp}, nil
}

// Find returns the id of the latest confirmation with guard created for
// caller and digest that has not expired, so a repeated call with the same
// arguments can redeem an approval without the model ever holding an id.
// The guard is part of the lookup: the approver fallback must never find
// (and hand the model) a GuardLink page, which anyone who opens it can
// approve.
func (a *Approvals) Find(ctx context.Context, caller, digest string, guard Guard) (string, bool, error) {
	b, ok, err := a.records.Get(ctx, a.findKey(caller, digest, guard))
	if err != nil || !ok {
		return "", false, err
	}
	return string(b), true, nil
}

func (a *Approvals) findKey(caller, digest string, guard Guard) string {
	return "find:" + hex.EncodeToString(a.tag("find", fmt.Sprintf("%s\x00%s\x00%s\x00%d", a.store.ID(), caller, digest, guard), 16))
}

// Status returns the decision on id as the store knows it.
func (a *Approvals) Status(ctx context.Context, id string) (Decision, error) {
	t, ok := a.decode(id)
	if !ok {
		return Pending, fmt.Errorf("approval: %w", ErrInvalid)
	}
	return a.status(ctx, t)
}

func (a *Approvals) status(ctx context.Context, t token) (Decision, error) {
	v, _, ok, err := a.store.Get(ctx, decisionKey(t.nonce))
	if err != nil {
		return Pending, fmt.Errorf("approval: read decision: %w", err)
	}
	switch {
	case ok && Decision(v) == Declined:
		return Declined, nil
	case !a.now().Before(t.expiry):
		return Expired, nil
	case ok && Decision(v) == Approved:
		return Approved, nil
	}
	return Pending, nil
}

// Wait blocks until id is decided or expires, or ctx ends, and returns the
// decision. A decision made through this process's page wakes it at once;
// one made on another replica is seen within the poll interval.
func (a *Approvals) Wait(ctx context.Context, id string) (Decision, error) {
	t, ok := a.decode(id)
	if !ok {
		return Pending, fmt.Errorf("approval: %w", ErrInvalid)
	}
	key := hex.EncodeToString(t.nonce)
	for {
		wake := a.waiter(key)
		d, err := a.status(ctx, t)
		if err != nil || d != Pending {
			a.forget(key, wake)
			return d, err
		}
		timer := time.NewTimer(min(a.poll, max(t.expiry.Sub(a.now()), time.Millisecond)))
		select {
		case <-ctx.Done():
			timer.Stop()
			a.forget(key, wake)
			return Pending, ctx.Err()
		case <-wake:
		case <-timer.C:
		}
		timer.Stop()
	}
}

// forget drops the waiter channel of key if it is still ch, so ids decided
// elsewhere or never decided do not stay in the map. A concurrent Wait on
// the same id then falls back to polling.
func (a *Approvals) forget(key string, ch chan struct{}) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.waiters[key] == ch {
		delete(a.waiters, key)
	}
}

// waiter returns the channel closed when nonce is decided in this process.
func (a *Approvals) waiter(key string) chan struct{} {
	a.mu.Lock()
	defer a.mu.Unlock()
	ch, ok := a.waiters[key]
	if !ok {
		ch = make(chan struct{})
		a.waiters[key] = ch
	}
	return ch
}

// wake closes the waiters of key.
func (a *Approvals) wake(key string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if ch, ok := a.waiters[key]; ok {
		close(ch)
		delete(a.waiters, key)
	}
}

// Redeem completes an approved confirmation exactly once, for exactly the
// caller and argument digest it was created for. It returns nil only then;
// otherwise an error matching ErrNotRedeemed and the reason, or a store
// error (then the write must not run either).
func (a *Approvals) Redeem(ctx context.Context, id, caller, digest string) error {
	t, ok := a.decode(id)
	switch {
	case !ok:
		return notRedeemed(ErrInvalid)
	case !hmac.Equal(t.store, a.tag("store", a.store.ID(), tagLen)):
		return notRedeemed(ErrOtherStore)
	case !hmac.Equal(t.caller, a.tag("caller", caller, tagLen)):
		return notRedeemed(ErrWrongCaller)
	case !hmac.Equal(t.args, a.tag("args", digest, wideTagLen)):
		return notRedeemed(ErrArgsChanged)
	}
	d, err := a.status(ctx, t)
	if err != nil {
		return err
	}
	switch d {
	case Pending:
		return notRedeemed(ErrPending)
	case Declined:
		return notRedeemed(ErrDeclined)
	case Expired:
		return notRedeemed(ErrExpired)
	}
	fresh, err := a.store.SetNX(ctx, useKey(t.nonce), 1, t.expiry.Add(slack))
	if err != nil {
		return fmt.Errorf("approval: record use: %w", err)
	}
	if !fresh {
		return notRedeemed(ErrReplayed)
	}
	return nil
}

func notRedeemed(reason error) error {
	return fmt.Errorf("%w: %w", ErrNotRedeemed, reason)
}

// decide records d (Approved or Declined) for t unless a decision exists,
// and returns the decision in force.
func (a *Approvals) decide(ctx context.Context, t token, d Decision) (Decision, error) {
	if !a.now().Before(t.expiry) {
		return Expired, nil
	}
	if _, err := a.store.SetNX(ctx, decisionKey(t.nonce), int64(d), t.expiry.Add(slack)); err != nil {
		return Pending, fmt.Errorf("approval: record decision: %w", err)
	}
	a.wake(hex.EncodeToString(t.nonce))
	return a.status(ctx, t)
}

func decisionKey(nonce []byte) string { return "appr:dec:" + hex.EncodeToString(nonce) }
func useKey(nonce []byte) string      { return "appr:use:" + hex.EncodeToString(nonce) }
func failKey(nonce []byte) string     { return "appr:fail:" + hex.EncodeToString(nonce) }
func recordKey(nonce []byte) string   { return "rec:" + hex.EncodeToString(nonce) }

// PageURL returns the page of a confirmation id this server created, so an
// unchanged pending request can be shown again; ok is false for an id that
// is malformed or not this server's.
func (a *Approvals) PageURL(id string) (string, bool) {
	if _, ok := a.decode(id); !ok {
		return "", false
	}
	return a.pageURL(id), true
}

// pageURL is the page of id: its key is derived from id with the secret,
// so knowing an id (the elicitationId) is not enough to open the page.
func (a *Approvals) pageURL(id string) string {
	return a.base.String() + Path + id + "/" + a.pageKeyOf(id)
}

func (a *Approvals) pageKeyOf(id string) string {
	return base64.RawURLEncoding.EncodeToString(mac(a.pageKey, []byte(id))[:16])
}
