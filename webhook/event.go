// Package webhook receives Freshdesk automation-rule webhooks: it
// authenticates them by a shared secret in a custom header, limits their
// size and rate, recognises retried deliveries, acknowledges at once and
// hands each event to a sink on its own goroutine.
package webhook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Event is one parsed webhook delivery: a ticket changed.
type Event struct {
	// TicketID is the ticket that changed ({{ticket.id}}).
	TicketID int64 `json:"ticket_id"`
	// Kind is what happened: created, updated, reply, note, or the text of
	// {{triggered_event}} (kept short); "updated" when the payload omits it.
	Kind string `json:"event"`
	// Lookups is true when the rule says ticket fields, agents or groups
	// changed, so the cached lookups must be dropped too.
	Lookups bool `json:"lookups_changed,omitempty"`
}

// maxKindLen bounds the event text kept from a payload; it is logged and
// shown to clients, and Freshdesk's {{triggered_event}} is short.
const maxKindLen = 120

// ErrPayload is wrapped by every parse error: the body is not a payload of
// the automation rule the README describes.
var ErrPayload = errors.New("invalid webhook payload")

// payload is the JSON body of the automation rule. ticket_id may arrive as a
// number ({{ticket.id}} unquoted) or a string ("{{ticket.id}}" quoted);
// Freshdesk substitutes placeholders as text in either form.
type payload struct {
	TicketID json.RawMessage `json:"ticket_id"`
	Event    *string         `json:"event"`
	Lookups  json.RawMessage `json:"lookups_changed"`
}

// Parse decodes one webhook body. Unknown fields are allowed (admins add
// their own placeholders); a missing or non-positive ticket_id is not.
func Parse(body []byte) (Event, error) {
	var p payload
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&p); err != nil {
		return Event{}, fmt.Errorf("%w: body is not a JSON object: %w", ErrPayload, err)
	}
	if dec.More() {
		return Event{}, fmt.Errorf("%w: trailing data after the JSON object", ErrPayload)
	}
	id, err := parseID(p.TicketID)
	if err != nil {
		return Event{}, err
	}
	ev := Event{TicketID: id, Kind: "updated"}
	if p.Event != nil {
		k := strings.TrimSpace(*p.Event)
		if len(k) > maxKindLen {
			return Event{}, fmt.Errorf("%w: event is longer than %d bytes", ErrPayload, maxKindLen)
		}
		if k != "" {
			ev.Kind = strings.ToLower(k)
		}
	}
	if ev.Lookups, err = parseBool(p.Lookups); err != nil {
		return Event{}, err
	}
	return ev, nil
}

func parseID(raw json.RawMessage) (int64, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return 0, fmt.Errorf("%w: ticket_id is missing (put \"ticket_id\": {{ticket.id}} in the rule's payload)", ErrPayload)
	}
	text := string(raw)
	if raw[0] == '"' {
		if err := json.Unmarshal(raw, &text); err != nil {
			return 0, fmt.Errorf("%w: ticket_id: %w", ErrPayload, err)
		}
	}
	id, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%w: ticket_id must be a positive integer", ErrPayload)
	}
	return id, nil
}

func parseBool(raw json.RawMessage) (bool, error) {
	switch strings.Trim(string(raw), `"`) {
	case "", "null", "false", "0":
		return false, nil
	case "true", "1":
		return true, nil
	}
	return false, fmt.Errorf("%w: lookups_changed must be true or false", ErrPayload)
}
