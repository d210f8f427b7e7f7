package tools

// Shared is the state that every tool, resource and prompt built from one
// Deps share: the shaped-body cache and the canned-response cache. Canned
// responses belong to one helpdesk, so use one Shared per fdapi.Client.
type Shared struct {
	canned *cannedCache
	bodies *bodyCache
}

// NewShared returns empty shared caches.
func NewShared() *Shared {
	return &Shared{canned: &cannedCache{ttl: cannedTTL}, bodies: newBodyCache(defaultBodyCacheBytes)}
}

// sharedBuilder is newBuilder using deps.Shared's caches when set.
func sharedBuilder(deps Deps) *builder {
	b := newBuilder(deps)
	if sh := deps.Shared; sh != nil {
		b.canned, b.bodies = sh.canned, sh.bodies
	}
	return b
}
