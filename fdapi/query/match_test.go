package query

import (
	"encoding/json"
	"testing"
	"time"
)

func TestMatch(t *testing.T) {
	created := time.Date(2017, 1, 31, 23, 59, 0, 0, time.UTC)
	ticket := MapRecord{
		"priority":   3,
		"status":     int64(2),
		"agent_id":   nil,
		"group_id":   json.Number("11"),
		"tag":        []string{"billing", "vip"},
		"created_at": created,
		"updated_at": "2017-02-01T00:00:00Z",
		"cf_sector":  "finance",
		"cf_locked":  true,
		"cf_count":   float64(7),
		"type":       "Question",
	}
	tests := []struct {
		q    string
		want bool
	}{
		{`priority:3`, true},
		{`priority:'3'`, true},
		{`priority:4`, false},
		{`priority:>3`, true},
		{`priority:>4`, false},
		{`priority:<3`, true},
		{`priority:<2`, false},
		{`status:3 OR status:2`, true},
		{`group_id:11`, true},
		{`agent_id:null`, true},
		{`agent_id:5`, false},
		{`group_id:null`, false},
		{`missing_field:null`, true},
		{`missing_field:1`, false},
		{`tag:vip`, true},
		{`tag:'billing'`, true},
		{`tag:VIP`, false},
		{`tag:null`, false},
		{`created_at:'2017-01-31'`, true},
		{`created_at:'2017-01-30'`, false},
		{`created_at:>'2017-01-01' AND created_at:<'2017-01-31'`, true},
		{`created_at:<'2017-01-30'`, false},
		{`created_at:>'2017-02-01'`, false},
		{`created_at:>'2017-01-31T23:59:00Z'`, true},
		{`created_at:>'2017-01-31T23:59:01Z'`, false},
		{`updated_at:>'2017-02-01'`, true},
		{`updated_at:<'2017-01-31'`, false},
		{`created_at:>5`, false},
		{`cf_sector:finance AND cf_locked:true`, true},
		{`cf_locked:false`, false},
		{`cf_count:>7 AND cf_count:<7`, true},
		{`type:Question`, true},
		{`type:question`, false},
		{`type:>3`, false},
		// Precedence: a OR b AND c is a OR (b AND c).
		{`priority:3 OR priority:1 AND status:5`, true},
		{`(priority:3 OR priority:1) AND status:5`, false},
	}
	for _, tc := range tests {
		e, err := ParseInner(tc.q)
		if err != nil {
			t.Fatalf("ParseInner(%q): %v", tc.q, err)
		}
		if got := Match(e, ticket); got != tc.want {
			t.Errorf("Match(%q) = %v, want %v", tc.q, got, tc.want)
		}
	}
}

func TestMatchRecordFunc(t *testing.T) {
	calls := 0
	r := RecordFunc(func(field string) ([]any, bool) {
		calls++
		if field == "tag" {
			return []any{}, true // present but empty: no value
		}
		return nil, false
	})
	e, _ := ParseInner(`tag:null AND tag:null`)
	if !Match(e, r) {
		t.Error("empty tag list should match tag:null")
	}
	if calls != 2 {
		t.Errorf("Lookup called %d times, want 2", calls)
	}
	if Match(nil, r) {
		t.Error("Match(nil) should be false")
	}
}

func TestMatchValueTypes(t *testing.T) {
	e, _ := ParseInner(`n:5`)
	for _, v := range []any{int8(5), int16(5), int32(5), uint(5), uint8(5), uint16(5), uint32(5), uint64(5), float32(5), "5"} {
		if !Match(e, MapRecord{"n": v}) {
			t.Errorf("n:5 should match %T(5)", v)
		}
	}
	tm := time.Date(2020, 5, 1, 10, 0, 0, 0, time.UTC)
	d, _ := ParseInner(`d:'2020-05-01'`)
	if !Match(d, MapRecord{"d": &tm}) {
		t.Error("date should match *time.Time")
	}
	for _, v := range []any{json.Number("x"), struct{}{}, []int{5}} {
		if Match(e, MapRecord{"n": v}) {
			t.Errorf("n:5 should not match %#v", v)
		}
	}
	if v, _ := ParseInner(`n:null`); !v.(*Cond).Value.IsNull() {
		t.Error("IsNull false for null")
	}
}
