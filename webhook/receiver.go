package webhook

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// DefaultHeader is the custom header the automation rule sends the secret in.
const DefaultHeader = "X-Freshdesk-Webhook-Secret"

// Options configure a Receiver. Zero values take the defaults named.
type Options struct {
	// Secrets are accepted in Header; several allow rotation. Required.
	Secrets []string
	// Header carries the secret (DefaultHeader).
	Header string
	// MaxBody is the largest body accepted, in bytes (64 KiB).
	MaxBody int64
	// Rate and Burst limit deliveries per second (20/s, burst 100).
	Rate  float64
	Burst int
	// DedupeWindow is how long a body is remembered to recognise a retried
	// delivery (10 minutes: Freshdesk's first retry comes 5 minutes after a
	// failure, see README "Live updates").
	DedupeWindow time.Duration
	// Queue is how many accepted events may wait for the sink (1024);
	// beyond it deliveries get 503 and Freshdesk retries them later.
	Queue int
	// Shared, when set, recognises retries across replicas (a Freshdesk
	// retry may reach another one); the local memory is used when it fails.
	Shared SharedSeen
	// Sink handles each new event, on the receiver's own goroutine.
	Sink func(context.Context, Event)
	// Logger gets one line per refused delivery; secrets are never logged.
	Logger *slog.Logger
	// Now is the clock (time.Now); tests set it.
	Now func() time.Time
}

// SharedSeen is a store shared by the replicas (policy.Store has these).
type SharedSeen interface {
	SetNX(ctx context.Context, key string, value int64, expiry time.Time) (bool, error)
	Delete(ctx context.Context, key string) error
}

// Receiver is the http.Handler of POST /webhooks/freshdesk.
type Receiver struct {
	o       Options
	secrets [][]byte
	limit   *rate.Limiter
	seen    *seen
	queue   chan Event
	done    chan struct{}
	mu      sync.RWMutex // guards closed against a send on the closed queue
	closed  bool
}

// ErrNoSecret is returned by New without any secret.
var ErrNoSecret = errors.New("webhook: at least one secret is required")

// New returns a receiver and starts its worker; Close stops it.
func New(o Options) (*Receiver, error) {
	r := &Receiver{o: withDefaults(o)}
	for _, s := range o.Secrets {
		if s = strings.TrimSpace(s); s != "" {
			r.secrets = append(r.secrets, []byte(s))
		}
	}
	if len(r.secrets) == 0 {
		return nil, ErrNoSecret
	}
	r.limit = rate.NewLimiter(rate.Limit(r.o.Rate), r.o.Burst)
	r.seen = newSeen(r.o.DedupeWindow, 100_000)
	r.queue = make(chan Event, r.o.Queue)
	r.done = make(chan struct{})
	go r.work()
	return r, nil
}

func withDefaults(o Options) Options {
	if o.Header == "" {
		o.Header = DefaultHeader
	}
	if o.MaxBody <= 0 {
		o.MaxBody = 64 << 10
	}
	if o.Rate <= 0 {
		o.Rate = 20
	}
	if o.Burst <= 0 {
		o.Burst = 100
	}
	if o.DedupeWindow <= 0 {
		o.DedupeWindow = 10 * time.Minute
	}
	if o.Queue <= 0 {
		o.Queue = 1024
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sink == nil {
		o.Sink = func(context.Context, Event) {}
	}
	return o
}

// Close stops the worker once the queued events are handled.
func (r *Receiver) Close() {
	r.mu.Lock()
	if !r.closed {
		r.closed = true
		close(r.queue)
	}
	r.mu.Unlock()
	<-r.done
}

func (r *Receiver) work() {
	defer close(r.done)
	for ev := range r.queue {
		r.o.Sink(context.Background(), ev)
	}
}

// authorized compares the header with every secret in constant time, and
// always with all of them, so timing tells nothing about which matched.
func (r *Receiver) authorized(h string) bool {
	ok := 0
	for _, s := range r.secrets {
		ok |= subtle.ConstantTimeCompare([]byte(h), s)
	}
	return ok == 1
}

func (r *Receiver) refuse(w http.ResponseWriter, req *http.Request, code int, msg string) {
	r.o.Logger.Warn("webhook refused", "status", code, "reason", msg, "remote", req.RemoteAddr)
	http.Error(w, msg, code)
}

// ServeHTTP checks, parses and queues one delivery, answering 202 before the
// event is handled.
func (r *Receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if req.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		r.refuse(w, req, http.StatusMethodNotAllowed, "method not allowed: Freshdesk webhooks are POSTed")
		return
	}
	if !r.authorized(req.Header.Get(r.o.Header)) {
		r.refuse(w, req, http.StatusUnauthorized, "unauthorized: missing or wrong "+r.o.Header+" header")
		return
	}
	if !r.limit.Allow() {
		w.Header().Set("Retry-After", "1")
		r.refuse(w, req, http.StatusTooManyRequests, "too many webhook deliveries; retry later")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, req.Body, r.o.MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			r.refuse(w, req, http.StatusRequestEntityTooLarge, "webhook body too large")
			return
		}
		r.refuse(w, req, http.StatusBadRequest, "reading the webhook body failed")
		return
	}
	ev, err := Parse(body)
	if err != nil {
		r.refuse(w, req, http.StatusBadRequest, err.Error())
		return
	}
	if !r.first(req.Context(), body) {
		w.WriteHeader(http.StatusOK) // a retry of a delivery already handled
		_, _ = io.WriteString(w, "duplicate delivery ignored\n")
		return
	}
	if !r.enqueue(ev) {
		r.forget(req.Context(), body) // so Freshdesk's retry is not taken for a duplicate
		w.Header().Set("Retry-After", "60")
		r.refuse(w, req, http.StatusServiceUnavailable, "webhook queue full or shutting down; retry later")
		return
	}
	w.WriteHeader(http.StatusAccepted)
	_, _ = io.WriteString(w, "accepted\n")
}

func (r *Receiver) enqueue(ev Event) bool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if r.closed {
		return false
	}
	select {
	case r.queue <- ev:
		return true
	default:
		return false
	}
}

// sharedKey is the shared store's key of a body.
func sharedKey(body []byte) string {
	sum := sha256.Sum256(body)
	return "webhook:" + hex.EncodeToString(sum[:])
}

// first reports whether body was not delivered within the window, to any
// replica when a shared store is set (falling back to this one's memory).
func (r *Receiver) first(ctx context.Context, body []byte) bool {
	now := r.o.Now()
	local := r.seen.first(body, now)
	if r.o.Shared == nil {
		return local
	}
	ok, err := r.o.Shared.SetNX(ctx, sharedKey(body), 1, now.Add(r.o.DedupeWindow))
	if err != nil {
		r.o.Logger.Warn("webhook retry check in the shared store failed; using this replica's memory", "error", err)
		return local
	}
	return ok
}

func (r *Receiver) forget(ctx context.Context, body []byte) {
	r.seen.forget(body)
	if r.o.Shared != nil {
		_ = r.o.Shared.Delete(ctx, sharedKey(body))
	}
}
