package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// defaultImage is the image name the README's snippets run.
const defaultImage = "freshdesk-mcp"

// engines are the image builders tried by -engine auto, in this order.
var engines = []string{"docker", "podman", "buildah"}

// buildImage builds the static linux binary for o.arch into a build
// context of its own and packages it with the Dockerfile at the root, the
// way release tools package prebuilt binaries (no Go toolchain in the
// image build).
func buildImage(ctx context.Context, root string, o options, s stamp, stdout, stderr io.Writer) error {
	if o.arch != "amd64" && o.arch != "arm64" {
		return fmt.Errorf("-arch %q: want amd64 or arm64", o.arch)
	}
	engine, err := pickEngine(ctx, o.engine, probeEngine)
	if err != nil {
		return err
	}
	out, err := filepath.Abs(o.out)
	if err != nil {
		return fmt.Errorf("output directory: %w", err)
	}
	buildCtx := filepath.Join(out, "image", "linux_"+o.arch)
	if err := os.MkdirAll(buildCtx, 0o755); err != nil {
		return fmt.Errorf("build context: %w", err)
	}
	if err := goBuild(ctx, root, target{"linux", o.arch}, s, filepath.Join(buildCtx, binaryName)); err != nil {
		return err
	}
	args := imageArgs(engine, filepath.Join(root, "Dockerfile"), buildCtx, o.image, o.arch, s)
	fmt.Fprintf(stdout, "%s %s\n", engine, strings.Join(args, " "))
	cmd := exec.CommandContext(ctx, engine, args...)
	cmd.Stdout, cmd.Stderr = stderr, stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w", engine, err)
	}
	fmt.Fprintf(stdout, "built image %s:%s (and :latest) for linux/%s with %s\n", o.image, imageTag(s.Version), o.arch, engine)
	return nil
}

// pickEngine returns want, or for "auto" the first engine whose probe
// succeeds: an installed docker CLI without a running daemon does not count.
func pickEngine(ctx context.Context, want string, probe func(context.Context, string) error) (string, error) {
	candidates := engines
	if want != "auto" {
		if !strings.Contains(" "+strings.Join(engines, " ")+" ", " "+want+" ") {
			return "", fmt.Errorf("-engine %q: want auto, docker, podman or buildah", want)
		}
		candidates = []string{want}
	}
	var errs []error
	for _, e := range candidates {
		err := probe(ctx, e)
		if err == nil {
			return e, nil
		}
		errs = append(errs, fmt.Errorf("%s: %w", e, err))
	}
	return "", fmt.Errorf("no working image builder: %w", errors.Join(errs...))
}

// probeEngine runs "<engine> info", which needs the docker daemon or a
// usable podman/buildah storage, not just the binary.
func probeEngine(ctx context.Context, engine string) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, engine, "info").CombinedOutput()
	if err != nil {
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		return fmt.Errorf("%s info: %w (%s)", engine, err, lines[len(lines)-1])
	}
	return nil
}

// imageArgs is the engine's command line. The three accept the same build
// flags; buildah names the verb "bud".
func imageArgs(engine, dockerfile, buildCtx, image, arch string, s stamp) []string {
	verb := "build"
	if engine == "buildah" {
		verb = "bud"
	}
	return []string{verb,
		"--platform", "linux/" + arch,
		"-f", dockerfile,
		"--build-arg", "VERSION=" + s.Version,
		"--build-arg", "REVISION=" + s.Revision,
		"-t", image + ":" + imageTag(s.Version),
		"-t", image + ":latest",
		buildCtx,
	}
}

var tagUnsafe = regexp.MustCompile(`[^A-Za-z0-9_.-]`)

// imageTag turns a version into a valid image tag (no "+", at most 128
// characters).
func imageTag(version string) string {
	t := tagUnsafe.ReplaceAllString(version, "-")
	if len(t) > 128 {
		t = t[:128]
	}
	return t
}
