package fdapi

import (
	"errors"
	"fmt"
	"net"
	"net/url"
)

// unreachable says why Freshdesk could not be reached and what to check,
// for a request that got no HTTP response at all.
func (c *Client) unreachable(err error) string {
	host := c.base.Host
	var dns *net.DNSError
	var ue *url.Error
	switch {
	case errors.As(err, &dns):
		return fmt.Sprintf("cannot resolve %s: check %s (your helpdesk, e.g. acme.freshdesk.com) and the network or proxy", host, c.domainHint)
	case errors.As(err, &ue) && ue.Timeout():
		return fmt.Sprintf("no answer from %s within %s: check %s and the network or proxy; Freshdesk may be slow, try again", host, c.timeout, c.domainHint)
	}
	return fmt.Sprintf("cannot reach %s: check %s and the network or proxy", host, c.domainHint)
}

// causeText is the text of a transport cause without the *url.Error
// wrapper, whose method and URL the Error already shows.
func causeText(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err.Error()
	}
	return err.Error()
}
