// Package live turns ticket changes (Freshdesk webhooks, writes made through
// this server) into MCP notifications: notifications/resources/updated for
// freshdesk://tickets/{id} to every session subscribed to that ticket, under
// the access policy. With a Bus (Redis) an event received by one replica
// reaches the subscribers of every replica.
package live

import (
	"context"
	"encoding/json"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/freshdesk-mcp/freshdesk-mcp/webhook"
)

// TicketURIPrefix is the ticket resource a subscription names.
const TicketURIPrefix = "freshdesk://tickets/"

// Options configure a Hub.
type Options struct {
	// Allowed returns nil when the caller of ctx may read resource uri; a
	// subscription it refuses is never recorded. Required.
	Allowed func(ctx context.Context, uri string) error
	// Invalidate drops what is cached about an event's ticket (and the
	// lookups when ev.Lookups); called on every replica.
	Invalidate func(ev webhook.Event)
	// Bus fans events out to every replica; nil delivers locally only.
	Bus Bus
	// Webhooks is true when a webhook receiver feeds the hub, so its event
	// log sees every change; the changes tool reports which source it used.
	Webhooks bool
	// LogSize bounds the event log (10000 events).
	LogSize int
	Logger  *slog.Logger
	Now     func() time.Time
}

// Bus carries events between replicas. Publish sends to every replica,
// this one included; the hub's Deliver is called once per event on each.
type Bus interface {
	Publish(ctx context.Context, ev webhook.Event) error
}

// Hub records subscriptions and delivers events.
type Hub struct {
	o   Options
	log *eventLog

	mu      sync.Mutex
	legacy  map[string]*subscriber   // by session id
	listens map[*subscriber]struct{} // open subscriptions/listen streams
}

// New returns a hub; Attach it to the MCP servers whose sessions subscribe.
func New(o Options) *Hub {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.LogSize <= 0 {
		o.LogSize = 10000
	}
	if o.Invalidate == nil {
		o.Invalidate = func(webhook.Event) {}
	}
	return &Hub{o: o, log: newEventLog(o.LogSize, o.Now()), legacy: map[string]*subscriber{}, listens: map[*subscriber]struct{}{}}
}

// SetBus sets the fan-out between replicas (before serving).
func (h *Hub) SetBus(b Bus) { h.o.Bus = b }

// Attach records subscriptions made on s (resources/subscribe and
// subscriptions/listen) and publishes the tickets its write tools change.
// s must have been built with server.WithHooks.
func (h *Hub) Attach(s *server.MCPServer) {
	hooks := s.GetHooks()
	hooks.AddAfterSubscribe(func(ctx context.Context, _ any, req *mcp.SubscribeRequest, _ *mcp.EmptyResult) {
		h.subscribe(ctx, s, req.Params.URI)
	})
	hooks.AddAfterUnsubscribe(func(ctx context.Context, _ any, req *mcp.UnsubscribeRequest, _ *mcp.EmptyResult) {
		if cs := server.ClientSessionFromContext(ctx); cs != nil {
			h.mu.Lock()
			sub := h.legacy[cs.SessionID()]
			h.mu.Unlock()
			if sub != nil {
				sub.set(req.Params.URI, false)
			}
		}
	})
	hooks.AddOnUnregisterSession(func(_ context.Context, cs server.ClientSession) {
		h.mu.Lock()
		delete(h.legacy, cs.SessionID())
		h.mu.Unlock()
	})
	hooks.AddBeforeSubscriptionsListen(func(ctx context.Context, id any, req *mcp.SubscriptionsListenRequest) {
		h.listen(ctx, id, req.Params.Notifications.ResourceSubscriptions)
	})
	hooks.AddAfterCallTool(func(ctx context.Context, _ any, _ *mcp.CallToolRequest, res any) {
		if id := writtenTicket(res); id > 0 {
			h.Handle(ctx, webhook.Event{TicketID: id, Kind: "written"})
		}
	})
}

