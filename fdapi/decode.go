package fdapi

import (
	jsonv2 "github.com/go-json-experiment/json"
	jsonv1 "github.com/go-json-experiment/json/v1"
)

// decodeOptions make the JSON v2 decoder (the module behind Go's
// experimental encoding/json/v2) read response bodies as encoding/json does
// (invalid UTF-8 becomes U+FFFD, a repeated key's last value wins, keys
// match field names as strings.EqualFold, loose RFC 3339 times), except
// that it decodes in one streaming pass instead of validating the whole body
// first. That is the difference in speed: a 30 KB ticket with its
// conversations decodes in less than half of encoding/json's time
// (BenchmarkDecodeTicketView). Errors are jsonv2.SemanticError or
// jsontext.SyntacticError; decodeBody keeps a failed decode from leaving a
// half-filled value behind. TestDecodeBodyMatchesUnmarshal* and
// FuzzDecodeBody hold the two decoders to the same values. The one known
// difference: a time written with \u escapes ("2015-01-01T12:27:09\u005a")
// is unescaped and accepted, where encoding/json rejects it; Freshdesk does
// not escape times.
var decodeOptions = jsonv2.JoinOptions(
	jsonv1.DefaultOptionsV1(),
	jsonv1.ReportErrorsWithLegacySemantics(false),
)

// unmarshal decodes one response body into out.
func unmarshal(body []byte, out any) error {
	return jsonv2.Unmarshal(body, out, decodeOptions)
}
