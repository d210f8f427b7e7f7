package tools

import "maps"

// DataToolsets exposes the policy's data-tool map to the external tests.
func DataToolsets() map[string]string { return maps.Clone(dataToolsets) }
