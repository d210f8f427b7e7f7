package shape

import (
	"bytes"
	"regexp"
	"strings"
)

// StripQuotedText removes quoted e-mail history and signatures from a
// plain-text message body. It cuts at the first line that starts a quoted
// block:
//
//   - an attribution line such as "On Mon, 3 Nov 2025 at 10:00, Bob
//     <bob@example.com> wrote:" (also wrapped over two lines) and its
//     German, French, Spanish, Dutch, Italian, Portuguese, Korean and
//     Japanese forms; the line must carry an e-mail address or a date/time
//     so that "On Monday we wrote the code:" is kept;
//   - "-----Original Message-----" and its translations;
//   - a "From: ... / Sent: ... / Subject: ..." header block (English,
//     German, French, Spanish, Dutch, Italian, Korean, Japanese labels),
//     optionally after an Outlook "________________________________" line;
//   - a trailing block of lines starting with ">" (inline replies
//     interleaved with quotes are kept whole; a ">" inside a sentence is
//     never a quote);
//   - a signature delimiter line "-- " (everything after it);
//
// and drops a final "Sent from my iPhone"-style line. A forwarded message
// ("---------- Forwarded message ---------", "Begin forwarded message:",
// ...) is the content and is never removed: cutting stops at the forward
// marker and the forwarded part is kept.
//
// If cutting would leave nothing, the input is returned unchanged: a message
// that is only quoted text is more useful than an empty one.
func StripQuotedText(text string) string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	out, _ := stripQuotedText(text)
	return out
}

// stripQuotedText does the work of StripQuotedText and reports whether
// anything was removed. Only literal ">" lines count as quotes: the HTML
// pipeline renders a <blockquote> that survived the DOM-level stripping
// with a private marker, so such a quotation is treated as content.
func stripQuotedText(text string) (string, bool) {
	lines := strings.Split(text, "\n")
	end := len(lines) // the head (before any forward marker) is lines[:end]
	for i, l := range lines {
		if isForwardMarker(l) {
			end = i
			break
		}
	}
	head, removed := lines[:end], false
	if cut := findCut(head); cut >= 0 {
		if !hasText(head[:cut]) && end == len(lines) {
			return text, false
		}
		head, removed = head[:cut], true
	}
	// "Sent from my iPhone" comes after the sign-off, so it goes first.
	if end == len(lines) {
		if h, ok := dropMobileFooter(head); ok {
			head, removed = h, true
		}
	}
	if h, ok := dropSignOff(head); ok {
		head, removed = h, true
	}
	if !removed {
		return text, false
	}
	kept := make([]string, 0, len(head)+len(lines)-end+1)
	kept = append(kept, head...)
	if end < len(lines) {
		kept = append(kept, "")
		kept = append(kept, lines[end:]...)
	}
	return strings.TrimRight(strings.Join(kept, "\n"), " \t\n"), true
}

func hasColon(l string) bool {
	return strings.IndexByte(l, ':') >= 0 || strings.Contains(l, "：")
}

func endsWithColon(l string) bool {
	return strings.HasSuffix(l, ":") || strings.HasSuffix(l, "：")
}

func hasText(lines []string) bool {
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			return true
		}
	}
	return false
}

// findCut returns the index of the first line of quoted history or of the
// signature in lines, or -1.
func findCut(lines []string) int {
	for i, raw := range lines {
		l := cleanLine(raw)
		if l == "" || l[0] == '>' {
			continue
		}
		// Cheap byte tests first: the regular expressions only run on
		// lines that can possibly match.
		switch {
		case l == "--":
			return i
		case l[0] == '-' && reOriginal.MatchString(l):
			return i
		case l[0] == '_' && reSeparator.MatchString(l) && nextIsFrom(lines, i+1):
			return i
		case hasColon(l) && isHeaderBlock(lines, i):
			return i
		case endsWithColon(l) && isAttribution(l):
			return i
		case i+1 < len(lines) && endsWithColon(strings.TrimSpace(lines[i+1])) && isWrappedAttribution(l, cleanLine(lines[i+1])):
			return i
		}
	}
	return trailingQuoteBlock(lines)
}

