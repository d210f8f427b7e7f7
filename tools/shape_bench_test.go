package tools

import (
	"context"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
)

// BenchmarkShapeTicket isolates the shaping overhead of get_ticket: from an
// already fetched ticket (longest demo thread, 10 embedded conversations) to
// the final compact JSON text, with no I/O.
func BenchmarkShapeTicket(b *testing.B) {
	fd := fdtest.NewServer(b, fdtest.Options{Demo: true})
	c, err := fdapi.New(fdapi.Config{Domain: fd.URL, APIKey: fd.APIKey})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	t, err := c.GetTicket(ctx, 57, "conversations", "requester", "company")
	if err != nil {
		b.Fatal(err)
	}
	nm, err := loadNames(ctx, c)
	if err != nil {
		b.Fatal(err)
	}
	bl := newBuilder(Deps{Client: c, PrivateNotes: true})
	b.ReportAllocs()
	for b.Loop() {
		out := bl.shapeTicket(t, nm, DefaultMaxChars)
		if _, err := compactJSON(out); err != nil {
			b.Fatal(err)
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
	t, err := c.GetTicket(ctx, 57, "conversations", "requester", "company")
	if err != nil {
		b.Fatal(err)
	}
	nm, err := loadNames(ctx, c)
	if err != nil {
		b.Fatal(err)
	}
	p := people{names: nm, requesterID: t.RequesterID, requester: t.Requester.Name}
	msgs := []msgSource{p.fromDescription(t)}
	for i, cv := range t.Conversations {
		msgs = append(msgs, p.fromConversation(cv, i+2))
	}
	b.ReportAllocs()
	for b.Loop() {
		out := &ticketOut{Ticket: header(t, nm), Untrusted: &threadSection{Notice: untrustedNotice, Subject: t.Subject}}
		out.Untrusted.Messages = pack(t.ID, msgs, 0, DefaultMaxChars).messages
		if _, err := compactJSON(out); err != nil {
			b.Fatal(err)
		}
	}
}
