package fdapi

import (
	"bufio"
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptrace"
	"sync/atomic"
	"syscall"
	"testing"
)

// roundTripFunc lets a test decide what the transport reports.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestWriteSentOnceConnectionObtained: a POST/PUT counts as sent as soon as a
// connection was obtained, even if the transport fails before WroteRequest
// fires; it is retried only when no connection was obtained.
func TestWriteSentOnceConnectionObtained(t *testing.T) {
	connReset := &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
	tests := []struct {
		name        string
		gotConn     bool // the transport reports GotConn before failing
		method      string
		wantTries   int32
		wantUnknown bool
	}{
		{name: "POST fails after GotConn: not retried, unknown", gotConn: true, method: http.MethodPost, wantTries: 1, wantUnknown: true},
		{name: "PUT fails after GotConn: not retried, unknown", gotConn: true, method: http.MethodPut, wantTries: 1, wantUnknown: true},
		{name: "POST fails before a connection: retried", method: http.MethodPost, wantTries: 4},
		{name: "GET fails after GotConn: retried", gotConn: true, method: http.MethodGet, wantTries: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tries atomic.Int32
			rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
				tries.Add(1)
				if r.Method != tt.method {
					t.Errorf("method %s, want %s", r.Method, tt.method)
				}
				if tr := httptrace.ContextClientTrace(r.Context()); tt.gotConn && tr != nil && tr.GotConn != nil {
					tr.GotConn(httptrace.GotConnInfo{})
				}
				return nil, connReset
			})
			c, _, _ := newTestClient(t, http.NotFoundHandler(), func(cfg *Config) { cfg.HTTPClient = &http.Client{Transport: rt} })
			var err error
			switch tt.method {
			case http.MethodPost:
				_, err = c.CreateNote(context.Background(), 1, NoteInput{Body: "x"})
			case http.MethodPut:
				_, err = c.UpdateTicket(context.Background(), 1, TicketUpdate{Status: new(int)})
			default:
				_, err = c.GetTicket(context.Background(), 1)
			}
			if err == nil {
				t.Fatal("want error")
			}
			if got := tries.Load(); got != tt.wantTries {
				t.Errorf("tries = %d, want %d", got, tt.wantTries)
			}
			if got := errors.Is(err, ErrOutcomeUnknown); got != tt.wantUnknown {
				t.Errorf("ErrOutcomeUnknown = %v, want %v: %v", got, tt.wantUnknown, err)
			}
		})
	}
}

// TestPostNotRetriedWhenServerClosesAfterHeaders: a server that reads the
// request headers and then closes the connection may have acted on them, so
// the POST is sent exactly once and the outcome is unknown.
func TestPostNotRetriedWhenServerClosesAfterHeaders(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	var accepted atomic.Int32
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			// Read the request line and headers, then hang up.
			if _, err := http.ReadRequest(bufio.NewReader(conn)); err != nil {
				t.Errorf("server: reading request headers: %v", err)
			}
			conn.Close()
		}
	}()
	c, err := New(Config{Domain: "http://" + ln.Addr().String(), APIKey: testKey, UserAgent: "freshdesk-mcp/test"})
	if err != nil {
		t.Fatal(err)
	}
	c.sleep = newFakeClock().sleep
	_, err = c.CreateNote(context.Background(), 1, NoteInput{Body: "x"})
	if !errors.Is(err, ErrOutcomeUnknown) || errors.Is(err, ErrWriteApplied) {
		t.Fatalf("err = %v, want outcome unknown", err)
	}
	ln.Close()
	<-done
	if got := accepted.Load(); got != 1 {
		t.Fatalf("connections = %d, want 1 (POST must not be retried)", got)
	}
}
