package app

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/mark3labs/mcp-go/server"

	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/metrics"
)

// sessionBinder ties every MCP session to the caller that opened it: a
// session id carries a tag, an HMAC of the id and the caller identity under
// a key that lives only in this process, and a request from any other
// caller naming that id is answered as for an unknown session (404). The id
// is in the MAC so that a caller cannot move its own tag onto another
// caller's id. A leaked or guessed session id is then useless to another
// token holder: it cannot drive the session, read its event stream, answer
// its elicitations or end it. Without --auth-tokens every caller is the
// same anonymous loopback caller and the tag changes nothing.
type sessionBinder struct {
	key      []byte
	sessions *liveSessions // live streamable-HTTP ids, without tags
	sse      *sseExpiry    // live SSE sessions and their idle expiry
	metrics  *metrics.Metrics
}

// errForeignSession is what a session id of another caller (or a
// malformed one) gets; mcp-go answers it with 404 like an unknown session.
var errForeignSession = errors.New("session not found")

// sessionTagSep joins a session id and its tag. Ids stay visible ASCII, as
// the MCP specification requires.
const sessionTagSep = "."

func newSessionBinder(idleTTL time.Duration, m *metrics.Metrics) *sessionBinder {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		panic("crypto/rand failed: " + err.Error()) // never on supported platforms
	}
	return &sessionBinder{key: key, sessions: newLiveSessions(m), sse: newSSEExpiry(idleTTL, m), metrics: m}
}

// tag is the tag of session id base for the caller of r.
func (b *sessionBinder) tag(r *http.Request, base string) string {
	caller := anonymousCaller
	if r != nil {
		if c, ok := mcppolicy.CallerFromContext(r.Context()); ok {
			caller = c
		}
	}
	m := hmac.New(sha256.New, b.key)
	m.Write([]byte(base))
	m.Write([]byte{0})
	m.Write([]byte(caller))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:16])
}

// tagged is base with the tag of the caller of r.
func (b *sessionBinder) tagged(r *http.Request, base string) string {
	return base + sessionTagSep + b.tag(r, base)
}

// owns reports whether session id id was opened by the caller of r.
func (b *sessionBinder) owns(r *http.Request, id string) bool {
	base, tag, ok := strings.Cut(id, sessionTagSep)
	return ok && hmac.Equal([]byte(tag), []byte(b.tag(r, base)))
}

// ResolveSessionIdManager implements server.SessionIdManagerResolver for
// streamable HTTP. A nil request is mcp-go's idle sweeper, which only
// terminates sessions: it gets a manager that does not check callers.
func (b *sessionBinder) ResolveSessionIdManager(r *http.Request) server.SessionIdManager {
	return &boundSessions{b: b, r: r}
}

// sseSessionID is the legacy SSE transport's session id generator.
func (b *sessionBinder) sseSessionID(_ context.Context, r *http.Request) (string, error) {
	id := b.tagged(r, rand.Text())
	b.sse.opened(r, id)
	return id, nil
}

// guard answers a request naming another caller's session (the
// Mcp-Session-Id header on /mcp, the sessionId parameter on /message) with
// 404, as for an unknown session, before the transports see it. mcp-go
// would refuse most of these itself through boundSessions, but answers a
// foreign DELETE with a 500 and never checks /message.
func (b *sessionBinder) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := ""
		switch r.URL.Path {
		case pathMCP:
			id = r.Header.Get(server.HeaderKeySessionID)
		case pathMessage:
			id = r.URL.Query().Get("sessionId")
		}
		if id != "" && !b.owns(r, id) {
			http.Error(w, "session not found: initialize a new session", http.StatusNotFound)
			return
		}
		if r.URL.Path == pathMessage && id != "" {
			if !b.sse.isLive(id) {
				// Ended, expired, or opened on another replica: 404 as for
				// streamable HTTP, so the client opens a new stream.
				http.Error(w, "session not found: open a new SSE stream", http.StatusNotFound)
				return
			}
			b.sse.touch(id)
		}
		next.ServeHTTP(w, r)
	})
}

// boundSessions is the session id manager for one request.
type boundSessions struct {
	b *sessionBinder
	r *http.Request // nil: the sweeper
}

func (s *boundSessions) Generate() string {
	return s.b.tagged(s.r, s.b.sessions.generate())
}

func (s *boundSessions) Validate(id string) (isTerminated bool, err error) {
	if s.r != nil && !s.b.owns(s.r, id) {
		return false, errForeignSession
	}
	base, _, _ := strings.Cut(id, sessionTagSep)
	if !s.b.sessions.known(base) {
		return false, errForeignSession // ended, expired, or another replica's
	}
	return false, nil
}

func (s *boundSessions) Terminate(id string) (isNotAllowed bool, err error) {
	if id == "" {
		return false, nil // nothing to end (a DELETE without Mcp-Session-Id)
	}
	if s.r != nil && !s.b.owns(s.r, id) {
		return false, errForeignSession
	}
	base, _, _ := strings.Cut(id, sessionTagSep)
	if s.b.sessions.end(base) && s.r == nil {
		s.b.metrics.SessionExpired(transportStreamable) // mcp-go's idle sweeper
	}
	return false, nil
}
