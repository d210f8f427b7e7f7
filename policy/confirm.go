package policy

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// TokenArg is the tool argument that carries a confirmation token. It is
// left out of the arguments a token is bound to.
const TokenArg = "confirmation_token"

// DefaultTokenTTL is how long a confirmation token stays valid.
const DefaultTokenTTL = 10 * time.Minute

// MinSecretLen is the shortest accepted shared token secret, in bytes.
const MinSecretLen = 32

// tokenPrefix marks our tokens (and lets secret scanners and the audit
// redactor recognise them). "fdmc1" = freshdesk-mcp confirmation; the
// payload's first byte is the format version.
const tokenPrefix = "fdmc1_"

const (
	// tokenVersion 2 added the store tag; older tokens no longer parse.
	tokenVersion = 2
	nonceLen     = 16
	tagLen       = 8
	argsTagLen   = 16
	macLen       = 16
	payloadLen   = 1 + 8 + nonceLen + tagLen + tagLen + tagLen + argsTagLen
	// replaySlack keeps used-token records a little past expiry so replicas
	// whose clocks lag the store's cannot redeem a token twice.
	replaySlack = 5 * time.Minute
)

// Token errors. Every one also matches ErrTokenInvalid with errors.Is, and
// its text tells the model that nothing was written and what to do next.
var (
	ErrTokenInvalid     = errors.New("confirmation token invalid")
	ErrTokenMalformed   = errors.New("confirmation token malformed")
	ErrTokenExpired     = errors.New("confirmation token expired")
	ErrTokenArgsChanged = errors.New("arguments differ from the confirmed ones")
	ErrTokenWrongTool   = errors.New("confirmation token issued for another tool")
	ErrTokenWrongCaller = errors.New("confirmation token issued to another caller")
	ErrTokenReplayed    = errors.New("confirmation token already used")
	// ErrTokenOtherProcess: the token was issued by a Confirmer whose
	// Store is another memory (another server process, a restart or
	// another replica), where it may already have been redeemed.
	ErrTokenOtherProcess = errors.New("confirmation token issued by another server process")
)

type tokenError struct {
	kind error
	msg  string
}

func (e *tokenError) Error() string { return e.msg }

func (e *tokenError) Is(target error) bool { return target == e.kind || target == ErrTokenInvalid }

// ConfirmConfig configures a Confirmer.
type ConfirmConfig struct {
	// Secret signs tokens. At least MinSecretLen bytes; empty means 32
	// random bytes. A token is redeemable only with the Store that issued it
	// (see Store.ID), so sharing the secret only lets tokens cross process
	// boundaries together with a shared store.
	Secret []byte
	// TTL is how long a token is valid; 0 means DefaultTokenTTL.
	TTL time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Store remembers used tokens; nil means a new MemoryStore.
	Store Store
}

// Confirmer issues and redeems single-use confirmation tokens for the
// fallback flow of clients that cannot elicit. A token is HMAC-SHA256
// signed and bound to the tool name, the canonical JSON of the arguments
// (without TokenArg, key order independent), the caller identity and the
// ID of the Store that records its use (single use holds only there).
// It is safe for concurrent use.
type Confirmer struct {
	tagKey, macKey []byte
	ttl            time.Duration
	now            func() time.Time
	store          Store
}

