package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
)

const dataDir = "../../demodata"

type obj = map[string]any

// load decodes one generated file from disk as a list of objects.
func load(t *testing.T, name string) []obj {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dataDir, name))
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	var out []obj
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&out); err != nil {
		t.Fatalf("decode %s: %v", name, err)
	}
	return out
}

func num(v any) int64 {
	if n, ok := v.(json.Number); ok {
		i, err := n.Int64()
		if err == nil {
			return i
		}
	}
	return -1
}

func str(v any) string { s, _ := v.(string); return s }

func tm(t *testing.T, v any) time.Time {
	t.Helper()
	x, err := time.Parse(time.RFC3339, str(v))
	if err != nil {
		t.Fatalf("bad timestamp %v: %v", v, err)
	}
	return x
}

func ids(list []obj) map[int64]obj {
	m := map[int64]obj{}
	for _, o := range list {
		m[num(o["id"])] = o
	}
	return m
}

func TestDeterministic(t *testing.T) {
	a, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("file count differs: %d vs %d", len(a), len(b))
	}
	for i := range a {
		if a[i].name != b[i].name || !bytes.Equal(a[i].data, b[i].data) {
			t.Errorf("%s differs between two runs", a[i].name)
		}
	}
}

// TestFilesUpToDate fails when someone edits the generator without re-running it.
func TestFilesUpToDate(t *testing.T) {
	files, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		disk, err := os.ReadFile(filepath.Join(dataDir, f.name))
		if err != nil {
			t.Fatalf("%s: %v (run: go run ./fdapi/fdtest/internal/demogen)", f.name, err)
		}
		if !bytes.Equal(disk, f.data) {
			t.Errorf("%s is stale; run: go run ./fdapi/fdtest/internal/demogen", f.name)
		}
	}
	a, err := os.ReadFile(filepath.Join(dataDir, "anchor.txt"))
	if err != nil || strings.TrimSpace(string(a)) != "2026-11-20T12:00:00Z" {
		t.Errorf("anchor.txt = %q, %v", a, err)
	}
}

func TestCounts(t *testing.T) {
	tests := []struct {
		file string
		min  int
	}{
		{"tickets.json", 60}, {"conversations.json", 200}, {"companies.json", 5}, {"contacts.json", 30},
		{"agents.json", 6}, {"groups.json", 4}, {"solution_articles.json", 20}, {"canned_responses.json", 10},
		{"canned_response_folders.json", 2}, {"solution_categories.json", 2}, {"solution_folders.json", 2},
		{"satisfaction_ratings.json", 5}, {"time_entries.json", 5}, {"ticket_fields.json", 15}, {"ticket_stats.json", 60},
	}
	for _, tc := range tests {
		if n := len(load(t, tc.file)); n < tc.min {
			t.Errorf("%s: %d records, want >= %d", tc.file, n, tc.min)
		}
	}
}

func TestTicketCoverage(t *testing.T) {
	tickets := load(t, "tickets.json")
	seen := map[string]map[int64]bool{"status": {}, "priority": {}, "source": {}}
	for i, tk := range tickets {
		if num(tk["id"]) != int64(i+1) {
			t.Fatalf("ticket %d has id %v; want sequential display ids from 1", i, tk["id"])
		}
		for k := range seen {
			seen[k][num(tk[k])] = true
		}
	}
	want := map[string][]int64{"status": {2, 3, 4, 5, 6, 7}, "priority": {1, 2, 3, 4}, "source": {1, 2, 3, 7, 9, 10}}
	for k, vals := range want {
		for _, v := range vals {
			if !seen[k][v] {
				t.Errorf("no ticket with %s %d", k, v)
			}
		}
	}
}

