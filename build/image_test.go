package main

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestPickEngine(t *testing.T) {
	probe := func(working ...string) func(context.Context, string) error {
		return func(_ context.Context, e string) error {
			if slices.Contains(working, e) {
				return nil
			}
			return errors.New("docker info: Cannot connect to the Docker daemon")
		}
	}
	tests := []struct {
		name, want string
		working    []string
		wantEngine string
		wantErr    string
	}{
		{"auto prefers docker when its daemon answers", "auto", []string{"docker", "podman", "buildah"}, "docker", ""},
		{"auto skips a docker CLI without a daemon", "auto", []string{"buildah"}, "buildah", ""},
		{"auto takes podman before buildah", "auto", []string{"podman", "buildah"}, "podman", ""},
		{"auto with nothing working names every failure", "auto", nil, "", "docker: docker info: Cannot connect"},
		{"explicit engine that works", "buildah", []string{"docker", "buildah"}, "buildah", ""},
		{"explicit engine that does not work", "docker", []string{"buildah"}, "", "no working image builder"},
		{"unknown engine", "kaniko", []string{"docker"}, "", `-engine "kaniko"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := pickEngine(context.Background(), tt.want, probe(tt.working...))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("pickEngine = %q, %v; want error containing %q", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.wantEngine {
				t.Fatalf("pickEngine = %q, %v; want %q", got, err, tt.wantEngine)
			}
		})
	}
}

func TestImageArgs(t *testing.T) {
	s := stamp{Version: "v1.2.0-3-gabc+meta", Revision: "abc123"}
	got := strings.Join(imageArgs("buildah", "/src/Dockerfile", "/src/dist/image/linux_arm64", "freshdesk-mcp", "arm64", s), " ")
	want := "bud --platform linux/arm64 -f /src/Dockerfile --build-arg VERSION=v1.2.0-3-gabc+meta --build-arg REVISION=abc123" +
		" -t freshdesk-mcp:v1.2.0-3-gabc-meta -t freshdesk-mcp:latest /src/dist/image/linux_arm64"
	if got != want {
		t.Errorf("buildah args:\n got %s\nwant %s", got, want)
	}
	for _, e := range []string{"docker", "podman"} {
		if args := imageArgs(e, "Dockerfile", "ctx", "img", "amd64", s); args[0] != "build" {
			t.Errorf("%s verb = %q, want build", e, args[0])
		}
	}
}

func TestImageTag(t *testing.T) {
	for in, want := range map[string]string{
		"v1.2.3":                       "v1.2.3",
		"v0.0.0-ci+2ca0181a4a":         "v0.0.0-ci-2ca0181a4a",
		"v1.0.0-rc.1-dirty":            "v1.0.0-rc.1-dirty",
		"v1.0.0/../x":                  "v1.0.0-..-x",
		"v" + strings.Repeat("9", 200): "v" + strings.Repeat("9", 127),
	} {
		if got := imageTag(in); got != want {
			t.Errorf("imageTag(%q) = %q, want %q", in, got, want)
		}
	}
}