// NewConfirmer builds a Confirmer from cfg.
func NewConfirmer(cfg ConfirmConfig) (*Confirmer, error) {
	secret := cfg.Secret
	if len(secret) == 0 {
		secret = make([]byte, 32)
		if _, err := rand.Read(secret); err != nil {
			return nil, fmt.Errorf("generate confirmation secret: %w", err)
		}
	} else if len(secret) < MinSecretLen {
		return nil, fmt.Errorf("confirmation token secret is %d bytes; use at least %d (for example the output of `openssl rand -hex 32`)",
			len(secret), MinSecretLen)
	}
	c := &Confirmer{
		// Separate derived keys for the binding tags and the token MAC.
		tagKey: mac(secret, []byte("freshdesk-mcp confirmation tag v1")),
		macKey: mac(secret, []byte("freshdesk-mcp confirmation mac v1")),
		ttl:    cfg.TTL,
		now:    cfg.Now,
		store:  cfg.Store,
	}
	if c.ttl <= 0 {
		c.ttl = DefaultTokenTTL
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.store == nil {
		c.store = NewMemoryStore(c.now)
	}
	return c, nil
}

// TTL returns how long issued tokens are valid.
func (c *Confirmer) TTL() time.Duration { return c.ttl }

// Issue returns a token that confirms one call of tool by caller with args
// (a map or any JSON-marshalable value; TokenArg in it is ignored), and when
// it expires. It fails only if args cannot be canonicalised.
func (c *Confirmer) Issue(caller, tool string, args any) (string, time.Time, error) {
	canon, err := CanonicalArgs(args)
	if err != nil {
		return "", time.Time{}, err
	}
	exp := c.now().Add(c.ttl).Truncate(time.Millisecond)
	p := make([]byte, 0, payloadLen+macLen)
	p = append(p, tokenVersion)
	p = binary.BigEndian.AppendUint64(p, uint64(exp.UnixMilli()))
	nonce := make([]byte, nonceLen)
	if _, err := rand.Read(nonce); err != nil {
		return "", time.Time{}, fmt.Errorf("generate token nonce: %w", err)
	}
	p = append(p, nonce...)
	p = append(p, c.tag("store", c.store.ID(), tagLen)...)
	p = append(p, c.tag("tool", tool, tagLen)...)
	p = append(p, c.tag("caller", caller, tagLen)...)
	p = append(p, c.tag("args", string(canon), argsTagLen)...)
	p = append(p, mac(c.macKey, p)[:macLen]...)
	return tokenPrefix + base64.RawURLEncoding.EncodeToString(p), exp, nil
}

// Redeem checks token against caller, tool and args and marks it used. It
// returns nil exactly once per valid token; otherwise an error matching
// ErrTokenInvalid and one of ErrTokenMalformed (also: bad signature or
// another server's secret), ErrTokenOtherProcess, ErrTokenWrongTool, ErrTokenWrongCaller,
// ErrTokenArgsChanged, ErrTokenExpired or ErrTokenReplayed; or a Store error
// (then the write must not run).
func (c *Confirmer) Redeem(ctx context.Context, caller, tool string, args any, token string) error {
	again := fmt.Sprintf("Nothing was written. Call %s again without %s to get a fresh preview and token, and ask the user to confirm.", tool, TokenArg)
	p, ok := c.parse(token)
	if !ok {
		return &tokenError{ErrTokenMalformed, "the " + TokenArg + " is not valid (malformed, altered, or issued by another server). " + again}
	}
	exp := time.UnixMilli(int64(binary.BigEndian.Uint64(p[1:9])))
	nonce := p[9 : 9+nonceLen]
	rest := p[9+nonceLen:]
	// The store comes first: another process cannot know whether the token
	// was already used, so nothing else about it matters.
	if !hmac.Equal(rest[:tagLen], c.tag("store", c.store.ID(), tagLen)) {
		return &tokenError{ErrTokenOtherProcess, "the " + TokenArg + " was issued by another server process (a restart or another replica); " +
			"tokens are valid only in the process that issued them. Nothing was written. Call " + tool + " again without " + TokenArg +
			" to get a fresh preview and token from this process, and ask the user to confirm again."}
	}
	rest = rest[tagLen:]
	if !hmac.Equal(rest[:tagLen], c.tag("tool", tool, tagLen)) {
		return &tokenError{ErrTokenWrongTool, "the " + TokenArg + " was issued for a different tool, not " + tool + ". " + again}
	}
	if !hmac.Equal(rest[tagLen:2*tagLen], c.tag("caller", caller, tagLen)) {
		return &tokenError{ErrTokenWrongCaller, "the " + TokenArg + " was issued to a different caller. " + again}
	}
	canon, err := CanonicalArgs(args)
	if err != nil {
		return err
	}
	if !hmac.Equal(rest[2*tagLen:], c.tag("args", string(canon), argsTagLen)) {
		return &tokenError{ErrTokenArgsChanged, "the arguments differ from the ones the user confirmed with this " + TokenArg + ". " +
			"Nothing was written. Repeat the call with exactly the confirmed arguments, or call " + tool + " without " + TokenArg +
			" to get a fresh preview and token for the new arguments, and ask the user to confirm."}
	}
	if !c.now().Before(exp) {
		return &tokenError{ErrTokenExpired, fmt.Sprintf("the %s expired at %s (tokens are valid for %s). %s",
			TokenArg, exp.UTC().Format(time.RFC3339), c.ttl, again)}
	}
	fresh, err := c.store.SetNX(ctx, "tok:"+hex.EncodeToString(nonce), 1, exp.Add(replaySlack))
	if err != nil {
		return fmt.Errorf("record confirmation token use: %w", err)
	}
	if !fresh {
		return &tokenError{ErrTokenReplayed, "the " + TokenArg + " has already been used; each token confirms exactly one write, " +
			"and nothing was written by this call. Check the ticket for the earlier write before doing anything else; " +
			"if another write is really wanted, call " + tool + " without " + TokenArg + " for a new confirmation."}
	}
	return nil
}

// parse decodes and authenticates token, returning the payload.
func (c *Confirmer) parse(token string) ([]byte, bool) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(token), tokenPrefix)
	if !ok {
		return nil, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(rest)
	if err != nil || len(raw) != payloadLen+macLen || raw[0] != tokenVersion {
		return nil, false
	}
	p, sig := raw[:payloadLen], raw[payloadLen:]
	if !hmac.Equal(sig, mac(c.macKey, p)[:macLen]) {
		return nil, false
	}
	return p, true
}

