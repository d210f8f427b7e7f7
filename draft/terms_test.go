package draft

import (
	"slices"
	"testing"
)

func TestTerms(t *testing.T) {
	tests := []struct {
		name, subject, text, lang string
		max                       int
		want                      []string // exactly, in order
	}{
		{"english", "Where do I find my API key?",
			"Hello, we're building an internal integration and the docs say to use an API key with Basic auth.", "en", 3,
			[]string{"API", "key", "building"}},
		{"korean particles and light verbs", "API 키를 재발급하고 싶습니다",
			"퇴사한 직원이 API 키를 알고 있어서 보안상 API 키를 재발급하고 싶습니다.", "ko", 3,
			[]string{"API", "키", "재발급"}},
		{"korean password reset", "비밀번호를 재설정했는데 로그인이 안 됩니다", "", "ko", 3,
			[]string{"비밀번호", "재설정", "로그인"}},
		{"korean 429", "429 오류가 자주 발생합니다",
			"Growth 요금제를 사용 중인데, 오전 9시 배치 작업 때마다 429 Too Many Requests 오류가 납니다. 요금제별 요청 한도가 어떻게 되나요?", "ko", 3,
			[]string{"429", "오류", "요금제"}},
		{"japanese katakana and kanji runs", "APIのレート制限について教えてください",
			"在庫連携でAPIを利用していますが、プランごとのレート制限を教えていただけますか。", "ja", 3,
			[]string{"API", "レート", "制限"}},
		{"german", "Rückerstattung nach Kündigung",
			"Hallo, wir haben unseren Monatsplan am 3. gekündigt, wurden aber trotzdem belastet. Bitte um Rückerstattung.", "de", 2,
			[]string{"rückerstattung", "kündigung"}},
		{"only small talk", "Hello", "Thanks, regards", "en", 3, nil},
		{"max respected", "SAML SSO login error invalid audience", "", "en", 2, []string{"SAML", "SSO"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Terms(tt.subject, tt.text, tt.lang, tt.max)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Terms = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestKoreanStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"비밀번호를", "비밀번호"}, {"키를", "키"}, {"요금제별", "요금제"}, {"한도가", "한도"},
		{"재설정하고", "재설정"}, {"수신됩니다", "수신"}, {"서버에서", "서버"}, {"중복으로", "중복"},
		{"추가", "추가"}, {"깨집니다", ""}, {"되나요", ""}, {"제한", "제한"}, {"가", ""},
	}
	for _, tt := range tests {
		if got := koreanStem(tt.in); got != tt.want {
			t.Errorf("koreanStem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSearchTermsAndQueries(t *testing.T) {
	p := koreanPack()
	terms := SearchTerms(p)
	if len(terms) == 0 || len(terms) > MaxTerms {
		t.Fatalf("SearchTerms = %q, want 1..%d terms", terms, MaxTerms)
	}
	if !slices.Contains(terms, "키") || !slices.Contains(terms, "API") {
		t.Errorf("SearchTerms = %q, want API and 키", terms)
	}
	q := SearchQueries(p)
	if len(q) != 2 || q[0] != terms[0]+" "+terms[1] || q[1] != terms[0] {
		t.Errorf("SearchQueries = %q, want [narrow, broad] from %q", q, terms)
	}
	if got := SearchQueries(Pack{Ticket: Ticket{Subject: "hello"}}); got != nil {
		t.Errorf("SearchQueries without terms = %q, want nil", got)
	}
	if got := SearchQueries(Pack{Ticket: Ticket{Subject: "webhooks"}}); !slices.Equal(got, []string{"webhooks"}) {
		t.Errorf("SearchQueries with one term = %q", got)
	}
	// Only the customer's words count: an agent reply about invoices must not
	// steer the search of a password ticket.
	p2 := Pack{Ticket: Ticket{Subject: "password reset link expired"}, Messages: []Message{
		{Role: RoleCustomer, Text: "The password reset link expired."},
		{Role: RoleAgent, Text: "invoice invoice invoice invoice invoice"},
	}}
	if got := SearchTerms(p2); slices.Contains(got, "invoice") {
		t.Errorf("SearchTerms = %q: agent text leaked into the terms", got)
	}
}
