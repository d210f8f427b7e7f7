// Package fdapi is a guarded client for the Freshdesk REST API v2.
//
// Guarantees the rest of the server relies on:
//
//   - Credits: every response's X-RateLimit-Used-CurrentRequest is added to the
//     [Usage] meter attached to the call's context with [WithUsage].
//   - Reserve: when X-RateLimit-Remaining falls to Config.ReservePercent of
//     X-RateLimit-Total, calls wait briefly for the window to reset or fail with
//     an error matching [ErrRateLimited], leaving the rest for other integrations.
//   - Retries never duplicate a write: GETs are retried on 429, 5xx and network
//     errors; POST/PUT only on 429 or when no connection was obtained.
//     A write answered 2xx whose response cannot be read yields an error
//     matching [ErrWriteApplied] (applied; do not retry). Any other failure of
//     a write after a connection was obtained yields [ErrOutcomeUnknown].
//   - Search queries are validated locally (package fdapi/query) before a credit
//     is spent.
//   - The API key never appears in an error, a log line or a URL.
package fdapi
