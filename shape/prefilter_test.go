package shape

import "testing"

// prefilterCases are lines the regular expressions match, in odd case and
// with the non-ASCII case folds of 's' (U+017F) and 'k' (U+212A), plus
// near misses.
var prefilterCases = []string{
	"---------- Forwarded message ---------", "-----FORWARDED MESSAGE-----", "Begin forwarded message:",
	"Weitergeleitete Nachricht", "Anfang der weitergeleiteten Nachricht:", "Message transféré", "MESSAGE TRANSFÉRÉ",
	"Début du message réexpédié :", "Début du meſſage transféré", "Mensaje reenviado", "Doorgestuurd bericht",
	"Messaggio inoltrato", "Mensagem encaminhada", "전달된 메시지", "전달된 메일", "転送されたメッセージ", "転送メッセージ",
	"From: Bob <bob@example.com>", "FROM: x", "Von: Anna", "De : Marie", "Da: Luca", "Van: Jan", "보낸 사람: 김", "差出人: 山田", "送信者: 山田",
	"Sent from my iPhone", "ſent from my iPhone", "SENT FROM MY PHONE", "Get Outlook for iOS", "Sent from Outlook for Android",
	"Von meinem iPhone gesendet", "Envoyé de mon iPad", "Enviado desde mi móvil", "iPhone에서 보냄", "iPhoneから送信",
	"Hello", "Forward this please", "from the team", "", "x",
}

// TestPrefilters checks that each cheap prefilter accepts every line its
// regular expression matches, so that the fast path never changes a result.
func TestPrefilters(t *testing.T) {
	matched := 0
	for _, l := range prefilterCases {
		checkPrefilters(t, l)
		if reForward.MatchString(l) || reFromLabel.MatchString(l) || reMobileFooter.MatchString(l) {
			matched++
		}
	}
	// The table must exercise the match side, not only near misses.
	if matched < 30 {
		t.Errorf("only %d cases match a regexp, want >= 30", matched)
	}
}

func FuzzPrefilters(f *testing.F) {
	for _, l := range prefilterCases {
		f.Add(l)
	}
	f.Fuzz(checkPrefilters)
}

func checkPrefilters(t *testing.T, l string) {
	for _, c := range []struct {
		name   string
		regexp bool
		pre    bool
	}{
		{"forward", reForward.MatchString(l), mayBeForward(l)},
		{"from", reFromLabel.MatchString(l), mayBeFromLabel(l)},
		{"mobile", reMobileFooter.MatchString(l), mayBeMobileFooter(l)},
	} {
		if c.regexp && !c.pre {
			t.Errorf("%s prefilter rejects %q, which the regexp matches", c.name, l)
		}
	}
}
