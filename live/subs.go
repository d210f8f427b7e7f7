package live

import (
	"context"
	"sync"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// subscriber is one place notifications go: a legacy session (by id, on the
// server that owns it) or a 2026-07-28 subscriptions/listen stream (the
// ephemeral session serving it, tagged with the listen request's id).
type subscriber struct {
	mu   sync.Mutex
	uris map[string]bool

	sessionID string               // legacy
	server    *server.MCPServer    // legacy: the server owning the session
	listenCtx context.Context      // listen: done when the stream ends
	session   server.ClientSession // listen
	listenID  any                  // listen: the subscription id
}

func (s *subscriber) has(uri string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.uris[uri]
}

func (s *subscriber) set(uri string, on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if on {
		s.uris[uri] = true
	} else {
		delete(s.uris, uri)
	}
}

// notify sends notifications/resources/updated for uri; false means the
// subscriber is gone.
func (s *subscriber) notify(uri string) bool {
	if s.session == nil {
		err := s.server.SendNotificationToSpecificClient(s.sessionID, mcp.MethodNotificationResourceUpdated, map[string]any{"uri": uri})
		return err != server.ErrSessionNotFound
	}
	if s.listenCtx.Err() != nil {
		return false
	}
	n := mcp.JSONRPCNotification{
		JSONRPC: mcp.JSONRPC_VERSION,
		Notification: mcp.Notification{
			Method: mcp.MethodNotificationResourceUpdated,
			Params: mcp.NotificationParams{
				// Every message on a listen stream carries its id (SEP-2575).
				Meta:             map[string]any{mcp.MetaKeySubscriptionID: s.listenID},
				AdditionalFields: map[string]any{"uri": uri},
			},
		},
	}
	select {
	case s.session.NotificationChannel() <- n:
	case <-s.listenCtx.Done():
		return false
	default: // a stalled stream drops the notification rather than block every event
	}
	return true
}
