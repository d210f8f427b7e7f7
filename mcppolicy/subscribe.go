package mcppolicy

import (
	"context"
	"fmt"

	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
)

// ResourceAllowed returns nil when the caller may read resource uri: the
// check of a resources/subscribe, which spends no credits, so a caller
// hidden from a resource's data is never told it changed.
func (p *Policy) ResourceAllowed(ctx context.Context, uri string) error {
	r, ok := p.Catalogue.resource(uri)
	_, scoped := RequesterFromContext(ctx)
	switch {
	case scoped:
		// A caller bound to one requester may see only that requester's
		// tickets, and whose ticket an id is cannot be checked here for
		// free: such a caller is told about no change at all, rather than
		// about another customer's ticket.
		return fmt.Errorf("%w: a caller bound to one requester is not notified of changes", policy.ErrToolHidden)
	case !ok:
		return fmt.Errorf("%w: resource %s is not covered by the access policy", policy.ErrToolHidden, uri)
	case r.Tool == "":
		return nil
	}
	return p.DataAllowed(ctx, r.Tool)
}
