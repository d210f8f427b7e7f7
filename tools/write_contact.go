package tools

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/mcppolicy"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy"
	"github.com/freshdesk-mcp/freshdesk-mcp/shape"
)

// contactFieldsIn are the writable contact fields, validated locally before
// anything is sent.
type contactFieldsIn struct {
	Name      string   `json:"name,omitempty" jsonschema:"maxLength=255"`
	Email     string   `json:"email,omitempty" jsonschema:"maxLength=254" jsonschema_description:"Primary e-mail (unique in the helpdesk)."`
	Phone     string   `json:"phone,omitempty" jsonschema:"maxLength=50"`
	Mobile    string   `json:"mobile,omitempty" jsonschema:"maxLength=50"`
	CompanyID int64    `json:"company_id,omitempty" jsonschema:"minimum=1" jsonschema_description:"The contact's company (search_companies finds the id)."`
	JobTitle  string   `json:"job_title,omitempty" jsonschema:"maxLength=255"`
	Language  string   `json:"language,omitempty" jsonschema_description:"Language code, e.g. en, de, ja, pt-BR."`
	TimeZone  string   `json:"time_zone,omitempty" jsonschema_description:"Freshdesk time zone name, e.g. Berlin, Tokyo, Eastern Time (US & Canada)."`
	Tags      []string `json:"tags,omitempty" jsonschema_description:"Tags (replace the existing ones on update)."`
}

type createContactIn struct {
	contactFieldsIn
	confirmable
}

type updateContactIn struct {
	ContactID int64 `json:"contact_id" jsonschema:"required,minimum=1"`
	contactFieldsIn
	confirmable
}

var (
	rePhone    = regexp.MustCompile(`^\+?[0-9 ()./-]{3,50}$`)
	reLanguage = regexp.MustCompile(`^[a-z]{2}(-[A-Za-z]{2,4})?$`)
)

// check validates f and returns it as the fdapi fields and the changes it names.
func (f contactFieldsIn) check() (fdapi.ContactFields, []mcppolicy.FieldChange, error) {
	var out fdapi.ContactFields
	var ch []mcppolicy.FieldChange
	set := func(field, v string, dst **string) {
		if v = strings.TrimSpace(v); v != "" {
			*dst = &v
			ch = append(ch, mcppolicy.FieldChange{Field: field, To: v})
		}
	}
	set("name", f.Name, &out.Name)
	set("email", f.Email, &out.Email)
	set("phone", f.Phone, &out.Phone)
	set("mobile", f.Mobile, &out.Mobile)
	set("job_title", f.JobTitle, &out.JobTitle)
	set("language", f.Language, &out.Language)
	set("time_zone", f.TimeZone, &out.TimeZone)
	if out.Email != nil {
		if err := checkEmails("email", []string{*out.Email}); err != nil {
			return out, nil, err
		}
	}
	for _, p := range []*string{out.Phone, out.Mobile} {
		if p != nil && !rePhone.MatchString(*p) {
			return out, nil, inputErrorf("%q is not a phone number (digits, spaces, + ( ) . / - only)", *p)
		}
	}
	if out.Language != nil && !reLanguage.MatchString(*out.Language) {
		return out, nil, inputErrorf("language %q is not a language code such as en, de or pt-BR", *out.Language)
	}
	if f.CompanyID != 0 {
		out.CompanyID = &f.CompanyID
		ch = append(ch, mcppolicy.FieldChange{Field: "company_id", To: fmt.Sprint(f.CompanyID)})
	}
	if f.Tags != nil {
		tags := trimList(f.Tags)
		for _, t := range tags {
			if strings.Contains(t, ",") {
				return out, nil, inputErrorf("tag %q contains a comma; give each tag as its own item", t)
			}
		}
		out.Tags = &tags
		ch = append(ch, mcppolicy.FieldChange{Field: "tags", To: strings.Join(tags, ", ")})
	}
	return out, ch, nil
}

