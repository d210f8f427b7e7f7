package fdtest

import (
	"net/http"
	"strconv"
)

// listConversations serves GET /tickets/{id}/conversations (oldest first).
func (s *Server) listConversations(c *ctx) (int, any, *apiError) {
	page, perPage, err := c.p.paging(0)
	if err != nil {
		return 0, nil, err
	}
	tid := c.id(0)
	if s.st.tickets.get(tid) == nil {
		return 0, nil, notFound()
	}
	items, more := pageOf(s.st.convs[tid], page, perPage)
	out := make([]any, 0, len(items))
	for _, cv := range items {
		out = append(out, pick(cv, convListKeys, false))
	}
	if more {
		c.header.Set("Link", nextLink(c.r, c.p, page+1))
	}
	return http.StatusOK, out, nil
}

// supportEmail is the address replies are sent from by default.
func (s *Server) supportEmail(t *Obj) string {
	if e := t.getString("support_email"); e != "" {
		return e
	}
	return "support@" + s.st.domain + ".freshdesk.com"
}

// createReply serves POST /tickets/{id}/reply.
func (s *Server) createReply(c *ctx) (int, any, *apiError) {
	t := s.st.tickets.get(c.id(0))
	if t == nil {
		return 0, nil, notFound()
	}
	k := &checker{body: c.body}
	if !k.allow("body", "from_email", "user_id", "cc_emails", "bcc_emails") {
		return 0, nil, k.err()
	}
	body, _ := k.str("body", true)
	cc, _ := k.emails("cc_emails")
	bcc, _ := k.emails("bcc_emails")
	from, hasFrom := k.str("from_email", false)
	if hasFrom && !validEmail(from) {
		k.add(fieldErr{Field: "from_email", Message: msgValidEmail, Code: codeInvalidValue})
	}
	userID, _, hasUser := k.integer("user_id", false)
	if hasUser && s.st.agents.get(userID) == nil {
		k.add(absent("user_id", "agent"))
	}
	if err := k.err(); err != nil {
		return 0, nil, err
	}
	if !hasUser {
		userID = s.st.meID
	}
	if !hasFrom {
		from = s.supportEmail(t)
	}
	var to []string
	if r, ok := s.requesterOf(t).(*Obj); ok {
		if e := r.getString("email"); e != "" {
			to = append(to, e)
		}
	}
	now := fmtTime(s.now())
	cv := newObj()
	cv.Set("body", body)
	cv.Set("body_text", htmlToText(body))
	cv.Set("id", num(s.st.nextID()))
	cv.Set("incoming", false)
	cv.Set("private", false)
	cv.Set("user_id", num(userID))
	cv.Set("support_email", s.supportEmail(t))
	cv.Set("source", num(0))
	cv.Set("category", num(3))
	cv.Set("to_emails", strs(to))
	cv.Set("from_email", from)
	cv.Set("cc_emails", strs(cc))
	cv.Set("bcc_emails", strs(bcc))
	cv.Set("email_failure_count", nil)
	cv.Set("outgoing_failures", nil)
	cv.Set("created_at", now)
	cv.Set("updated_at", now)
	cv.Set("attachments", []any{})
	cv.Set("ticket_id", num(c.id(0)))
	cv.Set("source_additional_info", nil)
	s.st.addConversation(cv)
	t.Set("updated_at", now)
	touchStats(t, "reply", now)
	c.header.Set("Location", s.location(c, "conversations", cv))
	return http.StatusCreated, pick(cv, replyKeys, false), nil
}

// createNote serves POST /tickets/{id}/notes (private by default).
func (s *Server) createNote(c *ctx) (int, any, *apiError) {
	t := s.st.tickets.get(c.id(0))
	if t == nil {
		return 0, nil, notFound()
	}
	k := &checker{body: c.body}
	if !k.allow("body", "private", "incoming", "notify_emails", "user_id") {
		return 0, nil, k.err()
	}
	body, _ := k.str("body", true)
	private, hasPrivate := k.boolean("private")
	incoming, _ := k.boolean("incoming")
	notify, _ := k.emails("notify_emails")
	userID, _, hasUser := k.integer("user_id", false)
	if hasUser && !s.userExists(userID) {
		k.add(absent("user_id", "contact"))
	}
	if err := k.err(); err != nil {
		return 0, nil, err
	}
	if !hasPrivate {
		private = true
	}
	if !hasUser {
		userID = s.st.meID
	}
	now := fmtTime(s.now())
	cv := newObj()
	cv.Set("body", body)
	cv.Set("body_text", htmlToText(body))
	cv.Set("id", num(s.st.nextID()))
	cv.Set("incoming", incoming)
	cv.Set("private", private)
	cv.Set("user_id", num(userID))
	cv.Set("support_email", nil)
	cv.Set("source", num(2))
	cv.Set("category", num(2))
	cv.Set("to_emails", strs(notify))
	cv.Set("from_email", nil)
	cv.Set("cc_emails", []any{})
	cv.Set("bcc_emails", nil)
	cv.Set("email_failure_count", nil)
	cv.Set("outgoing_failures", nil)
	cv.Set("created_at", now)
	cv.Set("updated_at", now)
	cv.Set("attachments", []any{})
	cv.Set("ticket_id", num(c.id(0)))
	cv.Set("source_additional_info", nil)
	s.st.addConversation(cv)
	t.Set("updated_at", now)
	c.header.Set("Location", s.location(c, "conversations", cv))
	return http.StatusCreated, pick(cv, noteKeys, false), nil
}

// location builds the Location header of a created record.
func (s *Server) location(c *ctx, collection string, o *Obj) string {
	id, _ := o.getInt("id")
	scheme := "http"
	if c.r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + c.r.Host + "/api/v2/" + collection + "/" + strconv.FormatInt(id, 10)
}
