package draft

import (
	"slices"
	"testing"
)

func TestDetectLanguage(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"korean", "프로젝트 데이터를 CSV로 내보낸 후 엑셀에서 열면 한글이 모두 깨져서 보입니다.", "ko"},
		{"korean with latin product names", "SSO 로그인 시 오류가 발생합니다 (SAML, Okta)", "ko"},
		{"japanese kana and kanji", "エクスポートしたCSVをExcelで開くと、日本語の商品名がすべて文字化けしてしまいます。", "ja"},
		{"japanese mostly kanji", "請求書の宛名変更について", "ja"},
		{"chinese", "我们的账单页面无法打开，请尽快处理。", "zh"},
		{"german", "Hallo, wir haben unseren Monatsplan am 3. gekündigt, wurden aber am 5. trotzdem für den ganzen Monat belastet.", "de"},
		{"french", "Bonjour, nous ne pouvons pas ouvrir la page de facturation depuis ce matin. Pouvez-vous vérifier ?", "fr"},
		{"spanish", "Hola, no podemos abrir la página de facturación desde esta mañana. ¿Pueden revisarlo por favor?", "es"},
		{"portuguese", "Olá, não conseguimos abrir a página de cobrança desde hoje de manhã. Vocês podem verificar?", "pt"},
		{"dutch", "Hallo, wij kunnen de factuurpagina sinds vanochtend niet openen. Kunnen jullie dit bekijken?", "nl"},
		{"italian", "Buongiorno, non riusciamo ad aprire la pagina di fatturazione da stamattina. Potete verificare per favore?", "it"},
		{"english", "Hi, I reset my password this morning but now the console keeps saying the link has expired.", "en"},
		{"english naming a korean company", "We signed a contract with 삼성 last month and need an invoice for the whole year of service please.", "en"},
		{"russian", "Здравствуйте, не открывается страница оплаты.", "ru"},
		{"empty", "", "en"},
		{"digits only", "12345 !!!", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DetectLanguage(tt.text); got != tt.want {
				t.Errorf("DetectLanguage(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestNormalizeLanguage(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ko", "ko"}, {"KO", "ko"}, {"ko_KR", "ko-KR"}, {"pt-br", "pt-BR"}, {"Korean", "ko"},
		{"한국어", "ko"}, {"Deutsch", "de"}, {"zh-Hant", "zh-Hant"}, {"", ""}, {"  ", ""},
		{"not a language", ""}, {"k", ""}, {"en-!!", ""},
	}
	for _, tt := range tests {
		if got := NormalizeLanguage(tt.in); got != tt.want {
			t.Errorf("NormalizeLanguage(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLanguageName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ko", "Korean"}, {"ja", "Japanese"}, {"pt-BR", "Portuguese (BR)"}, {"xx", "xx"},
	}
	for _, tt := range tests {
		if got := LanguageName(tt.in); got != tt.want {
			t.Errorf("LanguageName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestReplyLanguage(t *testing.T) {
	switched := englishPack()
	switched.Messages = append(switched.Messages, Message{Role: RoleCustomer, Text: "Entschuldigung, können wir bitte auf Deutsch weitermachen? Ich finde den Schlüssel nicht."})
	agentOnly := Pack{Ticket: Ticket{Subject: "Ihre Rechnung"}, Messages: []Message{{Role: RoleAgent, Text: "Hallo, wir haben Ihre Rechnung geändert und sie ist jetzt im Portal."}}}
	noText := Pack{Ticket: Ticket{Subject: "요금제 변경 문의"}}
	override := koreanPack()
	override.Language = "English"
	badOverride := koreanPack()
	badOverride.Language = "??"
	tests := []struct {
		name string
		p    Pack
		want string
	}{
		{"korean customer", koreanPack(), "ko"},
		{"english customer", englishPack(), "en"},
		{"latest customer message wins", switched, "de"},
		{"no customer message: thread", agentOnly, "de"},
		{"no text: subject", noText, "ko"},
		{"requested language wins", override, "en"},
		{"unusable request ignored", badOverride, "ko"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ReplyLanguage(tt.p); got != tt.want {
				t.Errorf("ReplyLanguage = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestLanguageChoices: every suggested language is accepted by name and
// comes back under the same name.
func TestLanguageChoices(t *testing.T) {
	choices := LanguageChoices()
	if len(choices) < 10 || !slices.IsSorted(choices) {
		t.Fatalf("LanguageChoices() = %q, want a sorted list of at least 10", choices)
	}
	for _, name := range choices {
		code := NormalizeLanguage(name)
		if code == "" || LanguageName(code) != name {
			t.Errorf("%q -> code %q -> name %q", name, code, LanguageName(code))
		}
	}
}