// isWrappedAttribution reports whether l and next form an attribution line
// wrapped over two lines by a 72-column mailer. When next alone is already
// an attribution, l must itself open one ("On ...") to be included.
func isWrappedAttribution(l, next string) bool {
	if next == "" || !isAttribution(l+" "+next) {
		return false
	}
	lower := strings.ToLower(l)
	for _, p := range attrPrefixes {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	return !isAttribution(next)
}

// cleanLine trims a line and removes the markdown emphasis that a converter
// or mailer may have put around a header label ("**From:** Bob").
func cleanLine(s string) string {
	s = strings.TrimSpace(s)
	if s != "" && (s[0] == '*' || s[0] == '_') {
		t := strings.TrimLeft(s, "*_")
		if t == "" {
			return s // a rule such as "________", not emphasis
		}
		t = strings.Replace(t, ":**", ":", 1)
		s = strings.Replace(t, ":__", ":", 1)
	}
	return s
}

// trailingQuoteBlock finds a block of ">" lines (blank lines allowed) that
// runs to the end of the text, plus the attribution line just before it if
// it looks like one ("Bob wrote:").
func trailingQuoteBlock(lines []string) int {
	start := -1
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if l == "" {
			continue
		}
		if !strings.HasPrefix(l, ">") {
			break
		}
		start = i
	}
	if start < 0 {
		return -1
	}
	for j := start - 1; j >= 0; j-- {
		l := cleanLine(lines[j])
		if l == "" {
			continue
		}
		if endsWithColon(l) && reLooseAttribution.MatchString(l) {
			return j
		}
		break
	}
	return start
}

// nextIsFrom reports whether the next non-blank line (within three) starts
// a "From:" header.
func nextIsFrom(lines []string, i int) bool {
	for k := 0; k < 3 && i+k < len(lines); k++ {
		l := cleanLine(lines[i+k])
		if l == "" {
			continue
		}
		return mayBeFromLabel(l) && reFromLabel.MatchString(l)
	}
	return false
}

// mayBeFromLabel is a cheap necessary condition for reFromLabel (and
// reFromLabelLoose once leading space is trimmed): the line starts with the
// first letter of one of the labels. f, v and d fold only to their ASCII
// upper case.
func mayBeFromLabel(l string) bool {
	if l == "" {
		return false
	}
	switch l[0] {
	case 'f', 'F', 'v', 'V', 'd', 'D':
		return true
	}
	return strings.HasPrefix(l, "보") || strings.HasPrefix(l, "差") || strings.HasPrefix(l, "送")
}

// isHeaderBlock reports whether lines[i] starts a quoted "From: / Sent: /
// Subject:" header block. A From line with an e-mail address needs a date
// or subject label after it, one without needs both; this keeps content
// such as "From: Paris / To: London".
func isHeaderBlock(lines []string, i int) bool {
	l := cleanLine(lines[i])
	if !mayBeFromLabel(l) || !reFromLabel.MatchString(l) {
		return false
	}
	date, subject := false, false
	for k := 1; k <= 5 && i+k < len(lines); k++ {
		n := cleanLine(lines[i+k])
		date = date || reDateLabel.MatchString(n)
		subject = subject || reSubjectLabel.MatchString(n)
	}
	if reEmail.MatchString(l) {
		return date || subject
	}
	return date && subject
}

// isAttribution reports whether l is a reply attribution line. The "On ...
// wrote:" family and the CJK forms need a date/time or an e-mail address;
// the looser "... wrote:" form needs an e-mail address. Plain string tests
// instead of regular expressions: this runs on every line ending in ':'.
func isAttribution(l string) bool {
	if len(l) > 400 || !endsWithColon(l) {
		return false
	}
	lower := strings.ToLower(l)
	body := strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(lower, ":"), "："), " \u00a0")
	dateOrEmail := func() bool { return reEmail.MatchString(l) || reDateish.MatchString(l) }
	for _, p := range attrPrefixes {
		if strings.HasPrefix(lower, p) {
			for _, v := range attrVerbs {
				if strings.Contains(body, v) {
					return dateOrEmail()
				}
			}
			break
		}
	}
	for _, v := range attrCJKEndings {
		if strings.HasSuffix(body, v) && len(body) > len(v)+4 {
			return dateOrEmail()
		}
	}
	for _, v := range attrVerbs {
		if strings.HasSuffix(body, v) {
			return reEmail.MatchString(l)
		}
	}
	// Gmail in Japanese: "2025年11月3日(月) 10:04 山田太郎 <taro@example.jp>:"
	return strings.Contains(l, "年") && reJaDateHeader.MatchString(l) && reEmail.MatchString(l)
}

var (
	attrPrefixes   = []string{"on ", "le ", "am ", "el ", "op ", "il ", "em "}
	attrVerbs      = []string{" wrote", " a écrit", " schrieb", " escribió", " schreef", " ha scritto", " escreveu"}
	attrCJKEndings = []string{"작성", "のメッセージ", "のメール", "書きました"}
)

func isForwardMarker(l string) bool {
	l = cleanLine(l)
	if l == "" || len(l) > 120 || !mayBeForward(l) {
		return false
	}
	return reForward.MatchString(l)
}

