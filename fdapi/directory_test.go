package fdapi

import (
	"net/http"
	"testing"
	"time"
)

func TestDirectoryRemembersAndExpires(t *testing.T) {
	c, clk, _ := newTestClient(t, http.NotFoundHandler(), func(cfg *Config) { cfg.CacheTTL = time.Minute })
	email := "ada@example.com"
	c.remember([]Contact{{ID: 7, Name: "Ada", Email: &email}})
	c.remember(&Company{ID: 3, Name: "Acme"})
	c.remember(&Ticket{Requester: &Requester{ID: 8, Name: "Bo"}, Company: &CompanyRef{ID: 4, Name: "Globex"}})
	for _, tc := range []struct {
		id   int64
		want string
	}{{7, "Ada"}, {8, "Bo"}} {
		if p, ok := c.ContactName(tc.id); !ok || p.Name != tc.want {
			t.Errorf("ContactName(%d) = %+v, %v; want %s", tc.id, p, ok, tc.want)
		}
	}
	if p, _ := c.ContactName(7); p.Email != email {
		t.Errorf("e-mail = %q", p.Email)
	}
	if n, ok := c.CompanyName(4); !ok || n != "Globex" {
		t.Errorf("CompanyName(4) = %q, %v", n, ok)
	}
	clk.advance(time.Minute)
	if _, ok := c.CompanyName(3); ok {
		t.Error("company name outlived the cache TTL")
	}
	if _, ok := c.ContactName(7); ok {
		t.Error("contact name outlived the cache TTL")
	}
}

func TestDirectoryIsBounded(t *testing.T) {
	c, _, _ := newTestClient(t, http.NotFoundHandler())
	for i := range maxDirectoryEntries + 10 {
		c.remember(&Company{ID: int64(i + 1), Name: "x"})
	}
	if n := len(c.dir.companies); n > maxDirectoryEntries {
		t.Errorf("%d entries, bound %d", n, maxDirectoryEntries)
	}
}
