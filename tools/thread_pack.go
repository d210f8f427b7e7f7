package tools

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/shape"
)

// fitAttachments is how many leading attachments of atts fit with tm's text
// in avail runes.
func fitAttachments(tm threadMessage, atts []attachmentOut, avail int) int {
	k := 0
	for k < len(atts) {
		tm.Attachments, tm.AttachmentsContinue = atts[:k+1], true
		if messageRunes(tm) > avail {
			break
		}
		k++
	}
	return k
}

// packResult is the outcome of fitting messages into a size budget.
type packResult struct {
	messages []threadMessage
	// next is the cursor position after the last delivered piece; zero when
	// every given message was delivered whole.
	next threadCursor
	cut  bool
	// attsCut says the cut fell inside a message's attachment list.
	attsCut bool
}

// minPiece is the smallest text piece worth splitting off when other
// messages already filled part of the answer.
const minPiece = 400

// pack fits msgs (in order) into budget runes of JSON, the first message
// starting at rune startChar of its text.
func pack(ticket int64, msgs []msgSource, startChar, budget int) packResult {
	return packAt(threadCursor{Ticket: ticket, Char: startChar}, msgs, budget)
}

// packAt fits msgs (in order) into budget runes of JSON. The first message
// starts at rune from.Char of its text and attachment from.Att. A message
// that does not fit is split when it is the first one (so every call makes
// progress: at least one rune of text or one attachment) or when enough room
// is left; otherwise packing stops before it. Text is split first; once a
// message's text is delivered, its attachment list is paged. from.Requester
// is carried into the returned cursor.
func packAt(from threadCursor, msgs []msgSource, budget int) packResult {
	var res packResult
	used := 0
	at := func(n, char, att int) threadCursor {
		return threadCursor{Ticket: from.Ticket, Next: n, Char: char, Att: att, Requester: from.Requester}
	}
	for i, m := range msgs {
		text, atts := m.text, m.atts
		offset, attOffset := 0, 0
		if i == 0 {
			// Only a continuation (or invalid UTF-8, which the rune round trip
			// turns into U+FFFD) pays for the rune slice.
			if from.Char > 0 || !utf8.ValidString(text) {
				r := []rune(text)
				offset = min(from.Char, len(r))
				text = string(r[offset:])
			}
			attOffset = min(from.Att, len(atts))
			atts = atts[attOffset:]
		}
		tm := threadMessage{N: m.n, At: formatTime(m.at), From: m.from, Role: m.role, Text: text,
			Continued: offset > 0 || attOffset > 0, HiddenCharsRemoved: m.hidden && offset == 0 && attOffset == 0, Attachments: atts}
		if size := messageRunes(tm); used+size <= budget {
			res.messages = append(res.messages, tm)
			used += size
			continue
		}
		first := len(res.messages) == 0
		avail := budget - used
		bare := tm
		bare.Attachments = nil
		if text != "" && messageRunes(bare) > avail {
			// The text alone does not fit: split it, sized in encoded runes.
			bare.Text, bare.TextContinues = "", true
			room := fitRunes(text, avail-messageRunes(bare)-len(`,"text":`))
			if !first && room < minPiece {
				res.next, res.cut = at(m.n, offset, attOffset), true
				return res
			}
			textRunes := shape.Runes(text)
			if room = min(max(room, minPiece), textRunes); room < textRunes {
				piece, _ := shape.Truncate(text, room)
				if piece == "" { // Truncate found nothing to keep: cut hard
					piece = string([]rune(text)[:room])
				}
				rest := text[len(piece):]
				skipped := shape.Runes(rest) - shape.Runes(strings.TrimLeft(rest, " \t\r\n"))
				tm.Text, tm.TextContinues = piece, true
				tm.Attachments = nil // they follow the last piece of text
				res.messages = append(res.messages, tm)
				res.next, res.cut = at(m.n, offset+shape.Runes(piece)+skipped, attOffset), true
				return res
			}
			// The minimum piece is the whole text: deliver it whole.
		}
		// The text fits (or is used up); the attachment list does not.
		if !first {
			res.next, res.cut = at(m.n, offset, attOffset), true
			return res
		}
		k := fitAttachments(tm, atts, avail)
		if len(atts) <= 1 {
			// Nothing to page: the first message is always delivered.
			tm.Attachments, tm.AttachmentsContinue = atts, false
			res.messages = append(res.messages, tm)
			used += messageRunes(tm)
			continue
		}
		k = max(k, 1) // always deliver one attachment: the cursor must advance
		tm.Attachments, tm.AttachmentsContinue = atts[:k], true
		res.messages = append(res.messages, tm)
		res.next, res.cut, res.attsCut = at(m.n, offset+shape.Runes(text), attOffset+k), true, true
		return res
	}
	return res
}

