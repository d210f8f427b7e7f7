package shape

import (
	"strings"

	"golang.org/x/net/html"
)

// prepare cleans a parsed document before conversion: it drops elements a
// reader never sees (hidden by style or attribute, scripts, templates) and
// strips invisible characters from text and from the attributes that reach
// the output. It returns the number of hidden characters and elements
// removed.
func prepare(doc *html.Node) int {
	removed := 0
	var drop []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			var k int
			n.Data, k = stripHidden(n.Data)
			removed += k
			return
		case html.CommentNode:
			drop = append(drop, n)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "template", "title", "noscript", "head", "xml", "o:p":
				drop = append(drop, n)
				return
			}
			if isHiddenElement(n) {
				if strings.TrimSpace(plainText(n)) != "" {
					removed++
				}
				drop = append(drop, n)
				return
			}
			for i, a := range n.Attr {
				switch a.Key {
				case "href", "alt", "title", "src":
					var k int
					n.Attr[i].Val, k = stripHidden(a.Val)
					removed += k
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, n := range drop {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
	return removed
}

// isHiddenElement reports whether n is hidden from a human reader.
func isHiddenElement(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			// aria-hidden alone does not hide visually; ignore.
		case "style":
			st := strings.ToLower(a.Val)
			if !strings.Contains(st, "display") && !strings.Contains(st, "visibility") && !strings.Contains(st, "font-size") {
				continue
			}
			st = strings.Join(strings.Fields(st), "")
			if strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden") ||
				hasZeroFontSize(st) {
				return true
			}
		}
	}
	return false
}

func hasZeroFontSize(st string) bool {
	// Every form below contains "font-size:0"; most styles set a real size.
	if !strings.Contains(st, "font-size:0") {
		return false
	}
	if strings.HasSuffix(st, "font-size:0") {
		return true
	}
	for _, z := range []string{"font-size:0;", "font-size:0px", "font-size:0pt", "font-size:0em", "font-size:0%", "font-size:0!"} {
		if strings.Contains(st, z) {
			return true
		}
	}
	return false
}
