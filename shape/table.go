package shape

import (
	"bytes"
	"strings"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"golang.org/x/net/html"
)

// renderTable renders a data table as one "cell | cell" line per row and a
// layout table (one cell per row, or cells holding several lines, as in
// newsletters and signatures) as its content, block by block.
func renderTable(ctx converter.Context, w converter.Writer, n *html.Node) converter.RenderStatus {
	var out strings.Builder
	prevMulti := false
	// emit writes one block; multi-line blocks are set off by a blank line.
	emit := func(block string) {
		multi := strings.Contains(block, "\n")
		if out.Len() > 0 {
			out.WriteString("\n")
			if multi || prevMulti {
				out.WriteString("\n")
			}
		}
		out.WriteString(block)
		prevMulti = multi
	}
	for _, row := range tableRows(n) {
		var cells []string
		multiLine := false
		nonEmpty := 0
		for _, cell := range row {
			var buf bytes.Buffer
			ctx.RenderChildNodes(ctx, &buf, cell)
			text := strings.TrimSpace(finishMarkers(buf.Bytes()))
			if text != "" {
				nonEmpty++
				if strings.Contains(text, "\n") {
					multiLine = true
				}
			}
			cells = append(cells, text)
		}
		switch {
		case nonEmpty == 0:
			continue
		case nonEmpty == 1 || multiLine:
			for _, c := range cells {
				if c != "" {
					emit(c)
				}
			}
		default:
			// Trailing empty cells carry nothing; inner ones keep columns aligned.
			for len(cells) > 0 && cells[len(cells)-1] == "" {
				cells = cells[:len(cells)-1]
			}
			emit(strings.Join(cells, " | "))
		}
	}
	text := strings.TrimSpace(out.String())
	if text == "" {
		return converter.RenderSuccess
	}
	w.WriteString("\n\n")
	w.WriteString(text)
	w.WriteString("\n\n")
	return converter.RenderSuccess
}

// tableRows returns the cells of each row of table t (caption as a row of
// its own), without descending into nested tables.
func tableRows(t *html.Node) [][]*html.Node {
	var rows [][]*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.Data {
			case "caption":
				rows = append(rows, []*html.Node{c})
			case "thead", "tbody", "tfoot":
				walk(c)
			case "tr":
				var cells []*html.Node
				for cell := c.FirstChild; cell != nil; cell = cell.NextSibling {
					if cell.Type == html.ElementNode && (cell.Data == "td" || cell.Data == "th") {
						cells = append(cells, cell)
					}
				}
				rows = append(rows, cells)
			}
		}
	}
	walk(t)
	return rows
}
