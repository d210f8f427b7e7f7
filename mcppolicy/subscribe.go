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
	switch {
	case !ok:
		return fmt.Errorf("%w: resource %s is not covered by the access policy", policy.ErrToolHidden, uri)
	case r.Tool == "":
		return nil
	}
	return p.DataAllowed(ctx, r.Tool)
}
