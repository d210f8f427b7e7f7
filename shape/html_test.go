package shape

import (
	"strings"
	"testing"
)

func TestHTMLToText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"entities decoded", `<p>Tom &amp; Jerry &lt;tj@example.com&gt; &quot;quoted&quot; &eacute;t&eacute; &#8364;5 &#x1F600;</p>`, `Tom & Jerry <tj@example.com> "quoted" été €5 😀`},
		{"no markdown escaping", `<p>1. not a list *star* _under_ #hash a-b [x] C:\path</p>`, `1. not a list *star* _under_ #hash a-b [x] C:\path`},
		{"link text and url", `<p>See <a href="https://acme.example/kb/1">the article</a>.</p>`, `See the article (https://acme.example/kb/1).`},
		{"link equal to url", `<a href="https://acme.example/kb/1">https://acme.example/kb/1</a>`, `https://acme.example/kb/1`},
		{"link equal without scheme", `<a href="https://www.acme.example/">www.acme.example</a>`, `www.acme.example`},
		{"mailto equal to text", `<a href="mailto:bob@example.com?subject=hi">bob@example.com</a>`, `bob@example.com`},
		{"mailto with name", `<a href="mailto:bob@example.com">Bob</a>`, `Bob (bob@example.com)`},
		{"tel link", `<a href="tel:+15550100">+1 555 0100</a>`, `+1 555 0100`},
		{"anchor and javascript links", `<a href="#top">Top</a> <a href="javascript:alert(1)">Click</a>`, `Top Click`},
		{"empty link dropped", `<p>Logo<a href="https://tracker.example/x"></a></p>`, `Logo`},
		{"outlook safelink unwrapped", `<a href="https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Facme.example%2Fa&amp;data=05">portal</a>`, `portal (https://acme.example/a)`},
		{"image alt", `<p>Error:</p><p><img src="cid:1" alt="error dialog"></p>`, "Error:\n\n[image: error dialog]"},
		{"image without alt dropped", `<p>Hi<img src="https://x.example/a.png"></p>`, `Hi`},
		{"tracking pixel dropped", `<p>Hi<img src="https://t.example/p.gif" width="1" height="1" alt="pixel"></p>`, `Hi`},
		{"image link keeps alt", `<a href="https://acme.example"><img src="logo.png" alt="Acme"></a>`, `[image: Acme] (https://acme.example)`},
		{"unordered list", `<ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul>`, "- one\n- two\n\n  - nested"},
		{"ordered list", `<ol><li>first</li><li>second</li></ol>`, "1. first\n2. second"},
		{"gmail div lines", `<div>line one</div><div>line two</div><div><br></div><div>new paragraph</div>`, "line one\nline two\n\nnew paragraph"},
		{"br lines", `<p>a<br>b<br><br><br><br>c</p>`, "a\nb\n\nc"},
		{"paragraphs", `<p>one</p><p>&nbsp;</p><p></p><p>two</p>`, "one\n\ntwo"},
		{"bold and italic markers dropped", `<p><b>Important:</b> <i>please</i> <strong>reply</strong></p>`, `Important: please reply`},
		{"heading", `<h2>Order summary</h2><p>Total: 5</p>`, "## Order summary\n\nTotal: 5"},
		{"data table", `<table><tr><th>Plan</th><th>Seats</th><th>Price</th></tr><tr><td>Pro</td><td>10</td><td>$490</td></tr><tr><td>Team</td><td></td><td>$99</td></tr></table>`, "Plan | Seats | Price\nPro | 10 | $490\nTeam |  | $99"},
		{"layout table flattened", `<table><tr><td><table><tr><td><p>Hello Anna,</p><p>Your order shipped.</p></td></tr></table></td></tr><tr><td>&nbsp;</td></tr><tr><td>Acme Inc.</td></tr></table>`, "Hello Anna,\n\nYour order shipped.\n\nAcme Inc."},
		{"signature table with logo", `<table><tr><td><img src="logo.png" alt=""></td><td>Anna Keller<br>Finance Lead</td></tr></table>`, "Anna Keller\nFinance Lead"},
		{"blockquote kept", `<p>As the manual says:</p><blockquote>Restart the device.</blockquote>`, "As the manual says:\n\n> Restart the device."},
		{"pre keeps layout", "<pre>line 1\n  indented &lt;tag&gt;</pre>", "```\nline 1\n  indented <tag>\n```"},
		{"script style head removed", `<html><head><title>T</title><style>p{color:red}</style></head><body><script>alert(1)</script><p>Body</p></body></html>`, "Body"},
		{"hidden elements removed", `<p>Visible</p><div style="display: none !important">secret</div><span style="VISIBILITY:hidden">x</span><p hidden>h</p><span style="font-size:0">z</span>`, "Visible"},
		{"comments removed", `<p>a<!-- secret -->b</p>`, "ab"},
		{"outlook o:p", `<p class=MsoNormal>Hello<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>World<o:p></o:p></p>`, "Hello\n\nWorld"},
		{"hr", `<p>a</p><hr><p>b</p>`, "a\n\n---\n\nb"},
		{"plain text input", "just text, no tags", "just text, no tags"},
		{"empty", "", ""},
		{"korean and japanese", `<div>안녕하세요&nbsp;고객님</div><div>ありがとうございます。</div>`, "안녕하세요 고객님\nありがとうございます。"},
		{"zero width in html entities", `<p>ig&#8203;nore</p>`, "ignore"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := HTMLToText(tc.in)
			if got != tc.want {
				t.Errorf("HTMLToText(%q)\n got: %q\nwant: %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestStripQuoted(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		mustKeep []string
		mustDrop []string
	}{
		{
			name:     "freshdesk quote div and blockquote",
			in:       `<div>Thanks!</div><div class="freshdesk_quote"><blockquote class="freshdesk_quote">On Mon, Anna wrote: old</blockquote></div>`,
			mustKeep: []string{"Thanks!"},
			mustDrop: []string{"old", "freshdesk_quote"},
		},
		{
			name:     "gmail quote and signature",
			in:       `<div>New text</div><div class="gmail_signature">Anna, CFO</div><div class="gmail_quote"><div class="gmail_attr">On Mon wrote:</div><blockquote class="gmail_quote">old</blockquote></div>`,
			mustKeep: []string{"New text"},
			mustDrop: []string{"CFO", "old"},
		},
		{
			name:     "gmail forward kept",
			in:       `<div>FYI</div><div class="gmail_quote"><div class="gmail_attr">---------- Forwarded message ---------<br>From: Carla</div><div>The forwarded body</div></div>`,
			mustKeep: []string{"FYI", "The forwarded body"},
		},
		{
			name:     "apple forward kept",
			in:       `<div>See below</div><div><br><div>Begin forwarded message:</div><br><blockquote type="cite"><div>From: Carla</div><div>The forwarded body</div></blockquote></div>`,
			mustKeep: []string{"See below", "The forwarded body"},
		},
		{
			name:     "apple reply",
			in:       `<div>Fixed, thanks.</div><div><br><blockquote type="cite"><div>On 3 Nov 2025, at 10:04, Bob &lt;bob@example.com&gt; wrote:</div><div>old</div></blockquote></div>`,
			mustKeep: []string{"Fixed, thanks."},
			mustDrop: []string{"old", "wrote"},
		},
		{
			name:     "thunderbird cite prefix and signature",
			in:       `<p>Reply</p><div class="moz-signature">-- <br>Piotr</div><div class="moz-cite-prefix">On 03.11.25 Bob wrote:<br></div><blockquote type="cite">old</blockquote>`,
			mustKeep: []string{"Reply"},
			mustDrop: []string{"Piotr", "old", "wrote"},
		},
		{
			name:     "thunderbird cite prefix with plain blockquote",
			in:       `<p>Reply</p><div class="moz-cite-prefix">Am 03.11.25 um 10:04 schrieb Bob:<br></div><blockquote>old</blockquote><p>after</p>`,
			mustKeep: []string{"Reply", "after"},
			mustDrop: []string{"old", "schrieb"},
		},
		{
			name:     "mentioning forwarding does not keep a reply quote",
			in:       `<div>I forwarded message 12 to my boss.</div><div class="gmail_quote"><div class="gmail_attr">On Mon, Nov 3, 2025 Bob &lt;bob@example.com&gt; wrote:</div><blockquote>old</blockquote></div>`,
			mustKeep: []string{"I forwarded message 12 to my boss."},
			mustDrop: []string{"old"},
		},
		{
			name:     "yahoo quoted",
			in:       `<div>Thanks</div><div class="yahoo_quoted">On Monday Bob wrote: old</div>`,
			mustKeep: []string{"Thanks"},
			mustDrop: []string{"old"},
		},
		{
			name:     "outlook web cuts everything after divRplyFwdMsg",
			in:       `<div>Answer</div><hr><div id="divRplyFwdMsg"><b>From:</b> Bob</div><div>old 1</div><p>old 2</p>`,
			mustKeep: []string{"Answer"},
			mustDrop: []string{"old 1", "old 2", "<hr", "From:"},
		},
		{
			name:     "outlook desktop header block nested",
			in:       `<div class=WordSection1><p>Answer</p><div><div style="border:none; border-top:solid #E1E1E1 1.0pt; padding:3.0pt 0in 0in 0in"><p><b>From:</b> Bob &lt;bob@example.com&gt;<br><b>Sent:</b> Monday</p></div></div><p>old 1</p></div><p>old 2</p>`,
			mustKeep: []string{"Answer"},
			mustDrop: []string{"old 1", "old 2", "From:"},
		},
		{
			name:     "outlook style without from label kept",
			in:       `<p>Answer</p><div style="border:none;border-top:solid #E1E1E1 1.0pt">Note: totals below</div><p>Total 5</p>`,
			mustKeep: []string{"Answer", "Total 5"},
		},
		{
			name:     "plain blockquote kept",
			in:       `<p>The manual says</p><blockquote>restart</blockquote>`,
			mustKeep: []string{"The manual says", "restart"},
		},
		{
			name:     "only a quote is returned unchanged",
			in:       `<blockquote type="cite">only quoted</blockquote>`,
			mustKeep: []string{"only quoted"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := StripQuoted(tc.in)
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

func TestStripQuotedUnchanged(t *testing.T) {
	in := `<p>No quotes <b>here</b></p>`
	if got := StripQuoted(in); got != in {
		t.Errorf("StripQuoted changed quote-free input: %q", got)
	}
}
