package approval

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"html/template"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/freshdesk-mcp/freshdesk-mcp/shape"
)

var (
	//go:embed page.html
	pageHTML string
	//go:embed page.css
	pageCSS string

	pageTmpl = template.Must(template.New("page").Funcs(template.FuncMap{
		"visible": visible,
		"join":    func(s []string) string { return strings.Join(s, ", ") },
		"orNone": func(s string) string {
			if s == "" {
				return "(none)"
			}
			return s
		},
	}).Parse(pageHTML))

	// The only style is the embedded sheet, allowed by its hash: no
	// 'unsafe-inline', no script at all, no framing, forms post only here.
	styleHash = func() string {
		sum := sha256.Sum256([]byte(pageCSS))
		return base64.StdEncoding.EncodeToString(sum[:])
	}()
	contentSecurityPolicy = "default-src 'none'; style-src 'sha256-" + styleHash + "'; " +
		"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)

// csrfCookie holds the browser's random half of the per-page form token.
const csrfCookie = "fdmc_csrf"

// maxFormBytes bounds a posted form (a token, a decision, a secret).
const maxFormBytes = 8 << 10

// pageData is what page.html renders.
type pageData struct {
	Title        string
	Style        template.CSS
	Message      string
	MessageClass string // approved, declined, expired, error
	Preview      *Preview
	Caller       string
	Open         bool // undecided: show the form
	CSRF         string
	NeedApprover bool
	AttemptsLeft int
	Expires      string
}

// Handler serves the confirmation pages under Path: GET shows a pending
// confirmation, POST records a person's decision (once). Mount it outside
// the MCP bearer-token front: the person's browser holds no MCP token; the
// page's own protections are the unguessable link, the per-page form token
// with its SameSite cookie, the Origin check and, for GuardApprover, the
// approver secret.
func (a *Approvals) Handler() http.Handler {
	cop := http.NewCrossOriginProtection()
	_ = cop.AddTrustedOrigin(a.baseOrigin) // a parsed http(s) origin: never fails
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		securityHeaders(w.Header())
		t, id, ok := a.pageToken(r.URL.Path)
		if !ok {
			a.renderMessage(w, http.StatusNotFound, "Confirmation not found", "This confirmation link is not valid. Ask the assistant to prepare the write again.", "error")
			return
		}
		switch r.Method {
		case http.MethodGet, http.MethodHead:
			a.show(w, r, t, id, "", http.StatusOK)
		case http.MethodPost:
			if err := cop.Check(r); err != nil || !a.sameOrigin(r) {
				a.renderMessage(w, http.StatusForbidden, "Request refused", "This form can only be sent from its own page. Nothing was decided.", "error")
				return
			}
			a.post(w, r, t, id)
		default:
			w.Header().Set("Allow", "GET, HEAD, POST")
			a.renderMessage(w, http.StatusMethodNotAllowed, "Method not allowed", "Use the form on this page.", "error")
		}
	})
}

func securityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin") // not no-referrer: that makes browsers post "Origin: null"
	h.Set("Cache-Control", "no-store")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
}

// pageToken parses ".../confirm/<id>/<key>" and checks the page key.
func (a *Approvals) pageToken(path string) (token, string, bool) {
	i := strings.Index(path, Path)
	if i < 0 {
		return token{}, "", false
	}
	id, key, ok := strings.Cut(strings.TrimSuffix(path[i+len(Path):], "/"), "/")
	if !ok || !hmac.Equal([]byte(key), []byte(a.pageKeyOf(id))) {
		return token{}, "", false
	}
	t, ok := a.decode(id)
	return t, id, ok
}

// sameOrigin refuses a POST whose Origin (when the browser sends one) is
// neither the configured base origin nor this request's own host.
func (a *Approvals) sameOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" {
		return true // no browser cross-origin POST omits it today; the form token still applies
	}
	if o == a.baseOrigin {
		return true
	}
	_, host, ok := strings.Cut(o, "://")
	return ok && host == r.Host
}

// errRecordsUnavailable marks a failure to read the records (Redis down),
// as opposed to a record that is absent or does not match its id.
var errRecordsUnavailable = errors.New("approval: confirmation records unavailable")

