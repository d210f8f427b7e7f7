package approval

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The browser tests drive Debian's headless Chromium through the DevTools
// protocol with JavaScript switched off in every tab: the page must work
// without it (and its CSP forbids scripts anyway).

// screenshotDirEnv names the directory for the page screenshots; by
// default they go to the test's temporary directory.
const screenshotDirEnv = "FRESHDESK_MCP_SCREENSHOT_DIR"

// chromium returns the browser's path, or skips (fails with CI=true).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "headless Chromium is not installed (apt-get install -y chromium): the confirmation page's browser test cannot run"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// newChrome starts one headless Chromium for t with a fresh profile.
func newChrome(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox, // tests run as root in CI containers
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1000, 1100),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return bctx
}

// tab opens a new tab with JavaScript disabled.
func tab(t *testing.T, browser context.Context) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	noJS := func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return chromedp.Void{}, err
	}
	if err := chromedp.Do(ctx, noJS); err != nil {
		t.Fatalf("disable JavaScript: %v", err)
	}
	return ctx
}

// run runs actions in ctx and fails t on error.
func run(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// text returns the text of the element sel selects.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	h, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("read %s: %v", sel, err)
	}
	return html.UnescapeString(stripTags(h))
}

func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// submit clicks the button sel, waits for the page the form leads to and
// checks its status code and that its status line contains want.
func submit(t *testing.T, ctx context.Context, sel string, code int64, want string) {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
	if got := text(t, ctx, "p.status"); resp.Status != code || !strings.Contains(got, want) {
		t.Fatalf("click %s: page %d %q, want %d with %q", sel, resp.Status, got, code, want)
	}
}

// screenshot saves a full-page PNG of ctx as name and logs its path.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv(screenshotDirEnv)
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100: PNG
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot of the confirmation page: %s", path)
}

// probePreview is the write of issue 10's probe, after outgoing hygiene.
func probePreview() Preview {
	p := testPreview()
	p.Subject = "Printer on fire – please help"
	p.Body = "Hello Ana,\n\nThanks, we are looking into it. A technician will call you today between 14:00 and 16:00.\n\nBest regards,\nSam (Support)"
	p.Removed = []Removal{
		{CodePoint: "U+E0063", Name: "TAG LATIN SMALL LETTER C", Count: 1},
		{CodePoint: "U+E006C", Name: "TAG LATIN SMALL LETTER L", Count: 1},
		{CodePoint: "U+E006F", Name: "TAG LATIN SMALL LETTER O", Count: 2},
		{CodePoint: "U+202E", Name: "RIGHT-TO-LEFT OVERRIDE", Count: 1},
		{CodePoint: "U+200B", Name: "ZERO WIDTH SPACE", Count: 1},
	}
	return p
}

func TestBrowserApproveRedeemsOnce(t *testing.T) {
	browser := newChrome(t)
	e := newEnv(t, nil, 0)
	ctx := context.Background()
	digest := digestOf(t, testArgs())
	c, err := e.a.Create(ctx, Request{Caller: testCaller, ArgsDigest: digest, Preview: probePreview()})
	if err != nil {
		t.Fatal(err)
	}
	tb := tab(t, browser)
	resp, err := chromedp.Run(tb, chromedp.NavigateResponse(c.URL))
	if err != nil {
		t.Fatalf("open the page: %v", err)
	}
	if resp.Status != http.StatusOK {
		t.Fatalf("page status %d", resp.Status)
	}
	header := func(k string) string {
		for name, v := range resp.Headers {
			if strings.EqualFold(name, k) {
				s, _ := v.(string)
				return s
			}
		}
		return ""
	}
	if xfo := header("x-frame-options"); xfo != "DENY" {
		t.Errorf("X-Frame-Options = %q", xfo)
	}
	if csp := header("content-security-policy"); !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("Content-Security-Policy = %q", csp)
	}
	run(t, tb, "wait for the form", chromedp.WaitVisible(chromedp.CSS("button.approve")))
	if h1 := text(t, tb, "h1"); h1 != "Confirm send_reply on ticket #42" {
		t.Errorf("h1 = %q", h1)
	}
	if body := text(t, tb, "#text"); body != probePreview().Body {
		t.Errorf("the page shows %q, want the text exactly as sent %q", body, probePreview().Body)
	}
	if removed := text(t, tb, "#removed"); !strings.Contains(removed, "U+202E RIGHT-TO-LEFT OVERRIDE") {
		t.Errorf("removed list = %q", removed)
	}
	if scripts, err := chromedp.Run(tb, chromedp.Nodes(chromedp.CSSAll("script"), chromedp.AtLeast(0))); err != nil || len(scripts) != 0 {
		t.Errorf("page has %d script elements (%v)", len(scripts), err)
	}
	screenshot(t, tb, "confirm-page.png")

	submit(t, tb, "button.approve", http.StatusOK, "Approved.")
	screenshot(t, tb, "confirm-approved.png")
	if got := e.status(t, c.ID); got != Approved {
		t.Fatalf("status = %v", got)
	}

	assertRedeemedOnce(t, e.a, c.ID, digest)

	// Reloading or going back and submitting again changes nothing.
	run(t, tb, "reload", chromedp.Navigate(c.URL))
	if s := text(t, tb, "p.status"); !strings.Contains(s, "Approved") {
		t.Errorf("reloaded page says %q", s)
	}
	if n, _ := chromedp.Run(tb, chromedp.Nodes(chromedp.CSSAll("button"), chromedp.AtLeast(0))); len(n) != 0 {
		t.Errorf("a decided page offers %d buttons", len(n))
	}
}

