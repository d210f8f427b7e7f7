package shape

import "strings"

// Result is the outcome of shaping one message body.
type Result struct {
	// Text is the compact, sanitised message text.
	Text string
	// QuotedRemoved is true when quoted history or a signature was cut.
	QuotedRemoved bool
	// Hidden counts removed invisible characters (zero-width, bidi, tag,
	// other format and control characters) plus removed hidden elements
	// (display:none and similar) that contained text. Non-zero values are
	// worth flagging: hidden text is a common prompt-injection vehicle.
	Hidden int
}

// Message shapes one ticket description or conversation body for a model:
// see [Process]. It returns only the text.
func Message(htmlBody, textBody string) string {
	return Process(htmlBody, textBody).Text
}

// Process runs the full pipeline for one message body. When htmlBody has
// content it is preferred: [StripQuoted] at the DOM level, conversion as in
// [HTMLToText], a second [StripQuotedText] pass for history that was plain
// text inside the HTML, then [Sanitize]. Otherwise textBody goes through
// [Sanitize] and [StripQuotedText]. Hidden characters are removed before
// quote detection so that they cannot disguise a quote header.
func Process(htmlBody, textBody string) Result {
	if strings.TrimSpace(htmlBody) != "" {
		if r, ok := processHTML(htmlBody); ok {
			return r
		}
	}
	clean, hidden := stripHidden(strings.ReplaceAll(textBody, "\r\n", "\n"))
	stripped, quoted := stripQuotedText(normalizeSpace(clean))
	return Result{Text: normalizeSpace(stripped), QuotedRemoved: quoted, Hidden: hidden}
}

func processHTML(htmlBody string) (Result, bool) {
	doc := parseHTML(htmlBody)
	if doc == nil {
		return Result{}, false
	}
	hidden := prepare(doc)
	quoted := stripQuotedNode(doc)
	text := normalizeSpace(convert(doc))
	text, cut := stripQuotedText(text)
	text = normalizeSpace(unmarkQuotes(text))
	if text == "" {
		return Result{}, false
	}
	// convert's output passed through stripHidden via prepare; normalise the
	// remaining whitespace forms (NBSP, CR) without recounting.
	text, _ = sanitize(text)
	return Result{Text: text, QuotedRemoved: quoted || cut, Hidden: hidden}, true
}
