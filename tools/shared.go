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