// allowed filters uris to those the caller of ctx may read; a refused one
// is acknowledged by the SDK but never notified.
func (h *Hub) allowed(ctx context.Context, uris ...string) map[string]bool {
	out := map[string]bool{}
	for _, uri := range uris {
		if err := h.o.Allowed(ctx, uri); err != nil {
			h.o.Logger.InfoContext(ctx, "subscription not recorded: the caller may not read the resource", "uri", uri, "error", err)
			continue
		}
		out[uri] = true
	}
	return out
}

func (h *Hub) subscribe(ctx context.Context, s *server.MCPServer, uri string) {
	cs := server.ClientSessionFromContext(ctx)
	if cs == nil || !h.allowed(ctx, uri)[uri] {
		return
	}
	h.mu.Lock()
	sub := h.legacy[cs.SessionID()]
	if sub == nil {
		sub = &subscriber{uris: map[string]bool{}, sessionID: cs.SessionID(), server: s}
		h.legacy[cs.SessionID()] = sub
	}
	h.mu.Unlock()
	sub.set(uri, true)
}

// listen records a subscriptions/listen stream until its context ends.
func (h *Hub) listen(ctx context.Context, id any, uris []string) {
	cs := server.ClientSessionFromContext(ctx)
	ok := h.allowed(ctx, uris...)
	if cs == nil || len(ok) == 0 {
		return
	}
	sub := &subscriber{uris: ok, listenCtx: ctx, session: cs, listenID: id}
	h.mu.Lock()
	h.listens[sub] = struct{}{}
	h.mu.Unlock()
	context.AfterFunc(ctx, func() {
		h.mu.Lock()
		delete(h.listens, sub)
		h.mu.Unlock()
	})
}

// Handle takes one event (a webhook, or a write through this server): it
// goes to every replica through the bus, or is delivered here without one.
func (h *Hub) Handle(ctx context.Context, ev webhook.Event) {
	if h.o.Bus != nil {
		err := h.o.Bus.Publish(ctx, ev)
		if err == nil {
			return
		}
		h.o.Logger.WarnContext(ctx, "publishing a ticket event to the other replicas failed; delivering here only", "ticket", ev.TicketID, "error", err)
	}
	h.Deliver(ev)
}

// Deliver applies an event on this replica: invalidates the caches, logs it
// for the changes tool and notifies the subscribed sessions.
func (h *Hub) Deliver(ev webhook.Event) {
	h.o.Invalidate(ev)
	h.log.add(ev, h.o.Now())
	uri := TicketURIPrefix + strconv.FormatInt(ev.TicketID, 10)
	h.mu.Lock()
	subs := make([]*subscriber, 0, len(h.legacy)+len(h.listens))
	for _, s := range h.legacy {
		subs = append(subs, s)
	}
	for s := range h.listens {
		subs = append(subs, s)
	}
	h.mu.Unlock()
	for _, s := range subs {
		if s.has(uri) {
			s.notify(uri)
		}
	}
}

// Changes returns the tickets changed since t, from the event log, and
// whether the log covers t (it starts when this process started, and drops
// the oldest events past its size).
func (h *Hub) Changes(since time.Time) ([]Change, bool) { return h.log.since(since) }

// Webhooks reports whether a webhook receiver feeds this hub.
func (h *Hub) Webhooks() bool { return h.o.Webhooks }

// writtenTicket is the ticket a write tool's result says it wrote, or 0:
// a preview or confirmation request writes nothing and is not an event.
func writtenTicket(res any) int64 {
	r, ok := res.(*mcp.CallToolResult)
	if !ok || r == nil || r.IsError || r.StructuredContent == nil {
		return 0
	}
	raw, err := json.Marshal(r.StructuredContent)
	if err != nil {
		return 0
	}
	var done struct {
		Status   string `json:"status"`
		TicketID int64  `json:"ticket_id"`
	}
	if json.Unmarshal(raw, &done) != nil || done.Status != "written" {
		return 0
	}
	return done.TicketID
}
