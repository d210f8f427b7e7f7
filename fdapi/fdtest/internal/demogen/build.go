package main

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"sort"
	"strings"
	"time"
)

// anchor is the newest activity in the data set; the emulator shifts all
// timestamps by Now()-anchor at load.
var anchor = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// file is one output file.
type file struct {
	name string
	data []byte
}

// person is whoever writes a message: an agent or a contact.
type person struct {
	id                         int64
	name, email, lang, tz, sig string
	title, phone               string
	agent                      bool
}

// world accumulates every record while generating.
type world struct {
	rng *rand.Rand

	agentSpecs   []agentSpec
	agents       []Agent
	agentByEmail map[string]person
	groups       []Group
	groupID      map[string]int64
	groupAgents  map[string][]string // group key -> agent e-mails, in spec order
	companies    []Company
	companyLang  []string
	contactSpecs []contactSpec
	contacts     []Contact
	contactBy    map[string]person
	contactComp  map[string]int // e-mail -> company index or -1
	clientIdx    map[string]int // e-mail -> position among contacts of its language (picks the mail client)

	fields  []TicketField
	tickets []Ticket
	stats   []TicketStats
	convs   []Conversation
	ratings []SatisfactionRating
	times   []TimeEntry

	solCats    []SolutionCategory
	solFolders []SolutionFolder
	articles   []SolutionArticle
	cFolders   []CannedResponseFolder
	canned     []CannedResponse

	nextAttach, nextRating, nextTime int64
}

func ptr[T any](v T) *T { return &v }

func tsp(t time.Time) *ts { v := ts(t); return &v }

