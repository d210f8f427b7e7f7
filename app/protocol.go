package app

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// jsonrpcGuard answers, before mcp-go sees them, the POSTs to /mcp and
// /message that mcp-go answers wrongly or not at all:
//   - a JSON-RPC batch (an array): MCP removed batching in revision
//     2025-06-18; it gets -32600 Invalid Request, not "not valid json";
//   - an id that is not a string or an integer (MCP basic/index: "Requests
//     MUST include a string or integer ID"): -32600 Invalid Request;
//   - a request other than initialize on /mcp without Mcp-Session-Id, in a
//     protocol revision with sessions: 400 Bad Request, as the streamable
//     HTTP transport says ("Servers that require a session ID SHOULD
//     respond to requests without an Mcp-Session-Id header (other than
//     initialization) with HTTP 400 Bad Request"); mcp-go answers 404,
//     which tells a client its session ended.
func jsonrpcGuard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || (r.URL.Path != pathMCP && r.URL.Path != pathMessage) || r.Body == nil {
			next.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
		_ = r.Body.Close()
		if err != nil {
			w.Header().Set("Connection", "close")
			http.Error(w, "bad request: reading the body failed", http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		if t := bytes.TrimLeft(body, " \t\r\n"); len(t) > 0 && t[0] == '[' {
			writeRPCError(w, nil, "Invalid Request: JSON-RPC batches are not supported (MCP removed batching in revision 2025-06-18); send one message per request")
			return
		}
		var msg struct {
			ID     json.RawMessage `json:"id"`
			Method string          `json:"method"`
			Params struct {
				Meta *mcp.Meta `json:"_meta"`
			} `json:"params"`
		}
		if json.Unmarshal(body, &msg) != nil {
			next.ServeHTTP(w, r) // mcp-go answers a parse error
			return
		}
		if len(msg.ID) > 0 && !validID(msg.ID) {
			writeRPCError(w, nil, "Invalid Request: id must be a string or an integer")
			return
		}
		modern := mcp.IsModernProtocol(r.Header.Get(mcp.HeaderProtocolVersion)) || mcp.IsModernProtocol(msg.Params.Meta.ProtocolVersion())
		if r.URL.Path == pathMCP && msg.Method != "" && msg.Method != string(mcp.MethodInitialize) &&
			r.Header.Get(server.HeaderKeySessionID) == "" && !modern {
			writeRPCError(w, msg.ID, "Bad Request: the Mcp-Session-Id header is missing; send initialize first and repeat its Mcp-Session-Id on every request")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// validID reports whether raw (a JSON value) is a string or an integer.
func validID(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] == '"' {
		return true
	}
	var n json.Number
	if json.Unmarshal(raw, &n) != nil {
		return false // object, array, boolean, null
	}
	_, err := n.Int64()
	return err == nil
}

// writeRPCError answers 400 with a JSON-RPC Invalid Request error.
func writeRPCError(w http.ResponseWriter, id json.RawMessage, msg string) {
	if len(id) == 0 || !validID(id) {
		id = json.RawMessage("null")
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusBadRequest)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"jsonrpc": "2.0", "id": id,
		"error": map[string]any{"code": mcp.INVALID_REQUEST, "message": msg},
	})
}
