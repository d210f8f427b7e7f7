package shape

import "testing"

// Agents' sign-offs go like customers' signatures (issue 12), and nothing
// that could be content goes with them.
func TestSignOff(t *testing.T) {
	for _, tc := range []struct {
		name, html, text, want string
	}{
		{name: "agent reply (demo HTML)",
			html: `<div dir="ltr">Hi Daniel,<br><br>We've taken the node out of rotation.<br><br>Best regards,<br>Sarah Chen<br>Senior Support Engineer, Acme Cloud<br></div>`,
			want: "Hi Daniel,\n\nWe've taken the node out of rotation."},
		{name: "customer block without a delimiter",
			text: "The export fails again.\n\nRegards,\nDaniel Brooks\nHead of IT\nNorthwind Logistics\n+1 206 555 0101",
			want: "The export fails again."},
		{name: "korean", text: "설정을 변경했습니다.\n\n감사합니다.\n박지우\nAcme Cloud", want: "설정을 변경했습니다."},
		{name: "japanese", text: "設定を変更しました。\n\nよろしくお願いいたします。\nSarah Chen\nAcme Cloud サポート", want: "設定を変更しました。"},
		{name: "german", text: "Der Export läuft wieder.\n\nViele Grüße\nJonas Weber\nAcme Cloud", want: "Der Export läuft wieder."},
		{name: "before sent-from-my-phone", text: "Works now.\n\nThanks,\nAnna Berg\nNorthwind\n\nSent from my iPhone", want: "Works now."},
		{name: "closing and name only: kept", text: "Works now.\n\nThanks,\nAnna", want: "Works now.\n\nThanks,\nAnna"},
		{name: "closing alone: kept", text: "Works now.\n\nThanks!", want: "Works now.\n\nThanks!"},
		{name: "nothing else: kept", text: "Best regards,\nSarah Chen\nAcme Cloud", want: "Best regards,\nSarah Chen\nAcme Cloud"},
		{name: "postscript: kept", text: "Works now.\n\nThanks,\nAnna\nPS: the invoice number is 4411", want: "Works now.\n\nThanks,\nAnna\nPS: the invoice number is 4411"},
		{name: "a sentence after the closing: kept", text: "Works now.\n\nThanks,\nI will call you tomorrow at ten.\nAnna", want: "Works now.\n\nThanks,\nI will call you tomorrow at ten.\nAnna"},
		{name: "a question after the closing: kept", text: "Works now.\n\nThanks,\nAnna\nCan you close it?", want: "Works now.\n\nThanks,\nAnna\nCan you close it?"},
		{name: "closing inside a sentence: kept", text: "Thanks, that fixed it.\nAnna Berg\nNorthwind", want: "Thanks, that fixed it.\nAnna Berg\nNorthwind"},
		{name: "too long to be a signature: kept", text: "Works.\n\nBest,\na\nb\nc\nd\ne\nf", want: "Works.\n\nBest,\na\nb\nc\nd\ne\nf"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Process(tc.html, tc.text).Text; got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}
