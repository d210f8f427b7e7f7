package draft

import (
	"context"
	"testing"
)

// BenchmarkMessages measures prompt assembly for a 10-message ticket with two
// articles and one canned response (fence, sanitising, rendering, rules).
func BenchmarkMessages(b *testing.B) {
	p := tenMessagePack()
	b.ReportAllocs()
	for b.Loop() {
		if len(Messages(p)) != 2 {
			b.Fatal("bad prompt")
		}
	}
}

// BenchmarkSearchTerms measures term extraction for a Korean ticket.
func BenchmarkSearchTerms(b *testing.B) {
	p := koreanPack()
	b.ReportAllocs()
	for b.Loop() {
		if len(SearchTerms(p)) == 0 {
			b.Fatal("no terms")
		}
	}
}

// BenchmarkReplyLanguage measures language detection for a 10-message ticket.
func BenchmarkReplyLanguage(b *testing.B) {
	p := tenMessagePack()
	b.ReportAllocs()
	for b.Loop() {
		if ReplyLanguage(p) != "en" {
			b.Fatal("wrong language")
		}
	}
}

// BenchmarkDraftLocalFake measures one whole Draft (prompt, HTTP round trip on
// loopback, parsing, checks) against an instant fake model: the overhead the
// package adds to the model's own latency.
func BenchmarkDraftLocalFake(b *testing.B) {
	body := completion(b, answerJSON(b, "Hi Ethan, see Profile settings.", "en", 67062000001))
	fake := newFakeB(b, body)
	d, err := New(Config{BaseURL: fake.URL + "/v1", Model: "m"})
	if err != nil {
		b.Fatal(err)
	}
	p := tenMessagePack()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.Draft(context.Background(), p, nil); err != nil {
			b.Fatal(err)
		}
	}
}
