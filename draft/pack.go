package draft

import "time"

// Role says who wrote a message of the ticket thread.
type Role string

// The roles of a thread message.
const (
	RoleCustomer    Role = "customer"     // the requester or another contact (incoming)
	RoleAgent       Role = "agent"        // a public reply by an agent
	RolePrivateNote Role = "private_note" // an internal note, never shown to the customer
	RoleSystem      Role = "system"       // automations, forwarded or system-generated text
)

// Pack is everything the drafter needs about one ticket. The tools layer
// fills it from Freshdesk; message texts are expected to be shaped already
// (shape.Message), but the prompt sanitises them again, cheaply and
// idempotently.
type Pack struct {
	Ticket   Ticket
	Messages []Message // oldest first; the ticket description is the first customer message
	Articles []Article // candidate knowledge-base articles, best first
	Canned   []Canned  // candidate canned responses, best first
	// Examples are past public agent answers to similar tickets of other
	// customers, already stripped of their personal data.
	Examples []Example

	Instructions string // optional: what the agent wants the reply to say or do
	Tone         string // optional: e.g. "friendly", "formal", "brief"
	Language     string // optional: requested reply language (code or name); empty = the customer's language
	AgentName    string // optional: the agent who will send the reply, for the sign-off
}

// Ticket holds the ticket header. Subject, requester and company are written
// or controlled by the customer and are treated as untrusted data.
type Ticket struct {
	ID             int64
	Subject        string
	Status         string // label, e.g. "Open"
	RequesterName  string
	RequesterEmail string
	Company        string
}

// Message is one entry of the ticket thread, as plain text.
type Message struct {
	Role   Role
	Author string
	At     time.Time
	Text   string
}

// Article is a candidate knowledge-base (solution) article.
type Article struct {
	ID      int64
	Title   string
	URL     string // the portal link shown to customers
	Excerpt string // plain text; long excerpts are truncated in the prompt
}

// Canned is a candidate canned response.
type Canned struct {
	ID      int64
	Title   string
	Excerpt string // plain text
}

// Example is how the team answered a similar ticket before: the final
// public agent reply, with the other customer's personal data removed.
type Example struct {
	TicketID int64 // the other ticket, shown to the agent only
	Subject  string
	Reply    string
}

// Source kinds.
const (
	SourceArticle = "article"
	SourceCanned  = "canned"
	SourceExample = "example"
)

// Source is one item of grounding given to the model.
type Source struct {
	Kind  string `json:"kind"` // article, canned or example
	ID    int64  `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
	// Cited: the model said the draft relies on it (or, with a plain-text
	// answer, the draft contains its link).
	Cited bool `json:"cited"`
}

// Citation bases, in Draft.CitedBy.
const (
	CitedByModel = "model" // the model listed the ids it relied on
	CitedByLinks = "links" // plain text answer: cited = its link or id appears in the draft
	CitedByNone  = "none"  // nothing to go on: check the sources yourself
)

// Draft is a reply draft for a human agent to review. It is never sent
// automatically.
type Draft struct {
	Body          string       `json:"draft"`                        // the reply text, in Language
	Language      string       `json:"language"`                     // BCP-47-ish code of the reply, e.g. "ko"
	ArticlesUsed  []ArticleRef `json:"articles_used,omitempty"`      // only articles of the Pack; ids the model invented are dropped
	CannedUsed    []CannedRef  `json:"canned_used,omitempty"`        // only canned responses of the Pack
	Sources       []Source     `json:"sources,omitempty"`            // everything the model was given, whatever it answered
	CitedBy       string       `json:"cited_by"`                     // how Sources[].Cited was decided: model, links or none
	Invented      []string     `json:"invented_citations,omitempty"` // ids the model cited that were not given to it (dropped)
	Format        Format       `json:"format"`                       // how the answer was structured: json_mode, tool_call or text
	OpenQuestions []string     `json:"open_questions,omitempty"`     // what the agent should check or ask before sending
	CannotAnswer  []string     `json:"cannot_answer,omitempty"`      // what the provided articles do not cover
	Notes         []string     `json:"notes,omitempty"`              // remarks about how the answer was read (not JSON, unknown ids, cut off)
	Warnings      []string     `json:"warnings,omitempty"`           // Suspicious + Check findings; review before using the draft
	Model         string       `json:"model"`                        // the model that answered
	Usage         Usage        `json:"usage"`
	examplesUsed  []int64      // tokens reported by the provider (zero if it reported none)
}

// ArticleRef identifies a knowledge-base article a draft relies on.
type ArticleRef struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
}

// CannedRef identifies a canned response a draft relies on.
type CannedRef struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
}

// Usage counts the tokens of one model call.
type Usage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}
