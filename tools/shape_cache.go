package tools

import (
	"hash/maphash"
	"sync"

	"github.com/freshdesk-mcp/freshdesk-mcp/shape"
)

// defaultBodyCacheBytes bounds the shaped-body cache of one builder: raw
// bodies plus shaped text, roughly a few hundred typical threads.
const defaultBodyCacheBytes = 8 << 20

// bodyEntryOverhead approximates the bookkeeping bytes of one entry.
const bodyEntryOverhead = 128

// bodyCache is a size-bounded LRU cache of shaped message bodies, safe for
// concurrent use. A session usually shapes the same thread several times
// (get_ticket, then list_conversations or a cursor continuation, then the
// ticket resource), and shaping is the costliest step of a thread tool that
// is not the upstream request.
//
// Entries are found by a seeded hash of the raw HTML and text bodies and
// then compared with the raw bodies byte for byte, so an edited message (or
// a hash collision) can never be answered with a stale result.
type bodyCache struct {
	seed     maphash.Seed
	maxBytes int

	mu    sync.Mutex
	bytes int
	m     map[uint64]*bodyEntry
	head  bodyEntry // sentinel of the recency list: head.next is the newest
}

type bodyEntry struct {
	key        uint64
	html, text string // the raw bodies, compared on every hit
	out        string
	hidden     bool
	prev, next *bodyEntry
}

func (e *bodyEntry) size() int {
	return len(e.html) + len(e.text) + len(e.out) + bodyEntryOverhead
}

// newBodyCache returns an empty cache holding at most maxBytes; maxBytes <= 0
// disables caching (every call shapes).
func newBodyCache(maxBytes int) *bodyCache {
	c := &bodyCache{seed: maphash.MakeSeed(), maxBytes: maxBytes}
	c.head.prev, c.head.next = &c.head, &c.head
	return c
}

// shape returns the shaped text of a message body and whether invisible
// characters were removed, from the cache when the same raw body was shaped
// before. A nil cache shapes directly.
func (c *bodyCache) shape(html, text string) (string, bool) {
	if c == nil || c.maxBytes <= 0 {
		return shapeUncached(html, text)
	}
	key := c.hash(html, text)
	c.mu.Lock()
	if e := c.m[key]; e != nil && e.html == html && e.text == text {
		c.unlink(e)
		c.pushFront(e)
		out, hidden := e.out, e.hidden
		c.mu.Unlock()
		return out, hidden
	}
	c.mu.Unlock()
	// Shape outside the lock: concurrent misses on different bodies must not
	// serialise; two misses on the same body just shape it twice.
	out, hidden := shapeUncached(html, text)
	c.put(&bodyEntry{key: key, html: html, text: text, out: out, hidden: hidden})
	return out, hidden
}

func (c *bodyCache) hash(html, text string) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	h.WriteString(html)
	h.WriteByte(0)
	h.WriteString(text)
	return h.Sum64()
}

func (c *bodyCache) put(e *bodyEntry) {
	size := e.size()
	if size > c.maxBytes/8 {
		return // one huge body must not flush the whole cache
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = make(map[uint64]*bodyEntry)
	}
	if old := c.m[e.key]; old != nil {
		c.remove(old)
	}
	c.m[e.key] = e
	c.pushFront(e)
	c.bytes += size
	for c.bytes > c.maxBytes && c.head.prev != &c.head {
		c.remove(c.head.prev)
	}
}

// len returns the number of cached bodies and their accounted size.
func (c *bodyCache) len() (n, bytes int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m), c.bytes
}

func (c *bodyCache) remove(e *bodyEntry) {
	c.unlink(e)
	delete(c.m, e.key)
	c.bytes -= e.size()
}

func (c *bodyCache) unlink(e *bodyEntry) {
	e.prev.next, e.next.prev = e.next, e.prev
	e.prev, e.next = nil, nil
}

func (c *bodyCache) pushFront(e *bodyEntry) {
	e.prev, e.next = &c.head, c.head.next
	c.head.next.prev = e
	c.head.next = e
}

// shapeUncached turns one message body into text: quoted history and
// signatures removed, HTML to text, invisible characters stripped.
func shapeUncached(html, text string) (string, bool) {
	r := shape.Process(html, text)
	return r.Text, r.Hidden > 0
}
