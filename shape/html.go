package shape

import (
	"bytes"
	"net/url"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"golang.org/x/net/html"
)

// Markers used inside the converter output. They are Unicode tag
// characters, which prepare() strips from the input, so they cannot collide
// with content; any that survived would be removed by Sanitize.
const (
	markSoft  = '\U000E0001' // a line break that collapses with its neighbours
	markQuote = '\U000E0071' // prefix of a line inside a kept <blockquote>
	markLT    = '\U000E003C' // a literal '<' in text (the base plugin would write &lt;)
	markGT    = '\U000E003E' // a literal '>' in text
)

// HTMLToText converts an HTML message body to compact, readable
// markdown-ish text:
//
//   - paragraphs are separated by one blank line, <div>/<br> lines by a
//     newline (Gmail's one-<div>-per-line layout stays compact);
//   - lists keep "- " / "1. " markers, headings keep "#", <pre> keeps a
//     fence, a kept <blockquote> is prefixed with "> ";
//   - links become "text (URL)"; the URL is dropped when it equals the text,
//     for mailto:/tel: links whose address is the text, for javascript: and
//     in-page anchors; Outlook Safe Links are unwrapped;
//   - images become "[image: alt]" or disappear when they have no alt text;
//   - data tables become one "cell | cell" line per row, layout tables are
//     flattened to their content;
//   - bold/italic markers are dropped (they cost tokens and carry little);
//   - elements hidden with display:none, visibility:hidden, the hidden
//     attribute or font-size:0 are dropped (a human reader never sees them
//     and they are a common prompt-injection hiding place);
//   - HTML entities are decoded, no markdown escaping is added, and the
//     result is passed through [Sanitize].
func HTMLToText(htmlIn string) string {
	doc := parseHTML(htmlIn)
	if doc == nil {
		return Sanitize(htmlIn)
	}
	prepare(doc)
	return Sanitize(unmarkQuotes(convert(doc)))
}

// parseHTML parses s as an HTML document; it returns nil only if the
// parser fails, which x/net/html does not do for in-memory input.
func parseHTML(s string) *html.Node {
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return nil
	}
	return doc
}

// textConverter is built once: a Converter is safe for concurrent use and
// is never modified after construction.
var textConverter = sync.OnceValue(newConverter)

func newConverter() *converter.Converter {
	return converter.NewConverter(
		converter.WithEscapeMode(converter.EscapeModeDisabled),
		converter.WithPlugins(
			base.NewBasePlugin(),
			commonmark.NewCommonmarkPlugin(
				commonmark.WithListEndComment(false),
				commonmark.WithHorizontalRule("---"),
			),
			&textPlugin{},
		),
	)
}

// convert renders a prepared document to text that still contains
// markQuote prefixes (see unmarkQuotes).
func convert(doc *html.Node) string {
	out, err := textConverter().ConvertNode(doc)
	if err != nil {
		// Only configuration errors are possible here; fall back to the
		// bare text so that no content is lost.
		return plainText(doc)
	}
	return finishMarkers(out)
}

// finishMarkers resolves soft line breaks and literal angle brackets.
func finishMarkers(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b))
	s := string(b)
	for i := 0; i < len(s); {
		r, size := decodeRune(s, i)
		switch r {
		case markLT:
			sb.WriteByte('<')
			i += size
			continue
		case markGT:
			sb.WriteByte('>')
			i += size
			continue
		case markSoft, '\n':
			// A run of newlines and soft breaks: two or more real newlines
			// make a paragraph break, anything else a single line break.
			j, nl := i, 0
			for j < len(s) {
				r2, sz := decodeRune(s, j)
				if r2 == '\n' {
					nl++
				} else if r2 != markSoft && r2 != ' ' && r2 != '\t' {
					break
				}
				j += sz
			}
			if nl >= 2 {
				sb.WriteString("\n\n")
			} else {
				sb.WriteByte('\n')
			}
			// Keep the indentation of the next line (nested lists).
			k := j
			for k > i && (s[k-1] == ' ' || s[k-1] == '\t') {
				k--
			}
			sb.WriteString(s[k:j])
			i = j
			continue
		}
		sb.WriteString(s[i : i+size])
		i += size
	}
	return sb.String()
}

// unmarkQuotes turns the private blockquote prefix into "> ".
func unmarkQuotes(s string) string {
	if !strings.ContainsRune(s, markQuote) {
		return s
	}
	return strings.ReplaceAll(s, string(markQuote), ">")
}

