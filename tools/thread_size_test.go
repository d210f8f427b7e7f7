package tools

import (
	"math"
	"reflect"
	"testing"
)

var messageRunesCases = []string{
	"", "plain", `quote " and \ backslash`, "lines\nand\ttabs\r\n", "\b\f\x00\x01\x1f\x7f",
	"<html> & 'apostrophes'", "Grüße, 안녕하세요, 日本語 😀👨‍👩‍👧", "\u2028 line sep \u2029 para sep",
	"invalid \xff\xfe utf-8", "\u200b zero width",
}

// TestMessageRunes checks the size shortcut used by pack against real encoding.
func TestMessageRunes(t *testing.T) {
	for _, text := range messageRunesCases {
		checkMessageRunes(t, text)
	}
}

func FuzzMessageRunes(f *testing.F) {
	for _, text := range messageRunesCases {
		f.Add(text, 3, int64(12345))
	}
	f.Add("x", math.MinInt, int64(math.MinInt64))
	f.Add("y", math.MaxInt, int64(math.MaxInt64))
	f.Fuzz(func(t *testing.T, text string, n int, size int64) {
		checkMessageRunes(t, text)
		tm := allFieldsSet(t, text)
		tm.N, tm.Attachments[0].Size = n, size
		if got, want := messageRunes(tm), jsonRunes(tm); got != want {
			t.Errorf("messageRunes(%+v) = %d, want %d", tm, got, want)
		}
	})
}

func checkMessageRunes(t *testing.T, text string) {
	for _, tm := range []threadMessage{
		{N: 2, At: "2026-11-20T12:00:00Z", Role: RoleCustomer, Text: text},
		{N: 13, At: "x", From: "Anna \"A\" <a@example.com>", Role: RoleAgent, Text: text, Continued: true, TextContinues: true,
			HiddenCharsRemoved: true, Attachments: []attachmentOut{{Name: "a.pdf", Size: 3, URL: "https://x/a?b=1&c=2"}}},
		allFieldsSet(t, text),
		{N: 1, At: text, Role: RoleSystem, Attachments: []attachmentOut{{Name: text}}},
	} {
		if got, want := messageRunes(tm), jsonRunes(tm); got != want {
			t.Errorf("messageRunes(%+v) = %d, want %d", tm, got, want)
		}
	}
}

// allFieldsSet is a message with every field set, the text in every string;
// it fails when threadMessage gains a field this test (and so messageRunes)
// does not know about.
func allFieldsSet(t *testing.T, text string) threadMessage {
	tm := threadMessage{N: 1234567, At: text, From: text, Role: text, Text: text, Continued: true, TextContinues: true,
		AttachmentsContinue: true, HiddenCharsRemoved: true, Attachments: []attachmentOut{
			{Name: text, Size: 9876543210, URL: text}, {Name: "b"}, {Name: "c", URL: "u"}, {Name: "d", Size: 1}}}
	if text == "" {
		return tm
	}
	v := reflect.ValueOf(tm)
	for i := range v.NumField() {
		if v.Field(i).IsZero() {
			t.Fatalf("allFieldsSet leaves threadMessage.%s unset: set it here and count it in messageRunes", v.Type().Field(i).Name)
		}
	}
	return tm
}
