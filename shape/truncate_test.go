package shape

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTruncate(t *testing.T) {
	para := strings.Repeat("가나다라 ", 18) + "\n\n" + strings.Repeat("마바사 ", 10)
	tests := []struct {
		name    string
		in      string
		max     int
		want    string
		wantCut bool
	}{
		{"short unchanged", "안녕하세요", 10, "안녕하세요", false},
		{"exact length unchanged", "안녕하세요", 5, "안녕하세요", false},
		{"zero max", "abc", 0, "", true},
		{"zero max empty", "", 0, "", false},
		{"word boundary", "The quick brown fox jumps over the lazy dog", 22, "The quick brown fox", true},
		{"hard cut korean", "가나다라마바사아자차카타파하", 5, "가나다라마", true},
		{"korean word boundary", "결제 오류가 아직 해결되지 않았습니다", 12, "결제 오류가 아직", true},
		{"japanese full stop", "ログインできません。エラーコードはE-401です。", 13, "ログインできません。", true},
		{"paragraph preferred", para, 100, strings.TrimRight(strings.Repeat("가나다라 ", 18), " "), true},
		{"combining mark not split", "cafe\u0301s and more", 4, "caf", true},
		{"emoji zwj not split", "ab👨\u200d👩\u200d👧", 4, "ab", true},
		{"skin tone not split", "abc👍🏽", 4, "abc", true},
		{"line preferred", "line one is here\nline two is here", 20, "line one is here", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, cut := Truncate(tc.in, tc.max)
			if got != tc.want || cut != tc.wantCut {
				t.Errorf("Truncate(%q, %d) = %q, %v; want %q, %v", tc.in, tc.max, got, cut, tc.want, tc.wantCut)
			}
		})
	}
}

// TestTruncateEveryLength cuts Korean, Japanese and mixed text at every
// length and checks the invariants: valid UTF-8, within the cap, a prefix
// of the input, and cut reported exactly when the input was longer.
func TestTruncateEveryLength(t *testing.T) {
	inputs := []string{
		"안녕하세요, 고객님. 결제 페이지에서 \"카드 승인 실패\" 오류가 발생합니다.\n\n주문 번호는 A-2025-1103입니다. 확인 부탁드립니다.",
		"お世話になっております。パスワードをリセットしましたが、まだログインできません。\nエラーコードは「E-401」です。",
		"Grüße 👨\u200d👩\u200d👧 e\u0301 한국어 日本語 🇰🇷🇯🇵 end",
	}
	for _, in := range inputs {
		total := utf8.RuneCountInString(in)
		for max := 0; max <= total+2; max++ {
			got, cut := Truncate(in, max)
			if !utf8.ValidString(got) {
				t.Fatalf("Truncate(%q, %d) produced invalid UTF-8 %q", in, max, got)
			}
			if n := Runes(got); n > max {
				t.Fatalf("Truncate(%q, %d) has %d runes", in, max, n)
			}
			if !strings.HasPrefix(in, got) {
				t.Fatalf("Truncate(%q, %d) = %q is not a prefix", in, max, got)
			}
			if cut != (total > max) {
				t.Fatalf("Truncate(%q, %d) cut = %v, total %d", in, max, cut, total)
			}
			if max >= 10 && cut && !strings.Contains(in, "\u200d") && Runes(got) < max*6/10 {
				t.Errorf("Truncate(%q, %d) gave only %d runes", in, max, Runes(got))
			}
		}
	}
}

func TestRunes(t *testing.T) {
	if n := Runes("한국어 text"); n != 8 {
		t.Errorf("Runes = %d, want 8", n)
	}
}
