package approval

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"time"
)

// Id layout: version, expiry (ms), nonce, guard, then binding tags (store,
// caller, args digest, the stored record), then a MAC over all of it.
const (
	idVersion  = 1
	nonceLen   = 16
	tagLen     = 8
	wideTagLen = 16
	macLen     = 16
	bodyLen    = 1 + 8 + nonceLen + 1 + tagLen + tagLen + wideTagLen + wideTagLen
)

type token struct {
	version                      byte
	expiry                       time.Time
	nonce                        []byte
	guard                        Guard
	store, caller, args, preview []byte
}

func (a *Approvals) encode(t token) string {
	p := make([]byte, 0, bodyLen+macLen)
	p = append(p, t.version)
	p = binary.BigEndian.AppendUint64(p, uint64(t.expiry.UnixMilli()))
	p = append(p, t.nonce...)
	p = append(p, byte(t.guard))
	p = append(p, t.store...)
	p = append(p, t.caller...)
	p = append(p, t.args...)
	p = append(p, t.preview...)
	p = append(p, mac(a.idKey, p)[:macLen]...)
	return base64.RawURLEncoding.EncodeToString(p)
}

func (a *Approvals) decode(id string) (token, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(id)
	if err != nil || len(raw) != bodyLen+macLen || raw[0] != idVersion {
		return token{}, false
	}
	body := raw[:bodyLen]
	if !hmac.Equal(raw[bodyLen:], mac(a.idKey, body)[:macLen]) {
		return token{}, false
	}
	t := token{version: body[0], expiry: time.UnixMilli(int64(binary.BigEndian.Uint64(body[1:9])))}
	rest := body[9:]
	t.nonce, rest = rest[:nonceLen], rest[nonceLen:]
	t.guard, rest = Guard(rest[0]), rest[1:]
	t.store, rest = rest[:tagLen], rest[tagLen:]
	t.caller, rest = rest[:tagLen], rest[tagLen:]
	t.args, rest = rest[:wideTagLen], rest[wideTagLen:]
	t.preview = rest[:wideTagLen]
	return t, true
}

func (a *Approvals) tag(domain, value string, n int) []byte {
	return mac(a.tagKey, []byte(domain+"\x00"+value))[:n]
}

func mac(key, msg []byte) []byte {
	h := hmac.New(sha256.New, key)
	h.Write(msg)
	return h.Sum(nil)
}