func TestBrowserDeclineAndExpiry(t *testing.T) {
	browser := newChrome(t)
	clock := &fakeClock{t: time.Now()}
	e := newEnv(t, clock, 10*time.Minute)
	ctx := context.Background()
	digest := digestOf(t, testArgs())

	declined := e.create(t, GuardLink)
	tb := tab(t, browser)
	run(t, tb, "open", chromedp.Navigate(declined.URL), chromedp.WaitVisible(chromedp.CSS("button.decline")))
	submit(t, tb, "button.decline", http.StatusOK, "Declined.")
	if err := e.a.Redeem(ctx, declined.ID, testCaller, digest); !errors.Is(err, ErrDeclined) {
		t.Fatalf("redeem after decline: %v", err)
	}

	expiring := e.create(t, GuardLink)
	tb2 := tab(t, browser)
	run(t, tb2, "open", chromedp.Navigate(expiring.URL), chromedp.WaitVisible(chromedp.CSS("button.approve")))
	clock.Add(10*time.Minute + time.Second) // the person comes back too late
	submit(t, tb2, "button.approve", http.StatusGone, "expired")
	if got := e.status(t, expiring.ID); got != Expired {
		t.Fatalf("status = %v", got)
	}
	if err := e.a.Redeem(ctx, expiring.ID, testCaller, digest); !errors.Is(err, ErrExpired) {
		t.Fatalf("redeem after expiry: %v", err)
	}
}

// assertRedeemedOnce checks that of every call that tries to use the
// approval id, only the original caller with the original arguments
// succeeds, and only once.
func assertRedeemedOnce(t *testing.T, a *Approvals, id, digest string) {
	t.Helper()
	ctx := context.Background()
	altered := testArgs()
	altered["body"] = "Hello Ana, please pay the invoice to IBAN XX00 0000"
	attempts := []struct {
		caller, digest string
		want           error
	}{
		{"token:other-bot", digest, ErrWrongCaller},
		{testCaller, digestOf(t, altered), ErrArgsChanged},
		{testCaller, digest, nil},
		{testCaller, digest, ErrReplayed},
		{"token:other-bot", digest, ErrWrongCaller},
		{testCaller, digest, ErrReplayed},
	}
	ok := 0
	for i, at := range attempts {
		err := a.Redeem(ctx, id, at.caller, at.digest)
		if err == nil {
			ok++
		}
		if (at.want == nil) != (err == nil) || (at.want != nil && !errors.Is(err, at.want)) {
			t.Errorf("attempt %d (%s): %v, want %v", i, at.caller, err, at.want)
		}
	}
	if ok != 1 {
		t.Fatalf("%d redeems succeeded, want exactly 1", ok)
	}
}

// evilSite serves pages of another origin (another port of 127.0.0.1:
// same site, so the SameSite cookie IS sent and only the Origin check and
// the form token stand in the way).
func evilSite(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/forge", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		fmt.Fprintf(w, `<!doctype html><html lang="en"><title>Win a prize</title><form method="post" action="%s">`+
			`<input type="hidden" name="csrf" value="%s"><input type="hidden" name="decision" value="approve">`+
			`<button id="go">Claim prize</button></form>`, html.EscapeString(q.Get("target")), html.EscapeString(q.Get("csrf")))
	})
	mux.HandleFunc("/frame", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!doctype html><html lang="en"><title>Framed</title><iframe id="f" width="900" height="600" src="%s"></iframe>`,
			html.EscapeString(r.URL.Query().Get("target")))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestBrowserCSRFAndClickjacking(t *testing.T) {
	browser := newChrome(t)
	e := newEnv(t, nil, 0)
	evil := evilSite(t)
	c := e.create(t, GuardLink)

	// The person has the page open (their browser holds its cookie); the
	// attacker even knows the form token. A POST from another origin is
	// still refused.
	tb := tab(t, browser)
	run(t, tb, "open", chromedp.Navigate(c.URL), chromedp.WaitVisible(chromedp.CSS("button.approve")))
	tok, err := chromedp.Run(tb, chromedp.AttributeValue(chromedp.CSS(`input[name=csrf]`), "value"))
	if err != nil || !tok.Exists {
		t.Fatalf("read the form token: %v", err)
	}
	for name, csrf := range map[string]string{"without the token": "", "with the real token": tok.Value} {
		forge := evil.URL + "/forge?" + url.Values{"target": {c.URL}, "csrf": {csrf}}.Encode()
		run(t, tb, "open the attacker's page", chromedp.Navigate(forge), chromedp.WaitVisible(chromedp.ID("go")))
		submit(t, tb, "#go", http.StatusForbidden, "Nothing was decided")
		if got := e.status(t, c.ID); got != Pending {
			t.Fatalf("forged POST %s: status = %v, want pending", name, got)
		}
	}

	// Framing: the browser refuses to render the page inside another site.
	run(t, tb, "frame", chromedp.Navigate(evil.URL+"/frame?"+url.Values{"target": {c.URL}}.Encode()), chromedp.WaitReady(chromedp.ID("f")))
	time.Sleep(300 * time.Millisecond) // let the frame's navigation settle
	tree, err := chromedp.Call(tb, page.GetFrameTree, cdp.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	if len(tree.FrameTree.ChildFrames) != 1 {
		t.Fatalf("%d child frames", len(tree.FrameTree.ChildFrames))
	}
	child := tree.FrameTree.ChildFrames[0].Frame
	if strings.HasPrefix(child.URL, e.srv.URL) && child.UnreachableURL == "" {
		t.Fatalf("the confirmation page loaded inside a frame (frame %+v)", child)
	}
	t.Logf("framed page blocked: frame url %q, unreachable %q", child.URL, child.UnreachableURL)
	if got := e.status(t, c.ID); got != Pending {
		t.Fatalf("status = %v", got)
	}
}