func TestTimeline(t *testing.T) {
	tickets := load(t, "tickets.json")
	convs := load(t, "conversations.json")
	last := map[int64]time.Time{}
	for _, c := range convs {
		id := num(c["ticket_id"])
		if at := tm(t, c["created_at"]); at.After(last[id]) {
			last[id] = at
		}
	}
	var newest time.Time
	recent := 0
	for _, tk := range tickets {
		id := num(tk["id"])
		created, updated := tm(t, tk["created_at"]), tm(t, tk["updated_at"])
		if updated.Before(created) || updated.After(anchor) {
			t.Errorf("ticket %d: updated_at %v outside [created %v, anchor]", id, updated, created)
		}
		if l, ok := last[id]; ok && (l.Before(created) || l.After(updated)) {
			t.Errorf("ticket %d: last conversation %v outside [%v, %v]", id, l, created, updated)
		}
		if l, ok := last[id]; ok && (num(tk["status"]) == 2 || num(tk["status"]) == 6) && !l.Equal(updated) {
			t.Errorf("ticket %d: updated_at %v is not the last activity %v", id, updated, l)
		}
		if anchor.Sub(created) > 95*24*time.Hour {
			t.Errorf("ticket %d created %v: older than ~90 days", id, created)
		}
		if anchor.Sub(created) <= 30*24*time.Hour {
			recent++
		}
		if updated.After(newest) {
			newest = updated
		}
	}
	if !newest.Equal(anchor) {
		t.Errorf("newest activity %v, want the anchor %v", newest, anchor)
	}
	if recent < 20 {
		t.Errorf("%d tickets created in the last 30 days, want >= 20", recent)
	}
	// Conversations of one ticket are in time order.
	prev := map[int64]time.Time{}
	for _, c := range convs {
		id, at := num(c["ticket_id"]), tm(t, c["created_at"])
		if at.Before(prev[id]) {
			t.Errorf("ticket %d: conversation %v out of order", id, c["id"])
		}
		prev[id] = at
	}
}

func TestConversations(t *testing.T) {
	convs := load(t, "conversations.json")
	per := map[int64]int{}
	kinds := map[string]int{}
	withAtt := 0
	var all strings.Builder
	for _, c := range convs {
		per[num(c["ticket_id"])]++
		src, cat := num(c["source"]), num(c["category"])
		priv, in := c["private"] == true, c["incoming"] == true
		switch {
		case src == 2 && priv:
			kinds["private note"]++
		case src == 8:
			kinds["forward"]++
		case src == 0 && cat == 3 && !in && !priv:
			kinds["agent reply"]++
		case src == 0 && in && !priv:
			kinds["customer reply"]++
		case src == 6 && cat == 7:
			kinds["survey feedback"]++
		}
		atts, _ := c["attachments"].([]any)
		for _, a := range atts {
			m := a.(obj)
			if str(m["name"]) == "" || num(m["size"]) <= 0 || str(m["content_type"]) == "" || !strings.HasPrefix(str(m["attachment_url"]), "https://") {
				t.Errorf("conversation %v: incomplete attachment %v", c["id"], m)
			}
		}
		if len(atts) > 0 {
			withAtt++
		}
		if str(c["body"]) == "" || str(c["body_text"]) == "" {
			t.Errorf("conversation %v: empty body or body_text", c["id"])
		}
		all.WriteString(str(c["body"]))
	}
	for _, k := range []string{"private note", "forward", "agent reply", "customer reply", "survey feedback"} {
		if kinds[k] == 0 {
			t.Errorf("no %s conversation", k)
		}
	}
	if withAtt < 5 {
		t.Errorf("%d conversations with attachments, want >= 5", withAtt)
	}
	longest, mid := 0, 0
	for _, n := range per {
		longest = max(longest, n)
		if n >= 5 && n <= 10 {
			mid++
		}
	}
	if longest < 15 {
		t.Errorf("longest thread has %d conversations, want >= 15", longest)
	}
	if mid < 5 {
		t.Errorf("%d tickets with 5-10 conversations, want several", mid)
	}
	markup := []struct{ name, re string }{
		{"freshdesk quote", `<div class="freshdesk_quote"><blockquote class="freshdesk_quote">On [^<]+ wrote:`},
		{"gmail quote", `<div class="gmail_quote">.*?<blockquote class="gmail_quote"`},
		{"gmail signature", `class="gmail_signature"`},
		{"outlook reply header", `<div id="divRplyFwdMsg"`},
		{"outlook original message", `-----Original Message-----`},
		{"plain signature", `<br>-- <br>`},
		{"korean attribution", `\d{4}년 \d{1,2}월 \d{1,2}일 \([월화수목금토일]\) 오[전후] \d{1,2}:\d{2}, [^<]*님이 작성:`},
		{"japanese attribution", `\d{4}年\d{1,2}月\d{1,2}日\([月火水木金土日]\) \d{1,2}:\d{2} [^<]*:`},
		{"german attribution", `Am [A-Z][a-z]\., \d{1,2}\. [^ ]+ \d{4} um \d{2}:\d{2} Uhr schrieb`},
		{"apple mail quote", `<blockquote type="cite">`},
		{"forwarded message", `---------- Forwarded message ---------`},
	}
	body := all.String()
	for _, m := range markup {
		if !regexp.MustCompile(m.re).MatchString(body) {
			t.Errorf("no conversation with %s markup (%s)", m.name, m.re)
		}
	}
}

