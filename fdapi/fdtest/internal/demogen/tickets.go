package main

import (
	"fmt"
	"html"
	"path"
	"sort"
	"strings"
	"time"
)

const (
	nTickets = 72 // tickets planned with the shared random source
	longID   = 57 // the 18-conversation escalation
	injectID = 69 // the prompt-injection ticket
	finalID  = nTickets
	// pastAnswerID is the resolved 502 ticket whose reply answers longID's
	// problem; it is added after the others so it changes none of them.
	pastAnswerID = nTickets + 1
	minute       = time.Minute
	hour         = time.Hour
	day          = 24 * time.Hour
	closeWait    = 48 * time.Hour // resolved tickets auto-close after two days
)

// plan is everything decided about one ticket before rendering it.
type plan struct {
	id                       int64
	tp                       topic
	requester                string
	source, status, priority int
	n                        int
	responder, group         string // agent e-mail ("" = unassigned), group key ("" = none)
	created                  time.Time
	cc                       []string
	// scripted plans draw nothing from the random source: their step gaps
	// are kept as written, they resolve resolveAfter after the last step,
	// and they get no survey or time entries.
	scripted     bool
	resolveAfter time.Duration
}

// weighted picks an index by weight.
func (w *world) weighted(weights ...int) int {
	total := 0
	for _, x := range weights {
		total += x
	}
	r := w.rng.IntN(total)
	for i, x := range weights {
		if r < x {
			return i
		}
		r -= x
	}
	return len(weights) - 1
}

func (w *world) pick(xs []int) int { return xs[w.rng.IntN(len(xs))] }

// plans decides languages, topics, requesters, statuses and timing of all tickets.
func (w *world) plans() []plan {
	outbound := map[int64]int{12: 0, 33: 1, 61: 2} // ticket id -> outbound topic
	outStatus := []int{5, 6, 3}
	var langs []string
	for i := 0; i < 12; i++ {
		langs = append(langs, "ko")
	}
	for i := 0; i < 6; i++ {
		langs = append(langs, "ja")
	}
	for i := 0; i < 6; i++ {
		langs = append(langs, "de")
	}
	for len(langs) < nTickets-2-len(outbound) {
		langs = append(langs, "en")
	}
	w.rng.Shuffle(len(langs), func(i, j int) { langs[i], langs[j] = langs[j], langs[i] })

	pools := map[string][]topic{"en": topicsEN(), "ko": topicsKO(), "ja": topicsJA(), "de": topicsDE()}
	for _, l := range []string{"en", "ko", "ja", "de"} {
		p := pools[l]
		w.rng.Shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
	}
	people := map[string][]string{}
	for _, s := range w.contactSpecs {
		if s.email == vendorAddr || s.email == "mallory.quinn@example.net" {
			continue
		}
		people[s.lang] = append(people[s.lang], s.email)
	}
	for _, l := range []string{"en", "ko", "ja", "de"} {
		p := people[l]
		w.rng.Shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
	}
	used := map[string]int{}
	next := func(lang string) topic {
		t := pools[lang][used["t"+lang]%len(pools[lang])]
		used["t"+lang]++
		return t
	}
	nextPerson := func(lang string) string {
		e := people[lang][used["p"+lang]%len(people[lang])]
		used["p"+lang]++
		return e
	}

	var ps []plan
	li := 0
	var prev time.Time
	for id := int64(1); id <= nTickets; id++ {
		x := float64(nTickets-id) / float64(nTickets-1)
		age := time.Duration(90 * float64(day) * pow15(x))
		created := anchor.Add(-age).Add(time.Duration(w.rng.IntN(10*60)-5*60) * minute).Truncate(time.Second)
		created = created.Add(time.Duration(w.rng.IntN(60)) * time.Second)
		if !created.After(prev.Add(20 * minute)) {
			created = prev.Add(time.Duration(20+w.rng.IntN(90)) * minute)
		}
		if id == finalID {
			created = anchor.Add(-97 * minute)
		}
		prev = created
		p := plan{id: id, created: created}
		k, isOut := outbound[id]
		switch {
		case id == longID:
			p.tp, p.requester, p.source, p.status, p.priority = longThreadTopic(), "daniel.brooks@northwind.example.com", 1, 2, 4
			p.responder, p.cc = "sarah.chen@acmecloud.example.com", []string{"maria.lopez@northwind.example.com", "ethan.clarke@northwind.example.com"}
		case id == injectID:
			p.tp, p.requester, p.source, p.status, p.priority = injectionTopic(), "mallory.quinn@example.net", 2, 2, 3
			p.responder = "tom.alvarez@acmecloud.example.com"
		case isOut:
			p.tp = outboundTopics()[k]
			p.requester = []string{"kevin.oneill@northwind.example.com", "rachel.kim@globex.example.org", "grace.turner@initech.example.com"}[k]
			p.source, p.status, p.priority = 10, outStatus[k], 2
		default:
			lang := langs[li]
			li++
			p.tp = next(lang)
			p.requester = nextPerson(lang)
			p.source = w.source(lang, p.tp)
			p.status = w.status(anchor.Sub(created), id)
			p.priority = []int{1, 2, 3, 4}[w.weighted(25, 40, 25, 10)]
			if p.tp.group == "escalations" {
				p.priority = 4
			}
			p.n = w.length(p.status)
			if id == finalID {
				p.status, p.n = 2, 2
			}
		}
		p.group = p.tp.group
		if p.responder == "" {
			p.responder = w.responder(p)
		}
		if p.status == 2 && p.n == 0 && !p.tp.verbatim && w.rng.IntN(2) == 0 {
			p.responder = "" // new and not yet triaged
			if w.rng.IntN(2) == 0 {
				p.group = ""
			}
		}
		if p.cc == nil && p.source == 1 && w.contactComp[p.requester] >= 0 && w.rng.IntN(10) < 3 {
			p.cc = []string{w.colleague(p.requester)}
		}
		ps = append(ps, p)
	}
	return ps
}

