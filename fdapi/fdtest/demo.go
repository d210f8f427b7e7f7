package fdtest

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"
)

// demoFS holds the demo helpdesk written by the seed generator (JSON files in
// the real API shapes, timestamps anchored at demodata/anchor.txt).
//
//go:embed demodata
var demoFS embed.FS

// demoFiles lists the data files in load order (referenced records first)
// with the kind each holds.
var demoFiles = []struct{ file, kind string }{
	{"ticket_fields.json", "ticket_fields"}, {"agents.json", "agents"}, {"groups.json", "groups"},
	{"companies.json", "companies"}, {"contacts.json", "contacts"}, {"tickets.json", "tickets"},
	{"ticket_stats.json", "ticket_stats"}, {"conversations.json", "conversations"},
	{"solution_categories.json", "solution_categories"}, {"solution_folders.json", "solution_folders"},
	{"solution_articles.json", "solution_articles"}, {"canned_response_folders.json", "canned_response_folders"},
	{"canned_responses.json", "canned_responses"}, {"satisfaction_ratings.json", "satisfaction_ratings"},
	{"time_entries.json", "time_entries"}, {"surveys.json", "surveys"}, {"sla_policies.json", "sla_policies"},
	{"business_hours.json", "business_hours"}, {"products.json", "products"}, {"email_configs.json", "email_configs"}, {"roles.json", "roles"},
}

// loadDemo loads the embedded demo helpdesk.
func (s *Server) loadDemo() error {
	sub, err := fs.Sub(demoFS, "demodata")
	if err != nil {
		return err
	}
	return s.LoadFS(sub)
}

// LoadFS loads a data set in the demodata layout from fsys (root = the
// demodata directory): every timestamp is shifted by Now() minus the time in
// anchor.txt, so ages stay realistic. Missing files are skipped; an account
// without ticket fields or agents gets the defaults.
func (s *Server) LoadFS(fsys fs.FS) error {
	shift := time.Duration(0)
	if b, err := fs.ReadFile(fsys, "anchor.txt"); err == nil {
		anchor, ok := parseTime(strings.TrimSpace(string(b)))
		if !ok {
			return fmt.Errorf("anchor.txt: bad time %q", strings.TrimSpace(string(b)))
		}
		shift = s.now().UTC().Truncate(time.Second).Sub(anchor)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("anchor.txt: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range demoFiles {
		recs, err := readRecords(fsys, f.file, shift)
		if err != nil {
			return err
		}
		for i, o := range recs {
			if f.kind == "ticket_stats" {
				s.attachStats(o)
				continue
			}
			if _, err := s.insert(f.kind, o); err != nil {
				return fmt.Errorf("%s[%d]: %w", f.file, i, err)
			}
		}
	}
	if err := s.loadAccount(fsys); err != nil {
		return err
	}
	if len(s.st.fields.list) == 0 || len(s.st.agents.list) == 0 {
		me, fields, agents := s.st.meID, len(s.st.fields.list), len(s.st.agents.list)
		base := New(Options{Now: s.now})
		if fields == 0 {
			for _, f := range base.st.fields.list {
				s.st.fields.put(f)
			}
		}
		if agents == 0 {
			for _, a := range base.st.agents.list {
				s.st.agents.put(a)
			}
			if me == 0 {
				me = base.st.meID
			}
		}
		s.st.meID = me
	}
	if s.st.meID == 0 && len(s.st.agents.list) > 0 {
		s.st.meID, _ = s.st.agents.list[0].getInt("id")
	}
	return nil
}

// readRecords reads one data file: a JSON array of objects.
func readRecords(fsys fs.FS, name string, shift time.Duration) ([]*Obj, error) {
	b, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	v, err := decodeJSON(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path.Base(name), err)
	}
	arr, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("%s: want a JSON array of objects", name)
	}
	out := make([]*Obj, 0, len(arr))
	for i, x := range arr {
		o, ok := x.(*Obj)
		if !ok || o == nil {
			return nil, fmt.Errorf("%s[%d]: not an object", name, i)
		}
		out = append(out, shiftTimes(o, shift).(*Obj))
	}
	return out, nil
}

// attachStats stores a ticket_stats.json entry on its ticket.
func (s *Server) attachStats(o *Obj) {
	tid, _ := o.getInt("ticket_id")
	if t := s.st.tickets.get(tid); t != nil {
		t.Set("_stats", pick(o, statsKeys, false))
	}
}

// loadAccount reads account.json ({"me_agent_id": id, "domain": "demo"}).
func (s *Server) loadAccount(fsys fs.FS) error {
	b, err := fs.ReadFile(fsys, "account.json")
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("account.json: %w", err)
	}
	v, err := decodeJSON(b)
	if err != nil {
		return fmt.Errorf("account.json: %w", err)
	}
	o, ok := v.(*Obj)
	if !ok {
		return errors.New("account.json: want an object")
	}
	if id, ok := o.getInt("me_agent_id"); ok {
		s.st.meID = id
	}
	if d := o.getString("domain"); d != "" {
		s.st.domain = d
	}
	return nil
}
