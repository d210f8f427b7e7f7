package tools_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
)

// TestSearchCannedResponsesPaged: with no term every canned response
// matches; the answer is capped at 50 rows with total, has_more and a note
// naming term, folder and the next page, and the pages cover every match
// exactly once.
func TestSearchCannedResponsesPaged(t *testing.T) {
	e := newEnv(t, envOpts{})
	const extra = 120
	d := fdtest.Dataset{CannedResponseFolders: []fdtest.Record{{"id": 67079000001, "name": "Bulk templates"}}}
	for i := range extra {
		d.CannedResponses = append(d.CannedResponses, fdtest.Record{"id": 67079100000 + i, "folder_id": 67079000001,
			"title": fmt.Sprintf("Bulk template %03d", i), "content": "Hello, thanks for writing.", "content_html": "<div>Hello, thanks for writing.</div>"})
	}
	if err := e.fd.Seed(d); err != nil {
		t.Fatal(err)
	}
	type page struct {
		Total     int  `json:"total"`
		Page      int  `json:"page"`
		HasMore   bool `json:"has_more"`
		Responses []struct {
			ID int64 `json:"id"`
		} `json:"responses"`
		Note string `json:"note"`
	}
	tests := []struct {
		name string
		args map[string]any
		min  int
	}{
		{"no term", map[string]any{}, extra},
		{"one folder", map[string]any{"folder": "bulk templates"}, extra},
		{"term", map[string]any{"term": "bulk template"}, extra},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var all []int64
			total := -1
			for p := 1; ; p++ {
				args := map[string]any{"page": p}
				for k, v := range tc.args {
					args[k] = v
				}
				var r page
				txt := e.ok("search_canned_responses", args, &r)
				if len(r.Responses) > 50 || len(txt) > 24000 {
					t.Fatalf("page %d: %d rows, %d bytes: not capped", p, len(r.Responses), len(txt))
				}
				if total == -1 {
					total = r.Total
				}
				for _, row := range r.Responses {
					all = append(all, row.ID)
				}
				if !r.HasMore {
					break
				}
				for _, w := range []string{"term", "folder", fmt.Sprintf("page=%d", p+1), fmt.Sprintf("of %d", r.Total)} {
					if !strings.Contains(r.Note, w) {
						t.Errorf("page %d note %q lacks %q", p, r.Note, w)
					}
				}
				if p > 10 {
					t.Fatal("paging does not end")
				}
			}
			if total < tc.min || len(all) != total {
				t.Errorf("total %d, collected %d rows, want at least %d", total, len(all), tc.min)
			}
			slices.Sort(all)
			if len(slices.Compact(all)) != len(all) {
				t.Error("a canned response appears on two pages")
			}
		})
	}
}

// TestGetSolutionArticleLongInParts: an article longer than 100000
// characters cannot come in one answer; following next_offset reads all of
// it, each part within max_chars, nothing lost or repeated.
func TestGetSolutionArticleLongInParts(t *testing.T) {
	e := newEnv(t, envOpts{})
	var words []string
	for i := range 26000 {
		words = append(words, fmt.Sprintf("w%05d", i))
	}
	full := strings.Join(words, " ") // 181999 runes
	id := int64(67062999001)
	err := e.fd.Seed(fdtest.Dataset{SolutionArticles: []fdtest.Record{{"id": id, "title": "Very long", "status": 2,
		"folder_id": 67061000002, "category_id": 67060000002, "description": "<p>" + full + "</p>", "description_text": full}}})
	if err != nil {
		t.Fatal(err)
	}
	type part struct {
		Text       string `json:"text"`
		Truncated  bool   `json:"truncated"`
		Offset     int    `json:"offset"`
		NextOffset int    `json:"next_offset"`
		TotalChars int    `json:"total_chars"`
		Note       string `json:"note"`
	}
	for _, maxChars := range []int{100000, 30000} {
		t.Run(fmt.Sprint(maxChars), func(t *testing.T) {
			var got strings.Builder
			offset, calls := 0, 0
			for {
				calls++
				if calls > 20 {
					t.Fatal("offset loop does not end")
				}
				args := map[string]any{"article_id": id, "max_chars": maxChars}
				if offset > 0 {
					args["offset"] = offset
				}
				var p part
				e.ok("get_solution_article", args, &p)
				if n := len([]rune(p.Text)); n > maxChars {
					t.Errorf("part of %d runes with max_chars=%d", n, maxChars)
				}
				got.WriteString(p.Text)
				if !p.Truncated {
					break
				}
				if p.NextOffset <= offset || !strings.Contains(p.Note, fmt.Sprintf("offset=%d", p.NextOffset)) || p.TotalChars != len([]rune(full)) {
					t.Fatalf("part at %d: next_offset %d, total %d, note %q", offset, p.NextOffset, p.TotalChars, p.Note)
				}
				offset = p.NextOffset
			}
			if got.String() != full {
				t.Errorf("joined parts (%d runes) differ from the article (%d runes)", len([]rune(got.String())), len([]rune(full)))
			}
			if want := (len([]rune(full)) + maxChars - 1) / maxChars; calls < want {
				t.Errorf("%d calls, want at least %d", calls, want)
			}
		})
	}
	if msg := e.fail("get_solution_article", map[string]any{"article_id": id, "offset": 500000}); !strings.Contains(msg, "past the end") {
		t.Errorf("offset past the end: %q", msg)
	}
}
