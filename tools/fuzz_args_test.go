package tools

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// FuzzToolArgs decodes random JSON as the arguments of every tool (no
// Freshdesk client: a call that binds stops at the missing client). It
// checks that decoding never panics, that a refusal is an argument error
// the model can read, and that whatever is accepted conforms to the tool's
// own input schema (an independent JSON Schema validator is the oracle: no
// coercion, lengths, list sizes, ranges, enums, required keys).
func FuzzToolArgs(f *testing.F) {
	all := All(Deps{})
	schemas := make([]*jsonschema.Schema, len(all))
	for i, t := range all {
		schemas[i] = compileSchema(f, t)
	}
	for _, seed := range []string{
		`{}`, `null`, `[]`, `{"ticket_id":1}`, `{"ticket_id":1e30}`, `{"ticket_id":18446744073709551616}`,
		`{"ticket_id":"1"}`, `{"ticket_id":1.5}`, `{"ticket_id":-0}`, `{"body":123,"ticket_id":2}`,
		`{"ticket_id":3,"body":"hi","private":"yes"}`, `{"ticket_id":4,"add_tags":"tag"}`, `{"ticket_id":5,"priority":["urgent"]}`,
		`{"email":"a@b.c"}`, `{"query":"status:2","page":1}`, `{"status":["open"],"custom_fields":{"cf_x":1}}`,
		`{"ticket_id":6,"cc_emails":["x@y.z",null]}`, `{"ticket_id":7,"body":"\u200b"}`, `{"ticket_id":null,"x":1}`,
	} {
		for i := range all {
			f.Add(uint8(i), []byte(seed))
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, raw []byte) {
		if !json.Valid(raw) {
			return // the MCP layer never delivers invalid JSON
		}
		i := int(which) % len(all)
		tool := all[i]
		req := mcp.CallToolRequest{}
		req.Params.Name = tool.Def.Name
		req.Params.RawArguments = raw
		res, err := tool.Handler(context.Background(), req)
		if err != nil || res == nil {
			t.Fatalf("%s: handler error %v", tool.Def.Name, err)
		}
		msg := resultText(res)
		if strings.Contains(msg, "Internal error") {
			t.Fatalf("%s(%s): %s", tool.Def.Name, raw, msg)
		}
		if msg != errNoClient && !strings.Contains(msg, "nothing was written") {
			// Refused while binding: it must say which arguments are wrong.
			if !strings.Contains(msg, "argument") {
				t.Fatalf("%s(%s): refusal is not an argument error: %s", tool.Def.Name, raw, msg)
			}
			return
		}
		// Accepted: the arguments (explicit nulls count as absent) conform
		// to the schema.
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(withoutNulls(raw)))
		if err != nil {
			t.Fatal(err)
		}
		if err := schemas[i].Validate(inst); err != nil {
			t.Fatalf("%s accepted %s, which its schema refuses: %v", tool.Def.Name, raw, err)
		}
	})
}

func compileSchema(tb testing.TB, t Tool) *jsonschema.Schema {
	tb.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(t.Def.RawInputSchema))
	if err != nil {
		tb.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	url := "mem://" + t.Def.Name + ".json"
	if err := c.AddResource(url, doc); err != nil {
		tb.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		tb.Fatalf("%s: %v", t.Def.Name, err)
	}
	return s
}

// withoutNulls drops the top-level null members of an object (bindArgs
// treats them as absent) and reads null arguments as {} (arguments may be
// left out); anything else is returned as it is.
func withoutNulls(raw []byte) []byte {
	if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return []byte("{}")
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil || m == nil {
		return raw
	}
	for k, v := range m {
		if bytes.Equal(bytes.TrimSpace(v), []byte("null")) {
			delete(m, k)
		}
	}
	b, _ := json.Marshal(m)
	return b
}
