package tools

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestBodyCache(t *testing.T) {
	const body = `<div>Hi team,<br>the export fails.</div><div class="gmail_quote">On Mon, Bob &lt;bob@example.com&gt; wrote:<blockquote>old</blockquote></div>`
	edited := strings.Replace(body, "fails", "works", 1)
	hidden := "<p>pay\u200b now</p>"
	tests := []struct {
		name       string
		html, text string
	}{
		{"html", body, ""},
		{"edited html", edited, ""},
		{"same html, other text", body, "plain fallback"},
		{"text only", "", "On Mon, Nov 3, 2025 at 10:04 AM Bob <bob@example.com> wrote:\n> hi\nthanks"},
		{"hidden characters", hidden, ""},
	}
	c := newBodyCache(1 << 20)
	for round := range 2 { // round 1 is served from the cache
		for _, tc := range tests {
			wantText, wantHidden := shapeUncached(tc.html, tc.text)
			gotText, gotHidden := c.shape(tc.html, tc.text)
			if gotText != wantText || gotHidden != wantHidden {
				t.Errorf("round %d %s: got (%q, %v), want (%q, %v)", round, tc.name, gotText, gotHidden, wantText, wantHidden)
			}
		}
	}
	if n, _ := c.len(); n != len(tests) {
		t.Errorf("cache holds %d entries, want %d", n, len(tests))
	}
	// An edited body is a different entry, never the stale text.
	if a, _ := c.shape(body, ""); strings.Contains(a, "works") {
		t.Errorf("original body shaped as the edited one: %q", a)
	}
	if b, _ := c.shape(edited, ""); !strings.Contains(b, "works") {
		t.Errorf("edited body got a stale result: %q", b)
	}
}

func TestBodyCacheBounded(t *testing.T) {
	tests := []struct {
		name     string
		maxBytes int
		bodies   int
		wantMax  int // at most this many entries remain
	}{
		{"evicts oldest", 4096, 100, 4096 / bodyEntryOverhead},
		{"disabled", 0, 10, 0},
		{"huge body skipped", 1024, 1, 0}, // each body is larger than maxBytes/8
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newBodyCache(tc.maxBytes)
			for i := range tc.bodies {
				html := fmt.Sprintf("<p>message %d %s</p>", i, strings.Repeat("x", 100))
				if got, _ := c.shape(html, ""); !strings.Contains(got, fmt.Sprintf("message %d ", i)) {
					t.Fatalf("body %d shaped to %q", i, got)
				}
			}
			n, size := c.len()
			if n > tc.wantMax || size > max(tc.maxBytes, 0) {
				t.Errorf("%d entries, %d bytes; want <= %d entries, <= %d bytes", n, size, tc.wantMax, tc.maxBytes)
			}
			if tc.maxBytes > 0 && tc.bodies > 1 {
				// The newest body survives eviction, the oldest does not.
				last := fmt.Sprintf("<p>message %d %s</p>", tc.bodies-1, strings.Repeat("x", 100))
				if e := c.m[c.hash(last, "")]; e == nil {
					t.Error("newest body was evicted")
				}
				first := fmt.Sprintf("<p>message 0 %s</p>", strings.Repeat("x", 100))
				if e := c.m[c.hash(first, "")]; e != nil {
					t.Error("oldest body survived eviction")
				}
			}
		})
	}
}

func TestBodyCacheConcurrent(t *testing.T) {
	c := newBodyCache(16 << 10)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				k := (i*7 + g) % 50
				html := fmt.Sprintf("<div>body %d</div>", k)
				if got, _ := c.shape(html, ""); got != fmt.Sprintf("body %d", k) {
					t.Errorf("body %d shaped to %q", k, got)
					return
				}
			}
		}()
	}
	wg.Wait()
	if _, size := c.len(); size > 16<<10 {
		t.Errorf("cache grew to %d bytes", size)
	}
}

func TestBodyCacheNil(t *testing.T) {
	var c *bodyCache
	if got, _ := c.shape("<b>x</b>", ""); got != "x" {
		t.Errorf("nil cache shaped to %q", got)
	}
}
