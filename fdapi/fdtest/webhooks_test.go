package fdtest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// TestWebhookRules: API changes fire the matching rules with the payload's
// placeholders substituted and the custom headers sent.
func TestWebhookRules(t *testing.T) {
	var mu sync.Mutex
	var got []string
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, r.Header.Get("X-Secret")+" "+string(b))
		mu.Unlock()
		w.WriteHeader(http.StatusAccepted)
	}))
	defer recv.Close()
	ts := NewServer(t, Options{Demo: true})
	ts.AddWebhook(WebhookRule{URL: recv.URL, Headers: map[string]string{"X-Secret": "s3"},
		Payload: `{"ticket_id": {{ticket.id}}, "event": "{{triggered_event}}"}`, Events: []string{EventNote, EventReply}})
	id := ts.TicketIDs()[0]

	post := func(path, body string) {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/v2"+path, strings.NewReader(body))
		req.SetBasicAuth(ts.APIKey, "X")
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("POST %s: %d", path, resp.StatusCode)
		}
	}
	post("/tickets/"+idText(id)+"/notes", `{"body": "n"}`)
	ts.WebhookDeliveries()            // in order: the note's delivery first
	ts.ChangeTicket(id, EventUpdated) // not an event of the rule
	ts.ChangeTicket(id, EventReply)

	d := ts.WebhookDeliveries()
	if len(d) != 2 || d[0].Event != EventNote || d[1].Event != EventReply || d[0].Status != http.StatusAccepted {
		t.Fatalf("deliveries %+v, want a note and a reply, both 202", d)
	}
	want := `s3 {"ticket_id": ` + idText(id) + `, "event": "note"}`
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 2 || got[0] != want {
		t.Fatalf("received %q, want first %q", got, want)
	}
}

func idText(n int64) string { return strconv.FormatInt(n, 10) }
