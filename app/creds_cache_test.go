package app

import (
	"fmt"
	"testing"

	"github.com/mark3labs/mcp-go/server"
)

// TestCredentialServersPerCallerCap: one authenticated caller sending
// made-up keys evicts only its own cached servers, never another caller's
// (review 3 item 8).
func TestCredentialServersPerCallerCap(t *testing.T) {
	cs := &credentialServers{entries: map[string]*httpHandler{}, build: func(domain, k string) (*httpHandler, error) {
		return newHTTPHandler(server.NewMCPServer("t", "1"), discardLogger(), true), nil
	}}
	_, bobID, err := cs.handlerFor("token:bob", "acme", "bob-real-key")
	if err != nil {
		t.Fatal(err)
	}
	var aliceFirst string
	for i := range maxCredentialServers + 10 {
		_, id, err := cs.handlerFor("token:alice", "acme", fmt.Sprintf("made-up-key-%d", i))
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			aliceFirst = id
		}
	}
	tests := []struct {
		name string
		id   string
		want bool
	}{
		{"bob's server survives alice's flood", bobID, true},
		{"alice's oldest was evicted by her own newer ones", aliceFirst, false},
	}
	for _, tt := range tests {
		if _, ok := cs.entries[tt.id]; ok != tt.want {
			t.Errorf("%s: cached=%v, want %v", tt.name, ok, tt.want)
		}
	}
	if n := len(cs.order); n != maxCredentialServersPerCaller+1 || len(cs.entries) != n || len(cs.owners) != n {
		t.Errorf("cache holds %d servers (%d entries, %d owners), want %d", n, len(cs.entries), len(cs.owners), maxCredentialServersPerCaller+1)
	}
	// Without bearer tokens only the global bound applies.
	anon := &credentialServers{entries: map[string]*httpHandler{}, build: cs.build}
	for i := range maxCredentialServers + 3 {
		if _, _, err := anon.handler("acme", fmt.Sprintf("k-%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(anon.order); n != maxCredentialServers {
		t.Errorf("anonymous cache holds %d, want %d", n, maxCredentialServers)
	}
}
