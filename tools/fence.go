package tools

import "maps"

// customerText is the customer-written free text of one record (a ticket
// row, a requester, a contact): names, job titles, phone numbers, subjects
// and custom fields customers can fill in the portal. Every tool, resource
// and prompt delivers it under the key untrusted_customer_content, the same
// label as a ticket's thread, so none of it reaches the model unlabelled.
type customerText struct {
	Subject      string         `json:"subject,omitempty" jsonschema_description:"Ticket subject (customer-written)."`
	Name         string         `json:"name,omitempty" jsonschema_description:"Name (customer-written)."`
	JobTitle     string         `json:"job_title,omitempty"`
	Phone        string         `json:"phone,omitempty"`
	Mobile       string         `json:"mobile,omitempty"`
	CustomFields map[string]any `json:"custom_fields,omitempty" jsonschema_description:"Custom fields customers can fill in, by label."`
}

// fenced returns c, or nil when it holds nothing (so the key is omitted).
func (c customerText) fenced() *customerText {
	if c.Subject == "" && c.Name == "" && c.JobTitle == "" && c.Phone == "" && c.Mobile == "" && len(c.CustomFields) == 0 {
		return nil
	}
	c.CustomFields = maps.Clone(c.CustomFields)
	return &c
}
