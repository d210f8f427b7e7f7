package draft

import (
	"slices"
	"strings"
	"unicode"
)

// Language detection is script counting plus stopword counting, on purpose:
// support tickets are short and mix scripts ("SSO 로그인 오류", product names
// in Latin letters), which is where n-gram detectors are weakest, and we only
// need the languages a helpdesk answers in. lingua-go would add tens of MB of
// models to the binary; whatlanggo has been unmaintained since 2019 (v1.0.1).
//
// Non-Latin scripts decide by themselves (Hangul -> ko, Kana -> ja, Han without
// Kana -> zh, Cyrillic -> ru, ...). Latin text is scored with stopword lists
// for en, de, fr, es, pt, nl and it plus a few telling letters (ß, ñ, ã...);
// the default is en.

// languageNames maps the codes we detect or commonly receive to English names.
var languageNames = map[string]string{
	"en": "English", "de": "German", "fr": "French", "es": "Spanish",
	"pt": "Portuguese", "nl": "Dutch", "it": "Italian", "ko": "Korean",
	"ja": "Japanese", "zh": "Chinese", "ru": "Russian", "ar": "Arabic",
	"he": "Hebrew", "el": "Greek", "th": "Thai", "hi": "Hindi",
	"pl": "Polish", "sv": "Swedish", "da": "Danish", "no": "Norwegian",
	"nb": "Norwegian Bokmål", "fi": "Finnish", "tr": "Turkish", "uk": "Ukrainian",
	"cs": "Czech", "vi": "Vietnamese", "id": "Indonesian",
}

// languageAliases maps names (English and native) to codes, for a requested
// language given as a word.
var languageAliases = map[string]string{
	"english": "en", "german": "de", "deutsch": "de", "french": "fr", "français": "fr",
	"francais": "fr", "spanish": "es", "español": "es", "espanol": "es",
	"portuguese": "pt", "português": "pt", "portugues": "pt", "dutch": "nl",
	"nederlands": "nl", "italian": "it", "italiano": "it", "korean": "ko",
	"한국어": "ko", "japanese": "ja", "日本語": "ja", "chinese": "zh", "中文": "zh",
	"russian": "ru", "русский": "ru",
}

// LanguageName returns the English name of a language code ("ko" ->
// "Korean"; "pt-BR" -> "Portuguese (BR)"), or the code itself when unknown.
func LanguageName(code string) string {
	base, region, _ := strings.Cut(code, "-")
	name, ok := languageNames[strings.ToLower(base)]
	if !ok {
		return code
	}
	if region != "" {
		return name + " (" + region + ")"
	}
	return name
}

