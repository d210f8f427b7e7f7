package tools

import (
	"context"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
)

// BenchmarkShapeTicket isolates the shaping overhead of get_ticket: from an
// already fetched ticket (longest demo thread, all its conversations) to
// the final compact JSON text, with no I/O; cold shapes every body, warm
// takes them from the shaped-body cache.
func BenchmarkShapeTicket(b *testing.B) {
	fd := fdtest.NewServer(b, fdtest.Options{Demo: true})
	c, err := fdapi.New(fdapi.Config{Domain: fd.URL, APIKey: fd.APIKey})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	t, err := c.GetTicketThread(ctx, 57)
	if err != nil {
		b.Fatal(err)
	}
	nm, err := loadNames(ctx, c)
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name  string
		cache bool
	}{{"cold", false}, {"warm", true}} {
		b.Run(bc.name, func(b *testing.B) {
			bl := newBuilder(Deps{Client: c, PrivateNotes: true})
			if !bc.cache {
				bl.bodies = nil
			}
			bl.shapeTicket(t, nm, DefaultMaxChars) // fills the cache when there is one
			b.ReportAllocs()
			for b.Loop() {
				out := bl.shapeTicket(t, nm, DefaultMaxChars)
				if _, err := mcppolicy.JSON(out); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBodyCacheHit is the cache hit path for one conversation body of
// the longest demo thread: hash, lookup, byte comparison, LRU update.
func BenchmarkBodyCacheHit(b *testing.B) {
	fd := fdtest.NewServer(b, fdtest.Options{Demo: true})
	c, err := fdapi.New(fdapi.Config{Domain: fd.URL, APIKey: fd.APIKey})
	if err != nil {
		b.Fatal(err)
	}
	t, err := c.GetTicket(context.Background(), 57, "conversations")
	if err != nil {
		b.Fatal(err)
	}
	conv := t.Conversations[1]
	bc := newBodyCache(defaultBodyCacheBytes)
	want, _ := bc.shape(conv.Body, conv.BodyText)
	b.SetBytes(int64(len(conv.Body) + len(conv.BodyText)))
	b.ReportAllocs()
	for b.Loop() {
		if got, _ := bc.shape(conv.Body, conv.BodyText); got != want {
			b.Fatal("cache returned a different text")
		}
	}
}

// BenchmarkPackTicket is the part of shaping owned by this package (names,
// header, size-capped packing, JSON encoding), with message bodies already
// converted by the shape package.
func BenchmarkPackTicket(b *testing.B) {
	fd := fdtest.NewServer(b, fdtest.Options{Demo: true})
	c, err := fdapi.New(fdapi.Config{Domain: fd.URL, APIKey: fd.APIKey})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	th, err := c.GetTicketThread(ctx, 57)
	if err != nil {
		b.Fatal(err)
	}
	t := th.Ticket
	nm, err := loadNames(ctx, c)
	if err != nil {
		b.Fatal(err)
	}
	p := people{names: nm, requesterID: t.RequesterID, requester: t.Requester.Name}
	msgs := []msgSource{p.fromDescription(t)}
	for i, cv := range th.Conversations {
		msgs = append(msgs, p.fromConversation(cv, i+2))
	}
	b.ReportAllocs()
	for b.Loop() {
		out := &ticketOut{Ticket: header(t, nm), Untrusted: &threadSection{Notice: untrustedNotice, Subject: t.Subject}}
		out.Untrusted.Messages = pack(t.ID, msgs, 0, DefaultMaxChars).messages
		if _, err := mcppolicy.JSON(out); err != nil {
			b.Fatal(err)
		}
	}
}
