package query_test

import (
	"fmt"
	"time"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/query"
)

func ExampleAllOf() {
	q := query.AllOf(
		query.AnyOf(query.Field("cf_sector").Eq("finance"), query.Field("cf_sector").Eq("marketing")),
		query.Field("priority").Gte(3),
		query.Field("created_at").Gte(time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC)),
	)
	inner, err := q.Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(query.Quote(inner))
	// Output: "(cf_sector:'finance' OR cf_sector:'marketing') AND priority:>3 AND created_at:>'2017-01-01'"
}

func ExampleValidate() {
	e, err := query.Parse(`"responder_id:5 AND priority:2"`)
	if err != nil {
		fmt.Println(err)
		return
	}
	s := query.TicketSchema(query.DefaultStatusIDs(), query.DefaultTicketTypes(), nil)
	fmt.Println(query.Validate(e, s))
	fmt.Println(query.Hint("responder_id"))
	// Output:
	// responder_id: Unexpected/invalid field in request
	// ticket search names the assigned agent agent_id: use agent_id:<id> (or agent_id:null for unassigned tickets)
}

func ExampleParse() {
	_, err := query.Parse(`priority:3`) // no outer double quotes
	fmt.Println(query.IsFormat(err))
	// Output: true
}
