package main

import (
	"bytes"
	"encoding/json"
	"time"
)

// marshalIndent encodes a file: two-space indent, no HTML escaping, trailing newline.
func marshalIndent(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// productChoices, categoryTree: the custom field values tickets may use.
func productChoices() []string {
	return []string{"Acme Compute", "Acme Storage", "Acme API Gateway", "Acme Analytics", "Acme Console"}
}

// categoryTree is the dependent field cf_category -> cf_subcategory, in display order.
func categoryTree() []kv {
	return []kv{
		{"Account", []string{"Login & Password", "SSO", "Users & Permissions"}},
		{"Billing", []string{"Invoices", "Refunds", "Plan Changes", "Payment Failure"}},
		{"Technical", []string{"API", "Webhooks", "Performance", "Data Export", "Bug"}},
		{"Onboarding", []string{"Migration", "Training", "Setup"}},
		{"Product Feedback", []string{"Feature Request", "Documentation", "UI"}},
		{"Security", []string{"Vulnerability Report", "Suspicious Activity"}},
	}
}

func ticketTypes() []string {
	return []string{"Question", "Incident", "Problem", "Feature Request", "Refund"}
}

func (w *world) buildFields() {
	created := accountStart().Add(-2 * time.Minute)
	edited := accountStart().Add(45 * 24 * time.Hour)
	pos := 0
	add := func(f TicketField) {
		pos++
		f.ID = fieldBase + int64(pos)
		f.Position = pos
		if f.CreatedAt == ts(time.Time{}) {
			f.CreatedAt, f.UpdatedAt = ts(created), ts(created)
		}
		w.fields = append(w.fields, f)
	}
	def := func(name, label, desc, typ, cust string, reqAgents, custEdit, reqCust, shown bool, choices any) TicketField {
		return TicketField{Name: name, Label: label, Description: ptr(desc), Type: typ, Default: true, RequiredForAgents: reqAgents,
			CustomersCanEdit: custEdit, LabelForCustomers: cust, RequiredForCustomers: reqCust, DisplayedToCustomers: shown, Choices: choices}
	}
	req := def("requester", "Search a requester", "Ticket requester", "default_requester", "Requester", true, true, true, true, nil)
	req.PortalCC, req.PortalCCTo = ptr(false), ptr("company")
	add(req)
	add(def("subject", "Subject", "Ticket subject", "default_subject", "Subject", true, true, true, true, nil))
	add(def("ticket_type", "Type", "Ticket type", "default_ticket_type", "Type", false, false, false, false, ticketTypes()))
	add(def("source", "Source", "Ticket source", "default_source", "Source", false, false, false, false, ordered{
		{"Email", 1}, {"Portal", 2}, {"Phone", 3}, {"Forum", 4}, {"Twitter", 5}, {"Facebook", 6}, {"Chat", 7}, {"MobiHelp", 8},
		{"Feedback Widget", 9}, {"Outbound Email", 10}, {"Ecommerce", 11}, {"Bot", 12}, {"Whatsapp", 13}}))
	st := def("status", "Status", "Ticket status", "default_status", "Status", true, false, false, true, ordered{
		{"2", []string{"Open", "Being Processed"}}, {"3", []string{"Pending", "Awaiting your Reply"}},
		{"4", []string{"Resolved", "This ticket has been Resolved"}}, {"5", []string{"Closed", "This ticket has been Closed"}},
		{"6", []string{"Waiting on Customer", "Awaiting your Reply"}}, {"7", []string{"Waiting on Third Party", "Being Processed"}}})
	st.CreatedAt, st.UpdatedAt = ts(created), ts(edited)
	add(st)
	add(def("priority", "Priority", "Ticket priority", "default_priority", "Priority", true, false, false, false,
		ordered{{"Low", 1}, {"Medium", 2}, {"High", 3}, {"Urgent", 4}}))
	groups := ordered{}
	for _, g := range w.groups { // real accounts list groups alphabetically
		groups = append(groups, kv{g.Name, g.ID})
	}
	sortKV(groups)
	add(def("group", "Group", "Ticket group", "default_group", "Group", false, false, false, false, groups))
	agents := ordered{}
	for _, a := range w.agents {
		agents = append(agents, kv{a.Contact.Name, a.ID})
	}
	sortKV(agents)
	add(def("agent", "Agent", "Agent", "default_agent", "Assigned to", false, false, false, true, agents))
	add(def("product", "Product", "Select the product, the ticket belongs to.", "default_product", "Product", false, true, false, true,
		ordered{{"Acme Cloud Platform", productID}}))
	add(def("description", "Description", "Ticket description", "default_description", "Description", true, true, true, true, nil))
	add(def("company", "Company", "Ticket Company", "default_company", "Company", true, true, true, true, nil))

	custom := func(name, label, desc, typ, cust string, forClosure, shown, custEdit bool, choices any) TicketField {
		return TicketField{Name: name, Label: label, Description: ptr(desc), Type: typ, RequiredForClosure: forClosure,
			CustomersCanEdit: custEdit, LabelForCustomers: cust, DisplayedToCustomers: shown, Choices: choices,
			CreatedAt: ts(edited), UpdatedAt: ts(edited.Add(30 * 24 * time.Hour))}
	}
	add(custom("cf_product", "Product area", "Which Acme Cloud product the ticket is about", "custom_dropdown", "Product area", false, true, true, productChoices()))
	add(custom("cf_order_number", "Order number", "Invoice or order number, e.g. ORD-2026-10421", "custom_text", "Order number", false, true, true, nil))
	add(custom("cf_vip", "VIP customer", "Requester is a VIP contact", "custom_checkbox", "VIP customer", false, false, false, nil))
	add(custom("cf_seats", "Seats", "Number of seats on the customer's plan", "custom_number", "Seats", false, false, false, nil))
	tree := ordered{}
	for _, e := range categoryTree() {
		subs := ordered{}
		for _, s := range e.V.([]string) {
			subs = append(subs, kv{s, []string{}})
		}
		tree = append(tree, kv{e.K, subs})
	}
	cat := custom("cf_category", "Category", "Ticket category", "nested_field", "Category", true, true, true, tree)
	cat.RequiredForAgents = false
	add(cat)
	w.fields[len(w.fields)-1].NestedTicketFields = []NestedField{{ID: fieldBase + 901, Name: "cf_subcategory", Description: ptr("Ticket subcategory"),
		Label: "Subcategory", LabelInPortal: "Subcategory", Level: 2, TicketFieldID: w.fields[len(w.fields)-1].ID, CreatedAt: cat.CreatedAt, UpdatedAt: cat.UpdatedAt}}
}

func sortKV(o ordered) {
	for i := 1; i < len(o); i++ {
		for j := i; j > 0 && o[j].K < o[j-1].K; j-- {
			o[j], o[j-1] = o[j-1], o[j]
		}
	}
}
