package query

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestBuilder(t *testing.T) {
	jan1 := time.Date(2017, 1, 1, 22, 0, 0, 0, time.FixedZone("KST", 9*3600)) // 13:00 UTC
	tests := []struct {
		q    Q
		want string
	}{
		{Field("status").Eq(2), `status:2`},
		{Field("Priority").Gte(3), `priority:>3`},
		{Field("cf_sector").Eq("finance"), `cf_sector:'finance'`},
		{Field("email").Eq("a.b@c.com"), `email:'a.b@c.com'`},
		{Field("cf_notes").Eq(`say "hi"`), `cf_notes:'say "hi"'`},
		{Field("cf_locked").Eq(true), `cf_locked:true`},
		{Field("custom_number").Eq(int64(-5)), `custom_number:-5`},
		{Field("group_id").Eq(uint32(11)), `group_id:11`},
		{Field("created_at").Gte(jan1), `created_at:>'2017-01-01'`},
		{Field("created_at").Lte("2017-01-31"), `created_at:<'2017-01-31'`},
		{Field("created_at").Gte("2017-01-31T10:00:00Z"), `created_at:>'2017-01-31T10:00:00Z'`},
		{Field("created_at").Eq(jan1), `created_at:'2017-01-01'`},
		{Field("agent_id").IsNull(), `agent_id:null`},
		{Field("tag").Eq(Null), `tag:null`},
		{Field("tag").Eq("null"), `tag:'null'`},
		{AllOf(Field("a").Eq(1)), `a:1`},
		{AllOf(AnyOf(Field("cf_sector").Eq("finance"), Field("cf_sector").Eq("marketing")), Field("cf_locked").Eq(true)),
			`(cf_sector:'finance' OR cf_sector:'marketing') AND cf_locked:true`},
		{AnyOf(Field("a").Eq(1), AllOf(Field("b").Eq(2), Field("c").Eq(3))), `a:1 OR b:2 AND c:3`},
		{AllOf(Field("a").Eq(1), AllOf(Field("b").Eq(2), Field("c").Eq(3))), `a:1 AND b:2 AND c:3`},
		{AnyOf(Field("a").Eq(1), AnyOf(Field("b").Eq(2), Field("c").Eq(3))), `a:1 OR b:2 OR c:3`},
		{AllOf(AnyOf(Field("a").Eq(1), Field("b").Eq(2)), AnyOf(Field("c").Eq(3), Field("d").Eq(4))), `(a:1 OR b:2) AND (c:3 OR d:4)`},
	}
	for _, tc := range tests {
		got, err := tc.q.Build()
		if err != nil {
			t.Errorf("Build() = %v, want %q", err, tc.want)
			continue
		}
		if got != tc.want {
			t.Errorf("Build() = %q, want %q", got, tc.want)
		}
		if _, err := Parse(Quote(got)); err != nil {
			t.Errorf("built %q does not parse: %v", got, err)
		}
	}
}

func TestBuilderValidatesAgainstSchema(t *testing.T) {
	q := AllOf(
		AnyOf(Field("cf_sector").Eq("finance"), Field("cf_sector").Eq("marketing")),
		Field("priority").Gte(3),
		Field("created_at").Gte(time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC)),
		Field("agent_id").IsNull(),
	)
	e, err := q.Expr()
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(e, testTicketSchema()); err != nil {
		t.Errorf("built query fails validation: %v", err)
	}
}

func TestBuilderRefusals(t *testing.T) {
	long := make([]Q, 0, 40)
	for range 40 {
		long = append(long, Field("cf_sector").Eq("marketing"))
	}
	tests := []struct {
		q    Q
		want string
	}{
		{Field("cf_name").Eq("O'Brien"), "no escape for single quotes"},
		{Field("cf_name").Eq(""), "empty string"},
		{Field("cf_name").Eq("a\nb"), "line break"},
		{Field("cf_name").Eq(nil), "query.Null"},
		{Field("cf_name").Eq(1.5), "no decimal numbers"},
		{Field("cf_name").Eq(struct{}{}), "unsupported value type"},
		{Field("cf_name").Eq(uint64(1 << 63)), "out of range"},
		{Field("created_at").Gte("yesterday"), "integer or a date"},
		{Field("created_at").Gte(Null), "null only works with equality"},
		{Field("cf_locked").Lte(true), "numbers and dates"},
		{Field("").Eq(1), "must start with a letter"},
		{Field("1a").Eq(1), "must start with a letter"},
		{Field("a-b").Eq(1), "letters, digits and _"},
		{AllOf(), "at least one condition"},
		{AnyOf(Field("a").Eq(1), Q{}), "empty query"},
		{AllOf(Field("a").Eq(1), Field("b").Eq("it's")), "single quote"},
		{Q{}, "empty query"},
		{AnyOf(long...), "characters long and Freshdesk accepts at most 512"},
	}
	for _, tc := range tests {
		got, err := tc.q.Build()
		if err == nil {
			t.Errorf("Build() = %q, want an error mentioning %q", got, tc.want)
			continue
		}
		if !errors.Is(err, ErrUnexpressible) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Build() error %q, want ErrUnexpressible mentioning %q", err, tc.want)
		}
	}
	// The length refusal names the length.
	_, err := AnyOf(long...).Build()
	if !strings.Contains(err.Error(), "is 996 characters") {
		t.Errorf("length error %q does not name the length", err)
	}
}
