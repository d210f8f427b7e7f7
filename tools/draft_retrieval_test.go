package tools_test

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// Floors of the retrieval measurement: the level reached, so a change that
// makes the grounding step find fewer right articles, or spend more search
// credits, fails. Figures are in README.md (Drafting replies).
const (
	retrievalMinRecall3  = 0.96
	retrievalMaxSearches = 3
)

type retrievalLabel struct {
	Ticket  int64   `json:"ticket"`
	Lang    string  `json:"lang"`
	Answers []int64 `json:"answers"`
}

// TestRetrievalRecallAt3 measures draft_reply's grounding step on the
// labelled demo set: a ticket is found when one of its answering articles is
// among the first three candidates; searches are Freshdesk credits. It is
// measured warm (one server, lookups cached after the first draft) and cold
// (a fresh server per ticket: the first draft a new user makes, which also
// pays for the ticket fields).
func TestRetrievalRecallAt3(t *testing.T) {
	raw, err := os.ReadFile("../testdata/retrieval/labels.json")
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		Tickets []retrievalLabel `json:"tickets"`
	}
	if err := json.Unmarshal(raw, &set); err != nil || len(set.Tickets) == 0 {
		t.Fatalf("labels: %v (%d tickets)", err, len(set.Tickets))
	}
	warm := newDraftEnv(t, draftOpts{})
	for _, c := range []struct {
		name string
		env  func() *denv
	}{
		{"warm", func() *denv { return warm }},
		{"cold", func() *denv { return newDraftEnv(t, draftOpts{}) }},
	} {
		t.Run(c.name, func(t *testing.T) { measureRetrieval(t, set.Tickets, c.env) })
	}
}

func measureRetrieval(t *testing.T, labels []retrievalLabel, env func() *denv) {
	hits, preferred, withTranslation, searches, maxSearches := 0, 0, 0, 0, 0
	var misses []string
	for _, l := range labels {
		e := env()
		before := len(e.fd.Requests())
		var out draftOut
		e.ok("draft_reply", map[string]any{"ticket_id": l.Ticket}, &out)
		n := 0
		for _, r := range e.fd.Requests()[before:] {
			if strings.HasSuffix(r.Path, "/search/solutions") {
				n++
			}
		}
		searches += n
		maxSearches = max(maxSearches, n)
		var top []int64
		for _, a := range out.ArticlesUsed[:min(3, len(out.ArticlesUsed))] {
			top = append(top, a.ID)
		}
		if slices.ContainsFunc(l.Answers, func(id int64) bool { return slices.Contains(top, id) }) {
			hits++
		} else {
			misses = append(misses, fmt.Sprintf("%s #%d", l.Lang, l.Ticket))
		}
		if len(l.Answers) > 1 { // the first answer is the translation in the customer's language
			withTranslation++
			if len(top) > 0 && slices.Contains(top, l.Answers[0]) {
				preferred++
			}
		}
	}
	recall := float64(hits) / float64(len(labels))
	t.Logf("recall@3 = %.3f (%d/%d), search credits per draft: mean %.2f, max %d; first-listed answer (the customer's language) in the top 3: %d/%d; missed: %s",
		recall, hits, len(labels), float64(searches)/float64(len(labels)), maxSearches, preferred, withTranslation, strings.Join(misses, ", "))
	if recall < retrievalMinRecall3 {
		t.Errorf("recall@3 %.3f is below the floor %.3f", recall, retrievalMinRecall3)
	}
	if maxSearches > retrievalMaxSearches {
		t.Errorf("a draft used %d knowledge-base searches, more than %d", maxSearches, retrievalMaxSearches)
	}
}