// fitRunes is the largest number of leading runes of s whose JSON string
// encoding (quotes included) fits in room runes; escapes count in full.
func fitRunes(s string, room int) int {
	used, n := 2, 0
	for i := 0; i < len(s); {
		cost, size := jsonCharRunes(s[i:])
		if used += cost; used > room {
			break
		}
		n++
		i += size
	}
	return n
}

// messageRunes is jsonRunes(tm), counted without encoding: pack sizes every
// message, often more than once, and the result is encoded as a whole
// afterwards. It follows threadMessage's fields and tags in order;
// TestMessageRunes and FuzzMessageRunes hold it to the real encoding.
func messageRunes(tm threadMessage) int {
	size := len(`{"n":`) + intRunes(int64(tm.N)) + len(`,"at":`) + jsonStringRunes(tm.At)
	if tm.From != "" {
		size += len(`,"from":`) + jsonStringRunes(tm.From)
	}
	size += len(`,"role":`) + jsonStringRunes(tm.Role)
	if tm.Text != "" {
		size += len(`,"text":`) + jsonStringRunes(tm.Text)
	}
	for _, f := range []struct {
		set bool
		key string
	}{
		{tm.Continued, `,"continued":true`},
		{tm.TextContinues, `,"text_continues":true`},
		{tm.AttachmentsContinue, `,"attachments_continue":true`},
		{tm.HiddenCharsRemoved, `,"hidden_chars_removed":true`},
	} {
		if f.set {
			size += len(f.key)
		}
	}
	if len(tm.Attachments) > 0 {
		size += len(`,"attachments":[]`) + len(tm.Attachments) - 1 // brackets and commas
		for _, a := range tm.Attachments {
			size += len(`{"name":}`) + jsonStringRunes(a.Name)
			if a.Size != 0 {
				size += len(`,"size":`) + intRunes(a.Size)
			}
			if a.URL != "" {
				size += len(`,"url":`) + jsonStringRunes(a.URL)
			}
		}
	}
	return size + len(`}`) + 1 // +1 for the separating comma, as jsonRunes
}

// intRunes is the length of n in decimal.
func intRunes(n int64) int {
	var buf [20]byte // math.MinInt64 is 20 characters
	return len(strconv.AppendInt(buf[:0], n, 10))
}

// jsonStringRunes is the size in runes of s encoded as a JSON string by
// mcppolicy.JSON (encoding/json without HTML escaping), quotes included.
func jsonStringRunes(s string) int {
	n := 2
	for i := 0; i < len(s); {
		cost, size := jsonCharRunes(s[i:])
		n += cost
		i += size
	}
	return n
}

// jsonCharRunes is the encoded size in runes of the first character of s
// (non-empty) and its length in bytes.
func jsonCharRunes(s string) (cost, size int) {
	c := s[0]
	if c < utf8.RuneSelf {
		switch {
		case c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t':
			return 2, 1
		case c < 0x20:
			return 6, 1 // \u00XX
		}
		return 1, 1
	}
	r, size := utf8.DecodeRuneInString(s)
	if (r == utf8.RuneError && size == 1) || r == '\u2028' || r == '\u2029' {
		return 6, size // \ufffd, \u2028, \u2029
	}
	return 1, size
}

// jsonRunes is the size of v as compact JSON in runes.
func jsonRunes(v any) int {
	b, err := mcppolicy.JSON(v)
	if err != nil {
		return 0
	}
	return shape.Runes(string(b)) + 1 // +1 for the separating comma
}
