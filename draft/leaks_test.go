package draft

import (
	"strings"
	"testing"
	"time"
)

func TestLeaks(t *testing.T) {
	p := englishPack()
	p.Messages = append(p.Messages, Message{Role: RolePrivateNote, Author: "Priya Raman", At: t0.Add(2 * time.Hour),
		Text: "Escalated to oncall; the fix ships with the hotfix build on Friday, do not promise a date. Ask lena.ops@acme-internal.example or see https://wiki.acme-internal.example/runbooks/api-keys"})
	p.Examples = []Example{{TicketID: 31, Subject: "API key missing", Reply: "Hi there, I regenerated the key for your workspace orion-prod and mailed it to bob.smith@orion.example as agreed."}}
	tests := []struct {
		name string
		body string
		want []string // substrings of warnings; none = no warning
	}{
		{"clean", "Hi Ethan,\n\nOpen Profile settings in the console; your API key is shown on the right.\n\n[Agent name]", nil},
		{"copies a private-note sentence", "Hi Ethan, the fix ships with the hotfix build on Friday, do not promise a date.", []string{"copies text from message 3, a private note"}},
		{"agent e-mail from a note", "Hi Ethan, please write to lena.ops@acme-internal.example.", []string{"e-mail address(es) found only in message 3"}},
		{"internal link from a note", "See https://wiki.acme-internal.example/runbooks/api-keys for details.", []string{"copies text from message 3", "link(s) found only in message 3"}},
		{"another customer's e-mail from an example", "Thanks, I will write to bob.smith@orion.example.", []string{"found only in the past answer to ticket 31"}},
		{"copies another customer's answer", "I regenerated the key for your workspace orion-prod and mailed it.", []string{"copies text from the past answer to ticket 31"}},
		{"quoting the article the note also quotes is fine", "Open Profile settings in the console; your API key is shown on the right.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Leaks(&Draft{Body: tt.body}, p)
			if len(got) != len(tt.want) {
				t.Fatalf("warnings %q, want %d", got, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("warning %q lacks %q", got[i], w)
				}
				if strings.Contains(got[i], "hotfix") || strings.Contains(got[i], "@") {
					t.Errorf("the warning quotes the internal text: %q", got[i])
				}
			}
		})
	}
}

func TestPromptLabelsPrivateNotes(t *testing.T) {
	msgs := Messages(englishPack())
	if !strings.Contains(msgs[1].Content, "private note ("+InternalLabel+")") || !strings.Contains(msgs[0].Content, InternalLabel) {
		t.Errorf("private notes are not labelled %q in the prompt", InternalLabel)
	}
}
