package app

import (
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/freshdesk-mcp/freshdesk-mcp/approval"
)

// minApproverSecretLen is the shortest accepted approver secret: a person
// types it (or a password manager fills it), and five wrong tries decline a
// request, so it must not be guessable in five.
const minApproverSecretLen = 16

// newApprovals builds the confirmation page for an HTTP listener on listen:
// its public URL is --public-url, or http://ADDR on loopback. Beyond
// loopback without --public-url there is no page (nil): URL elicitation is
// not offered and the approver fallback refuses.
func newApprovals(c Config, listen net.Addr, logger *slog.Logger) (*approval.Approvals, error) {
	secret := c.Policy.ApproverSecret
	if secret != "" && len([]rune(secret)) < minApproverSecretLen {
		return nil, usageErrorf("FRESHDESK_MCP_APPROVER_SECRET must be at least %d characters", minApproverSecretLen)
	}
	base := strings.TrimSpace(c.Policy.PublicURL)
	if base == "" {
		if listen == nil || !isLoopback(listen) {
			logger.Warn("no confirmation page: set --public-url to how people's browsers reach this server; clients with URL elicitation only, and clients without elicitation, cannot confirm writes")
			return nil, nil
		}
		base = "http://" + listen.String()
	}
	var key []byte
	if c.Policy.ConfirmSecret != "" {
		key = []byte(c.Policy.ConfirmSecret)
	}
	cfg := approval.Config{BaseURL: base, Secret: key, ApproverSecret: secret}
	cfg.Store, cfg.Records = c.shared.approvalStores() // nil without --redis: this process's memory
	a, err := approval.New(cfg)
	if err != nil {
		return nil, usageErrorf("--public-url: %w", err)
	}
	logger.Info("confirmation page", "url", strings.TrimSuffix(base, "/")+approval.Path, "approver_secret", secret != "", "shared", c.shared != nil)
	return a, nil
}

// publicHost is the host[:port] of --public-url, accepted as a Host for the
// confirmation page besides loopback and --allowed-hosts.
func publicHost(c Config) string {
	u, err := url.Parse(strings.TrimSpace(c.Policy.PublicURL))
	if err != nil {
		return ""
	}
	return u.Host
}

// servePage serves the confirmation page behind the Host check (DNS
// rebinding); the page has its own CSRF, Origin and framing protections and
// needs no bearer token (a person's browser holds none).
func (f *httpFront) servePage(w http.ResponseWriter, r *http.Request) {
	if !f.hostAllowed(r.Host) && !strings.EqualFold(r.Host, f.pageHost) {
		http.Error(w, fmt.Sprintf("forbidden: Host %q is not allowed (DNS-rebinding protection); set --public-url or --allowed-hosts", r.Host), http.StatusForbidden)
		return
	}
	f.pages.ServeHTTP(w, r)
}
