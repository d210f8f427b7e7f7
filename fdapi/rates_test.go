package fdapi_test

import (
	"testing"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdapitest"
)

// TestMemoryRates runs the SharedRates conformance suite against
// MemoryRates, one value shared by the Clients of one process.
func TestMemoryRates(t *testing.T) {
	fdapitest.TestSharedRates(t, func(_ *testing.T, n int) []fdapi.SharedRates {
		m := &fdapi.MemoryRates{}
		out := make([]fdapi.SharedRates, n)
		for i := range out {
			out[i] = m
		}
		return out
	})
}
