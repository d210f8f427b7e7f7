package app

import (
	"context"
	"crypto/rand"
	"errors"
	"io"
	"net"
	"net/http"
	"sync"
	"time"
)

// headerTimeout bounds the request line and headers (http.Server's
// ReadHeaderTimeout); --request-timeout then bounds the body.
const headerTimeout = 10 * time.Second

// connGate bounds the connections that have not authenticated yet, over all
// remote addresses together: behind a load balancer every connection comes
// from one address, so a per-address bound would be no bound. A connection
// holds a slot from accept until a request on it passes caller auth (or it
// closes); a connection accepted while every slot is taken is closed at once.
type connGate struct {
	slots   chan struct{}
	refused func() // metrics; never nil
}

func newConnGate(n int, refused func()) *connGate {
	if refused == nil {
		refused = func() {}
	}
	return &connGate{slots: make(chan struct{}, n), refused: refused}
}

// listener wraps ln so that every accepted connection takes a slot.
func (g *connGate) listener(ln net.Listener) net.Listener { return &gatedListener{Listener: ln, g: g} }

type gatedListener struct {
	net.Listener
	g *connGate
}

func (l *gatedListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		select {
		case l.g.slots <- struct{}{}:
			return &gatedConn{Conn: c, g: l.g}, nil
		default:
			_ = c.Close()
			l.g.refused()
		}
	}
}

// gatedConn is an accepted connection holding a slot until authenticated.
type gatedConn struct {
	net.Conn
	g    *connGate
	once sync.Once
}

// authenticated gives the slot back: the connection has a known caller.
func (c *gatedConn) authenticated() { c.once.Do(func() { <-c.g.slots }) }

func (c *gatedConn) Close() error {
	c.authenticated()
	return c.Conn.Close()
}

type gatedConnKey struct{}

// connContext is http.Server.ConnContext: it lets handlers find the
// connection's slot.
func connContext(ctx context.Context, c net.Conn) context.Context {
	if gc, ok := c.(*gatedConn); ok {
		return context.WithValue(ctx, gatedConnKey{}, gc)
	}
	return ctx
}

// markAuthenticated releases the unauthenticated slot of r's connection.
func markAuthenticated(r *http.Request) {
	if gc, ok := r.Context().Value(gatedConnKey{}).(*gatedConn); ok {
		gc.authenticated()
	}
}

// withBodyDeadline gives the body of r until timeout to arrive, before any
// authentication: a connection that sends its body slowly (or not at all)
// is closed when the deadline passes, whoever it claims to be. The deadline
// is lifted once the body has been read, so a long response (an SSE stream
// of a slow tool call) is not cut. Requests without a body set none: a
// read deadline would end a GET event stream (net/http's background read
// cancels the request when it fails).
func withBodyDeadline(w http.ResponseWriter, r *http.Request, timeout time.Duration) {
	if timeout <= 0 || r.Body == nil || r.Body == http.NoBody {
		return
	}
	rc := http.NewResponseController(w)
	if err := rc.SetReadDeadline(time.Now().Add(timeout)); err != nil {
		return // not a net/http connection (tests with a recorder)
	}
	r.Body = &deadlineBody{ReadCloser: r.Body, lift: func() { _ = rc.SetReadDeadline(time.Time{}) }}
}

// deadlineBody lifts the read deadline when the body has been read whole.
type deadlineBody struct {
	io.ReadCloser
	lift func()
	once sync.Once
}

func (b *deadlineBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if errors.Is(err, io.EOF) {
		b.once.Do(b.lift)
	}
	return n, err
}

// headerRequestID is the request id header: taken from the load balancer
// when it sends a sane one, else made up, and echoed in the response so a
// client's report can be matched with the log line.
const headerRequestID = "X-Request-Id"

// requestID returns r's X-Request-Id if it is short visible ASCII without
// spaces, else a new random id.
func requestID(r *http.Request) string {
	id := r.Header.Get(headerRequestID)
	if id != "" && len(id) <= 64 {
		ok := true
		for i := 0; i < len(id) && ok; i++ {
			ok = id[i] > ' ' && id[i] < 0x7f && id[i] != '"' && id[i] != '\\'
		}
		if ok {
			return id
		}
	}
	return rand.Text()[:16]
}
