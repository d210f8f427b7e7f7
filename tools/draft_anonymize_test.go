package tools

import (
	"strings"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
)

func TestAnonymize(t *testing.T) {
	email, phone := "chloe.adams@globex.example", "+1 555 0100"
	who := &fdapi.Contact{Name: "Chloe Adams", Email: &email, Phone: &phone, OtherEmails: []string{"c.adams@home.example"}}
	tests := []struct {
		name, in string
		gone     []string
		kept     []string
		who      *fdapi.Contact // nil: Chloe Adams
		known    []string
		company  string
	}{
		{"name in greeting and text", "Hi Chloe,\n\nI spoke to Chloe Adams and Ms Adams agreed.", []string{"Chloe", "Adams"}, []string{"Hi [customer name]"}, nil, nil, ""},
		{"greeting of an unknown name", "Hello Marcus,\nthanks.", []string{"Marcus"}, []string{"thanks."}, nil, nil, ""},
		{"contact e-mails and phone", "Write to CHLOE.ADAMS@globex.example or c.adams@home.example, call +1 555 0100.", []string{"globex", "home.example", "555 0100"}, nil, nil, nil, ""},
		{"other e-mails and phones", "Cc bob@orion.example, mobile 030 1234567.", []string{"bob@orion", "1234567"}, []string{"mobile"}, nil, nil, ""},
		{"ticket and order numbers", "See ticket #4471 and ticket 88; invoice INV-2026-10-4471, order 1234567.", []string{"4471", "88", "1234567"}, []string{"[ticket]", "[number]"}, nil, nil, ""},
		{"amounts, dates and limits stay", "Growth allows 200 requests per minute; refund of $1,240.00 on 2026-10-01.", nil, []string{"200 requests", "$1,240.00", "2026-10-01"}, nil, nil, ""},
		// Names, addresses and digits in any script (Go's \b and \d are ASCII only).
		{"Japanese family name with an honorific", "田中様、お問い合わせありがとうございます。健二さんにも共有しました。", []string{"田中", "健二"}, []string{"お問い合わせ"},
			&fdapi.Contact{Name: "田中 健二"}, nil, ""},
		{"Korean given name without spaces", "민수님, 안녕하세요. 김민수 고객님의 요청을 처리했습니다.", []string{"민수", "김민수"}, []string{"안녕하세요"},
			&fdapi.Contact{Name: "김민수"}, nil, ""},
		{"surname with a non-ASCII first letter", "Liebe Frau Özdemir, danke, Ayşe.", []string{"Özdemir", "Ayşe"}, []string{"Liebe Frau"},
			&fdapi.Contact{Name: "Ayşe Özdemir"}, nil, ""},
		{"name ending in a non-ASCII letter", "Thanks Zoë, fixed. Zoë's team too.", []string{"Zoë"}, []string{"fixed"}, &fdapi.Contact{Name: "Zoë Hall"}, nil, ""},
		{"decomposed name in the text", "Thanks Zoe\u0308 Hall.", []string{"Zoë", "Hall", "Zoe\u0308"}, nil, &fdapi.Contact{Name: "Zoë Hall"}, nil, ""},
		{"internationalised e-mail and full-width phone", "Schreiben Sie an jürgen@müller.example.de oder ０３−５５５０−０１４７.", []string{"jürgen", "müller", "５５５０"}, []string{"Schreiben Sie"}, nil, nil, ""},
		// What the ticket and the contact record know about that customer.
		{"company, cc and text fields of the ticket", "I've told Globex Corporation's account manager and tom.baker (cc) about order x9k2-7781; the Globex team agrees.",
			[]string{"Globex", "tom.baker", "x9k2"}, []string{"account manager", "team agrees"}, nil, []string{"tom.baker@globex.example", "x9k2-7781"}, "Globex Corporation"},
		// Second review: names that are also the words of the marker must
		// not loop forever; more scripts and spellings.
		{"a name made of the marker's words", "Thanks Name, the customer portal is fixed. Name Smith.", []string{"Smith"}, []string{"portal is fixed"},
			&fdapi.Contact{Name: "Name Smith"}, nil, ""},
		{"customer as a name", "In the customer portal, Valued Customer sees it.", []string{"Valued"}, []string{"portal"}, &fdapi.Contact{Name: "Valued Customer"}, nil, ""},
		{"Japanese name stored without a space", "田中様、太郎さんの件です。", []string{"田中", "太郎"}, []string{"の件です"}, &fdapi.Contact{Name: "田中太郎"}, nil, ""},
		{"Chinese two-character name", "王先生，芳女士，您好。", []string{"王", "芳"}, []string{"您好"}, &fdapi.Contact{Name: "王芳"}, nil, ""},
		{"Chinese family name of three characters", "张先生，您好。", []string{"张"}, []string{"您好"}, &fdapi.Contact{Name: "张伟明"}, nil, ""},
		{"Thai name inside a sentence", "คุณสมชายครับ", []string{"สมชาย"}, nil, &fdapi.Contact{Name: "สมชาย"}, nil, ""},
		{"full-width Latin name and at sign", "Dear Ｊｏｈｎ, write to rachel.kim＠globex.example or bob (at) orion.example.", []string{"John", "Ｊｏｈｎ", "rachel.kim", "orion"}, []string{"write to"},
			&fdapi.Contact{Name: "John Baker"}, nil, ""},
		{"phones grouped by ideographic spaces, slashes and tabs", "電話 03\u30005550\u30000147, 0171/234/5678, 030\t1234\t5678.", []string{"5550", "234/5678", "1234"}, []string{"電話"}, nil, nil, ""},
		{"reference codes of any shape", "order x9k2-7781 and invoice A-4711, request 9b1f0c2e-11aa-4c1e-9d3b-0a7e5f2c8d11 in us-west-2", []string{"7781", "4711", "9b1f0c2e"}, []string{"us-west-2"}, nil, nil, ""},
		{"social handle and external id", "We saw your post as @rkim_globex (customer GX-77).", []string{"rkim_globex", "GX-77"}, nil,
			&fdapi.Contact{Name: "Rachel Kim", TwitterID: ptrTo("rkim_globex"), UniqueExternalID: ptrTo("GX-77")}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := who
			if tt.who != nil {
				c = tt.who
			}
			got := anonymize(tt.in, c, tt.company, tt.known...)
			for _, g := range tt.gone {
				if strings.Contains(strings.ToLower(got), strings.ToLower(g)) {
					t.Errorf("%q still contains %q", got, g)
				}
			}
			for _, k := range tt.kept {
				if !strings.Contains(got, k) {
					t.Errorf("%q lost %q", got, k)
				}
			}
		})
	}
}

func ptrTo(s string) *string { return &s }
