package fdtest

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Events of a WebhookRule: what an automation rule's "Trigger webhook"
// action can run on (ticket creation, and the ticket-update events "Reply is
// sent" and "Note is added"; any other update is "updated").
const (
	EventCreated = "created"
	EventUpdated = "updated"
	EventReply   = "reply"
	EventNote    = "note"
)

// WebhookRule is an automation rule whose action is "Trigger webhook": after
// each matching change the emulator POSTs Payload to URL with Headers,
// asynchronously, as Freshdesk does.
type WebhookRule struct {
	URL     string
	Headers map[string]string
	// Payload is the rule's JSON content; {{ticket.id}} and
	// {{triggered_event}} are substituted.
	Payload string
	// Events the rule runs on (Event* constants); empty means all.
	Events []string
}

// WebhookDelivery is one webhook the emulator sent.
type WebhookDelivery struct {
	TicketID int64
	Event    string
	Status   int // the receiver's answer; 0 when the request failed
}

// webhooks holds the rules and the delivery log.
type webhooks struct {
	mu         sync.Mutex
	rules      []WebhookRule
	deliveries []WebhookDelivery
	wg         sync.WaitGroup
}

// AddWebhook adds an automation rule that triggers a webhook.
func (s *Server) AddWebhook(r WebhookRule) {
	s.hooks.mu.Lock()
	defer s.hooks.mu.Unlock()
	s.hooks.rules = append(s.hooks.rules, r)
}

// WebhookDeliveries waits for the webhooks in flight and returns every
// delivery so far.
func (s *Server) WebhookDeliveries() []WebhookDelivery {
	s.hooks.wg.Wait()
	s.hooks.mu.Lock()
	defer s.hooks.mu.Unlock()
	return append([]WebhookDelivery(nil), s.hooks.deliveries...)
}

// ChangeTicket fires the rules for event on ticket id as if the ticket had
// changed in Freshdesk's own UI (no API request).
func (s *Server) ChangeTicket(id int64, event string) { s.fireWebhooks(id, event) }

// withWebhook wraps a handler so a successful change fires the rules.
func (s *Server) withWebhook(event string, fn handlerFunc) handlerFunc {
	return func(c *ctx) (int, any, *apiError) {
		status, body, err := fn(c)
		if err != nil || status >= 300 {
			return status, body, err
		}
		var id int64
		if len(c.ids) > 0 {
			id = c.ids[0]
		} else if o, ok := body.(*Obj); ok {
			id, _ = o.getInt("id")
		}
		if id > 0 {
			s.fireWebhooks(id, event)
		}
		return status, body, err
	}
}

func (s *Server) fireWebhooks(id int64, event string) {
	s.hooks.mu.Lock()
	defer s.hooks.mu.Unlock()
	for _, r := range s.hooks.rules {
		if len(r.Events) > 0 && !slices.Contains(r.Events, event) {
			continue
		}
		body := strings.NewReplacer("{{ticket.id}}", strconv.FormatInt(id, 10), "{{triggered_event}}", event).Replace(r.Payload)
		s.hooks.wg.Add(1)
		go s.deliverWebhook(r, id, event, body)
	}
}

func (s *Server) deliverWebhook(r WebhookRule, id int64, event, body string) {
	defer s.hooks.wg.Done()
	d := WebhookDelivery{TicketID: id, Event: event}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.URL, strings.NewReader(body))
	if err == nil {
		req.Header.Set("Content-Type", "application/json")
		for k, v := range r.Headers {
			req.Header.Set(k, v)
		}
		if resp, derr := http.DefaultClient.Do(req); derr == nil {
			d.Status = resp.StatusCode
			_ = resp.Body.Close()
		}
	}
	s.hooks.mu.Lock()
	s.hooks.deliveries = append(s.hooks.deliveries, d)
	s.hooks.mu.Unlock()
}
