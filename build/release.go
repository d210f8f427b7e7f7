package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// binaryName is the command's name, in the image and in release assets.
const binaryName = "freshdesk-mcp"

// sumsFile lists the release assets' SHA-256 in sha256sum's format.
const sumsFile = "SHA256SUMS"

// target is one platform a binary is built for.
type target struct{ GOOS, GOARCH string }

// releaseTargets are the platforms of a release.
var releaseTargets = []target{
	{"linux", "amd64"}, {"linux", "arm64"},
	{"darwin", "amd64"}, {"darwin", "arm64"},
	{"windows", "amd64"}, {"windows", "arm64"},
}

// assetName is the release file of t: freshdesk-mcp_linux_amd64,
// freshdesk-mcp_windows_arm64.exe, ...
func (t target) assetName() string {
	name := binaryName + "_" + t.GOOS + "_" + t.GOARCH
	if t.GOOS == "windows" {
		name += ".exe"
	}
	return name
}

// goBuild builds the command for t into out. Everything that could differ
// between two machines is pinned: no cgo, paths trimmed, no VCS settings
// (the revision comes from the stamp), default CPU feature levels, no
// GOFLAGS from the environment.
func goBuild(ctx context.Context, root string, t target, s stamp, out string) error {
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-buildvcs=false", "-ldflags", s.ldflags(), "-o", out, ".")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+t.GOOS, "GOARCH="+t.GOARCH,
		"GOAMD64=v1", "GOARM64=v8.0", "GOFLAGS=", "GOEXPERIMENT=")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build for %s/%s: %w", t.GOOS, t.GOARCH, err)
	}
	return nil
}

// release builds every target into dir and writes dir/SHA256SUMS.
func release(ctx context.Context, root, dir string, s stamp, stdout io.Writer) error {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("output directory: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("output directory: %w", err)
	}
	fmt.Fprintf(stdout, "building %s %s (revision %s) into %s\n", binaryName, s.Version, s.Revision, dir)
	var sums strings.Builder
	for _, t := range releaseTargets {
		path := filepath.Join(dir, t.assetName())
		if err := goBuild(ctx, root, t, s, path); err != nil {
			return err
		}
		sum, err := fileSHA256(path)
		if err != nil {
			return err
		}
		// Two spaces: the line format sha256sum -c and shasum -a 256 -c read.
		fmt.Fprintf(&sums, "%s  %s\n", sum, t.assetName())
	}
	if err := os.WriteFile(filepath.Join(dir, sumsFile), []byte(sums.String()), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", sumsFile, err)
	}
	return nil
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("checksum: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("checksum %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
