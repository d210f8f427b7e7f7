package fdtest

import (
	"net/http"
	"strconv"
	"strings"
)

// handlerFunc serves one route; it runs with Server.mu held.
type handlerFunc func(c *ctx) (status int, body any, err *apiError)

// methodRoute is one method of a route.
type methodRoute struct {
	fn     handlerFunc
	params []string // accepted query parameters
	bucket string   // rate-limit sub-bucket
}

// route is a path pattern under /api/v2/; "{id}" matches a positive integer.
type route struct {
	segs    []string
	methods map[string]*methodRoute
}

var methodOrder = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete}

// allowed lists the route's methods for the 405 message.
func (rt *route) allowed() []string {
	var out []string
	for _, m := range methodOrder {
		if rt.methods[m] != nil {
			out = append(out, m)
		}
	}
	return out
}

type routeTable struct{ routes []*route }

func (t *routeTable) add(method, pattern string, fn handlerFunc, bucket string, params ...string) {
	segs := strings.Split(pattern, "/")
	var rt *route
	for _, x := range t.routes {
		if strings.Join(x.segs, "/") == pattern {
			rt = x
		}
	}
	if rt == nil {
		rt = &route{segs: segs, methods: map[string]*methodRoute{}}
		t.routes = append(t.routes, rt)
	}
	rt.methods[method] = &methodRoute{fn: fn, params: params, bucket: bucket}
}

// match finds the route for r; the method is nil when the path exists but
// the method does not (405), the route nil for an unknown path (404).
func (s *Server) match(r *http.Request) (*route, *methodRoute, []int64) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/api/v2/")
	if !ok {
		return nil, nil, nil
	}
	parts := strings.Split(strings.TrimSuffix(rest, "/"), "/")
	for _, rt := range s.routes {
		ids, ok := matchSegs(rt.segs, parts)
		if ok {
			return rt, rt.methods[r.Method], ids
		}
	}
	return nil, nil, nil
}

func matchSegs(segs, parts []string) ([]int64, bool) {
	if len(segs) != len(parts) {
		return nil, false
	}
	var ids []int64
	for i, sg := range segs {
		if sg == "{id}" {
			n, err := strconv.ParseInt(parts[i], 10, 64)
			if err != nil || n < 1 {
				return nil, false
			}
			ids = append(ids, n)
			continue
		}
		if sg != parts[i] {
			return nil, false
		}
	}
	return ids, true
}

var pageParams = []string{"page", "per_page"}

// buildRoutes declares every endpoint the emulator serves.
func (s *Server) buildRoutes() []*route {
	t := &routeTable{}
	get, post, put := http.MethodGet, http.MethodPost, http.MethodPut
	t.add(get, "tickets", s.listTickets, bucketTicketsList, "filter", "company_id", "requester_id", "email",
		"order_by", "order_type", "updated_since", "include", "page", "per_page")
	t.add(post, "tickets", s.withWebhook(EventCreated, s.createTicket), bucketTicketCreate)
	t.add(get, "tickets/{id}", s.viewTicket, bucketNone, "include")
	t.add(put, "tickets/{id}", s.withWebhook(EventUpdated, s.updateTicket), bucketTicketUpdate)
	t.add(get, "tickets/{id}/conversations", s.listConversations, bucketNone, pageParams...)
	t.add(post, "tickets/{id}/reply", s.withWebhook(EventReply, s.createReply), bucketNone)
	t.add(post, "tickets/{id}/notes", s.withWebhook(EventNote, s.createNote), bucketNone)
	t.add(get, "tickets/{id}/satisfaction_ratings", s.listRatings, bucketNone, pageParams...)
	t.add(get, "tickets/{id}/time_entries", s.listTimeEntries, bucketNone, pageParams...)
	t.add(post, "tickets/{id}/time_entries", s.createTimeEntry, bucketNone)
	t.add(get, "time_entries", s.listAllTimeEntries, bucketNone, "company_id", "agent_id", "executed_after",
		"executed_before", "billable", "page", "per_page")
	t.add(get, "surveys/satisfaction_ratings", s.listAllRatings, bucketNone, "created_since", "page", "per_page")
	t.add(get, "surveys", s.listOf(s.st.surveys, surveyKeys), bucketNone, pageParams...)
	t.add(get, "sla_policies", s.listOf(s.st.slaPolicies, slaPolicyKeys), bucketNone, pageParams...)
	t.add(get, "business_hours", s.listOf(s.st.businessHours, businessHourKeys), bucketNone, pageParams...)
	t.add(get, "business_hours/{id}", s.viewOf(s.st.businessHours, businessHourKeys), bucketNone)
	t.add(get, "products", s.listOf(s.st.products, productKeys), bucketNone, pageParams...)
	t.add(get, "products/{id}", s.viewOf(s.st.products, productKeys), bucketNone)
	t.add(get, "email_configs", s.listOf(s.st.emailConfigs, emailConfigKeys), bucketNone, pageParams...)
	t.add(get, "roles", s.listOf(s.st.roles, roleKeys), bucketNone)
	t.add(get, "roles/{id}", s.viewOf(s.st.roles, roleKeys), bucketNone)
	t.add(get, "email_configs/{id}", s.viewOf(s.st.emailConfigs, emailConfigKeys), bucketNone)
	t.add(get, "contacts", s.listContacts, bucketContactsList, "email", "mobile", "phone", "company_id", "state",
		"_updated_since", "unique_external_id", "tag", "page", "per_page")
	t.add(post, "contacts", s.createContact, bucketNone)
	t.add(get, "contacts/{id}", s.viewContact, bucketNone)
	t.add(put, "contacts/{id}", s.updateContact, bucketNone)
	t.add(get, "companies", s.listCompanies, bucketNone, pageParams...)
	t.add(get, "companies/{id}", s.viewCompany, bucketNone)
	t.add(get, "agents", s.listAgents, bucketNone, "email", "mobile", "phone", "state", "page", "per_page")
	t.add(get, "agents/me", s.viewMe, bucketNone)
	t.add(get, "agents/{id}", s.viewAgent, bucketNone)
	t.add(get, "groups", s.listGroups, bucketNone, pageParams...)
	t.add(get, "groups/{id}", s.viewGroup, bucketNone)
	t.add(get, "ticket_fields", s.listTicketFields, bucketNone, "type")
	t.add(get, "search/tickets", s.searchTickets, bucketNone, "query", "page")
	t.add(get, "search/contacts", s.searchContacts, bucketNone, "query", "page")
	t.add(get, "search/companies", s.searchCompanies, bucketNone, "query", "page")
	t.add(get, "search/solutions", s.searchSolutions, bucketNone, "term", "category_id", "folder_id", "language", "search_sort")
	t.add(get, "solutions/categories", s.listCategories, bucketNone)
	t.add(get, "solutions/categories/{id}", s.viewCategory, bucketNone)
	t.add(get, "solutions/categories/{id}/folders", s.listFolders, bucketNone)
	t.add(get, "solutions/folders/{id}", s.viewFolder, bucketNone)
	t.add(get, "solutions/folders/{id}/articles", s.listArticles, bucketNone, pageParams...)
	t.add(get, "solutions/articles/{id}", s.viewArticle, bucketNone)
	t.add(get, "canned_response_folders", s.listCannedFolders, bucketNone)
	t.add(get, "canned_response_folders/{id}", s.viewCannedFolder, bucketNone)
	t.add(get, "canned_response_folders/{id}/responses", s.listCannedResponses, bucketNone)
	t.add(get, "canned_responses/{id}", s.viewCannedResponse, bucketNone)
	return t.routes
}
