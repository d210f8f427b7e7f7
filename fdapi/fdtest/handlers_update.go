package fdtest

import (
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

var ticketUpdateFields = []string{"name", "requester_id", "email", "phone", "twitter_id", "facebook_id",
	"unique_external_id", "subject", "type", "status", "priority", "description", "responder_id", "attachments",
	"custom_fields", "due_by", "fr_due_by", "email_config_id", "group_id", "parent_id", "product_id", "source",
	"tags", "company_id", "internal_agent_id", "internal_group_id"}

// updateTicket serves PUT /tickets/{id}.
func (s *Server) updateTicket(c *ctx) (int, any, *apiError) {
	t := s.st.tickets.get(c.id(0))
	if t == nil {
		return 0, nil, notFound()
	}
	k := &checker{body: c.body}
	if !k.allow(ticketUpdateFields...) {
		return 0, nil, k.err()
	}
	changes := newObj()
	if n, isNull, ok := k.integer("status", false); ok && !isNull {
		ids := s.statusIDs()
		if !slices.Contains(ids, int(n)) {
			k.add(fieldErr{Field: "status", Message: choicesMsg(intsToStrings(ids)), Code: codeInvalidValue})
		} else {
			changes.Set("status", num(n))
		}
	}
	if n, isNull, ok := k.integer("priority", false); ok && !isNull {
		if n < 1 || n > 4 {
			k.add(fieldErr{Field: "priority", Message: choicesMsg([]string{"1", "2", "3", "4"}), Code: codeInvalidValue})
		} else {
			changes.Set("priority", num(n))
		}
	}
	if n, isNull, ok := k.integer("source", false); ok && !isNull {
		if !slices.Contains([]int64{1, 2, 3, 7, 8, 9, 10}, n) && n < 100 {
			k.add(fieldErr{Field: "source", Message: choicesMsg([]string{"1", "2", "3", "7", "8", "9", "10"}), Code: codeInvalidValue})
		} else {
			changes.Set("source", num(n))
		}
	}
	if v, ok := c.body.Get("type"); ok {
		types := s.ticketTypes()
		str, isStr := v.(string)
		switch {
		case v == nil:
			changes.Set("type", nil)
		case !isStr || !slices.Contains(types, str):
			k.add(fieldErr{Field: "type", Message: choicesMsg(types), Code: codeInvalidValue})
		default:
			changes.Set("type", str)
		}
	}
	refs := []struct {
		field, resource string
		exists          func(int64) bool
	}{
		{"group_id", "group", func(id int64) bool { return s.st.groups.get(id) != nil }},
		{"responder_id", "agent", func(id int64) bool { return s.st.agents.get(id) != nil }},
		{"company_id", "company", func(id int64) bool { return s.st.companies.get(id) != nil }},
		{"requester_id", "contact", s.userExists},
		{"product_id", "product", func(int64) bool { return true }},
		{"email_config_id", "email_config", func(int64) bool { return true }},
	}
	for _, ref := range refs {
		n, isNull, ok := k.integer(ref.field, ref.field != "requester_id")
		switch {
		case !ok:
		case isNull:
			changes.Set(ref.field, nil)
		case !ref.exists(n):
			k.add(absent(ref.field, ref.resource))
		default:
			changes.Set(ref.field, num(n))
		}
	}
	if sub, ok := k.str("subject", false); ok {
		if strings.TrimSpace(sub) == "" {
			k.add(fieldErr{Field: "subject", Message: msgBlank, Code: codeMissing})
		} else {
			changes.Set("subject", sub)
		}
	}
	if d, ok := k.str("description", false); ok {
		changes.Set("description", d)
		changes.Set("description_text", htmlToText(d))
	}
	if tags, ok := k.tags(); ok {
		changes.Set("tags", strs(tags))
	}
	k.dueDates(changes)
	if cf, ok := c.body.Get("custom_fields"); ok {
		s.checkCustomFields(k, cf, changes)
	}
	if err := k.err(); err != nil {
		return 0, nil, err
	}
	for _, key := range changes.keys {
		v := changes.vals[key]
		if key == "custom_fields" {
			merged := clone(t.getObj("custom_fields")).(*Obj)
			if merged == nil {
				merged = newObj()
			}
			for _, ck := range v.(*Obj).keys {
				merged.Set(ck, v.(*Obj).vals[ck])
			}
			v = merged
		}
		t.Set(key, v)
	}
	now := fmtTime(s.now())
	t.Set("updated_at", now)
	if changes.Has("status") {
		touchStats(t, "status", now)
	}
	return http.StatusOK, s.renderTicket(t, shapeUpdate, nil), nil
}

func intsToStrings(ns []int) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = strconv.Itoa(n)
	}
	return out
}

