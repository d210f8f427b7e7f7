package shape

import (
	"strings"
	"testing"
)

// TestThreadFixture checks the benchmark input shapes as expected, so the
// benchmark measures the real pipeline.
func TestThreadFixture(t *testing.T) {
	in := readFixture(t, "thread_5k.html")
	r := Process(in, "")
	for _, s := range []string{
		"Hi Sam,",
		"export of our Invoices report stops after about 1,000 rows",
		"account #4411 (https://acme.example/accounts/4411)",
		"- Used the API endpoint `/api/v2/exports` instead (same truncation)",
		"[image: console error]",
		"Report | Rows | Result\nInvoices (Oct) | 812 | OK\nInvoices (Q3) | 2,431 | truncated",
		"Best regards,\nAnna",
	} {
		if !strings.Contains(r.Text, s) {
			t.Errorf("lost %q in\n%s", s, r.Text)
		}
	}
	for _, s := range []string{"Anna Keller", "wrote:", "Sam from Acme Support", "Unsubscribe", "Dear customer"} {
		if strings.Contains(r.Text, s) {
			t.Errorf("kept %q in\n%s", s, r.Text)
		}
	}
	if !r.QuotedRemoved {
		t.Error("QuotedRemoved = false")
	}
	if ratio := float64(len(r.Text)) / float64(len(in)); ratio > 0.3 {
		t.Errorf("output is %.0f%% of the input bytes, want <= 30%%", ratio*100)
	}
}

func BenchmarkMessage(b *testing.B) {
	in := readFixture(b, "thread_5k.html")
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Message(in, "")
	}
}

func BenchmarkHTMLToText(b *testing.B) {
	in := readFixture(b, "thread_5k.html")
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		_ = HTMLToText(in)
	}
}

func BenchmarkMessageText(b *testing.B) {
	in := HTMLToText(readFixture(b, "thread_5k.html"))
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Message("", in)
	}
}

func BenchmarkSanitize(b *testing.B) {
	in := strings.Repeat("안녕하세요, 고객님. Grüße\u200b aus Köln. ", 200)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Sanitize(in)
	}
}

func BenchmarkTruncate(b *testing.B) {
	in := strings.Repeat("결제 오류가 아직 해결되지 않았습니다. ", 2000)
	b.ReportAllocs()
	for b.Loop() {
		_, _ = Truncate(in, 24000)
	}
}
