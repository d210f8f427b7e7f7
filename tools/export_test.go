package tools

// UncachedGetTicketTool is get_ticket built without the shaped-body cache, so
// that a benchmark can measure cold shaping through the whole stack.
func UncachedGetTicketTool(deps Deps) Tool {
	b := newBuilder(deps)
	b.bodies = nil
	return b.getTicketTool()
}
