package fdapi

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestParseDomain(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr string
	}{
		{in: "acme", want: "https://acme.freshdesk.com"},
		{in: "  Acme  ", want: "https://acme.freshdesk.com"},
		{in: "acme.freshdesk.com", want: "https://acme.freshdesk.com"},
		{in: "acme.freshdesk.com/", want: "https://acme.freshdesk.com"},
		{in: "https://acme.freshdesk.com", want: "https://acme.freshdesk.com"},
		{in: "https://acme.freshdesk.com/", want: "https://acme.freshdesk.com"},
		{in: "https://acme.freshdesk.com/api/v2", want: "https://acme.freshdesk.com"},
		{in: "http://127.0.0.1:8080", want: "http://127.0.0.1:8080"},
		{in: "http://localhost:9", want: "http://localhost:9"},
		{in: "http://[::1]:8080", want: "http://[::1]:8080"},
		{in: "http://127.0.0.2", want: "http://127.0.0.2"},
		{in: "http://acme.freshdesk.com", wantErr: "plain http is allowed only for loopback"},
		{in: "http://10.0.0.1:80", wantErr: "plain http is allowed only for loopback"},
		{in: "http://localhost.evil.com", wantErr: "plain http is allowed only for loopback"},
		{in: "", wantErr: "empty"},
		{in: "ac me", wantErr: "not a valid subdomain"},
		{in: "-acme", wantErr: "not a valid subdomain"},
		{in: "ftp://acme.freshdesk.com", wantErr: "not supported"},
		{in: "https://user:pw@acme.freshdesk.com", wantErr: "credentials"},
		{in: "https://acme.freshdesk.com/helpdesk", wantErr: "must not contain a path"},
		{in: "https://acme.freshdesk.com/?x=1", wantErr: "query"},
		{in: "https://", wantErr: "no host"},
		{in: "https://acme.freshdesk.com:443", want: "https://acme.freshdesk.com"},
		{in: "HTTPS://ACME.Freshdesk.com:443/api/v2/", want: "https://acme.freshdesk.com"},
		{in: "acme.freshdesk.com:443", want: "https://acme.freshdesk.com"},
		{in: "https://acme.freshdesk.com:", want: "https://acme.freshdesk.com"},
		{in: "https://acme.freshdesk.com:8443", want: "https://acme.freshdesk.com:8443"},
		{in: "http://127.0.0.1:80", want: "http://127.0.0.1"},
		{in: "http://[::1]:80", want: "http://[::1]"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			u, err := ParseDomain(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseDomain(%q) err = %v, want containing %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDomain(%q): %v", tt.in, err)
			}
			if u.String() != tt.want {
				t.Fatalf("ParseDomain(%q) = %s, want %s", tt.in, u, tt.want)
			}
		})
	}
}

func TestNewValidatesAndDefaults(t *testing.T) {
	if _, err := New(Config{Domain: "acme"}); err == nil || !strings.Contains(err.Error(), "API key") {
		t.Fatalf("New without key: %v", err)
	}
	if _, err := New(Config{Domain: "http://example.com", APIKey: "k"}); err == nil {
		t.Fatal("New accepted http for a non-loopback host")
	}
	c, err := New(Config{Domain: "acme", APIKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	if c.timeout != DefaultTimeout || c.maxRetries != DefaultMaxRetries || c.maxRetryWait != DefaultMaxRetryWait ||
		cap(c.sem) != DefaultMaxConcurrent || c.cacheTTL != DefaultCacheTTL || c.reservePct != DefaultReservePercent || c.ua != DefaultUserAgent {
		t.Fatalf("defaults not applied: %+v", c)
	}
	if c.BaseURL() != "https://acme.freshdesk.com" {
		t.Fatalf("BaseURL = %s", c.BaseURL())
	}
	c, err = New(Config{Domain: "acme", APIKey: "k", MaxRetries: -1, ReservePercent: -1, CacheTTL: -1})
	if err != nil {
		t.Fatal(err)
	}
	if c.maxRetries != 0 || c.reservePct != 0 || c.cacheTTL != 0 {
		t.Fatalf("negative values should disable: retries=%d reserve=%v ttl=%v", c.maxRetries, c.reservePct, c.cacheTTL)
	}
}

func TestRequestHeaders(t *testing.T) {
	var got http.Header
	var gotURL string
	c, _, _ := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		gotURL = r.URL.String()
		rateHeaders(w, 700, 699, 1)
		writeJSON(w, 200, `{"id":1,"contact":{"name":"Me","email":"me@example.com"}}`)
	}))
	if _, err := c.Me(context.Background()); err != nil {
		t.Fatal(err)
	}
	user, pass, ok := (&http.Request{Header: got}).BasicAuth()
	if !ok || user != testKey || pass != "X" {
		t.Fatalf("basic auth = %q/%q/%v, want key/X", user, pass, ok)
	}
	if ua := got.Get("User-Agent"); ua != "freshdesk-mcp/test" {
		t.Fatalf("User-Agent = %q", ua)
	}
	if a := got.Get("Accept"); a != "application/json" {
		t.Fatalf("Accept = %q", a)
	}
	if gotURL != "/api/v2/agents/me" || strings.Contains(gotURL, testKey) {
		t.Fatalf("URL = %q", gotURL)
	}
}