func (c *Confirmer) tag(domain, value string, n int) []byte {
	return mac(c.tagKey, []byte(domain+"\x00"+value))[:n]
}

func mac(key, msg []byte) []byte {
	h := hmac.New(sha256.New, key)
	h.Write(msg)
	return h.Sum(nil)
}

// CanonicalArgs returns the canonical JSON a token is bound to: args
// marshalled as a JSON object with TokenArg and top-level nulls removed,
// keys sorted at every level, and numbers normalised (42, 42.0 and 4.2e1 are
// equal). args may be a map or a struct; nil means {}.
func CanonicalArgs(args any) ([]byte, error) {
	raw, err := json.Marshal(args)
	if err != nil {
		return nil, fmt.Errorf("canonicalise arguments: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("canonicalise arguments: %w", err)
	}
	m, ok := v.(map[string]any)
	if v != nil && !ok {
		return nil, fmt.Errorf("canonicalise arguments: want a JSON object, got %T", v)
	}
	if m == nil {
		m = map[string]any{}
	}
	delete(m, TokenArg)
	for k, x := range m {
		if x == nil {
			delete(m, k)
		}
	}
	out, err := json.Marshal(normNumbers(m)) // encoding/json sorts map keys
	if err != nil {
		return nil, fmt.Errorf("canonicalise arguments: %w", err)
	}
	return out, nil
}

func normNumbers(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = normNumbers(e)
		}
	case []any:
		for i, e := range x {
			x[i] = normNumbers(e)
		}
	case json.Number:
		s := string(x)
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return json.Number(strconv.FormatInt(i, 10))
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return x
		}
		if f == math.Trunc(f) && math.Abs(f) < 1<<62 {
			return json.Number(strconv.FormatInt(int64(f), 10))
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
	}
	return v
}

// Fallback is what happens to a write that needs confirmation when the
// client cannot elicit (--confirm-fallback). The zero value is the safe
// default: nothing the model holds can complete the write.
type Fallback int

const (
	// FallbackApprover (the default) answers with a link to the
	// confirmation page guarded by the operator's approver secret when one
	// is configured and the page is served (HTTP); the identical call
	// completes after a person approved there. Otherwise it refuses like
	// FallbackDeny. The model can read the page but cannot approve.
	FallbackApprover Fallback = iota
	// FallbackDeny refuses the write with instructions (audit decision
	// could_not_ask).
	FallbackDeny
	// FallbackToken answers with status confirmation_required, a preview and
	// a confirmation token; repeating the call with the token runs it. The
	// model holds the token, so this is safe only when the client shows
	// every tool call to a person: an explicit operator choice.
	FallbackToken
)

// ParseFallback parses "approver", "deny" or "token".
func ParseFallback(s string) (Fallback, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "approver":
		return FallbackApprover, nil
	case "deny":
		return FallbackDeny, nil
	case "token":
		return FallbackToken, nil
	}
	return FallbackApprover, fmt.Errorf("unknown confirm fallback %q: valid values are approver, deny, token", s)
}

// String returns "approver", "deny" or "token".
func (f Fallback) String() string {
	switch f {
	case FallbackDeny:
		return "deny"
	case FallbackToken:
		return "token"
	}
	return "approver"
}