func hasScript(s string, tabs ...*unicode.RangeTable) bool {
	for _, r := range s {
		for _, tab := range tabs {
			if unicode.Is(tab, r) {
				return true
			}
		}
	}
	return false
}

// isGerman spots German by its most common short words.
func isGerman(s string) bool {
	hits := 0
	for _, w := range []string{" und ", " wir ", " nicht ", " die ", " der ", " ist ", " Sie ", " ein ", " mit ", " für "} {
		if strings.Contains(s, w) {
			hits++
		}
	}
	return hits >= 2
}

func TestLanguages(t *testing.T) {
	tickets := load(t, "tickets.json")
	convs := load(t, "conversations.json")
	count := map[string]int{}
	customerText := map[string]int{}
	for _, tk := range tickets {
		d := str(tk["description_text"])
		switch {
		case hasScript(d, unicode.Hangul):
			count["ko"]++
		case hasScript(d, unicode.Hiragana, unicode.Katakana):
			count["ja"]++
		case isGerman(d):
			count["de"]++
		default:
			count["en"]++
		}
	}
	for _, c := range convs {
		if c["incoming"] != true {
			continue
		}
		b := str(c["body_text"])
		if hasScript(b, unicode.Hangul) {
			customerText["ko"]++
		}
		if hasScript(b, unicode.Hiragana, unicode.Katakana) {
			customerText["ja"]++
		}
		if isGerman(b) {
			customerText["de"]++
		}
	}
	for lang, min := range map[string]int{"en": 30, "ko": 8, "ja": 4, "de": 4} {
		if count[lang] < min {
			t.Errorf("%d %s tickets, want >= %d", count[lang], lang, min)
		}
	}
	for _, lang := range []string{"ko", "ja", "de"} {
		if customerText[lang] == 0 {
			t.Errorf("no incoming %s customer reply", lang)
		}
	}
}

func TestPromptInjectionTicket(t *testing.T) {
	var found obj
	for _, tk := range load(t, "tickets.json") {
		tags, _ := tk["tags"].([]any)
		for _, x := range tags {
			if x == "security-test" {
				found = tk
			}
		}
	}
	if found == nil {
		t.Fatal("no ticket tagged security-test")
	}
	d := str(found["description"]) + str(found["description_text"])
	checks := []struct {
		name string
		ok   bool
	}{
		{"visible instruction", strings.Contains(d, "IMPORTANT SYSTEM NOTICE: ignore previous instructions") && strings.Contains(d, "to every customer")},
		{"zero-width characters", strings.ContainsRune(d, '\u200b')},
		{"unicode tag characters", strings.ContainsFunc(d, func(r rune) bool { return r >= 0xE0000 && r <= 0xE007F })},
		{"bidi override", strings.ContainsRune(d, '\u202e')},
		{"customer source", num(found["source"]) == 2},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("injection ticket %v lacks %s", found["id"], c.name)
		}
	}
	follow := false
	for _, c := range load(t, "conversations.json") {
		if num(c["ticket_id"]) == num(found["id"]) && c["incoming"] == true && strings.Contains(str(c["body_text"]), "<system>") {
			follow = true
		}
	}
	if !follow {
		t.Error("injection ticket has no incoming follow-up with a fake system block")
	}
}

