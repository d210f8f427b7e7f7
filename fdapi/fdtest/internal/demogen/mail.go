package main

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"time"
)

// mailClient is the program a customer writes from; it decides the markup of
// quoted history and signatures.
type mailClient int

const (
	clientGmail       mailClient = iota // gmail_quote + gmail_signature
	clientOutlook                       // divRplyFwdMsg header block
	clientOutlookOrig                   // "-----Original Message-----"
	clientApple                         // blockquote type="cite"
	clientThunderbird                   // moz-cite-prefix + "-- " signature
	clientPlain                         // top post with "-- " signature, history removed
	clientPortal                        // reply typed in the support portal: no quote
)

const fdStyle = `font-family:-apple-system, BlinkMacSystemFont, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif; font-size:14px`

var urlRe = regexp.MustCompile(`https?://[^\s<]+[^\s<.,)]`)

// paras renders plain text as HTML: blank lines split paragraphs, "- " lines become lists.
func paras(text string) string {
	var b strings.Builder
	for i, p := range strings.Split(text, "\n\n") {
		lines := strings.Split(p, "\n")
		if isList(lines) {
			b.WriteString("<ul>")
			for _, l := range lines {
				b.WriteString("<li>" + inline(strings.TrimPrefix(l, "- ")) + "</li>")
			}
			b.WriteString("</ul>")
			continue
		}
		if i > 0 {
			b.WriteString("<br>")
		}
		for j, l := range lines {
			if j > 0 {
				b.WriteString("<br>")
			}
			b.WriteString(inline(l))
		}
		b.WriteString("<br>")
	}
	return strings.TrimSuffix(b.String(), "<br>")
}

func isList(lines []string) bool {
	for _, l := range lines {
		if !strings.HasPrefix(l, "- ") {
			return false
		}
	}
	return len(lines) > 0
}

// inline escapes one line and links URLs.
func inline(s string) string {
	e := html.EscapeString(s)
	e = strings.ReplaceAll(e, "&#34;", "&quot;")
	e = strings.ReplaceAll(e, "&#39;", "'")
	return urlRe.ReplaceAllStringFunc(e, func(u string) string {
		return `<a href="` + u + `" rel="noreferrer" target="_blank">` + u + `</a>`
	})
}

func addr(name, email string) string { return html.EscapeString(name + " <" + email + ">") }

// zone is a fixed offset per contact time zone (November, no DST surprises).
func zone(tz string) *time.Location {
	off := map[string]int{
		"Pacific Time (US & Canada)": -8, "Eastern Time (US & Canada)": -5, "Central Time (US & Canada)": -6,
		"London": 0, "UTC": 0, "Paris": 1, "Berlin": 1, "Seoul": 9, "Tokyo": 9, "Sydney": 11,
	}[tz]
	return time.FixedZone(tz, off*3600)
}

