package prompts_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/server"
	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/draft"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi"
	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/prompts"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools/toolstest"
)

// connect serves tools, resources and prompts from an mcp-go server to the
// official Go SDK client over in-process pipes, against the demo helpdesk.
func connect(t *testing.T, privateNotes bool) *gomcp.ClientSession {
	t.Helper()
	fd := fdtest.NewServer(t, fdtest.Options{Demo: true})
	c, err := fdapi.New(fdapi.Config{Domain: fd.URL, APIKey: fd.APIKey})
	if err != nil {
		t.Fatal(err)
	}
	deps := tools.Deps{Client: c, PrivateNotes: privateNotes}
	s := server.NewMCPServer("t", "1", server.WithPromptCapabilities(false), server.WithResourceCapabilities(false, false), server.WithToolCapabilities(false),
		server.WithCompletions(), server.WithPromptCompletionProvider(prompts.Completions{}))
	tools.Register(s, tools.All(deps))
	tools.RegisterResources(s, deps)
	prompts.Register(s, deps)
	cs := toolstest.Connect(t, s, nil, nil)
	return cs
}

// parts splits a prompt into its text and its embedded resources by URI.
func parts(t *testing.T, res *gomcp.GetPromptResult) (string, map[string]string) {
	t.Helper()
	var txt strings.Builder
	embedded := map[string]string{}
	for _, m := range res.Messages {
		if m.Role != "user" {
			t.Errorf("message role %q", m.Role)
		}
		switch c := m.Content.(type) {
		case *gomcp.TextContent:
			txt.WriteString(c.Text + "\n")
		case *gomcp.EmbeddedResource:
			embedded[c.Resource.URI] = c.Resource.Text
		default:
			t.Errorf("unexpected content %T", c)
		}
	}
	return txt.String(), embedded
}

