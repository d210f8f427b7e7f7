// Package draft drafts grounded replies to Freshdesk tickets with an
// OpenAI-compatible chat model (OpenAI, Azure OpenAI, Ollama, vLLM) through
// github.com/sashabaranov/go-openai.
//
// The MCP layer gathers the ticket data into a [Pack] (thread already shaped to
// text, requester, company, candidate knowledge-base articles and canned
// responses). This package owns everything else:
//
//   - the reply language ([DetectLanguage], [ReplyLanguage]): the customer's
//     language wins unless the agent asked for one;
//   - the knowledge-base search terms ([SearchTerms], [SearchQueries]) in the
//     ticket's language;
//   - the prompt ([Messages]), in which every piece of ticket and knowledge-base
//     text sits inside an untrusted-data [Fence] with a random per-call token;
//   - the model call ([Drafter.Draft]) with progress, timeout, cancellation and
//     errors in words an agent understands ([Error]);
//   - robust parsing of the answer ([ParseAnswer]) and a safety post-check
//     ([Check]);
//   - the grounding pack for the no-model case ([Fallback], [Render]), so the
//     calling assistant can write the draft itself with the same rules.
//
// A draft is never sent anywhere by this package: it is returned for a human
// agent to review. Nothing here logs, writes to stdout or keeps global mutable
// state, and the API key never appears in an error or a String method.
package draft
