package fdapi

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
)

const fixturesDir = "testdata/fixtures"

// airbyteTypes maps an Airbyte stream to the model it decodes into.
var airbyteTypes = map[string]func() any{
	"agents":                  func() any { return new(Agent) },
	"companies":               func() any { return new(Company) },
	"contacts":                func() any { return new(Contact) },
	"conversations":           func() any { return new(Conversation) },
	"groups":                  func() any { return new(Group) },
	"roles":                   func() any { return new(Role) },
	"solution_categories":     func() any { return new(Category) },
	"solution_folders":        func() any { return new(Folder) },
	"solution_articles":       func() any { return new(Article) },
	"canned_response_folders": func() any { return new(CannedResponseFolder) },
	"canned_responses":        func() any { return new(CannedResponse) },
	"ticket_fields":           func() any { return new(TicketField) },
	"tickets":                 func() any { return new(Ticket) },
	"time_entries":            func() any { return new(TimeEntry) },
	"satisfaction_ratings":    func() any { return new(SatisfactionRating) },
	"surveys":                 func() any { return new(Survey) },
	"email_configs":           func() any { return new(EmailConfig) },
}

// unmodeledStreams are Airbyte streams the client does not use; their
// records are only checked to be JSON objects.
var unmodeledStreams = []string{"business_hours", "discussion_categories", "discussion_comments", "discussion_forums",
	"discussion_topics", "email_mailboxes", "scenario_automations", "settings", "sla_policies"}

// unmodeledKeys are keys of modeled streams that the models deliberately
// leave out (non-empty values only; empty values may be omitted anyway).
var unmodeledKeys = map[string][]string{}

type airbyteRecord struct {
	Stream string          `json:"stream"`
	Data   json.RawMessage `json:"data"`
}

