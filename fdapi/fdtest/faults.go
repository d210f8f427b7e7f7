package fdtest

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Fault makes the next Count requests that match Method and PathPrefix misbehave.
//
// Kinds (may be combined; Delay applies first):
//   - Delay: wait before handling (the store lock is not held while waiting).
//   - Status: answer with this status and Body without touching state
//     (Body defaults to Freshdesk's body for the status; Retry-After is set
//     when RetryAfter > 0). A 429 carries no X-RateLimit headers.
//   - DropAfterApply: handle the request fully (writes are applied), then
//     close the connection without sending a response.
//   - DelayAfterApply: handle the request fully, then wait before
//     responding (a slow answer after the commit: the client may time out
//     although the write happened).
//   - MalformedJSON: handle the request, then send a truncated JSON body.
type Fault struct {
	Method          string        // "" matches any method
	PathPrefix      string        // matched against the URL path; "/tickets/1/notes" and "/api/v2/tickets/1/notes" are equivalent
	Query           string        // "" matches any; else the raw query string must contain it (e.g. "company_id=")
	Count           int           // how many requests to affect; <= 0 means 1
	Status          int           // respond with this status instead of handling
	Body            string        // body for Status (default: Freshdesk's body for it)
	RetryAfter      int           // Retry-After seconds for Status
	Delay           time.Duration // wait before handling
	DropAfterApply  bool          // apply, then drop the connection
	DelayAfterApply time.Duration // apply, then wait before responding
	MalformedJSON   bool          // apply, then send broken JSON
}

type faultSet struct {
	mu   sync.Mutex
	list []*Fault
}

// AddFault queues a fault; faults are matched in the order they were added.
func (s *Server) AddFault(f Fault) {
	if f.Count <= 0 {
		f.Count = 1
	}
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.list = append(s.faults.list, &f)
}

// ClearFaults removes all pending faults.
func (s *Server) ClearFaults() {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.list = nil
}

// take consumes one use of the first fault matching r, if any.
func (fs *faultSet) take(r *http.Request) *Fault {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	path := r.URL.Path
	for i, f := range fs.list {
		if f.Method != "" && !strings.EqualFold(f.Method, r.Method) {
			continue
		}
		prefix := f.PathPrefix
		if prefix != "" && !strings.HasPrefix(prefix, "/api/") {
			prefix = "/api/v2" + ensureSlash(prefix)
		}
		if !strings.HasPrefix(path, prefix) || !strings.Contains(r.URL.RawQuery, f.Query) {
			continue
		}
		f.Count--
		if f.Count <= 0 {
			fs.list = append(fs.list[:i:i], fs.list[i+1:]...)
		}
		cp := *f
		return &cp
	}
	return nil
}

func ensureSlash(p string) string {
	if strings.HasPrefix(p, "/") {
		return p
	}
	return "/" + p
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// faultBody returns the body a fault answers with.
func faultBody(f *Fault) []byte {
	if f.Body != "" {
		return []byte(f.Body)
	}
	switch {
	case f.Status == http.StatusNotFound:
		return nil
	case f.Status == http.StatusTooManyRequests:
		return []byte(`{"message":"` + msgRateLimited + `"}`)
	case f.Status >= 500:
		return []byte(`{"message":"` + msgServerError + `"}`)
	}
	return []byte(`{"message":"` + http.StatusText(f.Status) + `"}`)
}

// dropConnection closes the client connection without a response.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	// Not hijackable (HTTP/2, recorders): abort the handler, which resets the stream.
	panic(http.ErrAbortHandler)
}
