package fdapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
)

// ticketPage100 builds a 100-ticket list page from the real Airbyte ticket
// (include=requester,stats,description) with distinct ids.
func ticketPage100(b *testing.B) []byte {
	raw, err := os.ReadFile(filepath.Join(fixturesDir, "airbyte", "tickets.json"))
	if err != nil {
		b.Fatal(err)
	}
	var one []map[string]any
	if err := json.Unmarshal(raw, &one); err != nil {
		b.Fatal(err)
	}
	page := make([]map[string]any, 100)
	for i := range page {
		m := make(map[string]any, len(one[0]))
		for k, v := range one[0] {
			m[k] = v
		}
		m["id"] = i + 1
		m["tags"] = []string{"billing", "vip"}
		m["custom_fields"] = map[string]any{"cf_sector": "finance", "cf_locked": false}
		page[i] = m
	}
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(page); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func BenchmarkDecodeTicketPage(b *testing.B) {
	data := ticketPage100(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var ts []Ticket
		if err := json.Unmarshal(data, &ts); err != nil {
			b.Fatal(err)
		}
		if len(ts) != 100 {
			b.Fatal(len(ts))
		}
	}
}

func BenchmarkNextPageFromLink(b *testing.B) {
	link := `<https://acme.freshdesk.com/api/v2/tickets?updated_since=2024-01-01T00:00:00+05:30&include=requester,stats&order_by=updated_at&per_page=100&page=7>; rel="next"`
	b.ReportAllocs()
	for b.Loop() {
		if NextPageFromLink(link) != 7 {
			b.Fatal("bad page")
		}
	}
}

// BenchmarkDecodeTicketPageBody is BenchmarkDecodeTicketPage through
// decodeBody, which the client uses (tickets skip Ticket.UnmarshalJSON).
func BenchmarkDecodeTicketPageBody(b *testing.B) {
	data := ticketPage100(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var ts []Ticket
		if err := decodeBody(data, &ts); err != nil {
			b.Fatal(err)
		}
		if len(ts) != 100 {
			b.Fatal(len(ts))
		}
	}
}

// BenchmarkDecodeTicketView decodes demo ticket views as get_ticket reads
// them (include=conversations,requester,company): the longest (ticket 57,
// 30 KB, mostly HTML bodies) and the median by size, three ways:
// encoding/json through Ticket.UnmarshalJSON, encoding/json into
// plainTicket (the client's path before the JSON v2 decoder), and
// decodeBody (the client's path now).
func BenchmarkDecodeTicketView(b *testing.B) {
	fd := fdtest.NewServer(b, fdtest.Options{Demo: true, RateLimit: 1 << 30})
	longest, median := fd.LongestAndMedianTicket(b)
	for _, tc := range []struct {
		name string
		id   int64
	}{{"longest", longest}, {"median", median}} {
		data := fd.Get(b, fmt.Sprintf("/tickets/%d?include=%s", tc.id, fdtest.ViewInclude))
		for _, bc := range []struct {
			name   string
			decode func([]byte, any) error
		}{
			{"encoding-json", json.Unmarshal},
			{"encoding-json-plain", func(b []byte, v any) error {
				var t *plainTicket
				err := json.Unmarshal(b, &t)
				*(v.(**Ticket)) = (*Ticket)(t)
				return err
			}},
			{"decodeBody", decodeBody},
		} {
			b.Run(tc.name+"/"+bc.name, func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					var t *Ticket
					if err := bc.decode(data, &t); err != nil {
						b.Fatal(err)
					}
					if t.ID != tc.id {
						b.Fatalf("decoded ticket %d, want %d", t.ID, tc.id)
					}
				}
			})
		}
	}
}
