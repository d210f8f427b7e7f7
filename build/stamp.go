package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"golang.org/x/mod/semver"
)

// modulePath is the module whose app package holds the -X stamp variables
// (app/version.go).
const modulePath = "github.com/freshdesk-mcp/freshdesk-mcp"

// stamp is what a build records about its source.
type stamp struct {
	Version  string // "v1.2.3", "v1.2.3-4-gabcdef123456-dirty", "v0.0.0-dev"
	Revision string // full commit hash; empty when unknown
}

// resolveStamp fills what the flags leave empty from git, so a release is
// stamped with its tag and commit. Outside a checkout (a source tarball)
// pass -version and -revision.
func resolveStamp(ctx context.Context, root, version, revision string) (stamp, error) {
	if revision == "" {
		revision, _ = gitOutput(ctx, root, "rev-parse", "HEAD")
	}
	if version == "" {
		v, err := gitOutput(ctx, root, "describe", "--tags", "--match", "v[0-9]*", "--dirty")
		switch {
		case err == nil:
			version = v
		case revision != "":
			version = "v0.0.0-dev"
			if dirty, _ := gitOutput(ctx, root, "status", "--porcelain", "--untracked-files=no"); dirty != "" {
				version += "-dirty"
			}
		default:
			return stamp{}, fmt.Errorf("no git checkout here: pass -version and -revision")
		}
	}
	if !semver.IsValid(version) {
		return stamp{}, fmt.Errorf("version %q is not a semantic version like v1.2.3", version)
	}
	return stamp{Version: version, Revision: revision}, nil
}

// ldflags strips the symbol table and DWARF (smaller; stack traces keep
// their function names) and stamps the version and revision.
func (s stamp) ldflags() string {
	return fmt.Sprintf("-s -w -X %[1]s/app.buildVersion=%[2]s -X %[1]s/app.buildRevision=%[3]s", modulePath, s.Version, s.Revision)
}

func gitOutput(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

// moduleRoot is the directory of this module's go.mod, found from the
// working directory up, so the command works from any subdirectory.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("working directory: %w", err)
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.HasPrefix(b, []byte("module "+modulePath+"\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("not inside the %s module", modulePath)
		}
		dir = parent
	}
}
