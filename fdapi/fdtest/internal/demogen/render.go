package main

import (
	"fmt"
	"html"
	"time"
)

// SLA windows per priority (index = priority): first response and resolution.
var (
	frWindow  = []time.Duration{0, 24 * hour, 12 * hour, 4 * hour, 1 * hour}
	dueWindow = []time.Duration{0, 72 * hour, 48 * hour, 24 * hour, 8 * hour}
)

func clip(t, limit time.Time) time.Time {
	if t.After(limit) {
		return limit
	}
	return t
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// schedule gives each step its time: realistic gaps, squeezed so that the
// ticket's activity ends before the anchor (the final ticket ends exactly at it).
func (w *world) schedule(p plan, steps []step) []time.Time {
	gaps := make([]time.Duration, len(steps))
	var total time.Duration
	for i, s := range steps {
		g := s.gap
		if g == 0 {
			g = w.gap(s.k, p.priority)
		}
		gaps[i] = g
		total += g
	}
	limit := anchor.Sub(p.created) - 15*minute
	if p.id == finalID {
		limit = anchor.Sub(p.created)
	}
	scale := 1.0
	if !p.scripted && (p.id == finalID || float64(total) > 0.9*float64(limit)) {
		scale = float64(limit) / float64(total)
		if p.id != finalID {
			scale *= 0.9
		}
	}
	out := make([]time.Time, len(steps))
	t := p.created
	for i, g := range gaps {
		t = t.Add(time.Duration(float64(g) * scale)).Truncate(time.Second)
		if !t.After(p.created) {
			t = p.created.Add(time.Second)
		}
		if i > 0 && !t.After(out[i-1]) {
			t = out[i-1].Add(time.Second)
		}
		out[i] = t
	}
	if p.id == finalID && len(out) > 0 {
		out[len(out)-1] = anchor
	}
	return out
}

func (w *world) defaultAgent(p plan) person {
	if p.responder != "" {
		return w.agentByEmail[p.responder]
	}
	g := p.group
	if g == "" {
		g = "tech"
	}
	return w.agentByEmail[w.groupAgents[g][0]]
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return append([]string{}, s...)
}

func without(list []string, drop string) []string {
	out := []string{}
	for _, e := range list {
		if e != drop {
			out = append(out, e)
		}
	}
	return out
}

// ticket renders one planned ticket and returns its conversations (ids assigned later).
func (w *world) ticket(p plan) []Conversation {
	req := w.contactBy[p.requester]
	ag := w.defaultAgent(p)
	lang := p.tp.lang
	supEmail, supName := supportAddr, "Acme Cloud Support"
	cfg := int64(emailConfigID)
	if p.group == "billing" {
		supEmail, supName, cfg = billingAddr, "Acme Cloud Billing", billingCfgID
	}
	fromSupport := supName + " <" + supEmail + ">"
	desc := w.description(p, req, ag)
	steps := w.thread(p)
	times := w.schedule(p, steps)

	lastCust := &quoted{html: desc, main: paras(p.tp.open), fromName: req.name, fromEM: req.email, at: p.created, subject: p.tp.subject}
	var lastAgent, lastFwd *quoted
	if p.source == 10 {
		lastAgent, lastCust = &quoted{html: desc, main: paras(p.tp.open), fromName: supName, fromEM: supEmail, at: p.created, subject: p.tp.subject}, nil
	}
	var firstAgentAt, lastAgentAt, lastCustAt *time.Time
	writer := req // whoever wrote last on the customer side; agents answer them
	var convs []Conversation
	var fwdTo []string
	for i, st := range steps {
		at := times[i]
		c := Conversation{Incoming: false, Private: false, CCEmails: []string{}, BCCEmails: []string{}, CreatedAt: ts(at), UpdatedAt: ts(at),
			Attachments: w.attachments(st.att, at), TicketID: p.id}
		switch st.k {
		case kAgent:
			a := ag
			if st.by != "" {
				a = w.agentByEmail[st.by]
			}
			g, pre, so := salutation(lang, writer, a)
			c.Body = agentMail(g, pre+st.text, so, lastCust, a.tz)
			c.UserID, c.SupportEmail, c.Source, c.Category = a.id, ptr(supEmail), 0, 3
			cc := without(p.cc, writer.email)
			if writer.email != req.email {
				cc = append([]string{req.email}, cc...)
			}
			c.ToEmails, c.FromEmail, c.CCEmails = []string{writer.email}, ptr(fromSupport), cc
			lastAgent = &quoted{html: c.Body, main: html.EscapeString(g) + "<br><br>" + paras(pre+st.text), fromName: supName, fromEM: supEmail, at: at, subject: p.tp.subject}
			if firstAgentAt == nil {
				firstAgentAt = &at
			}
			lastAgentAt = &at
		case kCust, kCC:
			who := req
			if st.by != "" {
				who = w.contactBy[st.by]
			}
			cl := w.client(who.email, lang, p.source, p.id)
			c.Body = customerMail(cl, lang, who.tz, st.text, who.sig, who.name, who.email, lastAgent)
			c.Incoming, c.UserID, c.SupportEmail, c.Source, c.Category = true, who.id, ptr(supEmail), 0, 1
			c.ToEmails, c.FromEmail = []string{supEmail}, ptr(who.name+" <"+who.email+">")
			cc := without(p.cc, who.email)
			if who.email != req.email {
				cc = append([]string{req.email}, cc...)
			}
			c.CCEmails = cc
			lastCust = &quoted{html: c.Body, main: paras(st.text), fromName: who.name, fromEM: who.email, at: at, subject: p.tp.subject}
			lastCustAt, writer = &at, who
		case kNote, kPubNote:
			a := ag
			if st.by != "" {
				a = w.agentByEmail[st.by]
			}
			c.Body = noteHTML(st.text)
			c.Private, c.UserID, c.Source, c.Category = st.k == kNote, a.id, 2, 2
			c.ToEmails, c.BCCEmails = []string{}, nil
		case kFwd:
			src := lastCust
			if src == nil {
				src = lastAgent
			}
			c.Body = `<div style="` + fdStyle + `"><div dir="ltr">` + paras(st.text) + `</div><div><br></div><div>---------- Forwarded message ---------<br>From: ` +
				addr(src.fromName, src.fromEM) + `<br>Date: ` + src.at.Format("Mon, Jan 2, 2006 at 3:04 PM") + `<br>Subject: ` + html.EscapeString(p.tp.subject) +
				`<br>To: ` + html.EscapeString(supEmail) + `<br><br>` + src.main + `</div></div>`
			c.Private, c.UserID, c.SupportEmail, c.Source, c.Category = true, ag.id, ptr(supEmail), 8, 2
			c.ToEmails, c.FromEmail = []string{vendorAddr}, ptr(fromSupport)
			fwdTo = []string{vendorAddr}
			lastFwd = &quoted{html: c.Body, main: paras(st.text), fromName: supName, fromEM: supEmail, at: at, subject: "Fwd: " + p.tp.subject}
		case kFwdReply:
			v := w.contactBy[vendorAddr]
			c.Body = customerMail(clientOutlook, "en", "UTC", st.text, "EdgeProxy Network Operations\n"+vendorAddr, v.name, v.email, lastFwd)
			c.Incoming, c.Private, c.UserID, c.SupportEmail, c.Source, c.Category = true, true, v.id, ptr(supEmail), 0, 6
			c.ToEmails, c.FromEmail = []string{supEmail}, ptr(v.name+" <"+v.email+">")
		}
		c.BodyText = toText(c.Body)
		convs = append(convs, c)
	}

	// Resolution, survey, closing.
	last := p.created
	if len(times) > 0 {
		last = times[len(times)-1]
	}
	updated := last
	var resolvedAt, closedAt, pendingSince *time.Time
	if p.status == 4 || p.status == 5 {
		var r time.Time
		if p.scripted {
			r = last.Add(p.resolveAfter) // no survey either: a scripted ticket draws nothing from the rng
		} else {
			r = clip(last.Add(time.Duration(5+w.rng.IntN(35))*minute), anchor.Add(-4*minute))
		}
		r = later(r, last)
		resolvedAt, updated = &r, r
		if !p.scripted && w.rng.IntN(100) < 55 {
			convs = append(convs, w.survey(p, req, ag, r)...)
			if n := len(convs); n > 0 && convs[n-1].Source == 6 {
				updated = later(updated, time.Time(convs[n-1].CreatedAt))
			}
		}
		if p.status == 5 {
			cl := later(clip(r.Add(closeWait), anchor.Add(-1*minute)), updated)
			closedAt, updated = &cl, cl
		}
	}
	if p.status == 3 || p.status == 6 || p.status == 7 {
		ps := last
		pendingSince = &ps
	}

	prio := p.priority
	frDue := p.created.Add(frWindow[prio])
	due := p.created.Add(dueWindow[prio])
	frEsc := (firstAgentAt == nil && frDue.Before(anchor) && p.status == 2) || (firstAgentAt != nil && firstAgentAt.After(frDue))
	isEsc := frEsc || (p.status == 2 && due.Before(anchor))
	var nrDue *ts
	nrEsc := false
	if p.status == 2 && lastCustAt != nil && lastAgentAt != nil && lastCustAt.After(*lastAgentAt) {
		d := lastCustAt.Add(frWindow[prio])
		nrDue, nrEsc = tsp(d), d.Before(anchor)
	}

	untriaged := p.group == "" || (p.status == 2 && len(steps) == 0 && p.responder == "")
	comp := w.contactComp[p.requester]
	var companyID *int64
	var seats any
	if comp >= 0 {
		companyID = ptr(companyBase + int64(comp+1))
		seats = w.companies[comp].CustomFields[1].V
	}
	var order, product, cat, sub, typ any = nil, p.tp.product, p.tp.cat, p.tp.sub, p.tp.typ
	if p.tp.order {
		order = orderNumber(p.tp.subject, p.id)
	}
	var ttype *string
	if untriaged {
		product, cat, sub, typ = nil, nil, nil, nil
	} else {
		ttype = ptr(typ.(string))
	}
	vip := false
	for _, s := range w.contactSpecs {
		if s.email == p.requester {
			vip = s.vip
		}
	}
	tags := append([]string{}, p.tp.tags...)
	if lang != "en" {
		tags = append(tags, "lang-"+lang)
	}
	if vip {
		tags = append(tags, "vip")
	}
	var toEmails []string
	var supportEmail *string
	var cfgID *int64
	switch p.source {
	case 1:
		toEmails, supportEmail, cfgID = []string{supEmail}, ptr(supEmail), ptr(cfg)
	case 10:
		toEmails, supportEmail, cfgID = []string{req.email}, ptr(supEmail), ptr(cfg)
	}
	var groupID, responderID *int64
	if p.group != "" {
		groupID = ptr(w.groupID[p.group])
	}
	if p.responder != "" {
		responderID = ptr(w.agentByEmail[p.responder].id)
	}
	w.tickets = append(w.tickets, Ticket{
		CCEmails: nonNil(p.cc), FwdEmails: nonNil(fwdTo), ReplyCCEmails: nonNil(p.cc), TicketCCEmails: nonNil(p.cc), TicketBCCEmails: []string{},
		FrEscalated: frEsc, Spam: false, EmailConfigID: cfgID, GroupID: groupID, Priority: prio, RequesterID: req.id, ResponderID: responderID,
		Source: p.source, CompanyID: companyID, Status: p.status, Subject: p.tp.subject, AssociationType: nil, SupportEmail: supportEmail,
		ToEmails: toEmails, ProductID: nil, ID: p.id, Type: ttype, DueBy: ts(due), FrDueBy: ts(frDue), IsEscalated: isEsc,
		Description: desc, DescriptionText: toText(desc),
		CustomFields: ordered{{"cf_product", product}, {"cf_order_number", order}, {"cf_vip", vip}, {"cf_seats", seats}, {"cf_category", cat}, {"cf_subcategory", sub}},
		CreatedAt:    ts(p.created), UpdatedAt: ts(updated), Tags: tags, Attachments: w.attachments(p.tp.openAtt, p.created),
		SourceAdditionalInfo: nil, NrDueBy: nrDue, NrEscalated: nrEsc,
	})
	statusAt := updated
	if pendingSince != nil {
		statusAt = *pendingSince
	} else if p.status == 2 {
		statusAt = p.created
	}
	toTS := func(t *time.Time) *ts {
		if t == nil {
			return nil
		}
		return tsp(*t)
	}
	w.stats = append(w.stats, TicketStats{TicketID: p.id, AgentRespondedAt: toTS(lastAgentAt), RequesterRespondedAt: toTS(lastCustAt),
		FirstRespondedAt: toTS(firstAgentAt), StatusUpdatedAt: ts(statusAt), ResolvedAt: toTS(resolvedAt), ClosedAt: toTS(closedAt), PendingSince: toTS(pendingSince)})
	w.timeEntries(p, ag, companyID, times)
	return convs
}

// orderNumber is the ticket's cf_order_number, derived from its subject and id.
func orderNumber(subject string, id int64) string {
	return fmt.Sprintf("ORD-2026-%05d", 10000+hash(fmt.Sprint(subject, id))%90000)
}

// survey records a CSAT rating and, with feedback, the survey conversation.
func (w *world) survey(p plan, req, ag person, resolved time.Time) []Conversation {
	at := resolved.Add(time.Duration(60+w.rng.IntN(20*60)) * minute).Truncate(time.Second)
	if at.After(anchor.Add(-3 * minute)) {
		return nil
	}
	val := []int{103, 100, -103}[w.weighted(62, 25, 13)]
	fb := map[string]map[int]string{
		"en": {103: "Fast and friendly, problem solved. Thanks!", 100: "OK, but it took a few back-and-forths.", -103: "Took way too long and I had to explain everything twice."},
		"ko": {103: "빠르고 친절한 답변 감사합니다!", 100: "해결은 됐지만 시간이 좀 걸렸어요.", -103: "답변이 너무 늦었습니다."},
		"ja": {103: "迅速なご対応ありがとうございました。", 100: "解決しましたが、少し時間がかかりました。", -103: "回答が遅すぎます。"},
		"de": {103: "Schnell und kompetent, vielen Dank!", 100: "In Ordnung, hat aber etwas gedauert.", -103: "Viel zu langsam."},
	}[p.tp.lang][val]
	if w.rng.IntN(3) == 0 {
		fb = ""
	}
	w.nextRating++
	var agentID, groupID *int64
	if p.responder != "" {
		agentID = ptr(ag.id)
	}
	if p.group != "" {
		groupID = ptr(w.groupID[p.group])
	}
	w.ratings = append(w.ratings, SatisfactionRating{ID: ratingBase + w.nextRating, SurveyID: surveyID, UserID: req.id, AgentID: agentID,
		Feedback: fb, GroupID: groupID, TicketID: p.id, CreatedAt: ts(at), UpdatedAt: ts(at), Ratings: ordered{{"default_question", val}, {speedQuestion, speedRating(val, p.id)}}})
	if fb == "" {
		return nil
	}
	body := `<div>` + html.EscapeString(fb) + `</div>`
	return []Conversation{{Body: body, BodyText: fb, Incoming: true, Private: false, UserID: req.id, Source: 6, Category: 7, ToEmails: nil,
		CCEmails: []string{}, BCCEmails: nil, CreatedAt: ts(at), UpdatedAt: ts(at), Attachments: []Attachment{}, TicketID: p.id}}
}

// timeEntries logs agent work on some tickets (always on the long escalation).
func (w *world) timeEntries(p plan, ag person, companyID *int64, times []time.Time) {
	if p.scripted || p.responder == "" || len(times) == 0 || (p.id != longID && w.rng.IntN(10) >= 4) {
		return
	}
	count := 1 + w.rng.IntN(2)
	if p.id == longID {
		count = 5
	}
	notes := []string{"Investigation and log review", "Customer call", "Reproduced issue on staging", "Wrote up workaround", "Coordination with engineering"}
	for i := 0; i < count; i++ {
		at := times[(i*len(times))/count]
		mins := 10 + 5*w.rng.IntN(29)
		logged := clip(at.Add(time.Duration(mins)*minute), anchor.Add(-time.Minute))
		w.nextTime++
		w.times = append(w.times, TimeEntry{Billable: p.group != "billing", Note: notes[(int(p.id)+i)%len(notes)], ID: timeEntryBase + w.nextTime,
			TimerRunning: false, AgentID: ag.id, TicketID: p.id, CompanyID: companyID, TimeSpent: fmt.Sprintf("%02d:%02d", mins/60, mins%60),
			ExecutedAt: ts(at.Truncate(24 * hour)), StartTime: ts(at), CreatedAt: ts(logged), UpdatedAt: ts(logged), TimeSpentInSeconds: mins * 60})
	}
}
