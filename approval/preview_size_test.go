package approval

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// largestPreview is the largest preview a reply can have within the tools'
// argument limits: a body of shape.MaxBodyRunes (50,000) runes of the
// costliest kind in JSON (U+2028, 6 bytes) and 49 cc and 49 bcc addresses
// of 255 characters (shape.MaxEmailsPerField, shape.MaxEmailRunes).
func largestPreview() Preview {
	p := testPreview()
	const marker = "END-MARKER"
	p.Body = strings.Repeat("\u2028", 50_000-len(marker)) + marker
	for i := range 49 {
		local := fmt.Sprintf("%02d", i) + strings.Repeat("a", 255-len("@example.com")-2)
		p.CC = append(p.CC, local+"@example.com")
		p.BCC = append(p.BCC, local+"@example.org")
	}
	return p
}

// TestPreviewSize: the largest reply preview the tools accept gets a page,
// in memory and in Redis; a preview over policy.MaxRecordBytes is refused
// in both modes, before anything is stored.
func TestPreviewSize(t *testing.T) {
	_, reps := redisReplicas(t, 1)
	for name, a := range map[string]*Approvals{"memory": newEnv(t, nil, 0).a, "redis": reps[0].a} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			big := largestPreview()
			c, err := a.Create(ctx, Request{Caller: testCaller, ArgsDigest: digestOf(t, testArgs()), Preview: big, Guard: GuardLink})
			if err != nil {
				t.Fatalf("Create with the largest reply preview: %v", err)
			}
			origin := a.baseOrigin
			if code, _, html := newBrowser(t, origin).get(c.URL); code != http.StatusOK || !strings.Contains(html, "END-MARKER") || !strings.Contains(html, big.BCC[48]) {
				t.Fatalf("page of the largest preview: HTTP %d, marker and last bcc shown: %v %v", code, strings.Contains(html, "END-MARKER"), strings.Contains(html, big.BCC[48]))
			}
			over := testPreview()
			over.Body = strings.Repeat("x", policy.MaxRecordBytes)
			_, err = a.Create(ctx, Request{Caller: testCaller, ArgsDigest: digestOf(t, map[string]any{"ticket_id": 42, "body": "other"}), Preview: over, Guard: GuardLink})
			if !errors.Is(err, ErrPreviewTooLarge) {
				t.Fatalf("Create over the limit: %v, want ErrPreviewTooLarge", err)
			}
			if id, ok, err := a.Find(ctx, testCaller, digestOf(t, map[string]any{"ticket_id": 42, "body": "other"}), GuardLink); ok || err != nil {
				t.Errorf("the refused preview left a confirmation: %q, %v", id, err)
			}
		})
	}
}
