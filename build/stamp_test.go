package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// git runs git in dir with a fixed identity and no user configuration.
func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func TestResolveStampFromGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("git is missing")
		}
		t.Skip("git is not installed")
	}
	ctx := context.Background()
	dir := t.TempDir()
	git(t, dir, "init", "-q")
	file := filepath.Join(dir, "f")
	if err := os.WriteFile(file, []byte("1"), 0o644); err != nil {
		t.Fatal(err)
	}
	git(t, dir, "add", "f")
	git(t, dir, "commit", "-qm", "one")
	head := git(t, dir, "rev-parse", "HEAD")

	check := func(name, wantVersion string) {
		t.Helper()
		s, err := resolveStamp(ctx, dir, "", "")
		if err != nil || s.Version != wantVersion || s.Revision != head {
			t.Errorf("%s: stamp %+v, %v; want version %s, revision %s", name, s, err, wantVersion, head)
		}
	}
	check("no tag", "v0.0.0-dev")
	git(t, dir, "tag", "v1.2.3")
	check("at a tag", "v1.2.3")
	if err := os.WriteFile(file, []byte("2"), 0o644); err != nil {
		t.Fatal(err)
	}
	check("tag with uncommitted changes", "v1.2.3-dirty")
	git(t, dir, "commit", "-qam", "two")
	head = git(t, dir, "rev-parse", "HEAD")
	check("after the tag", "v1.2.3-1-g"+head[:7])

	s, err := resolveStamp(ctx, dir, "v2.0.0", "cafe")
	if err != nil || s != (stamp{"v2.0.0", "cafe"}) {
		t.Errorf("flags: stamp %+v, %v; want the flag values", s, err)
	}
	if _, err := resolveStamp(ctx, dir, "2.0", ""); err == nil {
		t.Error("version 2.0 accepted; want an error (not vMAJOR.MINOR.PATCH)")
	}
	if _, err := resolveStamp(ctx, t.TempDir(), "", ""); err == nil {
		t.Error("no checkout and no flags: want an error")
	}
}

// A real build with the release flags: the -X paths must name the real
// variables (a wrong path links silently and stamps nothing), and the
// binary must pass the release checks for its platform.
func TestStampedBuild(t *testing.T) {
	host := target{runtime.GOOS, runtime.GOARCH}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	s := stamp{Version: "v9.8.7-test", Revision: "0123456789abcdef0123456789abcdef01234567"}
	bin := filepath.Join(t.TempDir(), host.assetName())
	if err := goBuild(context.Background(), root, host, s, bin); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "--version").Output()
	want := "freshdesk-mcp v9.8.7-test (revision 0123456789abcdef0123456789abcdef01234567, " + runtime.Version() + " " + host.GOOS + "/" + host.GOARCH + ")\n"
	if err != nil || string(out) != want {
		t.Fatalf("--version: %v, %q; want %q", err, out, want)
	}
	if _, err := checkFormat(bin, host); err != nil {
		t.Error(err)
	}
	if v, err := checkBuildInfo(bin, host); err != nil || v != runtime.Version() {
		t.Errorf("build info: %q, %v", v, err)
	}
	if err := checkStamp(bin, s.Version); err != nil {
		t.Error(err)
	}
	if err := checkStamp(bin, "v9.8.8-test"); err == nil {
		t.Error("checkStamp found a version the binary was not stamped with")
	}
}
