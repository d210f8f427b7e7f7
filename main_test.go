package main

import (
	"crypto/x509"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// The image has no CA files: with the host's CA locations pointed at
// nothing, a public root must still verify, from the bundle main.go embeds.
// Without the x509roots/fallback import the child finds no roots.
func TestEmbeddedCARoots(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("SSL_CERT_FILE/SSL_CERT_DIR select the system roots only on linux")
	}
	if os.Getenv("FRESHDESK_MCP_TEST_ROOTS_CHILD") == "1" {
		verifyPublicRoot(t)
		return
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestEmbeddedCARoots$", "-test.v")
	cmd.Env = append(os.Environ(), "FRESHDESK_MCP_TEST_ROOTS_CHILD=1",
		"SSL_CERT_FILE="+filepath.Join(dir, "none.pem"), "SSL_CERT_DIR="+filepath.Join(dir, "none"))
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: TestEmbeddedCARoots") {
		t.Fatalf("without host CA files: %v\n%s", err, out)
	}
}

func verifyPublicRoot(t *testing.T) {
	b, err := os.ReadFile("testdata/isrg-root-x1.pem")
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(b)
	if block == nil {
		t.Fatal("testdata/isrg-root-x1.pem: no PEM block")
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	// Roots nil: the system pool, which is what net/http uses.
	if _, err := cert.Verify(x509.VerifyOptions{CurrentTime: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatalf("ISRG Root X1 does not verify against the system pool: %v", err)
	}
}
