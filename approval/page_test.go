package approval

import (
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func TestPageShowsExactPreviewSafely(t *testing.T) {
	e := newEnv(t, nil, 0)
	c := e.create(t, GuardLink)
	code, h, raw := newBrowser(t, e.srv.URL).get(c.URL)
	if code != http.StatusOK {
		t.Fatalf("GET: %d", code)
	}
	if !strings.Contains(raw, "Printer &lt;b&gt;on fire&lt;/b&gt;") || !strings.Contains(raw, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("customer and assistant text is not HTML-escaped")
	}
	if strings.Contains(raw, "<script") {
		t.Error("page contains a script element")
	}
	page := html.UnescapeString(raw)
	for _, want := range []string{
		`<html lang="en">`,
		"Confirm send_reply on ticket #42",
		"#42",
		"Printer <b>on fire</b>",
		"written by the customer",
		"Customer-visible",
		"Hello Ana,\n\nThanks, we are looking into it.\n\n<script>alert(1)</script></pre>",
		"1 × <code>U+202E</code> RIGHT-TO-LEFT OVERRIDE",
		"boss@example.com",
		testCaller,
		`name="decision" value="approve"`,
		`name="decision" value="decline"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	assertSecurityHeaders(t, h)
}

func assertSecurityHeaders(t *testing.T, h http.Header) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "frame-ancestors 'none'", "form-action 'self'", "style-src 'sha256-"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "script-src") {
		t.Errorf("CSP %q allows inline code or scripts", csp)
	}
	for k, v := range map[string]string{
		"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff",
		"Referrer-Policy": "same-origin", "Cache-Control": "no-store",
	} {
		if got := h.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
}

func TestPageNeedsItsKey(t *testing.T) {
	e := newEnv(t, nil, 0)
	c := e.create(t, GuardLink)
	b := newBrowser(t, e.srv.URL)
	for name, u := range map[string]string{
		"id only":         e.srv.URL + Path + c.ID,
		"id, wrong key":   e.srv.URL + Path + c.ID + "/AAAAAAAAAAAAAAAAAAAAAA",
		"key of other id": strings.Replace(c.URL, c.ID, e.create(t, GuardLink).ID, 1),
		"nothing":         e.srv.URL + Path,
	} {
		code, h, page := b.get(u)
		if code != http.StatusNotFound || strings.Contains(page, "Hello Ana") {
			t.Errorf("%s: %d, want 404 without the preview", name, code)
		}
		assertSecurityHeaders(t, h)
	}
}

func TestCSRFRefused(t *testing.T) {
	e := newEnv(t, nil, 0)
	c := e.create(t, GuardLink)
	other := e.create(t, GuardLink)
	b := newBrowser(t, e.srv.URL)
	tok := b.token(c.URL)
	otherTok := b.token(other.URL)
	tests := []struct {
		name    string
		b       *browser
		form    url.Values
		headers map[string]string
	}{
		{"no token", b, url.Values{"decision": {"approve"}}, nil},
		{"wrong token", b, url.Values{"csrf": {"x" + tok[1:]}, "decision": {"approve"}}, nil},
		{"token of another page", b, url.Values{"csrf": {otherTok}, "decision": {"approve"}}, nil},
		{"token without its cookie", newBrowser(t, e.srv.URL), url.Values{"csrf": {tok}, "decision": {"approve"}}, nil},
		{"another origin", b, url.Values{"csrf": {tok}, "decision": {"approve"}}, map[string]string{"Origin": "http://evil.example"}},
		{"opaque origin", b, url.Values{"csrf": {tok}, "decision": {"approve"}}, map[string]string{"Origin": "null"}},
		{"cross-site fetch", b, url.Values{"csrf": {tok}, "decision": {"approve"}}, map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "http://evil.example"}},
		{"same-site other port", b, url.Values{"csrf": {tok}, "decision": {"approve"}}, map[string]string{"Sec-Fetch-Site": "same-site", "Origin": "http://127.0.0.1:1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body := tt.b.post(c.URL, tt.form, tt.headers)
			if code != http.StatusForbidden {
				t.Fatalf("forged POST: %d, want 403\n%s", code, body)
			}
			if got := e.status(t, c.ID); got != Pending {
				t.Fatalf("status after a forged POST = %v", got)
			}
		})
	}
	// The genuine form still works afterwards.
	if code, _ := b.post(c.URL, url.Values{"csrf": {tok}, "decision": {"approve"}}, map[string]string{"Sec-Fetch-Site": "same-origin"}); code != http.StatusSeeOther {
		t.Fatalf("genuine POST: %d", code)
	}
	if got := e.status(t, c.ID); got != Approved {
		t.Fatalf("status = %v", got)
	}
}

func TestApproverGuard(t *testing.T) {
	e := newEnv(t, nil, 0)
	b := newBrowser(t, e.srv.URL)

	c := e.create(t, GuardApprover)
	_, _, page := b.get(c.URL)
	if !strings.Contains(page, `<label for="approver">Approver secret</label>`) || !strings.Contains(page, `type="password" id="approver"`) {
		t.Fatalf("approver field missing:\n%s", page)
	}
	if code, _ := b.decide(c.URL, "approve", ""); code != http.StatusForbidden {
		t.Fatalf("approve without the secret: %d", code)
	}
	for i := 2; i < MaxApproverAttempts; i++ {
		code, body := b.decide(c.URL, "approve", "guess")
		if code != http.StatusForbidden || !strings.Contains(body, "Wrong approver secret") {
			t.Fatalf("wrong secret %d: %d", i, code)
		}
		if got := e.status(t, c.ID); got != Pending {
			t.Fatalf("after %d wrong secrets status = %v", i, got)
		}
	}
	// The last allowed attempt (the empty secret counted) declines for good.
	if code, _ := b.decide(c.URL, "approve", "guess"); code != http.StatusSeeOther {
		t.Fatalf("last wrong secret: %d, want 303 to the declined page", code)
	}
	if got := e.status(t, c.ID); got != Declined {
		t.Fatalf("after %d wrong secrets status = %v, want declined", MaxApproverAttempts, got)
	}

	c2 := e.create(t, GuardApprover)
	if code, _ := b.decide(c2.URL, "approve", testApprover); code != http.StatusSeeOther {
		t.Fatalf("approve with the secret: %d", code)
	}
	if got := e.status(t, c2.ID); got != Approved {
		t.Fatalf("status = %v", got)
	}

	c3 := e.create(t, GuardApprover)
	if code, _ := b.decide(c3.URL, "decline", ""); code != http.StatusSeeOther {
		t.Fatalf("decline without the secret: %d", code)
	}
	if got := e.status(t, c3.ID); got != Declined {
		t.Fatalf("status = %v", got)
	}
}

func TestVisibleMarksHiddenCharacters(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain <b>", "plain &lt;b&gt;"},
		{"a\u200bb", `a<span class="cp">[U+200B]</span>b`},
		{"x\u202ey\U000E0041", `x<span class="cp">[U+202E]</span>y<span class="cp">[U+E0041]</span>`},
		{"line\nnext\ttab", "line\nnext\ttab"},
		{"👩\u200d💻", "👩\u200d💻"},
		{"bad\xffbyte", `bad<span class="cp">[invalid byte]</span>byte`},
	}
	for _, tt := range tests {
		if got := string(visible(tt.in)); got != tt.want {
			t.Errorf("visible(%+q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBehindPrefixStrippingProxy(t *testing.T) {
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	a, err := New(Config{BaseURL: srv.URL + "/helpdesk-mcp/"})
	if err != nil {
		t.Fatal(err)
	}
	mux.Handle("/helpdesk-mcp/", http.StripPrefix("/helpdesk-mcp", a.Handler()))
	e := &env{a: a, srv: srv}
	c := e.create(t, GuardLink)
	if !strings.HasPrefix(c.URL, srv.URL+"/helpdesk-mcp/confirm/") {
		t.Fatalf("page URL %s lacks the prefix", c.URL)
	}
	b := newBrowser(t, srv.URL)
	form := url.Values{"csrf": {b.token(c.URL)}, "decision": {"approve"}}
	req, _ := http.NewRequest(http.MethodPost, c.URL, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", srv.URL)
	resp, err := b.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := resp.Location()
	if err != nil || resp.StatusCode != http.StatusSeeOther || loc.String() != c.URL {
		t.Fatalf("POST: %d, Location %v (%v), want 303 to %s", resp.StatusCode, loc, err, c.URL)
	}
	if got := e.status(t, c.ID); got != Approved {
		t.Fatalf("status = %v", got)
	}
}
