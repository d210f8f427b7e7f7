package shape

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func readFixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("read fixture: %v", err)
	}
	return string(b)
}

// TestMessageEmails runs the full pipeline on realistic e-mails from each
// client and checks what an agent needs survives and the history does not.
func TestMessageEmails(t *testing.T) {
	tests := []struct {
		file     string
		want     string // exact output, if set
		mustKeep []string
		mustDrop []string
		quoted   bool
	}{
		{
			file: "gmail_reply_en.html",
			want: "Hi Acme team,\n\nThe CSV export still fails with \"Error 502\" when I select more than 1,000 rows. I attached a screenshot:\n" +
				"[image: export-error.png]\n\nSteps: Reports > Export > CSV. See the status page (https://status.acme.example/incidents/42).\n\nThanks,\nAnna",
			quoted: true,
		},
		{
			file:     "gmail_forward_en.html",
			mustKeep: []string{"FYI, this customer wrote to sales by mistake.", "---------- Forwarded message ---------", "From: Carla Diaz <carla@example.com>", "Subject: Invoice total wrong", "invoice INV-2025-0042 charges 12 seats", "Please correct it."},
		},
		{
			file:   "outlook_web_reply_de.html",
			want:   "Hallo Support-Team,\n\nder Export funktioniert jetzt, vielen Dank für die schnelle Hilfe!\n\nViele Grüße\nJürgen Weiß",
			quoted: true,
		},
		{
			file:     "outlook_desktop_reply_ko.html",
			mustKeep: []string{"안녕하세요,", "결제 페이지에서 여전히 \"카드 승인 실패\" 오류가 발생합니다. 주문 번호는 A-2025-1103입니다.", "감사합니다.\n김민수 드림"},
			mustDrop: []string{"보낸 사람", "고객님 안녕하세요", "브라우저 캐시"},
			quoted:   true,
		},
		{
			file:   "apple_reply_ja.html",
			want:   "お世話になっております。\n\nパスワードをリセットしましたが、まだログインできません。エラーコードは「E-401」です。\n\nよろしくお願いいたします。\n山田太郎",
			quoted: true,
		},
		{
			file:   "thunderbird_reply_en.html",
			want:   "Hello,\n\nthe licence key you sent (ACME-7781-XQ) is rejected with \"invalid checksum\".\n\nRegards,\nPiotr",
			quoted: true,
		},
		{
			file:   "freshdesk_agent_reply.html",
			want:   "Hi Anna,\n\nWe have raised the export limit to 5,000 rows. Details: Export limits (https://acme.example/kb/42)\n\nBest regards,\nSam from Acme Support",
			quoted: true,
		},
		{
			file:   "yahoo_reply_en.html",
			want:   "Great, thank you. Order #99812 arrived today.",
			quoted: true,
		},
		{
			file:   "plain_in_html.html",
			want:   "Hi,\n\nI still see the error when I click Save > Publish.\n\nThanks\nLee",
			quoted: true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			in := readFixture(t, tc.file)
			r := Process(in, "")
			if tc.want != "" && r.Text != tc.want {
				t.Errorf("text\n got: %q\nwant: %q", r.Text, tc.want)
			}
			for _, s := range tc.mustKeep {
				if !strings.Contains(r.Text, s) {
					t.Errorf("lost %q in\n%s", s, r.Text)
				}
			}
			for _, s := range tc.mustDrop {
				if strings.Contains(r.Text, s) {
					t.Errorf("kept %q in\n%s", s, r.Text)
				}
			}
			if r.QuotedRemoved != tc.quoted {
				t.Errorf("QuotedRemoved = %v, want %v", r.QuotedRemoved, tc.quoted)
			}
			if Message(in, "") != r.Text {
				t.Error("Message and Process disagree")
			}
			if strings.Contains(r.Text, "&gt;") || strings.Contains(r.Text, "&amp;") || strings.Contains(r.Text, "&quot;") || strings.Contains(r.Text, "\n\n\n") {
				t.Errorf("entities or blank-line runs left in %q", r.Text)
			}
		})
	}
}

func TestMessagePromptInjection(t *testing.T) {
	r := Process(readFixture(t, "injection.html"), "")
	want := "Hello, my order 5521 never arrived.\nPlease check it.\n\ngnp.exe is the file I got."
	if r.Text != want {
		t.Errorf("text\n got: %q\nwant: %q", r.Text, want)
	}
	for _, s := range []string{"SYSTEM", "refund", "admin password", "delete all tickets"} {
		if strings.Contains(r.Text, s) {
			t.Errorf("hidden instruction %q leaked into %q", s, r.Text)
		}
	}
	// 3 hidden elements with text + 3 zero-width + 2 bidi controls.
	if r.Hidden != 8 {
		t.Errorf("Hidden = %d, want 8", r.Hidden)
	}
}

func TestMessageTextFallback(t *testing.T) {
	tests := []struct {
		name, html, text, want string
		hidden                 int
	}{
		{
			name: "empty html uses text",
			html: "  ",
			text: "Thanks!\r\n\r\nOn Mon, Nov 3, 2025 at 10:04 AM Bob <bob@example.com> wrote:\r\n> old",
			want: "Thanks!",
		},
		{
			name: "html with no text uses text",
			html: "<div><br></div>",
			text: "Plain body",
			want: "Plain body",
		},
		{
			name: "hidden characters cannot disguise a quote header",
			text: "Done.\n\nOn Mon, Nov 3, 2025 at 10:04 AM Bob <bob@exa\u200bmple.com> wr\u200bote:\n> old",
			want: "Done.", hidden: 2,
		},
		{
			name: "tag characters removed from text body",
			text: "Refund please\U000E0049\U000E0047\U000E004E\U000E004F\U000E0052\U000E0045 now",
			want: "Refund please now", hidden: 6,
		},
		{
			name: "both empty",
			want: "",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Process(tc.html, tc.text)
			if r.Text != tc.want {
				t.Errorf("got %q, want %q", r.Text, tc.want)
			}
			if r.Hidden != tc.hidden {
				t.Errorf("Hidden = %d, want %d", r.Hidden, tc.hidden)
			}
		})
	}
}

func TestMessageOnlyQuoteKeepsContent(t *testing.T) {
	// A message that is nothing but a quote (e.g. a bare forward from
	// Outlook) keeps its content rather than becoming empty.
	in := `<div id="divRplyFwdMsg"><b>From:</b> Carla &lt;carla@example.com&gt;<br><b>Sent:</b> Monday<br><b>Subject:</b> Invoice</div><div>The invoice total is wrong.</div>`
	got := Message(in, "")
	if !strings.Contains(got, "The invoice total is wrong.") {
		t.Errorf("content lost: %q", got)
	}
}

func TestMessageValidUTF8(t *testing.T) {
	in := "<p>caf\xe9 \xff\xfe ok</p>"
	got := Message(in, "")
	if !utf8.ValidString(got) {
		t.Fatalf("invalid UTF-8: %q", got)
	}
	if !strings.Contains(got, "caf\uFFFD") || !strings.Contains(got, "ok") {
		t.Errorf("content lost: %q", got)
	}
}