func readAirbyte(t testing.TB) []airbyteRecord {
	t.Helper()
	f, err := os.Open(filepath.Join(fixturesDir, "airbyte", "expected_records.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var recs []airbyteRecord
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var r airbyteRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %d: %v", len(recs)+1, err)
		}
		recs = append(recs, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestDecodeAirbyteRecords(t *testing.T) {
	recs := readAirbyte(t)
	if len(recs) != 119 {
		t.Fatalf("got %d records, want 119", len(recs))
	}
	for i, r := range recs {
		newT, ok := airbyteTypes[r.Stream]
		if !ok {
			if !slices.Contains(unmodeledStreams, r.Stream) {
				t.Errorf("record %d: stream %q is neither modeled nor listed as unmodeled", i, r.Stream)
			}
			var m map[string]any
			if err := json.Unmarshal(r.Data, &m); err != nil {
				t.Errorf("record %d (%s): %v", i, r.Stream, err)
			}
			continue
		}
		v := newT()
		if err := json.Unmarshal(r.Data, v); err != nil {
			t.Errorf("record %d (%s): %v", i, r.Stream, err)
		}
	}
}

// TestGoldenAirbyteRoundTrip decodes every modeled real record, re-encodes it
// and checks that every key we emit equals the original, and that every key
// we drop was empty in the original (or is explicitly unmodeled).
func TestGoldenAirbyteRoundTrip(t *testing.T) {
	dropped := map[string]map[string]bool{}
	compared := 0
	for i, r := range readAirbyte(t) {
		newT, ok := airbyteTypes[r.Stream]
		if !ok {
			continue
		}
		v := newT()
		if err := json.Unmarshal(r.Data, v); err != nil {
			t.Fatalf("record %d (%s): %v", i, r.Stream, err)
		}
		enc, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("record %d (%s): encode: %v", i, r.Stream, err)
		}
		orig, back := decodeMap(t, r.Data), decodeMap(t, enc)
		for k, bv := range back {
			ov, present := orig[k]
			if !present {
				if !isEmptyJSON(bv) {
					t.Errorf("record %d (%s): key %q not in the original but encoded as %v", i, r.Stream, k, bv)
				}
				continue
			}
			compared++
			if !reflect.DeepEqual(ov, bv) {
				t.Errorf("record %d (%s): key %q: original %v, re-encoded %v", i, r.Stream, k, ov, bv)
			}
		}
		for k, ov := range orig {
			if _, ok := back[k]; ok || isEmptyJSON(ov) {
				continue
			}
			if !slices.Contains(unmodeledKeys[r.Stream], k) {
				t.Errorf("record %d (%s): key %q = %v lost on re-encode", i, r.Stream, k, ov)
			}
			if dropped[r.Stream] == nil {
				dropped[r.Stream] = map[string]bool{}
			}
			dropped[r.Stream][k] = true
		}
	}
	if compared < 1200 { // 1290 keys across the modeled streams
		t.Fatalf("only %d keys compared", compared)
	}
	for s, ks := range dropped {
		keys := make([]string, 0, len(ks))
		for k := range ks {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		t.Logf("%s: unmodeled keys %v", s, keys)
	}
}

func decodeMap(t *testing.T, b []byte) map[string]any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m
}

func isEmptyJSON(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case bool:
		return !x
	case string:
		return x == ""
	case json.Number:
		return x == "0"
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

// v1Fixtures are python-freshdesk samples in the obsolete v1 shape
// (SOURCES.md); they are not what API v2 returns, so they are not decoded.
var v1Fixtures = []string{"all_tickets.json", "search_tickets.json", "contacts.json", "contact.json",
	"contact_updated.json", "contact_1_agent.json", "customer.json", "search_contacts.json"}

func TestDecodePythonFreshdeskFixtures(t *testing.T) {
	types := map[string]any{
		"agent_1.json":                new(Agent),
		"agent_1_updated.json":        new(Agent),
		"agents.json":                 new([]Agent),
		"companies.json":              new([]Company),
		"company.json":                new(Company),
		"company_updated.json":        new(Company),
		"conversations.json":          new([]Conversation),
		"group_1.json":                new(Group),
		"groups.json":                 new([]Group),
		"note_1.json":                 new(Conversation),
		"outbound_email_1.json":       new(Ticket),
		"reply_1.json":                new(Conversation),
		"role_1.json":                 new(Role),
		"roles.json":                  new([]Role),
		"search_companies.json":       new(searchBody[Company]),
		"solution_articles.json":      new([]Article),
		"solution_articles_fr.json":   new([]Article),
		"solution_categories.json":    new([]Category),
		"solution_categories_fr.json": new([]Category),
		"solution_folders.json":       new([]Folder),
		"solution_folders_fr.json":    new([]Folder),
		"ticket_1.json":               new(Ticket),
		"ticket_1_updated.json":       new(Ticket),
		"time_entries.json":           new([]TimeEntry),
		"time_entry_1.json":           new([]TimeEntry),
	}
	files, err := filepath.Glob(filepath.Join(fixturesDir, "python-freshdesk", "*.json"))
	if err != nil || len(files) != 33 {
		t.Fatalf("want 33 fixtures, got %d (%v)", len(files), err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		if slices.Contains(v1Fixtures, name) {
			continue
		}
		v, ok := types[name]
		if !ok {
			t.Errorf("%s: no model mapped", name)
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestDecodeAirbyteTicketsPage(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(fixturesDir, "airbyte", "tickets.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ts []Ticket
	if err := json.Unmarshal(b, &ts); err != nil {
		t.Fatal(err)
	}
	if len(ts) != 1 {
		t.Fatalf("len = %d", len(ts))
	}
	tk := ts[0]
	switch {
	case tk.ID != 21 || tk.Status != StatusClosed || tk.Source != 10:
		t.Errorf("basic fields: %+v", tk)
	case tk.Requester == nil || tk.Requester.Email == nil || *tk.Requester.Email != "test.agent@example.org" || tk.Requester.Phone != nil:
		t.Errorf("requester: %+v", tk.Requester)
	case tk.Stats == nil || tk.Stats.ClosedAt == nil || tk.Stats.FirstRespondedAt != nil:
		t.Errorf("stats: %+v", tk.Stats)
	case tk.TicketBCCEmails == nil || len(tk.TicketBCCEmails) != 0 || tk.NrEscalated == nil || *tk.NrEscalated:
		t.Errorf("newer fields: bcc=%v nr=%v", tk.TicketBCCEmails, tk.NrEscalated)
	case tk.Type != nil || tk.GroupID != nil || tk.CompanyID == nil || *tk.CompanyID != 67001265522:
		t.Errorf("nullables: type=%v group=%v company=%v", tk.Type, tk.GroupID, tk.CompanyID)
	case tk.DescriptionText != "Test" || tk.SupportEmail == nil:
		t.Errorf("description/support email: %q %v", tk.DescriptionText, tk.SupportEmail)
	}
}

func TestDecodeQuirks(t *testing.T) {
	t.Run("company {} means none", func(t *testing.T) {
		var tk Ticket
		if err := json.Unmarshal([]byte(`{"id":1,"company":{},"cc_emails":null,"tags":null}`), &tk); err != nil {
			t.Fatal(err)
		}
		if tk.Company != nil || tk.CCEmails != nil || tk.Tags != nil {
			t.Fatalf("got company=%v cc=%v tags=%v", tk.Company, tk.CCEmails, tk.Tags)
		}
		if err := json.Unmarshal([]byte(`{"id":1,"company":{"id":5,"name":"Acme"}}`), &tk); err != nil {
			t.Fatal(err)
		}
		if tk.Company == nil || tk.Company.ID != 5 || tk.Company.Name != "Acme" {
			t.Fatalf("company = %+v", tk.Company)
		}
	})
	t.Run("pyfd agent numeric phone, bool auto assign, file_size", func(t *testing.T) {
		var a Agent
		mustDecodeFile(t, "python-freshdesk/agent_1.json", &a)
		if a.Contact.Mobile == nil || *a.Contact.Mobile != "1234" || a.Contact.Phone == nil || *a.Contact.Phone != "5678" {
			t.Fatalf("contact = %+v", a.Contact)
		}
		var g Group
		mustDecodeFile(t, "python-freshdesk/group_1.json", &g)
		if g.AutoTicketAssign == nil || *g.AutoTicketAssign != 1 || len(g.AgentIDs) != 2 {
			t.Fatalf("group = %+v", g)
		}
		var tk Ticket
		mustDecodeFile(t, "python-freshdesk/ticket_1.json", &tk)
		if len(tk.Attachments) != 1 || tk.Attachments[0].Size != 44115 || tk.Stats == nil || tk.Requester == nil {
			t.Fatalf("ticket attachments=%+v stats=%v requester=%v", tk.Attachments, tk.Stats, tk.Requester)
		}
		if len(tk.Tags) != 2 || tk.CustomFields["parent_or_child"] != nil {
			t.Fatalf("tags/custom: %v %v", tk.Tags, tk.CustomFields)
		}
	})
	t.Run("loose values", func(t *testing.T) {
		var s struct {
			A LooseString `json:"a"`
			B LooseString `json:"b"`
			C AutoAssign  `json:"c"`
			D AutoAssign  `json:"d"`
		}
		if err := json.Unmarshal([]byte(`{"a":"x","b":12.5,"c":false,"d":3}`), &s); err != nil {
			t.Fatal(err)
		}
		if s.A != "x" || s.B != "12.5" || s.C != 0 || s.D != 3 {
			t.Fatalf("%+v", s)
		}
		if err := json.Unmarshal([]byte(`{"a":{}}`), &s); err == nil {
			t.Fatal("object accepted as LooseString")
		}
		if err := json.Unmarshal([]byte(`{"c":"x"}`), &s); err == nil {
			t.Fatal("string accepted as AutoAssign")
		}
	})
}

func mustDecodeFile(t *testing.T, rel string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixturesDir, rel))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
}

func TestTicketFieldChoices(t *testing.T) {
	var fields []TicketField
	for _, r := range readAirbyte(t) {
		if r.Stream != "ticket_fields" {
			continue
		}
		var f TicketField
		if err := json.Unmarshal(r.Data, &f); err != nil {
			t.Fatal(err)
		}
		fields = append(fields, f)
	}
	kinds := map[string]ChoicesKind{}
	for _, f := range fields {
		kinds[f.Name] = f.Choices.Kind
	}
	want := map[string]ChoicesKind{"requester": ChoicesNone, "ticket_type": ChoicesList, "source": ChoicesLabelToID,
		"status": ChoicesStatus, "priority": ChoicesLabelToID, "group": ChoicesLabelToID, "agent": ChoicesLabelToID}
	for n, k := range want {
		if kinds[n] != k {
			t.Errorf("%s: kind %d, want %d", n, kinds[n], k)
		}
	}
	st := StatusesFromFields(fields)
	if len(st) != 4 || st[0] != (Status{ID: 2, Label: "Open", CustomerLabel: "Being Processed"}) || st[3].ID != 5 {
		t.Fatalf("statuses = %+v", st)
	}
	if ty := TicketTypesFromFields(fields); strings.Join(ty, ",") != "Question,Incident,Problem,Feature Request,Refund" {
		t.Fatalf("types = %v", ty)
	}

	tests := []struct {
		name string
		in   string
		kind ChoicesKind
		want []Choice
	}{
		{"null", `null`, ChoicesNone, nil},
		{"custom status", `{"2":["Open","Being Processed"],"6":["Waiting on Customer","Awaiting your Reply"]}`, ChoicesStatus,
			[]Choice{{Label: "Open", Value: "2", ID: 2, CustomerLabel: "Being Processed"}, {Label: "Waiting on Customer", Value: "6", ID: 6, CustomerLabel: "Awaiting your Reply"}}},
		{"nested", `{"Australia":{"NSW":["Sydney","Newcastle"],"Vic":[]},"USA":{}}`, ChoicesNested,
			[]Choice{{Label: "Australia", Value: "Australia", Children: []Choice{
				{Label: "NSW", Value: "NSW", Children: []Choice{{Label: "Sydney", Value: "Sydney"}, {Label: "Newcastle", Value: "Newcastle"}}},
				{Label: "Vic", Value: "Vic"}}},
				{Label: "USA", Value: "USA"}}},
		{"nested two levels", `{"Hardware":["Laptop","Phone"]}`, ChoicesNested,
			[]Choice{{Label: "Hardware", Value: "Hardware", Children: []Choice{{Label: "Laptop", Value: "Laptop"}, {Label: "Phone", Value: "Phone"}}}}},
		{"objects", `[{"id":11,"label":"Gold","value":"Gold","position":1,"choices":[{"id":12,"label":"Sub","value":"Sub"}]},{"label":"Open","value":2,"customer_display_name":"Being Processed"}]`, ChoicesObjects,
			[]Choice{{Label: "Gold", Value: "Gold", ID: 11, Children: []Choice{{Label: "Sub", Value: "Sub", ID: 12}}}, {Label: "Open", Value: "2", ID: 2, CustomerLabel: "Being Processed"}}},
		{"numbers list", `[1,2]`, ChoicesList, []Choice{{Label: "1", Value: "1", ID: 1}, {Label: "2", Value: "2", ID: 2}}},
		{"label to string id", `{"A":"7"}`, ChoicesLabelToID, []Choice{{Label: "A", Value: "7", ID: 7}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f TicketField
			if err := json.Unmarshal([]byte(`{"id":1,"choices":`+tt.in+`}`), &f); err != nil {
				t.Fatal(err)
			}
			if f.Choices.Kind != tt.kind || !reflect.DeepEqual(f.Choices.Options, tt.want) {
				t.Fatalf("kind %d options %+v, want %d %+v", f.Choices.Kind, f.Choices.Options, tt.kind, tt.want)
			}
			out, err := json.Marshal(f.Choices)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tt.in {
				t.Fatalf("re-encoded %s, want %s", out, tt.in)
			}
		})
	}
	for _, bad := range []string{`"x"`, `{"a":true}`, `[{"id":1,"choices":[{"label":{}}]}]`, `{"a":[1]}`} {
		var f TicketField
		if err := json.Unmarshal([]byte(`{"choices":`+bad+`}`), &f); err == nil {
			t.Errorf("choices %s accepted", bad)
		}
	}
	built := Choices{Kind: ChoicesList, Options: []Choice{{Label: "a"}, {Label: "b"}}}
	if b, _ := json.Marshal(built); string(b) != `["a","b"]` {
		t.Fatalf("built choices encode as %s", b)
	}
}
