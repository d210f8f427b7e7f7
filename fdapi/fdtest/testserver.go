package fdtest

import (
	"net/http/httptest"
	"testing"
)

// TestServer is a Server listening on 127.0.0.1 for the duration of a test.
type TestServer struct {
	*Server
	URL    string // http://127.0.0.1:port, usable as fdapi.Config.Domain
	APIKey string // the key the server accepts
}

// NewServer starts a Server on a loopback port; it is closed by t.Cleanup.
func NewServer(t testing.TB, opts Options) *TestServer {
	t.Helper()
	s := New(opts)
	hs := httptest.NewServer(s)
	t.Cleanup(hs.Close)
	return &TestServer{Server: s, URL: hs.URL, APIKey: s.apiKey}
}
