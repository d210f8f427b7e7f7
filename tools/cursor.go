package tools

import (
	"encoding/base64"
	"encoding/json"
	"strings"
)

// threadCursor is the opaque continuation of a ticket thread. Message numbers
// are positions in the full thread (1 = the description, 2.. = conversations
// oldest first), so a cursor stays valid while new messages arrive.
type threadCursor struct {
	Ticket int64 `json:"t"`
	// Next is the number of the next message to deliver.
	Next int `json:"n"`
	// Char is the rune offset inside message Next when it was split.
	Char int `json:"c,omitempty"`
	// Att is how many attachments of message Next were already delivered
	// (its text is then complete): a long attachment list is paged too.
	Att int `json:"a,omitempty"`
	// Requester is the ticket's requester, so that continuation pages label
	// the requester's messages as the first page did, without a ticket read.
	Requester int64 `json:"r,omitempty"`
}

func (c threadCursor) encode() string {
	b, _ := json.Marshal(c) // a struct of ints always marshals
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor validates s for ticket; every failure explains how to recover.
func decodeCursor(s string, ticket int64) (threadCursor, error) {
	s = strings.TrimSpace(s)
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	var c threadCursor
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.Ticket <= 0 || c.Next < 1 || c.Char < 0 || c.Att < 0 || c.Requester < 0 {
		return threadCursor{}, inputErrorf("cursor %q is not a valid cursor: pass the next_cursor value from the previous get_ticket or list_conversations result unchanged, or omit cursor to start from the beginning", s)
	}
	if c.Ticket != ticket {
		return threadCursor{}, inputErrorf("cursor belongs to ticket %d, not ticket %d: call with ticket_id=%d, or omit cursor to read ticket %d from the beginning", c.Ticket, ticket, c.Ticket, ticket)
	}
	return c, nil
}
