package tools_test

import (
	"fmt"
	"testing"
)

// BenchmarkDraftGrounding measures the grounding step of draft_reply on the
// demo helpdesk (no model configured, so the tool stops after gathering and
// rendering the pack): Freshdesk credits and time per draft, through the
// official SDK client. cold-credits is the first draft of a fresh server
// (ticket fields not cached yet); credits/op is the steady state; the
// past-answers cases add a past answer.
func BenchmarkDraftGrounding(b *testing.B) {
	for _, c := range []struct {
		name   string
		ticket int64
		past   bool // past_answers
	}{
		{"ticket18-8msgs", 18, false},
		{"ticket7-11msgs", 7, false},
		{"ticket2-ko-6msgs", 2, false},
		{"ticket57-19msgs", 57, false},
		{"ticket57-past-answers", 57, true},
		{"ticket2-ko-past-answers", 2, true},
	} {
		b.Run(c.name, func(b *testing.B) {
			e := newDraftEnv(b, draftOpts{})
			args := map[string]any{"ticket_id": c.ticket, "past_answers": c.past}
			e.ok("draft_reply", args, nil)
			cold := credits(e.fd.Requests())
			e.fd.ResetRequests()
			total := 0
			b.ResetTimer()
			for b.Loop() {
				if res := e.call("draft_reply", args); res.IsError {
					b.Fatalf("draft_reply: %s", text(res))
				}
				b.StopTimer()
				total += credits(e.fd.Requests())
				e.fd.ResetRequests()
				b.StartTimer()
			}
			b.ReportMetric(float64(total)/float64(b.N), "credits/op")
			b.ReportMetric(float64(cold), "cold-credits")
			limit := 7 // ticket 3 + company 1 + 3 searches
			if c.past {
				limit += 4 // search 1, company list 1, conversations 1, requester 1
			}
			if total > limit*b.N {
				b.Errorf("%s: %s credits per draft, target at most %d", c.name, fmt.Sprint(float64(total)/float64(b.N)), limit)
			}
		})
	}
}