// tags validates the tags array (strings without commas).
func (k *checker) tags() ([]string, bool) {
	v, ok := k.body.Get("tags")
	if !ok {
		return nil, false
	}
	arr, isArr := v.([]any)
	if !isArr {
		k.add(mismatch("tags", v, "Array"))
		return nil, false
	}
	out := []string{}
	for _, x := range arr {
		s, isStr := x.(string)
		if !isStr {
			k.add(fieldErr{Field: "tags", Message: "It should contain elements of type String only", Code: codeDatatype})
			return nil, false
		}
		if strings.Contains(s, ",") {
			k.add(fieldErr{Field: "tags", Message: "',' are not allowed", Code: codeInvalidValue})
			return nil, false
		}
		if len(s) > 255 {
			k.add(fieldErr{Field: "tags", Message: "It should only contain elements that have maximum of 255 characters", Code: codeInvalidValue})
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// dueDates validates due_by and fr_due_by (given together, fr before due).
func (k *checker) dueDates(changes *Obj) {
	due, hasDue := k.body.Get("due_by")
	fr, hasFr := k.body.Get("fr_due_by")
	if !hasDue && !hasFr {
		return
	}
	if hasDue != hasFr {
		missing, other := "due_by", "fr_due_by"
		if hasDue {
			missing, other = "fr_due_by", "due_by"
		}
		k.add(fieldErr{Field: missing, Message: "It should not be blank if " + other + " is given", Code: codeMissing})
		return
	}
	ds, _ := due.(string)
	fs, _ := fr.(string)
	dt, okD := parseTime(ds)
	ft, okF := parseTime(fs)
	if !okD {
		k.add(fieldErr{Field: "due_by", Message: "It should be in the 'combined date and time ISO8601' format", Code: codeInvalidValue})
	}
	if !okF {
		k.add(fieldErr{Field: "fr_due_by", Message: "It should be in the 'combined date and time ISO8601' format", Code: codeInvalidValue})
	}
	if !okD || !okF {
		return
	}
	if !ft.Before(dt) {
		k.add(fieldErr{Field: "fr_due_by", Message: "It should be less than due_by", Code: codeInvalidValue})
		return
	}
	changes.Set("due_by", fmtTime(dt))
	changes.Set("fr_due_by", fmtTime(ft))
}

var reDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// checkCustomFields validates custom_fields values by the field's type.
func (s *Server) checkCustomFields(k *checker, v any, changes *Obj) {
	cf, ok := v.(*Obj)
	if !ok {
		k.add(mismatch("custom_fields", v, "key/value pair"))
		return
	}
	defs := map[string]*Obj{}
	nestedParent := map[string]*Obj{}
	for _, f := range s.customTicketFields() {
		defs[f.getString("name")] = f
		for _, n := range nestedNames(f) {
			nestedParent[n] = f
		}
	}
	out := newObj()
	for _, name := range cf.keys {
		val := cf.vals[name]
		nested := "custom_fields." + name
		f := defs[name]
		if f == nil && nestedParent[name] == nil {
			k.add(fieldErr{Field: name, NestedField: nested, Message: msgInvalidField, Code: codeInvalidField})
			continue
		}
		if val == nil {
			out.Set(name, nil)
			continue
		}
		if f == nil { // a dependent field's sub-level: any string
			if _, isStr := val.(string); !isStr {
				k.add(fieldErr{Field: name, NestedField: nested, Message: mismatch(name, val, "String").Message, Code: codeDatatype})
				continue
			}
			out.Set(name, val)
			continue
		}
		if fe := checkCustomValue(f, val); fe != nil {
			fe.Field, fe.NestedField = name, nested
			k.add(*fe)
			continue
		}
		out.Set(name, val)
	}
	if out.Len() > 0 {
		changes.Set("custom_fields", out)
	}
}

func checkCustomValue(f *Obj, val any) *fieldErr {
	switch f.getString("type") {
	case "custom_text", "custom_paragraph":
		if _, ok := val.(string); !ok {
			fe := mismatch("", val, "String")
			return &fe
		}
	case "custom_number":
		if _, ok := asInt(val); !ok {
			fe := mismatch("", val, "Integer")
			return &fe
		}
	case "custom_decimal":
		if _, ok := val.(interface{ Float64() (float64, error) }); !ok {
			fe := mismatch("", val, "Number")
			return &fe
		}
	case "custom_checkbox":
		if _, ok := val.(bool); !ok {
			fe := mismatch("", val, "Boolean")
			return &fe
		}
	case "custom_date":
		if s, ok := val.(string); !ok || !reDate.MatchString(s) {
			return &fieldErr{Message: "It should be in the 'yyyy-mm-dd' format", Code: codeInvalidValue}
		}
	case "custom_dropdown", "nested_field":
		choices := dropdownChoices(f)
		if s, ok := val.(string); !ok || !slices.Contains(choices, s) {
			return &fieldErr{Message: choicesMsg(choices), Code: codeInvalidValue}
		}
	}
	return nil
}