func pow15(x float64) float64 {
	// x^1.5 without math.Pow so results never depend on the platform's libm.
	if x <= 0 {
		return 0
	}
	s := x
	for i := 0; i < 40; i++ {
		s = (s + x/s) / 2
	}
	return x * s
}

func (w *world) source(lang string, tp topic) int {
	if tp.sub == "UI" || tp.sub == "Feature Request" {
		return 9
	}
	if lang == "en" {
		return []int{1, 2, 3, 7, 9}[w.weighted(42, 22, 13, 13, 6)]
	}
	return []int{1, 2, 3, 7}[w.weighted(60, 25, 8, 7)]
}

func (w *world) status(age time.Duration, id int64) int {
	d := age / day
	switch {
	case d > 21:
		return []int{5, 4, 6, 3}[w.weighted(62, 30, 4, 4)]
	case d > 7:
		return []int{4, 5, 3, 6, 7, 2}[w.weighted(35, 20, 12, 13, 12, 8)]
	}
	return []int{2, 3, 6, 7, 4}[w.weighted(40, 12, 15, 10, 23)]
}

// length is the number of conversations a generated ticket gets.
func (w *world) length(status int) int {
	switch status {
	case 2:
		return w.pick([]int{0, 0, 1, 2, 3, 5, 6})
	case 3, 6:
		return w.pick([]int{1, 3, 3, 5, 7})
	case 7:
		return w.pick([]int{3, 4, 6})
	}
	return w.pick([]int{3, 3, 4, 4, 4, 5, 6, 8, 10})
}

func (w *world) responder(p plan) string {
	var cands []string
	for _, e := range w.groupAgents[p.group] {
		ag := w.agentByEmail[e]
		if ag.lang == p.tp.lang && !(p.tp.lang == "en" && w.agentSpecs[ag.id-agentBase-1].occasional && w.rng.IntN(3) > 0) {
			cands = append(cands, e)
		}
	}
	if len(cands) == 0 {
		cands = w.groupAgents[p.group]
	}
	return cands[w.rng.IntN(len(cands))]
}

