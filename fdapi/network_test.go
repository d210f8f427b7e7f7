package fdapi

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// A request that gets no response says what to check, once, without the
// wrapped URL repeated: issue 12 showed "request failed: request failed:
// Get "https://...": dial tcp: lookup ... no such host".
func TestUnreachableSaysWhatToCheck(t *testing.T) {
	dnsFail := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "acme.freshdsk.com", IsNotFound: true}}
	}}}
	refused := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: &net.AddrError{Err: "connection refused", Addr: addr}}
	}}}
	for _, tc := range []struct {
		name    string
		hc      *http.Client
		setting string
		want    []string
	}{
		{"dns", dnsFail, "FRESHDESK_DOMAIN", []string{"cannot resolve acme.freshdsk.com: check FRESHDESK_DOMAIN (your helpdesk, e.g. acme.freshdesk.com)", "no such host"}},
		{"refused", refused, "X-Freshdesk-Domain", []string{"cannot reach acme.freshdsk.com: check X-Freshdesk-Domain", "connection refused"}},
		{"default setting", refused, "", []string{"check the Freshdesk domain setting"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := New(Config{Domain: "acme.freshdsk.com", APIKey: testKey, HTTPClient: tc.hc, DomainSetting: tc.setting, MaxRetries: -1})
			if err != nil {
				t.Fatal(err)
			}
			c.sleep = func(context.Context, time.Duration) error { return nil }
			_, err = c.TicketFields(context.Background())
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("%q lacks %q", msg, w)
				}
			}
			if strings.Count(msg, "request failed") > 1 || strings.Contains(msg, `Get "`) || strings.Contains(msg, testKey) {
				t.Errorf("repeated, URL-wrapped or leaking message: %q", msg)
			}
		})
	}
}
