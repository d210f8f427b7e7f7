// Package approval lets a person confirm a write through a web page the
// model cannot drive: the confirmation page of URL-mode elicitation (MCP
// 2025-11-25), and the approver-guarded fallback for clients that cannot
// elicit at all.
//
// # Flow
//
// The write flow validates a write, cleans its outgoing text
// (shape.CleanOutgoing) and builds a Preview of exactly what will be sent.
// Then:
//
//  1. digest := ArgsDigest(tool, args) binds the confirmation to these
//     exact arguments.
//  2. c := Create(ctx, Request{Caller, ArgsDigest: digest, Preview, Guard})
//     records a pending confirmation and returns its ID (the elicitationId),
//     its page URL and its expiry (Config.TTL, default 10 minutes).
//  3. A person opens c.URL and sees the ticket, whether the customer will
//     see the write, the text exactly as it will be sent (hidden
//     characters, should any remain, are shown as visible markers), each
//     field change and what hygiene removed; they press Approve or Decline.
//     The first decision is final.
//  4. Wait(ctx, c.ID) (or Status) reports approved, declined or expired.
//  5. Redeem(ctx, c.ID, caller, digest) returns nil exactly once, and only
//     for the same caller and the same argument digest while the approval
//     is valid; only then may the write run. Every refusal matches
//     ErrNotRedeemed and names why (ErrWrongCaller, ErrArgsChanged,
//     ErrDeclined, ErrExpired, ErrReplayed, ErrPending, ErrOtherStore,
//     ErrInvalid).
//
// Find(ctx, caller, digest) returns the latest confirmation for a caller
// and digest, so a repeated identical call can redeem an approval without
// the model ever holding an id.
//
// # The page
//
// Handler serves Path ("/confirm/<id>/<key>"). The key is an HMAC of the
// id, so an elicitationId alone does not open the page. The page has no
// JavaScript and its Content-Security-Policy allows none (default-src
// 'none', the stylesheet by hash, form-action 'self', frame-ancestors
// 'none', plus X-Frame-Options: DENY). A POST must carry the page's form
// token, an HMAC of the id and a random value kept in a SameSite=Strict,
// HttpOnly cookie scoped to the page, and come from the page's own origin
// (http.CrossOriginProtection plus an explicit Origin check; "Origin:
// null" is refused, which is why the page uses Referrer-Policy:
// same-origin and not no-referrer). Decisions and uses are recorded in a
// policy.Store with SetNX, so single use holds across replicas that share
// the store (Redis); an id is bound to the store's ID and refused by a
// process with other memory. The previews live in Records (in memory by
// default; behind a load balancer, policy.RedisRecords with the same
// Redis as the Store, so a link opens on any replica).
//
// # Guards and the fallback for clients without elicitation
//
// GuardLink: whoever opens the link decides. Use it for URL-mode
// elicitation, where the client shows the link to its user and never to
// the model.
//
// GuardApprover: the page also asks for the operator's approver secret
// (Config.ApproverSecret), which is never given to the model; five wrong
// secrets decline the request for good. Declining needs no secret.
//
// Recommended default for clients with neither form nor URL elicitation:
// with an approver secret configured (and the HTTP listener reachable by
// the approvers), answer with the page link of a GuardApprover
// confirmation and tell the model to give it to the user and to repeat
// the identical call after they approved; the repeated call uses Find and
// Redeem. The model can read the page and can decline, but cannot approve.
// Without an approver secret, refuse the write with instructions (what
// would have been written, so a person can do it in Freshdesk, or use a
// client that can elicit). The single-use confirmation token in the tool
// result stays available only as an explicit operator choice, because the
// model can redeem it itself: it is safe only if the client shows every
// tool call to a person.
//
// Approvers should let a password manager fill the approver secret: it
// fills only on the server's real origin, so a lookalike link shown by a
// manipulated model gets nothing.
package approval
