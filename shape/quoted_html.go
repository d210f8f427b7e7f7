package shape

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// StripQuoted removes quoted e-mail history and signatures from an HTML
// message body, at the DOM level and before conversion to text:
//
//   - Freshdesk: div/blockquote class "freshdesk_quote";
//   - Gmail: div.gmail_quote (with its "On ... wrote:" line) and
//     div.gmail_signature / [data-smartmail=gmail_signature];
//   - Apple Mail and Thunderbird: blockquote[type=cite], Thunderbird's
//     div.moz-cite-prefix and div.moz-signature, Apple's #AppleMailSignature;
//   - Yahoo: div.yahoo_quoted;
//   - Outlook on the web: #divRplyFwdMsg (with the <hr> before it) and
//     everything after it, #appendonsend, #Signature;
//   - Outlook desktop: the header block <div style="border:none;border-top:
//     solid #E1E1E1 1.0pt;..."> (or #B5C4DF) that starts with a From: label,
//     and everything after it.
//
// Forwarded content is kept: a quote block that starts with, or directly
// follows, a forward marker ("---------- Forwarded message ---------",
// "Begin forwarded message:", localised forms) is not removed. If removal
// would leave no text at all, the input is returned unchanged. Otherwise
// the result is the HTML of the document body.
func StripQuoted(htmlIn string) string {
	doc := parseHTML(htmlIn)
	if doc == nil || !stripQuotedNode(doc) {
		return htmlIn
	}
	var b strings.Builder
	body := findElement(doc, "body")
	if body == nil {
		body = doc
	}
	for c := body.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&b, c); err != nil {
			return htmlIn
		}
	}
	return b.String()
}