// forwardKeys holds one fragment of every reForward alternative, lower
// case. The Latin ones are ASCII without 's' and 'k' (whose case-fold orbits
// include U+017F and U+212A), so an ASCII case-insensitive byte search finds
// them in every line reForward matches; the CJK ones have no case.
var forwardKeys = []string{"forward", "weitergeleitet", "age tran", "but du me", "reenviado", "doorge", "inoltrato", "encaminhada", "전달된", "転送"}

// forwardKeyBytes is forwardKeys for bytes.Contains.
var forwardKeyBytes = func() [][]byte {
	out := make([][]byte, len(forwardKeys))
	for i, k := range forwardKeys {
		out[i] = []byte(k)
	}
	return out
}()

// mayBeForward is a cheap necessary condition for reForward (l holds at most
// 120 bytes): this runs on every line of every message, the regular
// expression only on candidates. It lowers ASCII letters into a stack buffer
// and does not allocate.
func mayBeForward(l string) bool {
	var buf [128]byte
	if len(l) > len(buf) {
		return true // not worth a fast path; let the regexp decide
	}
	b := buf[:copy(buf[:], l)]
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	for _, k := range forwardKeyBytes {
		if bytes.Contains(b, k) {
			return true
		}
	}
	return false
}

// mayBeMobileFooter is a cheap necessary condition for reMobileFooter:
// the line starts with the first letter of a Latin form (s, g, v, e in either
// case, or U+017F which folds to s) or contains a Korean/Japanese ending.
func mayBeMobileFooter(l string) bool {
	if l == "" {
		return false
	}
	switch l[0] {
	case 's', 'S', 'g', 'G', 'v', 'V', 'e', 'E', 0xC5:
		return true
	}
	return strings.Contains(l, "보냄") || strings.Contains(l, "送信")
}

// dropMobileFooter removes a final "Sent from my iPhone" line, unless
// nothing would be left.
func dropMobileFooter(lines []string) ([]string, bool) {
	last := len(lines) - 1
	for last >= 0 && strings.TrimSpace(lines[last]) == "" {
		last--
	}
	if last <= 0 || !mayBeMobileFooter(cleanLine(lines[last])) || !reMobileFooter.MatchString(cleanLine(lines[last])) {
		return nil, false
	}
	if !hasText(lines[:last]) {
		return nil, false
	}
	return lines[:last], true
}

var (
	reEmail   = regexp.MustCompile(`[\w.+'-]+@[\w-]+(\.[\w-]+)+`)
	reDateish = regexp.MustCompile(`\b(19|20)\d\d\b|\d{1,2}:\d\d|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\d{4}년|\d{4}年`)

	reLooseAttribution = regexp.MustCompile(`(?i)(wrote|schrieb|a écrit|escribió|escreveu|schreef|ha scritto|작성|書きました|のメッセージ)\s*[:：]$`)
	reJaDateHeader     = regexp.MustCompile(`^\d{4}年\d{1,2}月\d{1,2}日.*[:：]$`)

	reOriginal     = regexp.MustCompile(`(?i)^-{2,}\s*(original message|original nachricht|ursprüngliche nachricht|message d'origine|mensaje original|mensagem original|oorspronkelijk bericht|messaggio originale|원본 메시지|元のメッセージ)\s*-{2,}$`)
	reSeparator    = regexp.MustCompile(`^_{20,}$`)
	reFromLabel    = regexp.MustCompile(`(?i)^(from|von|de|da|van|보낸 사람|差出人|送信者)\s*[:：]\s*\S`)
	reDateLabel    = regexp.MustCompile(`(?i)^(sent|date|gesendet|datum|envoyé|enviado|fecha|verzonden|inviato|data|보낸 날짜|날짜|送信日時|日付|日時)\s*[:：]`)
	reSubjectLabel = regexp.MustCompile(`(?i)^(subject|betreff|objet|asunto|assunto|onderwerp|oggetto|제목|件名)\s*[:：]`)

	reForward = regexp.MustCompile(`(?i)^(-{2,}\s*)?(forwarded message|begin forwarded message|weitergeleitete nachricht|anfang der weitergeleiteten nachricht|message transféré|début du message (réexpédié|transféré)|mensaje reenviado|doorgestuurd bericht|messaggio inoltrato|mensagem encaminhada|전달된 메시지|전달된 메일|転送されたメッセージ|転送メッセージ)\s*[:：]?\s*(-{2,})?$`)

	reMobileFooter = regexp.MustCompile(`(?i)^(sent from my [\w .-]{2,30}|sent from (outlook|mail) for [\w .-]{2,20}|get outlook for (ios|android)|von meinem [\w .-]{2,30} gesendet|envoyé de mon [\w .-]{2,30}|enviado desde mi [\w .-]{2,30}|[\w ]{2,20}에서 보냄|[\w ]{2,20}から送信)$`)
)
