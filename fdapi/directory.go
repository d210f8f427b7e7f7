package fdapi

import (
	"sync"
	"time"
)

// maxDirectoryEntries bounds the directory's memory per kind; when full,
// expired entries go first and then everything (it is only a cache).
const maxDirectoryEntries = 10_000

// Person is a contact's name and e-mail as last seen in any answer.
type Person struct {
	Name  string
	Email string
}

// directory remembers the names of contacts and companies seen in any
// answer (a ticket's embedded requester, a contact or company read or
// searched), so that later answers can name them without paying for an
// include or a lookup. Entries expire after Config.CacheTTL.
type directory struct {
	mu        sync.Mutex
	contacts  map[int64]dirEntry[Person]
	companies map[int64]dirEntry[string]
	threads   map[int64]dirEntry[ThreadSize]
}

// ThreadSize is how many messages a ticket had when it was last read whole.
type ThreadSize struct {
	UpdatedAt time.Time // the ticket's updated_at at that read
	Messages  int       // the description plus every conversation
	Private   int       // of which private notes
}

type dirEntry[T any] struct {
	val     T
	expires time.Time
}

func dirPut[T any](m *map[int64]dirEntry[T], id int64, v T, exp time.Time, now time.Time) {
	if id <= 0 {
		return
	}
	if *m == nil {
		*m = map[int64]dirEntry[T]{}
	}
	if len(*m) >= maxDirectoryEntries {
		for k, e := range *m {
			if !now.Before(e.expires) {
				delete(*m, k)
			}
		}
		if len(*m) >= maxDirectoryEntries {
			clear(*m)
		}
	}
	(*m)[id] = dirEntry[T]{val: v, expires: exp}
}

func dirGet[T any](m map[int64]dirEntry[T], id int64, now time.Time) (T, bool) {
	e, ok := m[id]
	if !ok || !now.Before(e.expires) {
		var zero T
		return zero, false
	}
	return e.val, true
}

// remember records the names in v (a decoded answer).
func (c *Client) remember(v any) {
	if c.cacheTTL <= 0 {
		return
	}
	now := c.now()
	exp := now.Add(c.cacheTTL)
	d := &c.dir
	d.mu.Lock()
	defer d.mu.Unlock()
	person := func(id int64, name string, email *string) {
		if name == "" {
			return
		}
		p := Person{Name: name}
		if email != nil {
			p.Email = *email
		}
		dirPut(&d.contacts, id, p, exp, now)
	}
	ticket := func(t *Ticket) {
		if t == nil {
			return
		}
		if r := t.Requester; r != nil {
			person(r.ID, r.Name, r.Email)
		}
		if co := t.Company; co != nil && co.Name != "" {
			dirPut(&d.companies, co.ID, co.Name, exp, now)
		}
	}
	switch x := v.(type) {
	case *Ticket:
		ticket(x)
	case []Ticket:
		for i := range x {
			ticket(&x[i])
		}
	case *Contact:
		if x != nil {
			person(x.ID, x.Name, x.Email)
		}
	case []Contact:
		for _, ct := range x {
			person(ct.ID, ct.Name, ct.Email)
		}
	case *Company:
		if x != nil && x.Name != "" {
			dirPut(&d.companies, x.ID, x.Name, exp, now)
		}
	case []Company:
		for _, co := range x {
			if co.Name != "" {
				dirPut(&d.companies, co.ID, co.Name, exp, now)
			}
		}
	}
}

// CompanyName returns the name of company id if an answer carried it within
// Config.CacheTTL. It never calls Freshdesk and costs nothing.
func (c *Client) CompanyName(id int64) (string, bool) {
	c.dir.mu.Lock()
	defer c.dir.mu.Unlock()
	return dirGet(c.dir.companies, id, c.now())
}

// ContactName returns the name and e-mail of contact id if an answer carried
// them within Config.CacheTTL (a ticket's requester, a contact read, listed
// or searched). It never calls Freshdesk and costs nothing.
func (c *Client) ContactName(id int64) (Person, bool) {
	c.dir.mu.Lock()
	defer c.dir.mu.Unlock()
	return dirGet(c.dir.contacts, id, c.now())
}

// rememberThread records the size of a thread read whole.
func (c *Client) rememberThread(t *Ticket, convs []Conversation) {
	if c.cacheTTL <= 0 || t == nil {
		return
	}
	ts := ThreadSize{UpdatedAt: t.UpdatedAt, Messages: len(convs) + 1}
	for _, cv := range convs {
		if cv.Private {
			ts.Private++
		}
	}
	now := c.now()
	c.dir.mu.Lock()
	dirPut(&c.dir.threads, t.ID, ts, now.Add(c.cacheTTL), now)
	c.dir.mu.Unlock()
}

// KnownThreadSize returns the size of ticket id's thread if it was read whole
// (GetTicketThread) within Config.CacheTTL and the ticket's updated_at is
// still updatedAt, so that nothing was added since. Free: no request.
func (c *Client) KnownThreadSize(id int64, updatedAt time.Time) (ThreadSize, bool) {
	c.dir.mu.Lock()
	defer c.dir.mu.Unlock()
	ts, ok := dirGet(c.dir.threads, id, c.now())
	if !ok || !ts.UpdatedAt.Equal(updatedAt) {
		return ThreadSize{}, false
	}
	return ts, true
}

func (d *directory) clear() {
	d.mu.Lock()
	clear(d.contacts)
	clear(d.companies)
	clear(d.threads)
	d.mu.Unlock()
}