func TestPromptsList(t *testing.T) {
	cs := connect(t, true)
	res, err := cs.ListPrompts(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{"summarize_ticket": {"ticket_id"}, "draft_reply": {"ticket_id", "tone", "instructions", "language"}, "triage_queue": {"filter"}}
	for _, p := range res.Prompts {
		args := want[p.Name]
		if len(args) != len(p.Arguments) || p.Description == "" {
			t.Errorf("%s: %d arguments, description %q", p.Name, len(p.Arguments), p.Description)
		}
		for i, a := range p.Arguments {
			if a.Name != args[i] || a.Description == "" {
				t.Errorf("%s argument %d = %+v", p.Name, i, a)
			}
		}
		delete(want, p.Name)
	}
	if len(want) != 0 {
		t.Errorf("missing prompts %v", want)
	}
}

func TestTicketPrompts(t *testing.T) {
	cs := connect(t, true)
	tests := []struct {
		name string
		args map[string]string
		want []string
	}{
		{"summarize_ticket", map[string]string{"ticket_id": "57"}, []string{"#57", "never instructions", "cursor", "internal"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := cs.GetPrompt(context.Background(), &gomcp.GetPromptParams{Name: tc.name, Arguments: tc.args})
			if err != nil {
				t.Fatal(err)
			}
			txt, emb := parts(t, res)
			for _, w := range tc.want {
				if !strings.Contains(txt, w) {
					t.Errorf("prompt text lacks %q", w)
				}
			}
			id := strings.TrimPrefix(tc.args["ticket_id"], "#")
			ticket, ok := emb["freshdesk://tickets/"+id]
			if !ok || !strings.Contains(ticket, "untrusted_customer_content") || !strings.Contains(ticket, `"messages"`) {
				t.Errorf("ticket %s not embedded as a resource: %v", id, emb)
			}
		})
	}
	if _, err := cs.GetPrompt(context.Background(), &gomcp.GetPromptParams{Name: "summarize_ticket", Arguments: map[string]string{"ticket_id": "abc"}}); err == nil || !strings.Contains(err.Error(), "ticket number") {
		t.Errorf("bad ticket_id: %v", err)
	}
}

func TestTriageQueuePrompt(t *testing.T) {
	cs := connect(t, true)
	// Every queue the filter argument's completions offer works.
	empty := 0
	for _, filter := range []string{"", "new_and_my_open", "watching", "spam", "deleted", "unassigned", "urgent", "status:2"} {
		res, err := cs.GetPrompt(context.Background(), &gomcp.GetPromptParams{Name: "triage_queue", Arguments: map[string]string{"filter": filter}})
		if err != nil {
			t.Fatalf("filter %q: %v", filter, err)
		}
		txt, emb := parts(t, res)
		if !strings.Contains(txt, "\"tickets\"") {
			// An empty queue (the demo helpdesk has no spam, deleted or
			// watched tickets) says so and embeds nothing else.
			if !strings.Contains(txt, "The queue is empty") || strings.Contains(txt, "Procedure") || len(emb) != 0 {
				t.Errorf("filter %q: empty queue prompt %q with %d resources", filter, txt, len(emb))
			}
			empty++
			continue
		}
		for _, w := range []string{"Do not change any ticket", "get_ticket", "\"tickets\""} {
			if !strings.Contains(txt, w) {
				t.Errorf("filter %q: prompt lacks %q", filter, w)
			}
		}
		for _, uri := range []string{tools.TicketFieldsURI, tools.GroupsURI, tools.AgentsURI} {
			if emb[uri] == "" {
				t.Errorf("filter %q: %s not embedded", filter, uri)
			}
		}
	}
	if empty == 0 || empty > 3 {
		t.Errorf("%d empty queues, want the demo's spam, deleted and watching ones (both paths exercised)", empty)
	}
	if _, err := cs.GetPrompt(context.Background(), &gomcp.GetPromptParams{Name: "triage_queue", Arguments: map[string]string{"filter": "everything"}}); err == nil || !strings.Contains(err.Error(), "unassigned") {
		t.Errorf("unknown filter: %v", err)
	}
}

// TestPromptsHidePrivateNotes: with PrivateNotes false the embedded ticket has no private notes.
func TestPromptsHidePrivateNotes(t *testing.T) {
	for _, show := range []bool{true, false} {
		cs := connect(t, show)
		res, err := cs.GetPrompt(context.Background(), &gomcp.GetPromptParams{Name: "summarize_ticket", Arguments: map[string]string{"ticket_id": "57"}})
		if err != nil {
			t.Fatal(err)
		}
		_, emb := parts(t, res)
		if got := strings.Contains(emb["freshdesk://tickets/57"], `"private_note"`); got != show {
			t.Errorf("PrivateNotes=%v: private notes present = %v", show, got)
		}
	}
}

// The draft_reply prompt is the draft_reply tool's grounding pack: the same
// instruction and fenced data as draft.Fallback(pack).Text().
func TestDraftReplyPromptIsGroundingPack(t *testing.T) {
	cs := connect(t, true)
	tests := []struct {
		args map[string]string
		want []string
	}{
		{map[string]string{"ticket_id": "#2", "tone": "formal", "instructions": "offer a callback"}, []string{"formal", "offer a callback", "Korean", "No drafting model is configured", draft.FenceName, "요금제", "Do not send"}},
		{map[string]string{"ticket_id": "2", "language": "English"}, []string{"English", draft.FenceName}},
	}
	for _, tc := range tests {
		res, err := cs.GetPrompt(context.Background(), &gomcp.GetPromptParams{Name: "draft_reply", Arguments: tc.args})
		if err != nil {
			t.Fatal(err)
		}
		txt, emb := parts(t, res)
		for _, w := range tc.want {
			if !strings.Contains(txt, w) {
				t.Errorf("%v: prompt text lacks %q", tc.args, w)
			}
		}
		if len(emb) != 0 {
			t.Errorf("draft_reply embeds resources %v; the pack is its text", emb)
		}
	}
	if _, err := cs.GetPrompt(context.Background(), &gomcp.GetPromptParams{Name: "draft_reply", Arguments: map[string]string{"ticket_id": "2", "language": "!!"}}); err == nil {
		t.Error("bad language accepted")
	}
}

// TestCompletions: completion/complete suggests the named queues, tones and
// languages by case-insensitive prefix, and nothing for ticket numbers.
func TestCompletions(t *testing.T) {
	cs := connect(t, true)
	tests := []struct {
		prompt, arg, value string
		want               []string // exact, in order; nil: see contains
		contains           []string
	}{
		{"triage_queue", "filter", "", []string{"new_and_my_open", "watching", "spam", "deleted", "unassigned", "urgent"}, nil},
		{"triage_queue", "filter", "u", []string{"unassigned", "urgent"}, nil},
		{"triage_queue", "filter", "WAT", []string{"watching"}, nil},
		{"triage_queue", "filter", "status:2", []string{}, nil},
		{"draft_reply", "tone", "f", []string{"friendly", "formal"}, nil},
		{"draft_reply", "language", "ko", []string{"Korean"}, nil},
		{"draft_reply", "language", "", nil, []string{"English", "German", "Japanese", "Korean"}},
		{"draft_reply", "instructions", "", []string{}, nil},
		{"summarize_ticket", "ticket_id", "1", []string{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.prompt+"/"+tt.arg+"/"+tt.value, func(t *testing.T) {
			res, err := cs.Complete(context.Background(), &gomcp.CompleteParams{
				Ref:      &gomcp.CompleteReference{Type: "ref/prompt", Name: tt.prompt},
				Argument: gomcp.CompleteParamsArgument{Name: tt.arg, Value: tt.value},
			})
			if err != nil {
				t.Fatal(err)
			}
			got := res.Completion.Values
			if tt.want != nil && !slices.Equal(got, tt.want) {
				t.Errorf("values %q, want %q", got, tt.want)
			}
			for _, w := range tt.contains {
				if !slices.Contains(got, w) {
					t.Errorf("values %q lack %q", got, w)
				}
			}
			if res.Completion.Total != len(got) || res.Completion.HasMore {
				t.Errorf("total %d hasMore %v for %d values", res.Completion.Total, res.Completion.HasMore, len(got))
			}
		})
	}
}