// stripQuotedNode removes quoted history and signatures from doc in place
// and reports whether it removed anything. When removal would leave no
// text, doc is left untouched and it reports false.
func stripQuotedNode(doc *html.Node) bool {
	var cutAfter *html.Node // first node from which everything is history
	var remove []*html.Node
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode {
			switch quoteKind(n) {
			case kindCutAfter:
				if !isForwardQuote(n) {
					cutAfter = n
					return false // document order: nothing after matters
				}
			case kindQuote:
				if !isForwardQuote(n) {
					remove = append(remove, n)
					if n.Data == "div" && hasClass(n, "moz-cite-prefix") {
						if next := nextElement(n); next != nil && next.Data == "blockquote" {
							remove = append(remove, next)
						}
					}
					return true
				}
			case kindSignature:
				remove = append(remove, n)
				return true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	walk(doc)
	if cutAfter == nil && len(remove) == 0 {
		return false
	}
	if strings.TrimSpace(textBefore(doc, cutAfter, remove)) == "" {
		return false
	}
	for _, n := range remove {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
	if cutAfter != nil {
		removeFrom(cutAfter)
	}
	return true
}

type kind int

const (
	kindNone kind = iota
	kindQuote
	kindSignature
	kindCutAfter
)

func quoteKind(n *html.Node) kind {
	id := attr(n, "id")
	switch {
	case hasClass(n, "freshdesk_quote"), hasClass(n, "gmail_quote"), hasClass(n, "yahoo_quoted"),
		hasClass(n, "moz-cite-prefix"):
		return kindQuote
	case n.Data == "blockquote" && strings.EqualFold(attr(n, "type"), "cite"):
		return kindQuote
	case hasClass(n, "gmail_signature"), attr(n, "data-smartmail") == "gmail_signature",
		hasClass(n, "moz-signature"), id == "AppleMailSignature", id == "Signature", id == "signature":
		return kindSignature
	case id == "divRplyFwdMsg", id == "appendonsend":
		return kindCutAfter
	case n.Data == "div" && isOutlookHeader(n):
		return kindCutAfter
	}
	return kindNone
}

// isOutlookHeader recognises Outlook desktop's reply header block by its
// style (language independent) and its leading From: label.
func isOutlookHeader(n *html.Node) bool {
	st := attr(n, "style")
	if st == "" {
		return false
	}
	st = strings.ToLower(strings.Join(strings.Fields(st), ""))
	if !strings.Contains(st, "border-top:solid#e1e1e1") && !strings.Contains(st, "border-top:solid#b5c4df") {
		return false
	}
	return reFromLabelLoose.MatchString(leadingText(n, 80))
}

var (
	reFromLabelLoose = regexp.MustCompile(`(?i)^\s*(from|von|de|da|van|보낸 사람|差出人|送信者)\s*[:：]`)
)

// isForwardQuote reports whether the quote block n holds a forwarded
// message: one of its first text lines, or one of the last two lines before
// it, is a forward marker such as "---------- Forwarded message ---------".
func isForwardQuote(n *html.Node) bool {
	for _, t := range leadingParts(n, 3) {
		if isForwardMarker(t) {
			return true
		}
	}
	for _, t := range precedingParts(n, 2) {
		if isForwardMarker(t) {
			return true
		}
	}
	return false
}

// leadingParts returns the first k non-blank text nodes inside n.
func leadingParts(n *html.Node, k int) []string {
	var parts []string
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		for c := x.FirstChild; c != nil && len(parts) < k; c = c.NextSibling {
			if c.Type == html.TextNode {
				if t := strings.TrimSpace(c.Data); t != "" {
					parts = append(parts, t)
				}
				continue
			}
			walk(c)
		}
	}
	walk(n)
	return parts
}

// precedingParts returns the last k non-blank text nodes before n in
// document order (nearest first). It walks backwards and stops early, so
// it stays cheap on large documents.
func precedingParts(n *html.Node, k int) []string {
	var parts []string
	var back func(*html.Node)
	back = func(x *html.Node) {
		for c := x.LastChild; c != nil && len(parts) < k; c = c.PrevSibling {
			if c.Type == html.TextNode {
				if t := strings.TrimSpace(c.Data); t != "" {
					parts = append(parts, t)
				}
				continue
			}
			back(c)
		}
	}
	for x := n; x != nil && len(parts) < k; x = x.Parent {
		for sib := x.PrevSibling; sib != nil && len(parts) < k; sib = sib.PrevSibling {
			if sib.Type == html.TextNode {
				if t := strings.TrimSpace(sib.Data); t != "" {
					parts = append(parts, t)
				}
				continue
			}
			back(sib)
		}
	}
	return parts
}

// leadingText returns roughly the first max bytes of n's text.
func leadingText(n *html.Node, max int) string {
	var b strings.Builder
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			return b.Len() < max
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	walk(n)
	return b.String()
}

// textBefore returns the text of doc that survives removing the nodes in
// remove and everything from cutAfter on, without modifying doc.
func textBefore(doc, cutAfter *html.Node, remove []*html.Node) string {
	skip := make(map[*html.Node]bool, len(remove))
	for _, n := range remove {
		skip[n] = true
	}
	var b strings.Builder
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n == cutAfter {
			return false
		}
		if skip[n] {
			return true
		}
		if n.Type == html.ElementNode && (n.Data == "img" && attr(n, "alt") != "") {
			b.WriteString(attr(n, "alt"))
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	walk(doc)
	return strings.Map(func(r rune) rune {
		if r == '\u00a0' {
			return ' '
		}
		return r
	}, b.String())
}

// removeFrom removes n and everything after it in document order, plus an
// <hr> separator directly before it (Outlook on the web).
func removeFrom(n *html.Node) {
	for x := n; x != nil && x.Parent != nil; x = x.Parent {
		for x.NextSibling != nil {
			x.Parent.RemoveChild(x.NextSibling)
		}
	}
	prev := n.PrevSibling
	for prev != nil && prev.Type == html.TextNode && strings.TrimSpace(prev.Data) == "" {
		prev = prev.PrevSibling
	}
	if prev != nil && prev.Type == html.ElementNode && prev.Data == "hr" {
		prev.Parent.RemoveChild(prev)
	}
	n.Parent.RemoveChild(n)
}

func hasClass(n *html.Node, class string) bool {
	for _, a := range n.Attr {
		if a.Key != "class" {
			continue
		}
		for _, c := range strings.Fields(a.Val) {
			if c == class {
				return true
			}
		}
	}
	return false
}

func nextElement(n *html.Node) *html.Node {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode {
			return s
		}
		if s.Type == html.TextNode && strings.TrimSpace(s.Data) != "" {
			return nil
		}
	}
	return nil
}

func findElement(n *html.Node, name string) *html.Node {
	if n.Type == html.ElementNode && n.Data == name {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, name); f != nil {
			return f
		}
	}
	return nil
}