// TestKeyNeverLeaks checks formatting, logs and every kind of error.
func TestKeyNeverLeaks(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	basic := base64.StdEncoding.EncodeToString([]byte(testKey + ":X"))
	var modeMu sync.Mutex
	var mode string
	c, _, _ := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		modeMu.Lock()
		m := mode
		modeMu.Unlock()
		switch m {
		case "401":
			writeJSON(w, 401, `{"code":"invalid_credentials","message":"You have to be logged in to perform this action."}`)
		case "500":
			writeJSON(w, 500, `{"message":"We're sorry, but something went wrong."}`)
		case "drop":
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
		case "echo": // a hostile proxy echoing the Authorization header
			writeJSON(w, 400, `{"message":"bad auth `+r.Header.Get("Authorization")+` for `+testKey+`"}`)
		}
	}), func(cfg *Config) { cfg.Logger = logger; cfg.MaxRetries = -1 })

	var texts []string
	for _, m := range []string{"401", "500", "drop", "echo"} {
		modeMu.Lock()
		mode = m
		modeMu.Unlock()
		_, err := c.GetTicket(context.Background(), 1)
		if err == nil {
			t.Fatalf("mode %s: no error", m)
		}
		texts = append(texts, err.Error(), fmt.Sprintf("%+v %#v", err, err))
		_, err = c.CreateNote(context.Background(), 1, NoteInput{Body: "x"})
		if err == nil {
			t.Fatalf("mode %s: no error on write", m)
		}
		texts = append(texts, err.Error())
	}
	// A network error to a closed port.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	c2, err := New(Config{Domain: "http://" + addr, APIKey: testKey, MaxRetries: -1, Logger: logger, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c2.GetTicket(context.Background(), 1)
	if err == nil {
		t.Fatal("closed port: no error")
	}
	texts = append(texts, err.Error())
	cfg := Config{Domain: "acme", APIKey: testKey}
	logger.Info("config", "cfg", cfg, "client", c)
	texts = append(texts, fmt.Sprintf("%v %+v %#v %s", cfg, cfg, cfg, cfg), fmt.Sprintf("%v %+v %#v %s", c, c, c, c), logs.String())
	for _, s := range texts {
		if strings.Contains(s, testKey) || strings.Contains(s, basic) {
			t.Fatalf("API key leaked in %q", s)
		}
	}
	if !strings.Contains(logs.String(), "/api/v2/tickets/1") {
		t.Fatalf("expected request logs, got %q", logs.String())
	}
	if !strings.Contains(texts[len(texts)-3], "[REDACTED]") {
		t.Fatalf("config not redacted: %s", texts[len(texts)-3])
	}
	var fe *Error
	if !errors.As(err, &fe) || fe.Status != 0 {
		t.Fatalf("network error should be *Error with Status 0: %#v", err)
	}
}

func TestRedirectNotFollowed(t *testing.T) {
	var hits counter
	c, _, _ := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.inc()
		http.Redirect(w, r, "http://127.0.0.1:1/steal", http.StatusFound)
	}))
	_, err := c.GetTicket(context.Background(), 1)
	var fe *Error
	if !errors.As(err, &fe) || fe.Status != http.StatusFound {
		t.Fatalf("redirect: err = %v", err)
	}
	if hits.get() != 1 {
		t.Fatalf("hits = %d", hits.get())
	}
}

// TestParseDomainNeverEchoesCredentials: a key pasted into the domain as
// userinfo never appears in the error, whatever else is wrong with the value.
func TestParseDomainNeverEchoesCredentials(t *testing.T) {
	const secret = "SECRETKEY"
	tests := []struct {
		in       string
		wantText string
	}{
		{in: "https://SECRETKEY:X@acme.freshdesk.com", wantText: `"https://[REDACTED]@acme.freshdesk.com"`},
		{in: "SECRETKEY:X@acme.freshdesk.com", wantText: `"[REDACTED]@acme.freshdesk.com"`},
		{in: "SECRETKEY@acme", wantText: "credentials"},
		{in: "http://SECRETKEY:X@acme.freshdesk.com", wantText: "credentials"},
		{in: "https://SECRETKEY:X@acme.freshdesk.com/bad path?q", wantText: "credentials"},
		{in: "https://SECRETKEY:X@[::1", wantText: "credentials"},
		{in: "https://SECRETKEY:p@ss@acme.freshdesk.com", wantText: `"https://[REDACTED]@acme.freshdesk.com"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseDomain(tt.in)
			if err == nil {
				t.Fatal("want error")
			}
			if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "ss@") {
				t.Fatalf("error echoes the credentials: %v", err)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Fatalf("error %q lacks %q", err, tt.wantText)
			}
			if _, err := New(Config{Domain: tt.in, APIKey: "k"}); err == nil || strings.Contains(err.Error(), secret) {
				t.Fatalf("New: %v", err)
			}
		})
	}
}

func TestRedactDomain(t *testing.T) {
	tests := []struct{ in, want string }{
		{in: "acme", want: `"acme"`},
		{in: "https://acme.freshdesk.com", want: `"https://acme.freshdesk.com"`},
		{in: " https://KEY:X@acme.freshdesk.com ", want: `"https://[REDACTED]@acme.freshdesk.com"`},
		{in: "KEY@acme", want: `"[REDACTED]@acme"`},
	}
	for _, tt := range tests {
		if got := RedactDomain(tt.in); got != tt.want {
			t.Errorf("RedactDomain(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
