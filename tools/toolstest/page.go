package toolstest

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// Page is a person's browser on the confirmation page (package approval),
// reduced to what the tests need: a cookie jar, same-origin form posts and
// no JavaScript (the page has none). The page's real-browser test is
// approval/browser_test.go (headless Chromium).
type Page struct {
	t      testing.TB
	client *http.Client
}

// NewPage returns a browser with an empty cookie jar.
func NewPage(t testing.TB) *Page {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &Page{t: t, client: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// Open GETs the page at u and returns its status and HTML.
func (p *Page) Open(u string) (int, string) {
	p.t.Helper()
	resp, err := p.client.Get(u)
	if err != nil {
		p.t.Fatalf("GET confirmation page: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// Decide opens the page at u and presses decision ("approve" or
// "decline"), entering secret as the approver secret when it is not empty.
// It returns the status and HTML of the answer.
func (p *Page) Decide(u, decision, secret string) (int, string) {
	p.t.Helper()
	code, html := p.Open(u)
	m := csrfRE.FindStringSubmatch(html)
	if code != http.StatusOK || m == nil {
		p.t.Fatalf("confirmation page %d without a form:\n%s", code, html)
	}
	form := url.Values{"csrf": {m[1]}, "decision": {decision}}
	if secret != "" {
		form.Set("approver_secret", secret)
	}
	pu, err := url.Parse(u)
	if err != nil {
		p.t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
	if err != nil {
		p.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", pu.Scheme+"://"+pu.Host)
	resp, err := p.client.Do(req)
	if err != nil {
		p.t.Fatalf("POST confirmation page: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == http.StatusSeeOther {
		// The page redirects to itself after a decision (POST-redirect-GET).
		loc, err := pu.Parse(resp.Header.Get("Location"))
		if err != nil {
			p.t.Fatalf("redirect: %v", err)
		}
		return p.Open(loc.String())
	}
	return resp.StatusCode, string(body)
}