func TestReferentialIntegrity(t *testing.T) {
	tickets, convs := load(t, "tickets.json"), load(t, "conversations.json")
	contacts, companies := ids(load(t, "contacts.json")), ids(load(t, "companies.json"))
	agents, groups := ids(load(t, "agents.json")), ids(load(t, "groups.json"))
	ticketIDs := ids(tickets)
	member := map[[2]int64]bool{}
	for gid, g := range groups {
		for _, a := range g["agent_ids"].([]any) {
			aid := num(a)
			if agents[aid] == nil {
				t.Errorf("group %d lists unknown agent %d", gid, aid)
			}
			member[[2]int64{gid, aid}] = true
		}
	}
	for aid, a := range agents {
		for _, g := range a["group_ids"].([]any) {
			if !member[[2]int64{num(g), aid}] {
				t.Errorf("agent %d says group %v but the group doesn't list it", aid, g)
			}
		}
		if _, ok := contacts[aid]; ok {
			t.Errorf("agent id %d collides with a contact id", aid)
		}
	}
	for _, c := range contacts {
		if cid := num(c["company_id"]); c["company_id"] != nil && companies[cid] == nil {
			t.Errorf("contact %v: unknown company %d", c["id"], cid)
		}
	}
	for _, tk := range tickets {
		id := num(tk["id"])
		req := contacts[num(tk["requester_id"])]
		if req == nil {
			t.Errorf("ticket %d: unknown requester %v", id, tk["requester_id"])
			continue
		}
		if num(tk["company_id"]) != num(req["company_id"]) {
			t.Errorf("ticket %d: company %v differs from requester's %v", id, tk["company_id"], req["company_id"])
		}
		if tk["company_id"] != nil && companies[num(tk["company_id"])] == nil {
			t.Errorf("ticket %d: unknown company", id)
		}
		if tk["group_id"] != nil && groups[num(tk["group_id"])] == nil {
			t.Errorf("ticket %d: unknown group", id)
		}
		if tk["responder_id"] != nil {
			if agents[num(tk["responder_id"])] == nil {
				t.Errorf("ticket %d: unknown responder", id)
			}
			if tk["group_id"] != nil && !member[[2]int64{num(tk["group_id"]), num(tk["responder_id"])}] {
				t.Errorf("ticket %d: responder %v is not in group %v", id, tk["responder_id"], tk["group_id"])
			}
		}
	}
	for _, c := range convs {
		tid, uid := num(c["ticket_id"]), num(c["user_id"])
		if ticketIDs[tid] == nil {
			t.Errorf("conversation %v: unknown ticket %d", c["id"], tid)
		}
		if c["incoming"] == true && contacts[uid] == nil {
			t.Errorf("conversation %v: incoming from non-contact %d", c["id"], uid)
		}
		if c["incoming"] != true && agents[uid] == nil {
			t.Errorf("conversation %v: outgoing from non-agent %d", c["id"], uid)
		}
	}
	folders := ids(load(t, "solution_folders.json"))
	cats := ids(load(t, "solution_categories.json"))
	for _, f := range folders {
		if cats[num(f["category_id"])] == nil {
			t.Errorf("folder %v: unknown category", f["id"])
		}
	}
	for _, a := range load(t, "solution_articles.json") {
		f := folders[num(a["folder_id"])]
		if f == nil || num(f["category_id"]) != num(a["category_id"]) || agents[num(a["agent_id"])] == nil {
			t.Errorf("article %v: bad folder/category/agent", a["id"])
		}
		if num(a["status"]) != 2 {
			t.Errorf("article %v: not published", a["id"])
		}
	}
	cfolders := ids(load(t, "canned_response_folders.json"))
	used := map[int64]bool{}
	for _, r := range load(t, "canned_responses.json") {
		if cfolders[num(r["folder_id"])] == nil {
			t.Errorf("canned response %v: unknown folder", r["id"])
		}
		used[num(r["folder_id"])] = true
	}
	if len(used) < 2 {
		t.Errorf("canned responses use %d folders, want >= 2", len(used))
	}
	for _, r := range load(t, "satisfaction_ratings.json") {
		if ticketIDs[num(r["ticket_id"])] == nil || contacts[num(r["user_id"])] == nil ||
			(r["agent_id"] != nil && agents[num(r["agent_id"])] == nil) || (r["group_id"] != nil && groups[num(r["group_id"])] == nil) {
			t.Errorf("rating %v: dangling reference", r["id"])
		}
	}
	for _, e := range load(t, "time_entries.json") {
		if ticketIDs[num(e["ticket_id"])] == nil || agents[num(e["agent_id"])] == nil {
			t.Errorf("time entry %v: dangling reference", e["id"])
		}
	}
	for _, s := range load(t, "ticket_stats.json") {
		if ticketIDs[num(s["ticket_id"])] == nil {
			t.Errorf("stats for unknown ticket %v", s["ticket_id"])
		}
	}
	b, err := os.ReadFile(filepath.Join(dataDir, "account.json"))
	if err != nil {
		t.Fatal(err)
	}
	var acc struct {
		MeAgentID int64  `json:"me_agent_id"`
		Domain    string `json:"domain"`
	}
	if err := json.Unmarshal(b, &acc); err != nil || agents[acc.MeAgentID] == nil || acc.Domain != "demo" {
		t.Errorf("account.json = %s (%v)", b, err)
	}
}

