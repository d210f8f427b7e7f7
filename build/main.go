// Command build makes the release artifacts of freshdesk-mcp: the six
// release binaries with a SHA256SUMS file, and the container image.
//
//	go run ./build release   # dist/freshdesk-mcp_<os>_<arch>[.exe] + dist/SHA256SUMS
//	go run ./build verify    # check dist/ against SHA256SUMS and each binary's format
//	go run ./build image     # static linux binary, then the image (docker, podman or buildah)
//
// Binaries are reproducible: -trimpath, no VCS or clock input beyond the
// version and revision stamped with -ldflags -X, so the same source, version
// and Go toolchain give the same bytes.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
)

const usage = `usage: go run ./build [flags] release|verify|image

  release  cross-compile linux, darwin and windows on amd64 and arm64 into
           the -out directory, with a SHA256SUMS file, then verify them
  verify   check the -out directory: checksums, each binary's format and,
           with -version, its version stamp
  image    build the static linux binary for -arch and the container image
           with docker, podman or buildah (-engine)

flags:
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
}

// options are the command line of the build command.
type options struct {
	version, revision string
	out               string
	engine, image     string
	arch              string
}

// newFlagSet defines the command line into o.
func newFlagSet(o *options, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage); fs.PrintDefaults() }
	fs.StringVar(&o.version, "version", "", "version to stamp (default: git describe --tags --match 'v[0-9]*' --dirty, else v0.0.0-dev)")
	fs.StringVar(&o.revision, "revision", "", "VCS revision to stamp (default: git rev-parse HEAD)")
	fs.StringVar(&o.out, "out", "dist", "output directory")
	fs.StringVar(&o.engine, "engine", "auto", "image builder: auto (the first of docker, podman, buildah that works), docker, podman or buildah")
	fs.StringVar(&o.image, "image", defaultImage, "image name; tagged with the version and latest")
	fs.StringVar(&o.arch, "arch", runtime.GOARCH, "image architecture: amd64 or arm64")
	return fs
}

// verbs are the commands run accepts.
var verbs = []string{"release", "verify", "image"}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o options
	fs := newFlagSet(&o, stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return flag.ErrHelp
	}
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	switch verb := fs.Arg(0); verb {
	case "release":
		s, err := resolveStamp(ctx, root, o.version, o.revision)
		if err != nil {
			return err
		}
		if err := release(ctx, root, o.out, s, stdout); err != nil {
			return err
		}
		return verify(o.out, s.Version, stdout)
	case "verify":
		return verify(o.out, o.version, stdout)
	case "image":
		s, err := resolveStamp(ctx, root, o.version, o.revision)
		if err != nil {
			return err
		}
		return buildImage(ctx, root, o, s, stdout, stderr)
	default:
		fs.Usage()
		return fmt.Errorf("unknown verb %q", verb)
	}
}