func (w *world) colleague(email string) string {
	comp := w.contactComp[email]
	var cs []string
	for _, s := range w.contactSpecs {
		if s.company == comp && s.email != email {
			cs = append(cs, s.email)
		}
	}
	return cs[w.rng.IntN(len(cs))]
}

func fills(lang string) fill {
	switch lang {
	case "ko":
		return fillKO()
	case "ja":
		return fillJA()
	case "de":
		return fillDE()
	}
	return fillEN()
}

// thread cuts or extends a topic's story to fit the ticket's status and length.
func (w *world) thread(p plan) []step {
	if p.tp.verbatim {
		return p.tp.story
	}
	f := fills(p.tp.lang)
	s := p.tp.story
	a1, c1, a2, c2 := s[0], s[1], s[2], s[3]
	pickS := func(xs []step) step { return xs[w.rng.IntN(len(xs))] }
	pairs := func(seq []step, room int, custFirst bool) []step {
		for i := 0; room >= 2 && i < 4; i++ {
			if custFirst {
				seq = append(seq, pickS(f.cust), pickS(f.agent))
			} else {
				seq = append(seq, pickS(f.agent), pickS(f.cust))
			}
			room -= 2
		}
		return seq
	}
	switch p.status {
	case 2:
		switch p.n {
		case 0:
			return nil
		case 1:
			return []step{pickS(f.notes)}
		}
		seq := []step{a1, c1}
		if p.n >= 3 {
			seq = append(seq, pickS(f.notes))
		}
		return pairs(seq, p.n-len(seq), false)
	case 3, 6:
		if p.n <= 1 {
			return []step{a1}
		}
		seq := []step{a1, c1}
		seq = pairs(seq, p.n-3, false)
		return append(seq, pickS(f.chase))
	case 7:
		seq := []step{a1, c1}
		if p.n >= 4 {
			seq = append(seq, pickS(f.agent))
		}
		if p.n >= 6 {
			seq = append(seq, pickS(f.cust), pickS(f.notes))
		}
		return append(seq, pickS(f.vendorNotes))
	}
	seq := []step{a1, c1}
	room := p.n - 4
	if room > 0 {
		seq = append(seq, pickS(f.notes))
		room--
	}
	seq = pairs(seq, room, true)
	seq = append(seq, a2)
	if p.n >= 4 {
		seq = append(seq, c2)
	}
	return seq
}

// gap is a realistic wait before a message of kind k.
func (w *world) gap(k kind, priority int) time.Duration {
	rnd := func(lo, hi time.Duration) time.Duration {
		return lo + time.Duration(w.rng.Int64N(int64(hi-lo)))
	}
	switch k {
	case kAgent:
		return []time.Duration{0, rnd(2*hour, 20*hour), rnd(1*hour, 6*hour), rnd(30*minute, 3*hour), rnd(10*minute, 50*minute)}[priority]
	case kNote, kFwd:
		return rnd(5*minute, 90*minute)
	case kFwdReply:
		return rnd(2*hour, 10*hour)
	}
	return rnd(1*hour, 26*hour)
}

func firstName(name string) string {
	if i := strings.IndexByte(name, ' '); i > 0 {
		return name[:i]
	}
	return name
}

// salutation returns greeting, text prefix and sign-off for an agent reply.
func salutation(lang string, cust, ag person) (string, string, string) {
	sig := ag.sig
	if sig == "" {
		sig = ag.name + "\nAcme Cloud"
	}
	switch lang {
	case "ko":
		return cust.name + "님, 안녕하세요.", "", "감사합니다.\n" + sig
	case "ja":
		return firstName(cust.name) + "様", "いつもお世話になっております。Acme Cloud サポートの" + firstName(ag.name) + "です。\n\n", "よろしくお願いいたします。\n" + sig
	case "de":
		return "Hallo " + firstName(cust.name) + ",", "", "Viele Grüße\n" + sig
	}
	return "Hi " + firstName(cust.name) + ",", "", "Best regards,\n" + sig
}

