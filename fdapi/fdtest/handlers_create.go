package fdtest

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ticketCreateFields are the attributes POST /tickets accepts: the update set
// plus cc_emails, which is create-only (reference §3.6, FC
// ApiTicketConstants CREATE_FIELDS vs UPDATE_FIELDS).
var ticketCreateFields = append(slices.Clone(ticketUpdateFields), "cc_emails")

// requesterFields identify the requester; one of them is mandatory on create.
var requesterFields = []string{"requester_id", "phone", "email", "twitter_id", "facebook_id", "unique_external_id"}

// createExcludedSources cannot be set on create (reference §2.12: FC
// API_CREATE_EXCLUDED_VALUES rejects forum 4, outbound email 10, bot 12 and
// WhatsApp 13).
var createSources = []string{"1", "2", "3", "5", "6", "7", "8", "9", "11"}

// createTicket serves POST /tickets. Rules (reference §3.6): a requester
// identity is mandatory; an unknown e-mail creates a contact (the docs' email
// attribute: "If no contact exists with this email address in Freshdesk, it
// will be added as a new contact"); status 2, priority 1 and source 2 are the
// defaults; fields the account marks required_for_agents must be given; due
// dates default to the SLA policy's targets.
func (s *Server) createTicket(c *ctx) (int, any, *apiError) {
	k := &checker{body: c.body}
	if !k.allow(ticketCreateFields...) {
		return 0, nil, k.err()
	}
	t := newObj()
	reqID, newContact := s.checkRequester(k)
	s.checkTicketProps(k, t)
	if cc, ok := k.emails("cc_emails"); ok {
		t.Set("cc_emails", strs(cc))
	}
	s.checkRequired(k)
	if err := k.err(); err != nil {
		return 0, nil, err
	}
	now := s.now()
	if newContact != nil {
		newContact.Set("id", num(s.st.nextID()))
		newContact.Set("active", false)
		newContact.Set("created_at", fmtTime(now))
		if _, err := s.insert("contacts", newContact); err != nil {
			return 0, nil, baseError(http.StatusInternalServerError, msgServerError)
		}
		reqID, _ = newContact.getInt("id")
	}
	t.Set("id", num(s.st.nextTicketID()))
	t.Set("requester_id", num(reqID))
	if !t.Has("company_id") {
		if rc := s.st.contacts.get(reqID); rc != nil {
			if cid, ok := rc.getInt("company_id"); ok {
				t.Set("company_id", num(cid))
			}
		}
	}
	for _, key := range []string{"group_id", "responder_id", "company_id", "product_id", "email_config_id", "type", "association_type", "source_additional_info"} {
		if !t.Has(key) {
			t.Set(key, nil)
		}
	}
	t.Set("to_emails", nil)
	t.Set("created_at", fmtTime(now))
	if !t.Has("due_by") {
		prio, _ := t.getInt("priority")
		fr, due := s.slaTargets(max(prio, 1), now)
		t.Set("fr_due_by", fmtTime(fr))
		t.Set("due_by", fmtTime(due))
	}
	if _, err := s.insert("tickets", t); err != nil {
		return 0, nil, baseError(http.StatusInternalServerError, msgServerError)
	}
	c.header.Set("Location", s.location(c, "tickets", t))
	return http.StatusCreated, s.renderTicket(t, shapeView, nil), nil
}