// load returns the stored record of t, checked against the id's binding.
func (a *Approvals) load(ctx context.Context, t token) (*record, error) {
	b, ok, err := a.records.Get(ctx, recordKey(t.nonce))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errRecordsUnavailable, err)
	}
	if !ok {
		return nil, nil
	}
	if !hmac.Equal(t.preview, a.tag("preview", string(b), wideTagLen)) {
		return nil, fmt.Errorf("approval: stored preview does not match its id")
	}
	var rec record
	if err := json.Unmarshal(b, &rec); err != nil {
		return nil, fmt.Errorf("approval: decode preview: %w", err)
	}
	return &rec, nil
}

// show renders the page of t: the form while undecided, else the decision.
func (a *Approvals) show(w http.ResponseWriter, r *http.Request, t token, id, errMsg string, code int) {
	ctx := r.Context()
	d, err := a.status(ctx, t)
	if err != nil {
		a.renderMessage(w, http.StatusServiceUnavailable, "Try again", "The decision store is unavailable; nothing was decided. Reload the page in a moment.", "error")
		return
	}
	rec, err := a.load(ctx, t)
	if errors.Is(err, errRecordsUnavailable) {
		a.renderMessage(w, http.StatusServiceUnavailable, "Try again", "The confirmation store is unavailable; nothing was decided. Reload the page in a moment.", "error")
		return
	}
	if err != nil || rec == nil {
		if d == Expired {
			a.renderMessage(w, http.StatusGone, "Confirmation expired", "This request expired; nothing was written. Ask the assistant to prepare the write again.", "expired")
			return
		}
		a.renderMessage(w, http.StatusNotFound, "Confirmation not found", "This server does not hold this confirmation (it may have restarted). Nothing was written; ask the assistant to prepare the write again.", "error")
		return
	}
	data := pageData{
		Title:   fmt.Sprintf("Confirm %s on ticket #%d", rec.Preview.Tool, rec.Preview.TicketID),
		Preview: &rec.Preview,
		Caller:  rec.Caller,
		Expires: t.expiry.UTC().Format("15:04:05 MST, 2 Jan 2006"),
	}
	switch d {
	case Approved:
		data.Message, data.MessageClass = "Approved. The assistant's write will now run once; you can close this tab.", "approved"
	case Declined:
		data.Message, data.MessageClass = "Declined. Nothing will be written.", "declined"
	case Expired:
		data.Message, data.MessageClass = "This request expired before it was approved. Nothing was written.", "expired"
		code = http.StatusGone
	default:
		data.Open = true
		data.NeedApprover = t.guard == GuardApprover
		data.CSRF = a.csrfToken(w, r, id)
		if errMsg != "" {
			data.Message, data.MessageClass = errMsg, "error"
		}
		if data.NeedApprover {
			data.AttemptsLeft = a.attemptsLeft(ctx, t)
		}
	}
	a.render(w, code, data)
}

// post records the decision of a person on t.
func (a *Approvals) post(w http.ResponseWriter, r *http.Request, t token, id string) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		a.renderMessage(w, http.StatusBadRequest, "Bad request", "The form could not be read. Reload the page and try again.", "error")
		return
	}
	if !a.csrfValid(r, id) {
		a.renderMessage(w, http.StatusForbidden, "Request refused",
			"This form is stale or was not sent from this page (its token is missing or wrong). Nothing was decided. Reload the page to decide.", "error")
		return
	}
	var want Decision
	switch r.PostForm.Get("decision") {
	case "approve":
		want = Approved
	case "decline":
		want = Declined
	default:
		a.renderMessage(w, http.StatusBadRequest, "Bad request", "Choose Approve or Decline.", "error")
		return
	}
	ctx := r.Context()
	if d, err := a.status(ctx, t); err != nil || d != Pending {
		// Already decided or expired: show that (POST-redirect-GET).
		a.seeOther(w, id)
		return
	}
	if want == Approved && t.guard == GuardApprover {
		if msg, ok := a.checkApprover(ctx, t, r.PostForm.Get("approver_secret")); !ok {
			if msg == "" {
				a.seeOther(w, id)
				return
			}
			a.show(w, r, t, id, msg, http.StatusForbidden)
			return
		}
	}
	if _, err := a.decide(ctx, t, want); err != nil {
		a.renderMessage(w, http.StatusServiceUnavailable, "Try again", "The decision could not be recorded; nothing was decided. Reload the page and try again.", "error")
		return
	}
	a.seeOther(w, id)
}

