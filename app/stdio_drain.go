package app

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strconv"
	"sync"
	"time"
)

// stdioDrain makes the stdio server answer every request it has read before
// it stops on end of input. mcp-go's stdio server cancels requests in flight
// the moment stdin reaches EOF, so `printf '...tools/call...' | freshdesk-mcp`
// would otherwise print no answer. The drain watches request ids coming in on
// stdin and answers going out on stdout, and holds back the EOF until every
// request read has been answered (or ctx ends, or maxWait passes).
type stdioDrain struct {
	mu      sync.Mutex
	pending map[string]bool
	changed chan struct{} // signalled when pending shrinks
}

func newStdioDrain() *stdioDrain {
	return &stdioDrain{pending: map[string]bool{}, changed: make(chan struct{}, 1)}
}

// wait blocks until no request is pending, ctx ends or maxWait passes.
func (d *stdioDrain) wait(ctx context.Context, maxWait time.Duration) {
	timer := time.NewTimer(maxWait)
	defer timer.Stop()
	for {
		d.mu.Lock()
		n := len(d.pending)
		d.mu.Unlock()
		if n == 0 {
			return
		}
		select {
		case <-d.changed:
		case <-ctx.Done():
			return
		case <-timer.C:
			return
		}
	}
}

// sawRequest records an incoming line that is a request (id and method).
func (d *stdioDrain) sawRequest(line []byte) {
	var m struct {
		ID     json.RawMessage `json:"id"`
		Method string          `json:"method"`
	}
	if json.Unmarshal(line, &m) != nil || m.Method == "" {
		return
	}
	if id, ok := idKey(m.ID); ok {
		d.mu.Lock()
		d.pending[id] = true
		d.mu.Unlock()
	}
}

// sawOutgoing records an outgoing line; an answer (id, then result or error)
// settles its request. It reads only the leading keys: mcp-go writes
// "jsonrpc", "id", then "result"/"error"/"method", and results can be large.
func (d *stdioDrain) sawOutgoing(line []byte) {
	dec := json.NewDecoder(bytes.NewReader(line))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return
	}
	var id string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return
		}
		key, _ := t.(string)
		switch key {
		case "id":
			var raw json.RawMessage
			if dec.Decode(&raw) != nil {
				return
			}
			var ok bool
			if id, ok = idKey(raw); !ok {
				return
			}
		case "result", "error":
			if id != "" {
				d.settle(id)
			}
			return
		case "method":
			return // a notification or a request to the client
		default:
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return
			}
		}
	}
}

func (d *stdioDrain) settle(id string) {
	d.mu.Lock()
	delete(d.pending, id)
	d.mu.Unlock()
	select {
	case d.changed <- struct{}{}:
	default:
	}
}

// idKey normalises a JSON-RPC id (number or string) to a map key.
func idKey(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return "", false
	}
	if raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return "", false
		}
		return "s:" + s, true
	}
	f, err := strconv.ParseFloat(string(raw), 64)
	if err != nil {
		return "", false
	}
	return "n:" + strconv.FormatFloat(f, 'g', -1, 64), true
}

// lineSplitter feeds complete lines of a byte stream to fn.
type lineSplitter struct {
	partial []byte
	fn      func([]byte)
}

func (l *lineSplitter) feed(p []byte) {
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			l.partial = append(l.partial, p...)
			return
		}
		line := p[:i]
		if len(l.partial) > 0 {
			line = append(l.partial, line...)
			l.partial = nil
		}
		if len(bytes.TrimSpace(line)) > 0 {
			l.fn(line)
		}
		p = p[i+1:]
	}
}

func (l *lineSplitter) flush() {
	if len(bytes.TrimSpace(l.partial)) > 0 {
		l.fn(l.partial)
	}
	l.partial = nil
}

// drainReader is stdin as the stdio server sees it: requests are recorded,
// and EOF is delivered only once they are all answered.
type drainReader struct {
	ctx     context.Context
	r       io.Reader
	d       *stdioDrain
	lines   lineSplitter
	maxWait time.Duration
	eof     bool
	// pendingNewline: the newline that ends an unterminated last line is
	// still to be delivered.
	pendingNewline bool
}

func newDrainReader(ctx context.Context, r io.Reader, d *stdioDrain, maxWait time.Duration) *drainReader {
	dr := &drainReader{ctx: ctx, r: r, d: d, maxWait: maxWait}
	dr.lines.fn = d.sawRequest
	return dr
}

func (r *drainReader) Read(p []byte) (int, error) {
	if r.pendingNewline && len(p) > 0 {
		r.pendingNewline = false
		p[0] = '\n'
		return 1, nil
	}
	if r.eof {
		r.d.wait(r.ctx, r.maxWait)
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	n, err := r.r.Read(p)
	r.lines.feed(p[:n])
	if err != io.EOF {
		return n, err
	}
	r.eof = true
	if unterminated := len(r.lines.partial) > 0; unterminated || n > 0 {
		r.lines.flush()
		// mcp-go drops a last line that has no newline; end it. Either way
		// the server reads these bytes first and gets EOF on the next call.
		if unterminated {
			if n < len(p) {
				p[n] = '\n'
				return n + 1, nil
			}
			r.pendingNewline = true
		}
		return n, nil
	}
	r.d.wait(r.ctx, r.maxWait)
	return 0, io.EOF
}

// drainWriter is stdout: answers written settle their requests. Writes come
// from several goroutines, hence the lock.
type drainWriter struct {
	mu    sync.Mutex
	w     io.Writer
	lines lineSplitter
}

func newDrainWriter(w io.Writer, d *stdioDrain) *drainWriter {
	dw := &drainWriter{w: w}
	dw.lines.fn = d.sawOutgoing
	return dw
}

func (w *drainWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, err := w.w.Write(p)
	// Settle only after the answer is out, so EOF never overtakes it.
	w.lines.feed(p[:n])
	return n, err
}