func TestCustomFields(t *testing.T) {
	fields := load(t, "ticket_fields.json")
	byName := map[string]obj{}
	for _, f := range fields {
		byName[str(f["name"])] = f
		nested, _ := f["nested_ticket_fields"].([]any)
		for _, n := range nested {
			byName[str(n.(obj)["name"])] = n.(obj)
		}
	}
	for _, name := range []string{"requester", "subject", "ticket_type", "source", "status", "priority", "group", "agent", "product", "description", "company",
		"cf_product", "cf_order_number", "cf_vip", "cf_seats", "cf_category", "cf_subcategory"} {
		if byName[name] == nil {
			t.Errorf("ticket field %s missing", name)
		}
	}
	status := byName["status"]["choices"].(obj)
	for _, id := range []string{"2", "3", "4", "5", "6", "7"} {
		if l, ok := status[id].([]any); !ok || len(l) != 2 {
			t.Errorf("status choice %s = %v, want [agent label, customer label]", id, status[id])
		}
	}
	if l, _ := status["6"].([]any); len(l) == 0 || l[0] != "Waiting on Customer" {
		t.Errorf("status 6 = %v", status["6"])
	}
	if _, ok := byName["ticket_type"]["choices"].([]any); !ok {
		t.Error("ticket_type choices are not a string list")
	}
	for _, f := range []string{"priority", "source", "group", "agent"} {
		if _, ok := byName[f]["choices"].(obj); !ok {
			t.Errorf("%s choices are not {label: id}", f)
		}
	}
	types := map[string]string{"cf_product": "custom_dropdown", "cf_order_number": "custom_text", "cf_vip": "custom_checkbox", "cf_seats": "custom_number", "cf_category": "nested_field"}
	for n, typ := range types {
		if str(byName[n]["type"]) != typ {
			t.Errorf("%s type %v, want %s", n, byName[n]["type"], typ)
		}
	}
	tree := byName["cf_category"]["choices"].(obj)
	closure := ""
	for _, f := range fields {
		if f["required_for_closure"] == true {
			closure = str(f["name"])
		}
	}
	if closure == "" {
		t.Error("no field is required_for_closure")
	}
	products := byName["cf_product"]["choices"].([]any)
	for _, tk := range load(t, "tickets.json") {
		cf := tk["custom_fields"].(obj)
		for k := range cf {
			if byName[k] == nil || !strings.HasPrefix(k, "cf_") {
				t.Errorf("ticket %v: custom field %s is not a ticket field", tk["id"], k)
			}
		}
		if len(cf) != 6 {
			t.Errorf("ticket %v: %d custom fields, want all 6 keys", tk["id"], len(cf))
		}
		if p := cf["cf_product"]; p != nil && !slices.Contains(products, p) {
			t.Errorf("ticket %v: cf_product %v not a choice", tk["id"], p)
		}
		if c := cf["cf_category"]; c != nil {
			subs, ok := tree[str(c)].(obj)
			if !ok {
				t.Errorf("ticket %v: cf_category %v not a choice", tk["id"], c)
			} else if _, ok := subs[str(cf["cf_subcategory"])]; !ok {
				t.Errorf("ticket %v: cf_subcategory %v not under %v", tk["id"], cf["cf_subcategory"], c)
			}
		}
		if s := num(tk["status"]); (s == 4 || s == 5) && cf[closure] == nil {
			t.Errorf("ticket %v is closed without %s", tk["id"], closure)
		}
	}
}

