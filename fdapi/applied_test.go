package fdapi

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestErrWriteApplied: a write answered with 2xx whose body cannot be read
// matches ErrWriteApplied (and not ErrOutcomeUnknown) and is never retried;
// a write whose outcome is unknown matches ErrOutcomeUnknown only.
func TestErrWriteApplied(t *testing.T) {
	cutOff := func(w http.ResponseWriter, r *http.Request) {
		// Promise more bytes than are sent, then drop the connection.
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "500")
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte(`{"id":9,"bo`))
		w.(http.Flusher).Flush()
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			conn.Close()
		}
	}
	stall := func(w http.ResponseWriter, r *http.Request) {
		// Headers arrive, the body never does: the read times out.
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"id":1,`))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}
	tests := []struct {
		name        string
		handler     http.HandlerFunc
		update      bool // PUT instead of POST
		wantApplied bool
		wantUnknown bool
		wantStatus  int
	}{
		{name: "201 malformed JSON", handler: func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 201, `{"id":`) },
			wantApplied: true, wantStatus: 201},
		{name: "201 wrong JSON type", handler: func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 201, `{"id":"x"}`) },
			wantApplied: true, wantStatus: 201},
		{name: "201 cut off after the id", handler: func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 201, `{"id":77,"private":true,"body":"x"`) },
			wantApplied: true, wantStatus: 201},
		{name: "201 trailing garbage", handler: func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 201, `{"id":77,"body":"x"}}`) },
			wantApplied: true, wantStatus: 201},
		{name: "200 update cut off after the id", update: true, handler: func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, `{"id":1,"status":2,`) },
			wantApplied: true, wantStatus: 200},
		{name: "201 body cut off", handler: cutOff, wantApplied: true, wantStatus: 201},
		{name: "PUT 200 body read timeout", handler: stall, update: true, wantApplied: true, wantStatus: 200},
		{name: "POST 500 is unknown, not applied", handler: func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 500, `{}`) },
			wantUnknown: true, wantStatus: 500},
		{name: "POST 400 is neither", handler: func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 400, `{"message":"bad"}`) },
			wantStatus: 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n counter
			c, clk, _ := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				n.inc()
				tt.handler(w, r)
			}), func(cfg *Config) { cfg.Timeout = 300 * time.Millisecond })
			var err error
			if tt.update {
				var tk *Ticket
				tk, err = c.UpdateTicket(context.Background(), 1, TicketUpdate{Status: new(int)})
				if tk != nil {
					t.Errorf("a failed update returned %+v, want nil (nothing reliable was read)", tk)
				}
			} else {
				var note *Conversation
				note, err = c.CreateNote(context.Background(), 1, NoteInput{Body: "<p>x</p>"})
				if note != nil {
					t.Errorf("a failed note returned %+v, want nil (its id is unknown)", note)
				}
			}
			if err == nil {
				t.Fatal("want error")
			}
			if got := errors.Is(err, ErrWriteApplied); got != tt.wantApplied {
				t.Errorf("errors.Is(ErrWriteApplied) = %v, want %v: %v", got, tt.wantApplied, err)
			}
			if got := errors.Is(err, ErrOutcomeUnknown); got != tt.wantUnknown {
				t.Errorf("errors.Is(ErrOutcomeUnknown) = %v, want %v: %v", got, tt.wantUnknown, err)
			}
			var fe *Error
			if !errors.As(err, &fe) || fe.Status != tt.wantStatus {
				t.Errorf("status = %v, want %d", err, tt.wantStatus)
			}
			if n.get() != 1 || len(clk.slept()) != 0 {
				t.Errorf("requests = %d sleeps = %v, want 1 request and no retry", n.get(), clk.slept())
			}
			if tt.wantApplied && !strings.Contains(err.Error(), "do not retry") {
				t.Errorf("error %q lacks %q", err, "do not retry")
			}
		})
	}
}
