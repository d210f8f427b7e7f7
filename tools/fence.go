package tools

// Customer-written free text of one record (a ticket row, a requester, a
// contact, a ticket's customer-filled fields): subjects, names, job titles,
// phone numbers and custom fields customers can fill in the portal. Every
// tool, resource and prompt delivers it under the key
// untrusted_customer_content, the same label as a ticket's thread, so none
// of it reaches the model unlabelled. One small type per record keeps each
// output schema exact.

// rowText is a ticket row's customer-written text: the subject, and the
// requester's name when an earlier answer carried it (free).
type rowText struct {
	Subject   string `json:"subject,omitempty" jsonschema_description:"Ticket subject (customer-written)."`
	Requester string `json:"requester,omitempty" jsonschema_description:"The requester's name, when known without a credit."`
}

func fenceRow(subject, requester string) *rowText {
	if subject == "" && requester == "" {
		return nil
	}
	return &rowText{Subject: subject, Requester: requester}
}

// personText is what a requester wrote about themselves.
type personText struct {
	Name  string `json:"name,omitempty"`
	Phone string `json:"phone,omitempty"`
}

func (p personText) fenced() *personText {
	if p == (personText{}) {
		return nil
	}
	return &p
}

// contactText is what a contact can edit in the portal.
type contactText struct {
	Name         string         `json:"name,omitempty"`
	JobTitle     string         `json:"job_title,omitempty"`
	Phone        string         `json:"phone,omitempty"`
	Mobile       string         `json:"mobile,omitempty"`
	CustomFields map[string]any `json:"custom_fields,omitempty"`
}

func (c contactText) fenced() *contactText {
	if c.Name == "" && c.JobTitle == "" && c.Phone == "" && c.Mobile == "" && len(c.CustomFields) == 0 {
		return nil
	}
	return &c
}

// fieldsText holds the ticket custom fields customers can fill in.
type fieldsText struct {
	CustomFields map[string]any `json:"custom_fields,omitempty" jsonschema_description:"Custom fields the customer filled in, by label."`
}

func fenceFields(cf map[string]any) *fieldsText {
	if len(cf) == 0 {
		return nil
	}
	return &fieldsText{CustomFields: cf}
}
