package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	gomcp "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/freshdesk-mcp/freshdesk-mcp/fdapi/fdtest"
	"github.com/freshdesk-mcp/freshdesk-mcp/policy/redistest"
	"github.com/freshdesk-mcp/freshdesk-mcp/tools/toolstest"
)

// TestApprovalPageAcrossReplicas: two replicas of the real program share
// one real redis-server (--redis) and one emulated Freshdesk. A page link
// issued by replica A opens on replica B (same path and id, B's address),
// shows the preview there, and the approval given on B completes the call
// that waits on A, exactly once; the approval is not usable again.
func TestApprovalPageAcrossReplicas(t *testing.T) {
	rs := redistest.Start(t, redistest.Options{})
	fd := emulator(t)
	envm := map[string]string{"FRESHDESK_MCP_REDIS": rs.URL(), "FRESHDESK_MCP_CONFIRM_SECRET": testSecret,
		"FRESHDESK_MCP_AUTH_TOKENS": "alice:" + aliceToken, "FRESHDESK_MCP_APPROVER_SECRET": testApproverSecret}
	a := liveServer(t, fd, envm, "--mode", "confirm")
	b := liveServer(t, fd, envm, "--mode", "confirm")
	auth := map[string]string{"Authorization": "Bearer " + aliceToken}
	t.Run("URL elicitation on A, page approved on B", func(t *testing.T) { pageOnOtherReplica(t, fd, a, b, auth) })
	t.Run("approver fallback: approved on B, redeemed once", func(t *testing.T) { approverAcrossReplicas(t, fd, a, b, auth) })
}

// onReplica is page URL u (issued with base from) on the replica at base to.
func onReplica(t *testing.T, u, from, to string) string {
	t.Helper()
	if !strings.HasPrefix(u, from+"/confirm/") {
		t.Fatalf("page URL %q is not on the issuing replica %s", u, from)
	}
	return to + strings.TrimPrefix(u, from)
}

func pageOnOtherReplica(t *testing.T, fd *fdtest.TestServer, a, b string, auth map[string]string) {
	urls := make(chan string, 1)
	cs := urlSession(t, a, auth, urls)
	const body = "Replacement shipped today, tracking number follows"
	// Cancelled before the session closes (cleanups run last-in first-out),
	// so a call still waiting for a decision never holds the test.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	done := callAsync(ctx, cs, "add_note", map[string]any{"ticket_id": writeTicket, "body": body})
	var u string
	select {
	case u = <-urls:
	case <-time.After(10 * time.Second):
		t.Fatal("no URL elicitation from replica A")
	}
	onB := onReplica(t, u, a, b)
	page := toolstest.NewPage(t)
	if code, html := page.Open(onB); code != http.StatusOK || !strings.Contains(html, body) || !strings.Contains(html, `name="csrf"`) {
		t.Fatalf("replica B's page for A's confirmation: HTTP %d, want 200 with the preview and the form:\n%s", code, html)
	}
	if code, html := page.Decide(onB, "approve", ""); code != http.StatusOK || !strings.Contains(html, "Approved") {
		t.Fatalf("approve on B: HTTP %d:\n%s", code, html)
	}
	var res *gomcp.CallToolResult
	select {
	case res = <-done:
	case <-time.After(15 * time.Second):
		t.Fatal("the call waiting on A did not see B's approval")
	}
	if res.IsError || !strings.Contains(resultText(res), `"status":"written"`) {
		t.Fatalf("add_note on A after approval on B: %s", resultText(res))
	}
	// Decided for good on both replicas: the page shows the approval, no form.
	for name, pu := range map[string]string{"A": u, "B": onB} {
		code, html := toolstest.NewPage(t).Open(pu)
		if code != http.StatusOK || !strings.Contains(html, "Approved") || strings.Contains(html, `name="csrf"`) {
			t.Errorf("page on %s after the write: HTTP %d, want the decision without a form:\n%s", name, code, html)
		}
	}
	if n := countNotes(fd, writeTicket, body); n != 1 {
		t.Errorf("%d notes written, want 1", n)
	}
}

// approvalAnswer is the approver fallback's answer.
type approvalAnswer struct {
	Status      string `json:"status"`
	ApprovalURL string `json:"approval_url"`
}

func approverAcrossReplicas(t *testing.T, fd *fdtest.TestServer, a, b string, auth map[string]string) {
	onA, onB := httpSession(t, a, auth), httpSession(t, b, auth)
	tk, _ := fd.Ticket(writeTicket)
	orig := fmt.Sprint(tk["priority"])
	target := "urgent"
	if orig == "4" {
		target = "low"
	}
	args := map[string]any{"ticket_id": writeTicket, "priority": target}
	first := approvalRequired(t, callMCP(t, onA, "update_ticket", args))
	if code, html := toolstest.NewPage(t).Decide(onReplica(t, first, a, b), "approve", testApproverSecret); code != http.StatusOK || !strings.Contains(html, "Approved") {
		t.Fatalf("approve A's request on B: HTTP %d:\n%s", code, html)
	}
	if res := callMCP(t, onB, "update_ticket", args); !strings.Contains(resultText(res), `"status":"written"`) {
		t.Fatalf("identical call on B after the approval: %s", resultText(res))
	}
	if n := ticketWrites(fd, writeTicket); n != 1 {
		t.Fatalf("%d ticket updates sent, want 1", n)
	}
	// Put the old value back behind the server's back, so an identical call
	// would change the ticket again if the approval were reusable.
	resetPriority(t, fd, writeTicket, orig)
	fd.ResetRequests()
	again := approvalRequired(t, callMCP(t, onA, "update_ticket", args))
	if again == first {
		t.Errorf("replica A offered the used approval's page again")
	}
	approvalRequired(t, callMCP(t, onB, "update_ticket", args))
	if n := ticketWrites(fd, writeTicket); n != 0 {
		t.Errorf("%d ticket updates sent after the approval was used, want 0", n)
	}
}

// approvalRequired returns the approval_url of an approval_required answer.
func approvalRequired(t *testing.T, res *gomcp.CallToolResult) string {
	t.Helper()
	var ans approvalAnswer
	if err := json.Unmarshal([]byte(resultText(res)), &ans); err != nil || ans.Status != "approval_required" || ans.ApprovalURL == "" {
		t.Fatalf("want approval_required with a page link, got: %s", resultText(res))
	}
	return ans.ApprovalURL
}

// ticketWrites counts the updates of ticket id the emulator received.
func ticketWrites(fd *fdtest.TestServer, id int64) int {
	n := 0
	for _, r := range fd.Requests() {
		if r.Method == http.MethodPut && r.Path == fmt.Sprintf("/api/v2/tickets/%d", id) {
			n++
		}
	}
	return n
}

// resetPriority sets the priority of ticket id through the emulator's API.
func resetPriority(t *testing.T, fd *fdtest.TestServer, id int64, priority string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPut, fmt.Sprintf("%s/api/v2/tickets/%d", fd.URL, id), strings.NewReader(`{"priority":`+priority+`}`))
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(fd.APIKey, "X")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("reset priority: HTTP %d", resp.StatusCode)
	}
}
