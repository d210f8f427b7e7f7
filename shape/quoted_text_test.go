package shape

import (
	"strings"
	"testing"
)

func TestStripQuotedText(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     string   // exact expected output
		mustKeep []string // alternatively: substrings that must remain
		mustDrop []string // and substrings that must be gone
	}{
		{
			name: "english gmail on wrote",
			in: "Hi, the export still fails after the update.\n\nThanks,\nAnna\n\n" +
				"On Mon, Nov 3, 2025 at 10:04 AM Acme Support <support@acme.example> wrote:\n" +
				"> Hello Anna,\n> please try again.\n",
			want: "Hi, the export still fails after the update.\n\nThanks,\nAnna",
		},
		{
			name: "english on wrote wrapped over two lines",
			in: "Works now, thank you!\n\nOn Mon, Nov 3, 2025 at 10:04 AM Acme Support Team <\n" +
				"support@acme.example> wrote:\n\n> Please clear the cache.\n",
			want: "Works now, thank you!",
		},
		{
			name: "english on date wrapped with name on second line",
			in: "Still broken.\n\nOn 3 November 2025 at 10:04, Jonathan Smith-Whitaker\n" +
				"<jonathan@example.com> wrote:\n> old text\n",
			want: "Still broken.",
		},
		{
			name: "outlook plain original message",
			in: "Please see the attached invoice.\n\nRegards\nTom\n\n-----Original Message-----\n" +
				"From: Billing <billing@acme.example>\nSent: Monday, November 3, 2025 10:04 AM\nTo: Tom\nSubject: Invoice\n\nOld text",
			want: "Please see the attached invoice.\n\nRegards\nTom",
		},
		{
			name: "outlook plain from sent header block",
			in: "Yes, that is correct.\n\nFrom: Acme Support <support@acme.example>\nSent: Monday, November 3, 2025 10:04 AM\n" +
				"To: Tom Baker <tom@example.com>\nSubject: RE: Invoice #4411\n\nHello Tom, ...",
			want: "Yes, that is correct.",
		},
		{
			name: "outlook underscore separator",
			in: "Thanks, that fixed it.\n\n________________________________\nFrom: Acme Support <support@acme.example>\n" +
				"Sent: Monday, November 3, 2025 10:04\nTo: Tom\nSubject: Ticket #12\n\nHi Tom",
			want: "Thanks, that fixed it.",
		},
		{
			name: "trailing angle quote block with short attribution",
			in:   "I tried that already.\n\nSupport wrote:\n> Did you restart the app?\n>\n> Best, Support\n",
			want: "I tried that already.",
		},
		{
			name: "interleaved inline replies kept",
			in:   "> Which version do you use?\n4.2.1\n> Which OS?\nWindows 11\n\nThanks",
			want: "> Which version do you use?\n4.2.1\n> Which OS?\nWindows 11\n\nThanks",
		},
		{
			name: "angle inside a sentence kept",
			in:   "The total must be > 100 EUR and the count >= 3.\nThanks",
			want: "The total must be > 100 EUR and the count >= 3.\nThanks",
		},
		{
			name: "on monday we wrote the code is content",
			in:   "Some history:\nOn Monday we wrote the code:\nfunc main() {}\nThen it broke.",
			want: "Some history:\nOn Monday we wrote the code:\nfunc main() {}\nThen it broke.",
		},
		{
			name: "from to travel content is kept",
			in:   "My booking:\nFrom: Paris\nTo: London\nPlease change the date.",
			want: "My booking:\nFrom: Paris\nTo: London\nPlease change the date.",
		},
		{
			name: "signature after dash dash space",
			in:   "Please call me back.\n\n-- \nAnna Schmidt\nHead of IT, Example GmbH\n+49 30 1234567",
			want: "Please call me back.",
		},
		{
			name: "mobile footer dropped",
			in:   "Still not working.\n\nSent from my iPhone",
			want: "Still not working.",
		},
		{
			name: "german gmail am schrieb",
			in: "Hallo,\n\ndas Problem besteht weiterhin.\n\nViele Grüße\nJürgen\n\n" +
				"Am Mo., 3. Nov. 2025 um 10:04 Uhr schrieb Acme Support <support@acme.example>:\n> Hallo Jürgen,\n",
			want: "Hallo,\n\ndas Problem besteht weiterhin.\n\nViele Grüße\nJürgen",
		},
		{
			name: "german outlook von gesendet",
			in: "Danke für die schnelle Antwort.\n\nVon: Acme Support <support@acme.example>\nGesendet: Montag, 3. November 2025 10:04\n" +
				"An: Jürgen Weiß <juergen@example.de>\nBetreff: AW: Rechnung\n\nHallo",
			want: "Danke für die schnelle Antwort.",
		},
		{
			name: "german ursprungliche nachricht",
			in:   "Siehe unten.\n\n-----Ursprüngliche Nachricht-----\nVon: X\nalter Text",
			want: "Siehe unten.",
		},
		{
			name: "french le a ecrit",
			in:   "Merci, c'est réglé.\n\nLe lun. 3 nov. 2025 à 10:04, Support Acme <support@acme.example> a écrit :\n> Bonjour",
			want: "Merci, c'est réglé.",
		},
		{
			name: "spanish el escribio",
			in:   "Gracias, ya funciona.\n\nEl lun, 3 nov 2025 a las 10:04, Soporte <soporte@acme.example> escribió:\n> Hola",
			want: "Gracias, ya funciona.",
		},
		{
			name: "korean gmail nim-i jakseong",
			in: "안녕하세요,\n\n결제 오류가 아직 해결되지 않았습니다. 확인 부탁드립니다.\n\n감사합니다.\n김민수\n\n" +
				"2025년 11월 3일 (월) 오전 10:04, Acme 고객지원 <support@acme.example>님이 작성:\n> 안녕하세요 고객님,\n",
			want: "안녕하세요,\n\n결제 오류가 아직 해결되지 않았습니다. 확인 부탁드립니다.\n\n감사합니다.\n김민수",
		},
		{
			name: "korean outlook header block",
			in: "확인했습니다. 감사합니다.\n\n보낸 사람: Acme 고객지원 <support@acme.example>\n보낸 날짜: 2025년 11월 3일 월요일 오전 10:04\n" +
				"받는 사람: 김민수 <minsu@example.kr>\n제목: RE: 결제 오류\n\n고객님 안녕하세요",
			want: "확인했습니다. 감사합니다.",
		},
		{
			name: "japanese gmail date header",
			in: "お世話になっております。\n\nまだログインできません。\n\n山田\n\n" +
				"2025年11月3日(月) 10:04 Acmeサポート <support@acme.example>:\n> 山田様\n",
			want: "お世話になっております。\n\nまだログインできません。\n\n山田",
		},
		{
			name: "japanese message attribution",
			in:   "了解しました。\n\n2025/11/03 10:04、Acmeサポート <support@acme.example>のメッセージ:\n\n> 山田様",
			want: "了解しました。",
		},
		{
			name: "japanese thunderbird kakimashita",
			in:   "ありがとうございます。\n\n2025/11/03 10:04 に Acmeサポート さんは書きました:\n> 山田様",
			want: "ありがとうございます。",
		},
		{
			name: "japanese outlook header block",
			in:   "承知いたしました。\n\n差出人: Acmeサポート <support@acme.example>\n送信日時: 2025年11月3日 10:04\n宛先: 山田太郎\n件名: RE: ログイン\n\n山田様",
			want: "承知いたしました。",
		},
		{
			name: "forwarded message is kept",
			in: "FYI, see the customer's message below.\n\n---------- Forwarded message ---------\n" +
				"From: Carla Diaz <carla@example.com>\nDate: Mon, Nov 3, 2025 at 10:04 AM\nSubject: Broken invoice\nTo: <sales@acme.example>\n\n" +
				"The invoice total is wrong.",
			want: "FYI, see the customer's message below.\n\n---------- Forwarded message ---------\n" +
				"From: Carla Diaz <carla@example.com>\nDate: Mon, Nov 3, 2025 at 10:04 AM\nSubject: Broken invoice\nTo: <sales@acme.example>\n\n" +
				"The invoice total is wrong.",
		},
		{
			name:     "signature before forward is cut but forward kept",
			in:       "FYI\n-- \nBob Lee\nSales\n\nBegin forwarded message:\n\nFrom: Carla <carla@example.com>\nDate: 3 November 2025\n\nThe invoice total is wrong.",
			mustKeep: []string{"FYI", "Begin forwarded message:", "The invoice total is wrong."},
			mustDrop: []string{"Bob Lee", "Sales"},
		},
		{
			name:     "german forward kept",
			in:       "Zur Info.\n\n---------- Weitergeleitete Nachricht ---------\nVon: Kunde <k@example.de>\nDatum: Mo., 3. Nov. 2025\nBetreff: Fehler\n\nDer Export bricht ab.",
			mustKeep: []string{"Zur Info.", "Der Export bricht ab.", "Von: Kunde"},
		},
		{
			name: "only quoted text is returned unchanged",
			in:   "On Mon, Nov 3, 2025 at 10:04 AM Bob <bob@example.com> wrote:\n> hello",
			want: "On Mon, Nov 3, 2025 at 10:04 AM Bob <bob@example.com> wrote:\n> hello",
		},
		{
			name: "crlf input",
			in:   "Fixed.\r\n\r\nOn Mon, Nov 3, 2025 at 10:04 AM Bob <bob@example.com> wrote:\r\n> hello\r\n",
			want: "Fixed.",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := StripQuotedText(tc.in)
			if tc.want != "" && got != tc.want {
				t.Errorf("StripQuotedText()\n got: %q\nwant: %q", got, tc.want)
			}
			for _, s := range tc.mustKeep {
				if !strings.Contains(got, s) {
					t.Errorf("lost %q in %q", s, got)
				}
			}
			for _, s := range tc.mustDrop {
				if strings.Contains(got, s) {
					t.Errorf("kept %q in %q", s, got)
				}
			}
		})
	}
}