// checkRequester validates the requester identity; for an unknown e-mail it
// returns the contact to create.
func (s *Server) checkRequester(k *checker) (int64, *Obj) {
	if !slices.ContainsFunc(requesterFields, k.body.Has) {
		k.add(fieldErr{Field: "requester_id", Message: "Please fill at least 1 of " + strings.Join(requesterFields, ", ") + " fields", Code: codeMissing})
		return 0, nil
	}
	name, hasName := k.str("name", false)
	if id, isNull, ok := k.integer("requester_id", false); ok && !isNull {
		if !s.userExists(id) {
			k.add(absent("requester_id", "contact"))
		}
		return id, nil
	}
	email, hasEmail := k.str("email", false)
	if hasEmail {
		if !validEmail(email) {
			k.add(fieldErr{Field: "email", Message: msgValidEmail, Code: codeInvalidValue})
			return 0, nil
		}
		if id, found := s.contactByEmail(bareEmail(email)); found {
			return id, nil
		}
		c := newObj()
		if !hasName || strings.TrimSpace(name) == "" {
			name, _, _ = strings.Cut(bareEmail(email), "@")
		}
		c.Set("name", name)
		c.Set("email", bareEmail(email))
		return 0, c
	}
	// phone, twitter_id, facebook_id, unique_external_id: look the contact
	// up; a phone-only requester needs a name (reference §3.6).
	for _, f := range requesterFields[1:] {
		v, ok := k.str(f, false)
		if !ok {
			continue
		}
		for _, ct := range s.st.contacts.list {
			if ct.getString(f) == v || (f == "phone" && ct.getString("mobile") == v) {
				id, _ := ct.getInt("id")
				return id, nil
			}
		}
		if f == "phone" && !hasName {
			k.add(fieldErr{Field: "name", Message: "It should not be blank as this is a mandatory field", Code: codeMissing})
			return 0, nil
		}
		c := newObj()
		if !hasName {
			name = v
		}
		c.Set("name", name)
		c.Set(f, v)
		return 0, c
	}
	return 0, nil
}

// checkTicketProps validates the ticket attributes shared with update and
// sets them on t.
func (s *Server) checkTicketProps(k *checker, t *Obj) {
	t.Set("status", num(2))
	t.Set("priority", num(1))
	t.Set("source", num(2))
	if n, isNull, ok := k.integer("status", false); ok && !isNull {
		if ids := s.statusIDs(); !slices.Contains(ids, int(n)) {
			k.add(fieldErr{Field: "status", Message: choicesMsg(intsToStrings(ids)), Code: codeInvalidValue})
		}
		t.Set("status", num(n))
	}
	if n, isNull, ok := k.integer("priority", false); ok && !isNull {
		if n < 1 || n > 4 {
			k.add(fieldErr{Field: "priority", Message: choicesMsg([]string{"1", "2", "3", "4"}), Code: codeInvalidValue})
		}
		t.Set("priority", num(n))
	}
	if n, isNull, ok := k.integer("source", false); ok && !isNull {
		if !slices.Contains(createSources, strconv.FormatInt(n, 10)) && n < 100 {
			k.add(fieldErr{Field: "source", Message: choicesMsg(createSources), Code: codeInvalidValue})
		}
		t.Set("source", num(n))
	}
	if v, ok := k.body.Get("type"); ok && v != nil {
		types := s.ticketTypes()
		if str, isStr := v.(string); !isStr || !slices.Contains(types, str) {
			k.add(fieldErr{Field: "type", Message: choicesMsg(types), Code: codeInvalidValue})
		} else {
			t.Set("type", str)
		}
	}
	refs := []struct {
		field, resource string
		tab             *table
	}{
		{"group_id", "group", s.st.groups}, {"responder_id", "agent", s.st.agents}, {"company_id", "company", s.st.companies},
		{"product_id", "product", s.st.products}, {"email_config_id", "email_config", s.st.emailConfigs},
	}
	for _, ref := range refs {
		n, isNull, ok := k.integer(ref.field, true)
		switch {
		case !ok || isNull:
		case ref.tab.get(n) == nil:
			k.add(absent(ref.field, ref.resource))
		default:
			t.Set(ref.field, num(n))
		}
	}
	if sub, ok := k.str("subject", false); ok {
		t.Set("subject", sub)
	}
	if d, ok := k.str("description", false); ok {
		t.Set("description", d)
		t.Set("description_text", htmlToText(d))
	}
	if tags, ok := k.tags(); ok {
		t.Set("tags", strs(tags))
	}
	k.dueDates(t)
	if cf, ok := k.body.Get("custom_fields"); ok {
		s.checkCustomFields(k, cf, t)
	}
}