func (b *builder) createContactTool() Tool {
	return newWriteTool(b, writeSpec[createContactIn]{
		decl: decl{
			Name: "create_contact", Title: "Create a contact", Toolset: ToolsetIntake, Access: Write, Credits: 1,
			Kinds: []policy.WriteKind{policy.ContactWrite},
			Description: "Create a customer contact: name and at least one of email, phone or mobile; fields are checked before anything is sent. " +
				"An e-mail already in use is refused with the existing contact's id. Confirmed like every write. Costs 1 credit.",
		},
		kind:      func(*createContactIn) policy.WriteKind { return policy.ContactWrite },
		ticketID:  func(*createContactIn) int64 { return 0 },
		normalize: func(in *createContactIn) { in.Tags = trimList(in.Tags) },
		plan:      b.planCreateContact,
	})
}

func (b *builder) planCreateContact(_ context.Context, in *createContactIn) (*mcppolicy.WritePlan, error) {
	f, ch, err := in.check()
	if err != nil {
		return nil, err
	}
	if f.Name == nil {
		return nil, inputErrorf("name is required")
	}
	if f.Email == nil && f.Phone == nil && f.Mobile == nil {
		return nil, inputErrorf("give at least one of email, phone or mobile")
	}
	who := *f.Name
	if f.Email != nil {
		who += " <" + *f.Email + ">"
	}
	pv := mcppolicy.Preview{Action: "create the contact " + who, Changes: ch}
	return &mcppolicy.WritePlan{Kind: policy.ContactWrite, Preview: pv, Fields: changedFields(ch),
		Run: func(ctx context.Context) ([]int64, any, error) {
			c, err := b.deps.Client.CreateContact(ctx, f)
			if err != nil {
				return nil, nil, err
			}
			return []int64{c.ID}, contactView(c), nil
		}}, nil
}

func (b *builder) updateContactTool() Tool {
	return newWriteTool(b, writeSpec[updateContactIn]{
		decl: decl{
			Name: "update_contact", Title: "Update a contact", Toolset: ToolsetIntake, Access: Write, Credits: 2, Idempotent: true, Destructive: true,
			Kinds: []policy.WriteKind{policy.ContactWrite},
			Description: "Change a contact's fields (only those given; tags replace the existing ones). The preview shows each old and new value. " +
				"Confirmed like every write. Costs 2 credits.",
		},
		kind:      func(*updateContactIn) policy.WriteKind { return policy.ContactWrite },
		ticketID:  func(*updateContactIn) int64 { return 0 },
		normalize: func(in *updateContactIn) {},
		plan:      b.planUpdateContact,
	})
}

func (b *builder) planUpdateContact(ctx context.Context, in *updateContactIn) (*mcppolicy.WritePlan, error) {
	f, ch, err := in.check()
	if err != nil {
		return nil, err
	}
	if len(ch) == 0 {
		return nil, inputErrorf("nothing to change: give at least one field")
	}
	cur, err := b.deps.Client.GetContact(ctx, in.ContactID)
	if err != nil {
		return nil, err
	}
	old := map[string]string{"name": cur.Name, "email": str(cur.Email), "phone": str(cur.Phone), "mobile": str(cur.Mobile),
		"job_title": str(cur.JobTitle), "language": cur.Language, "time_zone": cur.TimeZone, "tags": strings.Join(cur.Tags, ", ")}
	if cur.CompanyID != nil {
		old["company_id"] = fmt.Sprint(*cur.CompanyID)
	}
	var changes []mcppolicy.FieldChange
	for _, c := range ch {
		if c.From = old[c.Field]; c.From != c.To {
			changes = append(changes, c)
		}
	}
	if len(changes) == 0 {
		return nil, inputErrorf("contact %d already has these values; nothing to change", in.ContactID)
	}
	pv := mcppolicy.Preview{Action: fmt.Sprintf("update contact %d (%s)", cur.ID, shape.Sanitize(cur.Name)), Changes: changes}
	return &mcppolicy.WritePlan{Kind: policy.ContactWrite, Preview: pv, Fields: changedFields(changes),
		Run: func(ctx context.Context) ([]int64, any, error) {
			c, err := b.deps.Client.UpdateContact(ctx, in.ContactID, f)
			if err != nil {
				return nil, nil, err
			}
			return nil, contactView(c), nil
		}}, nil
}

func changedFields(ch []mcppolicy.FieldChange) []string {
	var out []string
	for _, c := range ch {
		if !slices.Contains(out, c.Field) {
			out = append(out, c.Field)
		}
	}
	return out
}