// seeOther sends the browser back to the page of id after a POST (the
// POST-redirect-GET pattern, so a reload does not post again). The
// Location is the page key alone, relative to the page itself, so it stays
// right behind a proxy that strips a path prefix.
func (a *Approvals) seeOther(w http.ResponseWriter, id string) {
	w.Header().Set("Location", a.pageKeyOf(id))
	w.WriteHeader(http.StatusSeeOther)
}

// checkApprover checks the approver secret. A wrong one counts against
// MaxApproverAttempts; the last wrong one declines the request and returns
// ("", false) so the page shows the decision.
func (a *Approvals) checkApprover(ctx context.Context, t token, given string) (string, bool) {
	sum := sha256.Sum256([]byte(given))
	if a.approver != nil && hmac.Equal(sum[:], a.approver) {
		return "", true
	}
	n, _, err := a.store.Incr(ctx, failKey(t.nonce), 1, t.expiry.Add(slack))
	if err != nil {
		return "The attempt could not be recorded; nothing was decided. Try again in a moment.", false
	}
	if n >= MaxApproverAttempts {
		_, _ = a.decide(ctx, t, Declined)
		return "", false
	}
	return fmt.Sprintf("Wrong approver secret. Nothing was decided; %d attempts left.", MaxApproverAttempts-int(n)), false
}

func (a *Approvals) attemptsLeft(ctx context.Context, t token) int {
	n, _, ok, err := a.store.Get(ctx, failKey(t.nonce))
	if err != nil || !ok {
		return 0 // not shown until the first wrong attempt
	}
	return MaxApproverAttempts - int(n)
}

// csrfToken returns the form token of page id for this browser, setting
// the browser's random half in a SameSite=Strict, HttpOnly cookie scoped to
// the page (an existing one is reused, so two tabs stay valid).
func (a *Approvals) csrfToken(w http.ResponseWriter, r *http.Request, id string) string {
	nonce := ""
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) == 22 {
		nonce = c.Value
	} else {
		nonce = rand.Text()[:22]
		http.SetCookie(w, &http.Cookie{
			Name: csrfCookie, Value: nonce, Path: a.cookiePath(id),
			HttpOnly: true, Secure: a.base.Scheme == "https", SameSite: http.SameSiteStrictMode,
			MaxAge: int(a.ttl / time.Second),
		})
	}
	return a.csrfFor(id, nonce)
}

func (a *Approvals) csrfFor(id, nonce string) string {
	return base64.RawURLEncoding.EncodeToString(mac(a.csrfKey, []byte(id+"\x00"+nonce))[:24])
}

func (a *Approvals) csrfValid(r *http.Request, id string) bool {
	c, err := r.Cookie(csrfCookie)
	if err != nil || len(c.Value) != 22 {
		return false
	}
	return hmac.Equal([]byte(r.PostForm.Get("csrf")), []byte(a.csrfFor(id, c.Value)))
}

// cookiePath is the browser-visible directory of the page of id.
func (a *Approvals) cookiePath(id string) string {
	return a.base.Path + Path + id + "/"
}

func (a *Approvals) renderMessage(w http.ResponseWriter, code int, title, msg, class string) {
	a.render(w, code, pageData{Title: title, Message: msg, MessageClass: class})
}

func (a *Approvals) render(w http.ResponseWriter, code int, data pageData) {
	data.Style = template.CSS(pageCSS)
	var buf bytes.Buffer
	if err := pageTmpl.Execute(&buf, data); err != nil {
		http.Error(w, "page rendering failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	_, _ = w.Write(buf.Bytes())
}

// visible escapes s for HTML and shows every character that outgoing text
// must not carry (invisible, bidi, tag, control) as a visible marker, so a
// person sees them even if a caller skipped shape.CleanOutgoing.
func visible(s string) template.HTML {
	var b strings.Builder
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		bad := r == utf8.RuneError && size == 1
		if !bad && (r == '\n' || r == '\t' || !shape.OutgoingForbidden(r, shape.MultiLine)) {
			i += size
			continue
		}
		b.WriteString(html.EscapeString(s[start:i]))
		if bad {
			b.WriteString(`<span class="cp">[invalid byte]</span>`)
		} else {
			fmt.Fprintf(&b, `<span class="cp">[U+%04X]</span>`, r)
		}
		i += size
		start = i
	}
	b.WriteString(html.EscapeString(s[start:]))
	return template.HTML(b.String())
}