// LanguageChoices returns the English names of the languages a reply may be
// asked for by name (each one NormalizeLanguage accepts), sorted: the
// suggestions for a language argument.
func LanguageChoices() []string {
	var out []string
	for _, name := range languageNames {
		if NormalizeLanguage(name) != "" && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// NormalizeLanguage turns a requested language ("Korean", "ko_KR", "KO",
// "pt-br") into a BCP-47-ish code ("ko", "ko-KR", "ko", "pt-BR"). It returns
// "" for input that is neither a known name nor shaped like a language tag.
func NormalizeLanguage(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if code, ok := languageAliases[strings.ToLower(s)]; ok {
		return code
	}
	base, region, _ := strings.Cut(strings.ReplaceAll(s, "_", "-"), "-")
	if !isLetters(base, 2, 3) {
		return ""
	}
	code := strings.ToLower(base)
	if region == "" {
		return code
	}
	if !isAlnum(region, 2, 8) {
		return ""
	}
	if len(region) == 2 {
		region = strings.ToUpper(region)
	}
	return code + "-" + region
}

func isLetters(s string, minLen, maxLen int) bool {
	if len(s) < minLen || len(s) > maxLen {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return false
		}
	}
	return true
}

func isAlnum(s string, minLen, maxLen int) bool {
	if len(s) < minLen || len(s) > maxLen {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// script classes counted by DetectLanguage.
const (
	scLatin = iota
	scHangul
	scKana
	scHan
	scCyrillic
	scArabic
	scHebrew
	scGreek
	scThai
	scDevanagari
	scCount
)

var scriptLang = [scCount]string{
	scLatin: "", scHangul: "ko", scKana: "ja", scHan: "zh", scCyrillic: "ru",
	scArabic: "ar", scHebrew: "he", scGreek: "el", scThai: "th", scDevanagari: "hi",
}

// scriptOf classifies one rune; -1 for non-letters.
func scriptOf(r rune) int {
	switch {
	case r < 0x80:
		if (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') {
			return scLatin
		}
		return -1
	case unicode.Is(unicode.Hangul, r):
		return scHangul
	case unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r), r == 'ー':
		return scKana
	case unicode.Is(unicode.Han, r):
		return scHan
	case unicode.Is(unicode.Latin, r):
		return scLatin
	case unicode.Is(unicode.Cyrillic, r):
		return scCyrillic
	case unicode.Is(unicode.Arabic, r):
		return scArabic
	case unicode.Is(unicode.Hebrew, r):
		return scHebrew
	case unicode.Is(unicode.Greek, r):
		return scGreek
	case unicode.Is(unicode.Thai, r):
		return scThai
	case unicode.Is(unicode.Devanagari, r):
		return scDevanagari
	}
	return -1
}

// DetectLanguage returns a BCP-47-ish code for text: "ko" for Hangul, "ja"
// when Kana is present, "zh" for Han without Kana, "de"/"fr"/"es"/"pt"/"nl"/
// "it"/"en" for Latin text by stopword counts, a few other scripts by script
// alone. Empty or undecidable text yields "en".
func DetectLanguage(text string) string {
	var counts [scCount]int
	for _, r := range text {
		if s := scriptOf(r); s >= 0 {
			counts[s]++
		}
	}
	// One Hangul syllable or CJK character carries about as much as three
	// Latin letters; weighting keeps "SSO 설정 오류" Korean and an English
	// mail naming "삼성" English.
	cjk := counts[scHan] + counts[scKana]
	weights := counts
	weights[scHangul] *= 3
	weights[scKana] *= 3
	weights[scHan] *= 3
	best, bestW := scLatin, weights[scLatin]
	for s := scHangul; s < scCount; s++ {
		w := weights[s]
		if s == scKana || s == scHan {
			w = cjk * 3 // Japanese mixes Kana and Han: judge them together
		}
		if w > bestW {
			best, bestW = s, w
		}
	}
	switch {
	case bestW == 0:
		return "en"
	case best == scKana || best == scHan:
		// Japanese sentences nearly always carry Kana; Chinese never does.
		if counts[scKana] > 0 && counts[scKana]*20 >= counts[scHan] {
			return "ja"
		}
		return "zh"
	case best != scLatin:
		return scriptLang[best]
	}
	return latinLanguage(text)
}

// latinLanguage scores Latin text against the stopword lists.
func latinLanguage(text string) string {
	scores := map[string]int{}
	for _, w := range words(strings.ToLower(text)) {
		mask := stopIndex[w]
		for i := 0; mask != 0; i, mask = i+1, mask>>1 {
			if mask&1 != 0 {
				scores[latinLangs[i]] += 2
			}
		}
	}
	for _, r := range strings.ToLower(text) {
		switch r {
		case 'ß', 'ä', 'ö', 'ü':
			scores["de"]++
		case 'ñ', '¿', '¡':
			scores["es"] += 2
		case 'ã', 'õ':
			scores["pt"] += 2
		case 'è', 'ê', 'à', 'ù', 'û', 'ç', 'œ':
			scores["fr"]++
		case 'ì', 'ò':
			scores["it"]++
		}
	}
	best, bestScore := "en", 0
	for _, lang := range latinLangs { // fixed order: ties go to the earlier (en first)
		if scores[lang] > bestScore {
			best, bestScore = lang, scores[lang]
		}
	}
	return best
}

// words splits text into runs of letters and digits.
func words(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// maxDetectRunes bounds the text DetectLanguage sees for a Pack: the latest
// customer messages decide, and a long pasted log should not.
const maxDetectRunes = 2000

// customerText returns the text of the latest customer messages (newest
// first, up to n of them), or of all messages when the customer wrote none.
func customerText(p Pack, n int) string {
	var parts []string
	for i := len(p.Messages) - 1; i >= 0 && len(parts) < n; i-- {
		if p.Messages[i].Role == RoleCustomer && strings.TrimSpace(p.Messages[i].Text) != "" {
			parts = append(parts, p.Messages[i].Text)
		}
	}
	if len(parts) == 0 {
		for i := len(p.Messages) - 1; i >= 0 && len(parts) < n; i-- {
			parts = append(parts, p.Messages[i].Text)
		}
	}
	return strings.Join(parts, "\n")
}

// minDetectLetters is how many letters the newest customer messages must have
// before older ones stop counting: a customer who switches language is
// answered in the new one, but "Thanks!" alone decides nothing.
const minDetectLetters = 40

// ReplyLanguage returns the language the reply must be written in: the
// requested Pack.Language when it is usable, else the language of the
// customer's latest messages (newest first, until there is enough text), else
// of the whole thread, else of the subject.
func ReplyLanguage(p Pack) string {
	if code := NormalizeLanguage(p.Language); code != "" {
		return code
	}
	var parts []string
	letters := 0
	collect := func(customerOnly bool) {
		for i := len(p.Messages) - 1; i >= 0 && letters < minDetectLetters; i-- {
			m := p.Messages[i]
			if customerOnly && m.Role != RoleCustomer {
				continue
			}
			parts = append(parts, m.Text)
			letters += countLetters(m.Text)
		}
	}
	collect(true)
	if letters == 0 {
		collect(false)
	}
	text := strings.Join(parts, "\n")
	if letters == 0 {
		text = p.Ticket.Subject
	}
	if r := []rune(text); len(r) > maxDetectRunes {
		text = string(r[:maxDetectRunes])
	}
	return DetectLanguage(text)
}

func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}