func decodeRune(s string, i int) (rune, int) {
	if s[i] < utf8.RuneSelf {
		return rune(s[i]), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// textPlugin overrides the commonmark rendering of links, images,
// emphasis, line breaks, divs, blockquotes and tables.
type textPlugin struct{}

func (*textPlugin) Name() string { return "shape-text" }

func (p *textPlugin) Init(conv *converter.Converter) error {
	conv.Register.TextTransformer(func(_ converter.Context, content string) string {
		if !strings.ContainsAny(content, "<>") {
			return content
		}
		return angleReplacer.Replace(content)
	}, converter.PriorityEarly)
	conv.Register.Renderer(p.render, converter.PriorityEarly)
	return nil
}

var angleReplacer = strings.NewReplacer("<", string(markLT), ">", string(markGT))

func (p *textPlugin) render(ctx converter.Context, w converter.Writer, n *html.Node) converter.RenderStatus {
	if n.Type != html.ElementNode {
		return converter.RenderTryNext
	}
	switch n.Data {
	case "a":
		return renderLink(ctx, w, n)
	case "img":
		return renderImage(w, n)
	case "b", "strong", "i", "em", "u", "cite", "mark", "ins":
		ctx.RenderChildNodes(ctx, w, n)
		return converter.RenderSuccess
	case "br":
		w.WriteByte('\n')
		return converter.RenderSuccess
	case "div", "center", "section", "article", "header", "footer", "main",
		"aside", "address", "figure", "figcaption", "details", "summary", "form", "fieldset", "dl", "dt", "dd":
		return renderSoftBlock(ctx, w, n)
	case "blockquote":
		return renderBlockquote(ctx, w, n)
	case "table":
		return renderTable(ctx, w, n)
	case "caption", "tr", "td", "th", "thead", "tbody", "tfoot":
		// Outside a <table> (or not reached via renderTable): keep the text.
		return renderSoftBlock(ctx, w, n)
	}
	return converter.RenderTryNext
}

// renderSoftBlock renders a block whose boundaries are single line breaks.
// An empty block holding only <br> is Gmail's blank line: a paragraph break.
func renderSoftBlock(ctx converter.Context, w converter.Writer, n *html.Node) converter.RenderStatus {
	var buf bytes.Buffer
	ctx.RenderChildNodes(ctx, &buf, n)
	if len(bytes.TrimSpace(buf.Bytes())) == 0 {
		if bytes.IndexByte(buf.Bytes(), '\n') >= 0 {
			w.WriteString("\n\n")
		}
		return converter.RenderSuccess
	}
	w.WriteRune(markSoft)
	w.Write(buf.Bytes())
	w.WriteRune(markSoft)
	return converter.RenderSuccess
}

func renderBlockquote(ctx converter.Context, w converter.Writer, n *html.Node) converter.RenderStatus {
	var buf bytes.Buffer
	ctx.RenderChildNodes(ctx, &buf, n)
	text := strings.TrimSpace(finishMarkers(buf.Bytes()))
	if text == "" {
		return converter.RenderSuccess
	}
	w.WriteString("\n\n")
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			w.WriteByte('\n')
		}
		w.WriteRune(markQuote)
		if line != "" {
			w.WriteByte(' ')
			w.WriteString(line)
		}
	}
	w.WriteString("\n\n")
	return converter.RenderSuccess
}

func renderImage(w converter.Writer, n *html.Node) converter.RenderStatus {
	if isTrackingPixel(n) {
		return converter.RenderSuccess
	}
	alt := collapseSpaces(attr(n, "alt"))
	if alt == "" {
		return converter.RenderSuccess
	}
	w.WriteString("[image: ")
	w.WriteString(alt)
	w.WriteString("]")
	return converter.RenderSuccess
}

func isTrackingPixel(n *html.Node) bool {
	wd, ht := attr(n, "width"), attr(n, "height")
	return wd == "0" || wd == "1" || ht == "0" || ht == "1"
}

func renderLink(ctx converter.Context, w converter.Writer, n *html.Node) converter.RenderStatus {
	var buf bytes.Buffer
	ctx.RenderChildNodes(ctx, &buf, n)
	text := collapseSpaces(finishMarkers(buf.Bytes()))
	href := linkTarget(attr(n, "href"))
	switch {
	case text == "" && href == "":
		return converter.RenderSuccess
	case text == "":
		// An invisible link (e.g. around a dropped image): a human reader
		// sees nothing, so neither does the model.
		return converter.RenderSuccess
	case href == "" || sameURL(text, href):
		w.WriteString(text)
	default:
		w.WriteString(text)
		w.WriteString(" (")
		w.WriteString(href)
		w.WriteString(")")
	}
	return converter.RenderSuccess
}

// linkTarget returns what is worth showing of an href: "" for in-page
// anchors and script links, the bare address for mailto:/tel:, the real
// destination of an Outlook Safe Link, else the trimmed href.
func linkTarget(href string) string {
	href = strings.TrimSpace(href)
	lower := strings.ToLower(href)
	switch {
	case href == "" || strings.HasPrefix(href, "#"),
		strings.HasPrefix(lower, "javascript:"), strings.HasPrefix(lower, "data:"),
		strings.HasPrefix(lower, "cid:"):
		return ""
	case strings.HasPrefix(lower, "mailto:"), strings.HasPrefix(lower, "tel:"):
		addr := href[strings.IndexByte(href, ':')+1:]
		if i := strings.IndexByte(addr, '?'); i >= 0 {
			addr = addr[:i]
		}
		if u, err := url.PathUnescape(addr); err == nil {
			addr = u
		}
		return strings.TrimSpace(addr)
	case strings.Contains(lower, ".safelinks.protection.outlook.com/"):
		if u, err := url.Parse(href); err == nil {
			if real := u.Query().Get("url"); real != "" {
				return real
			}
		}
	}
	return href
}

// sameURL reports whether the link text already shows the target, ignoring
// scheme, "www.", a trailing slash and case.
func sameURL(text, href string) bool {
	norm := func(s string) string {
		s = strings.ToLower(strings.TrimSpace(s))
		for _, p := range []string{"https://", "http://", "mailto:", "tel:", "www."} {
			s = strings.TrimPrefix(s, p)
		}
		return strings.TrimRight(s, "/")
	}
	t, h := norm(text), norm(href)
	if t == h {
		return true
	}
	// Phone numbers: compare digits only.
	if strings.HasPrefix(strings.ToLower(href), "tel:") || isPhoneish(href) {
		return digits(t) != "" && digits(t) == digits(h)
	}
	return false
}

func isPhoneish(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("+0123456789 -().", r) {
			return false
		}
	}
	return s != ""
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func collapseSpaces(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

// plainText concatenates the text nodes of n; a last-resort renderer.
func plainText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (n.Data == "br" || n.Data == "p" || n.Data == "div" || n.Data == "tr" || n.Data == "li") {
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
