package fdtest

import (
	"bytes"
	"io"
	"net/http"
	"sync"
)

// Replay is an http.RoundTripper for benchmarks: the first time it sees a
// GET it asks Next and records the response (status, headers, body); after
// that it answers the same GET from memory. It takes the emulator and the
// network out of a measurement, so what is left is the client's own cost:
// on a small shared machine the emulator's CPU otherwise drowns the
// differences in noise. Requests other than GET always go to Next.
type Replay struct {
	Next http.RoundTripper

	mu       sync.Mutex
	seen     map[string]*recorded
	tracking bool
	used     []string // URLs asked for since Track
}

type recorded struct {
	status int
	header http.Header
	length int64
	body   []byte
}

// RoundTrip answers req from the recording, or records what Next answers.
func (t *Replay) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodGet {
		return t.Next.RoundTrip(req)
	}
	key := req.URL.String()
	t.mu.Lock()
	r, ok := t.seen[key]
	if t.tracking {
		t.used = append(t.used, key)
	}
	t.mu.Unlock()
	if !ok {
		resp, err := t.Next.RoundTrip(req)
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		r = &recorded{status: resp.StatusCode, header: resp.Header, length: resp.ContentLength, body: body}
		t.mu.Lock()
		if t.seen == nil {
			t.seen = map[string]*recorded{}
		}
		t.seen[key] = r
		t.mu.Unlock()
	}
	return &http.Response{StatusCode: r.status, Header: r.header.Clone(), ContentLength: r.length,
		Body: io.NopCloser(bytes.NewReader(r.body)), Request: req, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1}, nil
}

// Track starts noting the URLs of GETs, for Used.
func (t *Replay) Track() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.tracking, t.used = true, nil
}

// Used returns the URLs of the GETs since Track, in order, and stops
// noting them (a benchmark loop would otherwise grow the list forever).
func (t *Replay) Used() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	used := t.used
	t.tracking, t.used = false, nil
	return used
}

// Recorded reports whether url has a recording.
func (t *Replay) Recorded(url string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	_, ok := t.seen[url]
	return ok
}

// BodySize is the length of url's recorded response body (0 if none).
func (t *Replay) BodySize(url string) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	if r, ok := t.seen[url]; ok {
		return len(r.body)
	}
	return 0
}
