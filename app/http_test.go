package app

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestHTTPEndpoints(t *testing.T) {
	ts := emulator(t)
	hs := httptest.NewServer(newHTTPHandler(testServer(t, ts, nil), discardLogger()))
	t.Cleanup(hs.Close)

	// Sessions are stateful: a request without a session must be initialize.
	ping := `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}`
	tests := []struct {
		name       string
		method     string
		path       string
		host       string
		body       string
		wantStatus int
		wantBody   string
	}{
		{"healthz", http.MethodGet, pathHealth, "", "", http.StatusOK, `"status":"ok"`},
		{"unknown path", http.MethodGet, "/nope", "", "", http.StatusNotFound, "/mcp"},
		{"initialize over streamable HTTP", http.MethodPost, pathMCP, "", ping, http.StatusOK, `"serverInfo"`},
		{"DNS rebinding refused on /mcp", http.MethodPost, pathMCP, "evil.example", ping, http.StatusForbidden, ""},
		{"DNS rebinding refused on /sse", http.MethodGet, pathSSE, "evil.example:80", "", http.StatusForbidden, ""},
		{"localhost host accepted", http.MethodPost, pathMCP, "localhost", ping, http.StatusOK, `"serverInfo"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, hs.URL+tt.path, strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if tt.host != "" {
				req.Host = tt.host
			}
			if tt.body != "" {
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Accept", "application/json, text/event-stream")
			}
			resp, err := hs.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status %d, want %d: %s", resp.StatusCode, tt.wantStatus, body)
			}
			if !strings.Contains(string(body), tt.wantBody) {
				t.Errorf("body %q lacks %q", body, tt.wantBody)
			}
		})
	}
}

// TestHTTPGracefulShutdown runs Main's HTTP server, opens a legacy SSE
// stream and a streamable session, cancels (as SIGTERM does) and checks the
// server returns promptly with exit 0 and the streams end.
func TestHTTPGracefulShutdown(t *testing.T) {
	ts := emulator(t)
	addrc := make(chan net.Addr, 1)
	var stderr bytes.Buffer
	r := &runner{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &lockedWriter{w: &stderr},
		lookupEnv: env(emulatorEnv(ts)), onListen: func(a net.Addr) { addrc <- a }}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() { done <- r.run(ctx, []string{"--http", "127.0.0.1:0", "--shutdown-timeout", "5s"}) }()

	var addr net.Addr
	select {
	case addr = <-addrc:
	case code := <-done:
		t.Fatalf("server exited early with %d", code)
	case <-time.After(10 * time.Second):
		t.Fatal("server did not start")
	}
	base := "http://" + addr.String()

	// A legacy SSE stream stays open until shutdown.
	sseResp, err := http.Get(base + pathSSE)
	if err != nil {
		t.Fatal(err)
	}
	defer sseResp.Body.Close()
	br := bufio.NewReader(sseResp.Body)
	first, err := br.ReadString('\n')
	if err != nil || !strings.HasPrefix(first, "event: endpoint") {
		t.Fatalf("SSE stream starts with %q, %v", first, err)
	}
	// And a streamable HTTP session works before shutdown.
	init := `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}`
	req, _ := http.NewRequest(http.MethodPost, base+pathMCP, strings.NewReader(init))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json, text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), serverName) || resp.Header.Get("Mcp-Session-Id") == "" {
		t.Fatalf("initialize: %d %s (session %q)", resp.StatusCode, body, resp.Header.Get("Mcp-Session-Id"))
	}

	start := time.Now()
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d after shutdown; stderr:\n%s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("server did not shut down within 10s")
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("shutdown took %s; open streams should not hold it to the timeout", d)
	}
	// The SSE stream has ended.
	readDone := make(chan error, 1)
	go func() { _, err := io.Copy(io.Discard, br); readDone <- err }()
	select {
	case <-readDone:
	case <-time.After(5 * time.Second):
		t.Error("SSE stream still open after shutdown")
	}
	if _, err := http.Get(base + pathHealth); err == nil {
		t.Error("server still accepts connections after shutdown")
	}
	for _, want := range []string{"shutting down", "stopped"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("logs lack %q:\n%s", want, stderr.String())
		}
	}
}

func TestHealthzJSON(t *testing.T) {
	h := newHTTPHandler(testServer(t, emulator(t), nil), discardLogger())
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://127.0.0.1"+pathHealth, nil))
	var v map[string]string
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil || v["status"] != "ok" || v["version"] == "" {
		t.Errorf("healthz = %q (%v)", rec.Body.String(), err)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "http://127.0.0.1"+pathHealth, nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /healthz = %d, want 405", rec.Code)
	}
}
