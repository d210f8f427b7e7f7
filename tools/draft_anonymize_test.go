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
	}{
		{"name in greeting and text", "Hi Chloe,\n\nI spoke to Chloe Adams and Ms Adams agreed.", []string{"Chloe", "Adams"}, []string{"Hi [customer name]"}},
		{"greeting of an unknown name", "Hello Marcus,\nthanks.", []string{"Marcus"}, []string{"thanks."}},
		{"contact e-mails and phone", "Write to CHLOE.ADAMS@globex.example or c.adams@home.example, call +1 555 0100.", []string{"globex", "home.example", "555 0100"}, nil},
		{"other e-mails and phones", "Cc bob@orion.example, mobile 030 1234567.", []string{"bob@orion", "1234567"}, []string{"mobile"}},
		{"ticket and order numbers", "See ticket #4471 and ticket 88; invoice INV-2026-10-4471, order 1234567.", []string{"4471", "88", "1234567"}, []string{"[ticket]", "[number]"}},
		{"amounts, dates and limits stay", "Growth allows 200 requests per minute; refund of $1,240.00 on 2026-10-01.", nil, []string{"200 requests", "$1,240.00", "2026-10-01"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := anonymize(tt.in, who)
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