func hash(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

// Generate builds the whole demo helpdesk; the same output on every run.
func Generate() ([]file, error) {
	w := &world{rng: rand.New(rand.NewPCG(20261120, 42)), agentByEmail: map[string]person{}, groupID: map[string]int64{},
		groupAgents: map[string][]string{}, contactBy: map[string]person{}, contactComp: map[string]int{}, clientIdx: map[string]int{}}
	w.buildPeople()
	w.buildFields()
	w.buildTickets()
	w.buildKB()
	w.buildCanned()
	cfg := w.buildConfig()

	out := []struct {
		name string
		v    any
	}{
		{"account.json", Account{MeAgentID: agentBase + 1, Domain: "demo"}},
		{"agents.json", w.agents},
		{"groups.json", w.groups},
		{"companies.json", w.companies},
		{"contacts.json", w.contacts},
		{"ticket_fields.json", w.fields},
		{"tickets.json", w.tickets},
		{"ticket_stats.json", w.stats},
		{"conversations.json", w.convs},
		{"satisfaction_ratings.json", w.ratings},
		{"time_entries.json", w.times},
		{"solution_categories.json", w.solCats},
		{"solution_folders.json", w.solFolders},
		{"solution_articles.json", w.articles},
		{"canned_response_folders.json", w.cFolders},
		{"canned_responses.json", w.canned},
		{"surveys.json", cfg.surveys},
		{"sla_policies.json", cfg.slas},
		{"business_hours.json", cfg.hours},
		{"products.json", cfg.products},
		{"email_configs.json", cfg.mailbox},
		{"roles.json", cfg.roles},
	}
	files := make([]file, 0, len(out))
	for _, o := range out {
		b, err := marshalIndent(o.v)
		if err != nil {
			return nil, fmt.Errorf("encode %s: %w", o.name, err)
		}
		files = append(files, file{o.name, b})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	return files, nil
}

func (w *world) buildPeople() {
	start := accountStart()
	gs := groupSpecs()
	w.agentSpecs = agentSpecs()
	for i, g := range gs {
		w.groupID[g.key] = groupBase + int64(i+1)
	}
	for i, s := range w.agentSpecs {
		id := agentBase + int64(i+1)
		created := start.Add(time.Duration(i*9) * 24 * time.Hour)
		var gids []int64
		for _, g := range s.groups {
			gids = append(gids, w.groupID[g])
			w.groupAgents[g] = append(w.groupAgents[g], s.email)
		}
		var sig *string
		if s.signature != "" {
			sig = ptr(`<div dir="ltr"><p>` + strings.ReplaceAll(s.signature, "\n", "<br>") + `</p></div>`)
		}
		lastActive := anchor.Add(-time.Duration(7+i*23) * time.Minute)
		var since *ts
		if !s.occasional && i%3 != 2 {
			since = tsp(anchor.Add(-time.Duration(3+i) * time.Hour))
		}
		var phone *string
		if s.phone != "" {
			phone = ptr(s.phone)
		}
		w.agents = append(w.agents, Agent{
			Available: since != nil, Occasional: s.occasional, ID: id, TicketScope: map[bool]int{true: 1, false: 2}[s.role != roleAgent],
			Signature: sig, GroupIDs: gids, RoleIDs: []int64{s.role}, SkillIDs: []int64{},
			CreatedAt: ts(created), UpdatedAt: ts(anchor.Add(-time.Duration(30+i*11) * 24 * time.Hour)),
			LastActiveAt: tsp(lastActive), AvailableSince: since, Type: "support_agent",
			Contact: AgentContact{Active: true, Email: s.email, JobTitle: ptr(s.title), Language: s.lang, LastLoginAt: tsp(lastActive.Add(-2 * time.Hour)),
				Mobile: nil, Name: s.name, Phone: phone, TimeZone: s.tz, CreatedAt: ts(created), UpdatedAt: ts(created.Add(48 * time.Hour))},
		})
		w.agentByEmail[s.email] = person{id: id, name: s.name, email: s.email, lang: s.lang, tz: s.tz, sig: s.signature, title: s.title, agent: true}
	}
	for i, g := range gs {
		var ids []int64
		for _, e := range w.groupAgents[g.key] {
			ids = append(ids, w.agentByEmail[e].id)
		}
		var esc *int64
		if g.key != "escalations" {
			esc = ptr(int64(agentBase + 7)) // Tom Alvarez, the team lead
		}
		w.groups = append(w.groups, Group{ID: w.groupID[g.key], Name: g.name, Description: ptr(g.desc), EscalateTo: esc,
			UnassignedFor: ptr(g.unassignedFor), BusinessHourID: nil, AgentIDs: ids, GroupType: "support_agent_group",
			CreatedAt: ts(start.Add(time.Duration(i) * time.Hour)), UpdatedAt: ts(start.Add(time.Duration(200+i*17) * 24 * time.Hour)), AutoTicketAssign: g.assign})
	}
	seats := []int{420, 85, 260, 60, 18, 120, 35}
	renew := []int{21, 140, 75, 200, 33, 260, 95}
	for i, s := range companySpecs() {
		created := start.Add(time.Duration(20+i*37) * 24 * time.Hour)
		w.companies = append(w.companies, Company{ID: companyBase + int64(i+1), Name: s.name, Description: ptr(s.desc), Note: ptr("Plan: " + s.plan),
			Domains: []string{s.domain}, CustomFields: ordered{{"plan", s.plan}, {"seats", seats[i]}},
			CreatedAt: ts(created), UpdatedAt: ts(anchor.Add(-time.Duration(3+i*5) * 24 * time.Hour)),
			HealthScore: ptr(s.health), AccountTier: ptr(s.tier), RenewalDate: tsp(anchor.AddDate(0, 0, renew[i]).Truncate(24 * time.Hour)), Industry: ptr(s.industry)})
		w.companyLang = append(w.companyLang, s.lang)
	}
	w.contactSpecs = append(contactSpecs(), contactSpec{vendorName, vendorAddr, "", "", -1, "en", "UTC", false})
	perLang := map[string]int{}
	for i, s := range w.contactSpecs {
		id := contactBase + int64(i+1)
		created := start.Add(time.Duration(25+i*13) * 24 * time.Hour)
		var comp *int64
		sig := s.name
		if s.title != "" {
			sig += "\n" + s.title
		}
		if s.company >= 0 {
			comp = ptr(companyBase + int64(s.company+1))
			sig += "\n" + companySpecs()[s.company].name
		}
		if s.phone != "" {
			sig += "\n" + s.phone
		}
		var phone, title *string
		if s.phone != "" {
			phone = ptr(s.phone)
		}
		if s.title != "" {
			title = ptr(s.title)
		}
		pref := []string{"email", "portal", "phone", "chat"}[hash(s.email)%4]
		var tags []string
		if s.vip {
			tags = append(tags, "vip")
		}
		if tags == nil {
			tags = []string{}
		}
		w.contacts = append(w.contacts, Contact{Active: s.email != vendorAddr && s.email != "mallory.quinn@example.net", Address: nil, CompanyID: comp,
			ViewAllTickets: s.vip, Description: nil, Email: s.email, ID: id, JobTitle: title, Language: s.lang, Mobile: nil, Name: s.name, Phone: phone,
			TimeZone: s.tz, TwitterID: nil, CustomFields: ordered{}, Tags: tags, OtherEmails: []string{}, FacebookID: nil,
			CreatedAt: ts(created), UpdatedAt: ts(created.Add(time.Duration(1+i%5) * 24 * time.Hour)), CSATRating: nil, PreferredSource: ptr(pref)})
		w.contactBy[s.email] = person{id: id, name: s.name, email: s.email, lang: s.lang, tz: s.tz, sig: sig, title: s.title, phone: s.phone}
		w.contactComp[s.email] = s.company
		w.clientIdx[s.email] = perLang[s.lang]
		perLang[s.lang]++
	}
	// Mallory signed up recently, just before the injection attempt.
	for i := range w.contacts {
		if w.contacts[i].Email == "mallory.quinn@example.net" {
			w.contacts[i].CreatedAt = ts(anchor.Add(-4 * 24 * time.Hour))
			w.contacts[i].UpdatedAt = w.contacts[i].CreatedAt
		}
		if w.contacts[i].Email == vendorAddr {
			w.contacts[i].CreatedAt = ts(anchor.Add(-20 * 24 * time.Hour))
			w.contacts[i].UpdatedAt = w.contacts[i].CreatedAt
			w.contacts[i].PreferredSource = ptr("email")
		}
	}
}
