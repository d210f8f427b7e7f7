package fdtest

import (
	"strconv"
	"sync"
	"time"
)

// Plan selects the per-minute API limits of a Freshdesk plan.
type Plan string

// The plans of Freshdesk's rate-limit table. The zero value means Enterprise.
const (
	Trial      Plan = "trial"
	Growth     Plan = "growth"
	Pro        Plan = "pro"
	Enterprise Plan = "enterprise"
)

// Endpoint buckets that have their own per-minute sub-limit.
const (
	bucketNone         = ""
	bucketTicketCreate = "ticket_create"
	bucketTicketUpdate = "ticket_update"
	bucketTicketsList  = "tickets_list"
	bucketContactsList = "contacts_list"
)

// Limits is a plan's per-minute credit allowance; a zero sub-limit means none.
type Limits struct {
	PerMinute, TicketCreate, TicketUpdate, TicketsList, ContactsList int
}

// PlanLimits returns the reference table's limits for p (Trial has no sub-limits).
func PlanLimits(p Plan) Limits {
	switch p {
	case Trial:
		return Limits{PerMinute: 50}
	case Growth:
		return Limits{200, 80, 80, 20, 20}
	case Pro:
		return Limits{400, 160, 160, 100, 100}
	default:
		return Limits{700, 280, 280, 200, 200}
	}
}

func (l Limits) sub(bucket string) int {
	switch bucket {
	case bucketTicketCreate:
		return l.TicketCreate
	case bucketTicketUpdate:
		return l.TicketUpdate
	case bucketTicketsList:
		return l.TicketsList
	case bucketContactsList:
		return l.ContactsList
	}
	return 0
}

// limiter is a fixed one-minute window that starts with the first request
// after the previous window ended. Credits are deducted up front, so failed
// requests count too, like Freshdesk.
type limiter struct {
	mu      sync.Mutex
	limits  Limits
	start   time.Time
	used    int
	buckets map[string]int
}

const window = time.Minute

func (l *limiter) roll(now time.Time) {
	if l.start.IsZero() || !now.Before(l.start.Add(window)) {
		l.start = now
		l.used = 0
		l.buckets = map[string]int{}
	}
}

// admit charges one credit, or returns the Retry-After seconds when the
// account or the endpoint bucket is exhausted.
func (l *limiter) admit(now time.Time, bucket string) (retryAfter int, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.roll(now)
	sub := l.limits.sub(bucket)
	if l.used >= l.limits.PerMinute || (sub > 0 && l.buckets[bucket] >= sub) {
		wait := l.start.Add(window).Sub(now)
		secs := int((wait + time.Second - 1) / time.Second)
		if secs < 1 {
			secs = 1
		}
		return secs, false
	}
	l.used++
	if bucket != bucketNone {
		l.buckets[bucket]++
	}
	return 0, true
}

// charge adds extra credits (includes) to the current window.
func (l *limiter) charge(bucket string, n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.used += n
	if bucket != bucketNone {
		l.buckets[bucket] += n
	}
}

// headers returns the X-RateLimit-Total and -Remaining values.
func (l *limiter) headers() (total, remaining string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strconv.Itoa(l.limits.PerMinute), strconv.Itoa(max(l.limits.PerMinute-l.used, 0))
}

// Remaining returns the credits left in the current window.
func (s *Server) Remaining() int {
	s.lim.mu.Lock()
	defer s.lim.mu.Unlock()
	s.lim.roll(s.now())
	return max(s.lim.limits.PerMinute-s.lim.used, 0)
}
