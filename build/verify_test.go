package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// copyFile copies the test binary: a real executable of the host platform.
func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o755); err != nil {
		t.Fatal(err)
	}
}

func TestCheckFormatRejectsOtherPlatforms(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	host := target{runtime.GOOS, runtime.GOARCH}
	known := false
	for _, tg := range releaseTargets {
		_, err := checkFormat(self, tg)
		switch {
		case tg == host:
			known = true
			// A -race test binary links cgo, so it may be refused only
			// for being dynamic (TestStampedBuild checks a static one).
			if err != nil && !strings.Contains(err.Error(), "dynamically linked") {
				t.Errorf("%v: the host's own executable rejected: %v", tg, err)
			}
		case err == nil:
			t.Errorf("%v: a %s/%s executable accepted", tg, host.GOOS, host.GOARCH)
		}
	}
	if !known {
		t.Skipf("host %v is not a release target", host)
	}
}

func TestVerifyDirectory(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var sums strings.Builder
	for _, tg := range releaseTargets {
		p := filepath.Join(dir, tg.assetName())
		copyFile(t, self, p)
		sum, err := fileSHA256(p)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&sums, "%s  %s\n", sum, tg.assetName())
	}
	write := func(s string) {
		if err := os.WriteFile(filepath.Join(dir, sumsFile), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct{ name, sums, wantErr string }{
		{"missing file", "", "lists 0 files"},
		{"bad line", strings.Replace(sums.String(), "  ", " ", 1), "want \"<sha256>  <file>\""},
		{"wrong checksum", flipFirst(sums.String()), "SHA256SUMS says"},
		// Every file is the test binary: unstamped, built with cgo or
		// without -trimpath, and the wrong format on other hosts.
		{"not a release build", sums.String(), "freshdesk-mcp_linux_amd64: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			write(tt.sums)
			err := verify(dir, "", io.Discard)
			if err == nil {
				t.Fatal("verify accepted the directory")
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

// flipFirst changes the first hex digit of s, so the first checksum is wrong
// whatever it was (setting it to "0" left it right one time in sixteen).
func flipFirst(s string) string {
	d := "0"
	if s[0] == '0' {
		d = "1"
	}
	return d + s[1:]
}