func (w *world) client(email string, lang string, ticketSource int, id int64) mailClient {
	if (ticketSource == 2 || ticketSource == 9) && hash(fmt.Sprint(email, id))%2 == 0 {
		return clientPortal
	}
	byLang := map[string][]mailClient{
		"en": {clientGmail, clientOutlook, clientOutlookOrig, clientApple, clientThunderbird, clientPlain, clientGmail},
		"ko": {clientGmail, clientOutlook, clientGmail},
		"ja": {clientGmail, clientOutlook},
		"de": {clientGmail, clientOutlook, clientThunderbird},
	}[lang]
	return byLang[w.clientIdx[email]%len(byLang)]
}

func contentType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".png":
		return "image/png"
	case ".pdf":
		return "application/pdf"
	case ".xml":
		return "application/xml"
	case ".har":
		return "application/json"
	case ".log", ".txt":
		return "text/plain"
	}
	return "application/octet-stream"
}

func (w *world) attachments(names []string, at time.Time) []Attachment {
	out := []Attachment{}
	for _, n := range names {
		w.nextAttach++
		id := attachBase + w.nextAttach
		size := 2048 + int(hash(n)%900000)
		out = append(out, Attachment{ID: id, ContentType: contentType(n), Size: size, Name: n,
			AttachmentURL: fmt.Sprintf("https://attachments.acmecloud.example.com/data/helpdesk/attachments/production/%d/original/%s?X-Amz-Expires=300&X-Amz-Signature=demo%08x", id, urlEscape(n), hash(n)),
			CreatedAt:     ts(at), UpdatedAt: ts(at)})
	}
	return out
}

func urlEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// description renders the ticket's first message according to its source.
func (w *world) description(p plan, req person, ag person) string {
	text := p.tp.open
	switch p.source {
	case 1:
		return customerMail(w.client(req.email, p.tp.lang, 1, p.id), p.tp.lang, req.tz, text, req.sig, req.name, req.email, nil)
	case 3:
		phone := req.phone
		if phone == "" {
			phone = "+1 555 0100"
		}
		return `<div>` + html.EscapeString(fmt.Sprintf("Inbound call from %s (%s). Caller reported:", req.name, phone)) + `</div><div><br></div><div>` + paras(text) + `</div>`
	case 7:
		t := p.created.Add(-6 * minute)
		return `<div><b>Chat transcript</b></div><div>` + t.Format("[15:04]") + ` ` + html.EscapeString(req.name) + `: ` + paras(text) + `</div><div>` +
			t.Add(2*minute).Format("[15:04]") + ` Acme Bot: Thanks! I've created a ticket, our team will reply by e-mail.</div>`
	case 9:
		return `<div>` + paras(text) + `</div><div><br></div><div>Submitted from: <a href="https://console.acmecloud.example.com/billing">https://console.acmecloud.example.com/billing</a><br>Browser: Chrome 131 on macOS</div>`
	case 10:
		g, pre, so := salutation(p.tp.lang, req, ag)
		return agentMail(g, pre+text, so, nil, ag.tz)
	}
	return `<div>` + paras(text) + `</div>`
}

func (w *world) buildTickets() {
	var all []Conversation
	for _, p := range w.plans() {
		all = append(all, w.ticket(p)...)
	}
	// Conversation ids follow creation time across the account, like production.
	sort.SliceStable(all, func(i, j int) bool {
		ti, tj := time.Time(all[i].CreatedAt), time.Time(all[j].CreatedAt)
		if !ti.Equal(tj) {
			return ti.Before(tj)
		}
		return all[i].TicketID < all[j].TicketID
	})
	for i := range all {
		all[i].ID = convBase + int64(i+1)
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].TicketID != all[j].TicketID {
			return all[i].TicketID < all[j].TicketID
		}
		return all[i].ID < all[j].ID
	})
	w.convs = append(all, w.pastAnswerTicket(convBase+int64(len(all)))...)
	for i := range w.contacts { // the vendor contact appears when it first writes
		if w.contacts[i].Email == vendorAddr {
			for _, c := range all {
				if c.UserID == w.contacts[i].ID {
					w.contacts[i].CreatedAt, w.contacts[i].UpdatedAt = c.CreatedAt, c.CreatedAt
					break
				}
			}
		}
	}
}