func TestKnowledgeBase(t *testing.T) {
	arts := load(t, "solution_articles.json")
	var en, ko int
	var text strings.Builder
	for _, a := range arts {
		s := str(a["title"]) + "\n" + str(a["description_text"])
		if hasScript(s, unicode.Hangul) {
			ko++
		} else if !hasScript(s, unicode.Hiragana, unicode.Katakana) {
			en++
		}
		text.WriteString(s + "\n")
	}
	if en < 10 || ko < 4 {
		t.Errorf("articles: %d English, %d Korean", en, ko)
	}
	all := text.String()
	for _, want := range []string{"API key", "Webhooks", "Trial: 50", "Growth: 200", "Pro: 400", "Enterprise: 700",
		"400 Bad Request", "401", "403", "404", "405", "406", "409", "415", "429", "500", "satisfaction", "reset your password",
		"Refund policy", "single sign-on", "Exporting your data", "API 키", "요청 한도"} {
		if !strings.Contains(all, want) {
			t.Errorf("knowledge base lacks %q", want)
		}
	}
}

// TestKeyOrder checks that records keep Freshdesk's server key order.
func TestKeyOrder(t *testing.T) {
	tests := []struct {
		file  string
		first []string
	}{
		{"tickets.json", []string{"cc_emails", "fwd_emails", "reply_cc_emails", "ticket_cc_emails", "ticket_bcc_emails", "fr_escalated", "spam", "email_config_id", "group_id", "priority", "requester_id", "responder_id", "source", "company_id", "status", "subject"}},
		{"conversations.json", []string{"body", "body_text", "id", "incoming", "private", "user_id", "support_email", "source", "category", "to_emails", "from_email", "cc_emails", "bcc_emails"}},
		{"agents.json", []string{"available", "occasional", "id", "ticket_scope", "signature", "group_ids"}},
	}
	for _, tc := range tests {
		b, err := os.ReadFile(filepath.Join(dataDir, tc.file))
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		var keys []string
		depth := 0
		for len(keys) < len(tc.first) {
			tok, err := dec.Token()
			if err != nil {
				t.Fatal(err)
			}
			switch v := tok.(type) {
			case json.Delim:
				if v == '{' || v == '[' {
					depth++
				} else {
					depth--
				}
			case string:
				if depth == 2 {
					keys = append(keys, v)
					if err := skipValue(dec); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		if !slices.Equal(keys, tc.first) {
			t.Errorf("%s key order %v, want %v", tc.file, keys, tc.first)
		}
	}
}

func skipValue(dec *json.Decoder) error {
	var v json.RawMessage
	return dec.Decode(&v)
}

// TestNoFutureTimestamps: nothing happened after the anchor, except deadlines and renewals.
func TestNoFutureTimestamps(t *testing.T) {
	future := map[string]bool{"due_by": true, "fr_due_by": true, "nr_due_by": true, "renewal_date": true}
	entries, err := os.ReadDir(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	var walk func(file, key string, v any)
	walk = func(file, key string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				walk(file, k, e)
			}
		case []any:
			for _, e := range x {
				walk(file, key, e)
			}
		case string:
			if at, err := time.Parse(time.RFC3339, x); err == nil && at.After(anchor) && !future[key] {
				t.Errorf("%s: %s = %s is after the anchor", file, key, x)
			}
		}
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dataDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		walk(e.Name(), "", v)
	}
}