var (
	koWeek = []string{"일", "월", "화", "수", "목", "금", "토"}
	jaWeek = []string{"日", "月", "火", "水", "木", "金", "土"}
	deWeek = []string{"So.", "Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa."}
	deDay  = []string{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"}
	deMon  = []string{"Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."}
	deMonL = []string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"}
)

// attribution is the "On ... wrote:" line a mail client writes above quoted history.
func attribution(lang string, t time.Time, who string) string {
	switch lang {
	case "ko":
		ampm, h := "오전", t.Hour()
		if h >= 12 {
			ampm = "오후"
		}
		if h%12 == 0 {
			h = 12
		} else {
			h %= 12
		}
		return fmt.Sprintf("%d년 %d월 %d일 (%s) %s %d:%02d, %s님이 작성:", t.Year(), int(t.Month()), t.Day(), koWeek[t.Weekday()], ampm, h, t.Minute(), who)
	case "ja":
		return fmt.Sprintf("%d年%d月%d日(%s) %d:%02d %s:", t.Year(), int(t.Month()), t.Day(), jaWeek[t.Weekday()], t.Hour(), t.Minute(), who)
	case "de":
		return fmt.Sprintf("Am %s, %d. %s %d um %02d:%02d Uhr schrieb %s:", deWeek[t.Weekday()], t.Day(), deMon[t.Month()-1], t.Year(), t.Hour(), t.Minute(), who)
	}
	return "On " + t.Format("Mon, Jan 2, 2006 at 3:04 PM") + " " + who + " wrote:"
}

// mozCite is Thunderbird's attribution line.
func mozCite(lang string, t time.Time, who string) string {
	if lang == "de" {
		return "Am " + t.Format("02.01.06") + " um " + t.Format("15:04") + " schrieb " + who + ":"
	}
	return "On " + t.Format("1/2/06 3:04 PM") + ", " + who + " wrote:"
}

// outlookHeader is the From/Sent/To/Subject block in the client's language.
func outlookHeader(lang string, t time.Time) (from, sent, to, subject, when string) {
	switch lang {
	case "ko":
		return "보낸 사람", "보낸 날짜", "받는 사람", "제목", fmt.Sprintf("%d년 %d월 %d일 %s요일 %s", t.Year(), int(t.Month()), t.Day(), koWeek[t.Weekday()], t.Format("15:04"))
	case "ja":
		return "差出人", "送信日時", "宛先", "件名", fmt.Sprintf("%d年%d月%d日 %s", t.Year(), int(t.Month()), t.Day(), t.Format("15:04"))
	case "de":
		return "Von", "Gesendet", "An", "Betreff", fmt.Sprintf("%s, %d. %s %d %s", deDay[t.Weekday()], t.Day(), deMonL[t.Month()-1], t.Year(), t.Format("15:04"))
	}
	return "From", "Sent", "To", "Subject", t.Format("Monday, January 2, 2006 3:04 PM")
}

// quoted is the message a reply quotes.
type quoted struct {
	html             string // full HTML of the quoted message
	main             string // the new part only
	fromName, fromEM string
	at               time.Time
	subject          string
}

// customerMail renders a customer's e-mail: new text, signature, quoted history.
func customerMail(cl mailClient, lang, tz, text, sig, toName, toEmail string, q *quoted) string {
	main := paras(text)
	sigHTML := strings.ReplaceAll(html.EscapeString(sig), "\n", "<br>")
	if q == nil && cl != clientPortal && cl != clientOutlook && cl != clientPlain {
		cl = clientGmail // nothing to quote: the first message of a thread
	}
	var at time.Time
	if q != nil {
		at = q.at.In(zone(tz))
	}
	re := "Re: "
	switch lang {
	case "de":
		re = "AW: "
	case "ko":
		re = "RE: "
	}
	switch cl {
	case clientPortal:
		return `<div>` + main + `</div>`
	case clientOutlook:
		head := `<div dir="ltr"><div style="font-family: Calibri, Arial, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);">` + main + `</div>` +
			`<div id="Signature"><div style="font-family: Calibri, Arial, Helvetica, sans-serif; font-size: 12pt;">` + sigHTML + `</div></div>`
		if q == nil {
			return head + `</div>`
		}
		f, s, tLbl, subj, when := outlookHeader(lang, at)
		return head + `<div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1">` +
			`<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">` +
			`<b>` + f + `:</b> ` + addr(q.fromName, q.fromEM) + `<br><b>` + s + `:</b> ` + when + `<br><b>` + tLbl + `:</b> ` + addr(toName, toEmail) +
			`<br><b>` + subj + `:</b> ` + html.EscapeString(re+q.subject) + `</font><div>&nbsp;</div></div><div>` + q.html + `</div></div>`
	case clientOutlookOrig:
		return `<div>` + main + `</div><div><br></div><div>` + sigHTML + `</div><div><br></div>` +
			`<div>-----Original Message-----<br>From: ` + addr(q.fromName, q.fromEM) + `<br>Sent: ` + at.Format("Monday, January 2, 2006 3:04 PM") +
			`<br>To: ` + addr(toName, toEmail) + `<br>Subject: ` + html.EscapeString(re+q.subject) + `<br><br>` + q.main + `</div>`
	case clientApple:
		return `<div dir="ltr">` + main + `<br><br>` + sigHTML + `</div><div dir="ltr"><br><blockquote type="cite">` +
			html.EscapeString("On "+at.Format("Jan 2, 2006, at 3:04 PM")+", "+q.fromName+" <"+q.fromEM+"> wrote:") +
			`<br><br></blockquote></div><blockquote type="cite"><div dir="ltr">` + q.html + `</div></blockquote>`
	case clientThunderbird:
		return `<div>` + main + `</div><pre class="moz-signature" cols="72">-- ` + "\n" + html.EscapeString(sig) + `</pre>` +
			`<div class="moz-cite-prefix">` + html.EscapeString(mozCite(lang, at, q.fromName)) + `<br></div>` +
			`<blockquote type="cite">` + q.html + `</blockquote>`
	case clientPlain:
		return `<div>` + main + `<br><br>-- <br>` + sigHTML + `</div>`
	}
	body := `<div dir="ltr">` + main + `<br clear="all"><div><br></div><span class="gmail_signature_prefix">-- </span><br>` +
		`<div dir="ltr" class="gmail_signature" data-smartmail="gmail_signature"><div dir="ltr">` + sigHTML + `</div></div></div>`
	if q == nil {
		return body
	}
	return body + `<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">` + html.EscapeString(attribution(lang, at, q.fromName+" <"+q.fromEM+">")) +
		`<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">` + q.html + `</blockquote></div>`
}

// agentMail renders an agent reply composed in Freshdesk, quoting the previous customer message.
func agentMail(greeting, text, signoff string, q *quoted, agentTZ string) string {
	b := `<div style="` + fdStyle + `"><div dir="ltr">` + html.EscapeString(greeting) + `<br><br>` + paras(text) + `<br><br>` +
		strings.ReplaceAll(html.EscapeString(signoff), "\n", "<br>") + `<br></div>`
	if q != nil {
		at := q.at.In(zone(agentTZ))
		b += `<div class="freshdesk_quote"><blockquote class="freshdesk_quote">` +
			html.EscapeString("On "+at.Format("Mon, 2 Jan at 3:04 PM")+" , "+q.fromName+" <"+q.fromEM+"> wrote:") + `<br>` + q.main + `</blockquote></div>`
	}
	return b + `</div>`
}

// noteHTML renders a note as the Freshdesk editor does.
func noteHTML(text string) string {
	return `<div style="` + fdStyle + `"><div dir="ltr">` + paras(text) + `</div></div>`
}

var (
	tagRe   = regexp.MustCompile(`<[^>]*>`)
	blankRe = regexp.MustCompile(`\n{3,}`)
	breakRe = regexp.MustCompile(`(?i)<br[^>]*>|</div>|</p>|</li>|</blockquote>|</pre>|<hr[^>]*>|</ul>`)
)

// toText is the body_text of an HTML body: tags dropped, breaks kept, entities decoded.
func toText(h string) string {
	s := breakRe.ReplaceAllString(h, "$0\n")
	s = strings.ReplaceAll(s, "<li>", "<li>- ")
	s = tagRe.ReplaceAllString(s, "")
	s = html.UnescapeString(s)
	s = strings.ReplaceAll(s, "\u00a0", " ")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "-- " { // keep the signature delimiter intact
			lines[i] = strings.TrimRight(l, " \t")
		}
	}
	s = blankRe.ReplaceAllString(strings.Join(lines, "\n"), "\n\n")
	return strings.TrimSpace(s)
}