// checkRequired enforces the account's required_for_agents settings for the
// subject, the description and custom fields (status and priority have
// defaults; the requester was checked already; company defaults to the
// requester's).
func (s *Server) checkRequired(k *checker) {
	cf := k.body.getObj("custom_fields")
	for _, f := range s.st.fields.list {
		if !f.getBool("required_for_agents") {
			continue
		}
		name := f.getString("name")
		switch typ := f.getString("type"); {
		case typ == "default_subject" || typ == "default_description":
			if v, _ := k.body.Get(name); v == nil || strings.TrimSpace(asStringOr(v)) == "" {
				k.add(fieldErr{Field: name, Message: msgBlank, Code: codeMissing})
			}
		case strings.HasPrefix(typ, "custom_") || typ == "nested_field":
			if v, _ := cf.Get(name); v == nil {
				k.add(fieldErr{Field: name, NestedField: "custom_fields." + name, Message: msgBlank, Code: codeMissing})
			}
		}
	}
}

func asStringOr(v any) string { s, _ := v.(string); return s }

// slaTargets returns the first-response and resolution due times of a new
// ticket of priority prio under the default SLA policy (calendar time: the
// emulator does not apply business hours). Without a policy Freshdesk's
// stock targets apply; the emulator uses 24 h and 72 h.
func (s *Server) slaTargets(prio int64, now time.Time) (fr, due time.Time) {
	fr, due = now.Add(24*time.Hour), now.Add(72*time.Hour)
	for _, p := range s.st.slaPolicies.list {
		if !p.getBool("is_default") {
			continue
		}
		tgt := p.getObj("sla_target").getObj("priority_" + strconv.FormatInt(prio, 10))
		if r, ok := tgt.getInt("respond_within"); ok {
			fr = now.Add(time.Duration(r) * time.Second)
		}
		if r, ok := tgt.getInt("resolve_within"); ok {
			due = now.Add(time.Duration(r) * time.Second)
		}
	}
	return fr, due
}

// checkContactFields checks the attributes contact create and update
// share: e-mail (valid, and unique: 409 with the holder's id), the string
// fields, other e-mails, tags and the company. self is the contact being
// updated (0 on create), which may keep its own e-mail.
func (s *Server) checkContactFields(k *checker, self int64) {
	email, hasEmail := k.str("email", false)
	if hasEmail && !validEmail(email) {
		k.add(fieldErr{Field: "email", Message: msgValidEmail, Code: codeInvalidValue})
		hasEmail = false
	}
	for _, f := range []string{"phone", "mobile", "twitter_id", "unique_external_id", "address", "description",
		"job_title", "language", "time_zone", "facebook_id"} {
		k.str(f, false)
	}
	k.emails("other_emails")
	k.tags()
	if id, isNull, ok := k.integer("company_id", true); ok && !isNull && s.st.companies.get(id) == nil {
		k.add(absent("company_id", "company"))
	}
	if hasEmail {
		if uid, taken := s.contactByEmail(bareEmail(email)); taken && uid != self {
			info := newObj()
			info.Set("user_id", num(uid))
			k.add(fieldErr{Field: "email", Message: msgUniqueValue, Code: codeDuplicate, AdditionalInfo: info})
		}
	}
}

// updateContact serves PUT /contacts/{id}: the create attributes, all
// optional; name cannot be blanked and e-mail stays unique (409).
func (s *Server) updateContact(c *ctx) (int, any, *apiError) {
	o := s.st.contacts.get(c.id(0))
	if o == nil {
		return 0, nil, notFound()
	}
	k := &checker{body: c.body}
	if !k.allow(contactCreateFields...) {
		return 0, nil, k.err()
	}
	if c.body.Has("name") {
		k.str("name", true)
	}
	self, _ := o.getInt("id")
	s.checkContactFields(k, self)
	if err := k.err(); err != nil {
		return 0, nil, err
	}
	for _, key := range c.body.keys {
		v := clone(c.body.vals[key])
		if key == "custom_fields" {
			merged, _ := clone(o.getObj("custom_fields")).(*Obj)
			if merged == nil {
				merged = newObj()
			}
			if in, ok := v.(*Obj); ok {
				for _, ck := range in.keys {
					merged.Set(ck, in.vals[ck])
				}
			}
			v = merged
		}
		o.Set(key, v)
	}
	o.Set("updated_at", fmtTime(s.now()))
	return http.StatusOK, renderContactView(o), nil
}
