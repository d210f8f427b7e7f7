package app

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func TestVersionFrom(t *testing.T) {
	const rev = "2ca0181a4a1bd2e286fd1d8c7ca2407626f6551d"
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	info := func(version, sum string, settings []debug.BuildSetting) *debug.BuildInfo {
		return &debug.BuildInfo{Main: debug.Module{Path: "github.com/freshdesk-mcp/freshdesk-mcp", Version: version, Sum: sum}, Settings: settings}
	}
	tests := []struct {
		name                string
		stampVer, stampRev  string
		bi                  *debug.BuildInfo
		wantShort, wantLong string
	}{
		{
			name:     "release build stamped with -ldflags -X",
			stampVer: "v1.4.0", stampRev: rev,
			bi:        info("(devel)", "", nil),
			wantShort: "v1.4.0",
			wantLong:  "v1.4.0 (revision " + rev + ", RT)",
		},
		{
			name:      "stamped version without a revision takes the VCS one",
			stampVer:  "v1.4.0",
			bi:        info("v0.0.0-20261121160139-2ca0181a4a1b", "", vcs("false")),
			wantShort: "v1.4.0",
			wantLong:  "v1.4.0 (revision " + rev + ", RT)",
		},
		{
			name:      "go install module@v1.4.0",
			bi:        info("v1.4.0", "h1:abc=", nil),
			wantShort: "v1.4.0",
			wantLong:  "v1.4.0 (revision: the commit tagged v1.4.0, module sum h1:abc=, RT)",
		},
		{
			name:      "go install module@main (pseudo-version)",
			bi:        info("v0.0.0-20261121160139-2ca0181a4a1b", "h1:abc=", nil),
			wantShort: "v0.0.0-20261121160139-2ca0181a4a1b",
			wantLong:  "v0.0.0-20261121160139-2ca0181a4a1b (revision 2ca0181a4a1b, module sum h1:abc=, RT)",
		},
		{
			name:      "go build in a clean checkout (Go 1.24+ sets a pseudo-version)",
			bi:        info("v0.0.0-20261121160139-2ca0181a4a1b", "", vcs("false")),
			wantShort: "dev+2ca0181a4a1b",
			wantLong:  "development build (revision " + rev + ", RT)",
		},
		{
			name:      "go build with uncommitted changes",
			bi:        info("v0.0.0-20261121160139-2ca0181a4a1b+dirty", "", vcs("true")),
			wantShort: "dev+2ca0181a4a1b-dirty",
			wantLong:  "development build (revision " + rev + " with uncommitted changes, RT)",
		},
		{
			name:      "go build at a clean tag",
			bi:        info("v1.4.0", "", vcs("false")),
			wantShort: "v1.4.0",
			wantLong:  "v1.4.0 (revision " + rev + ", RT)",
		},
		{
			name:      "go build at a tag with uncommitted changes",
			bi:        info("v1.4.0+dirty", "", vcs("true")),
			wantShort: "dev+2ca0181a4a1b-dirty",
			wantLong:  "development build (revision " + rev + " with uncommitted changes, RT)",
		},
		{
			name:      "go build without VCS information (-buildvcs=false, a tarball)",
			bi:        info("(devel)", "", nil),
			wantShort: "dev",
			wantLong:  "development build (revision unknown, RT)",
		},
		{
			name:      "no build info",
			wantShort: "dev",
			wantLong:  "development build (revision unknown, RT)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := versionFrom(tt.stampVer, tt.stampRev, tt.bi)
			if got := v.short(); got != tt.wantShort {
				t.Errorf("short() = %q, want %q", got, tt.wantShort)
			}
			if got := v.long("RT"); got != tt.wantLong {
				t.Errorf("long() = %q, want %q", got, tt.wantLong)
			}
		})
	}
}

// A test binary is a plain build: no -X stamp and no VCS settings.
func TestVersionFlagPlainBuild(t *testing.T) {
	code, out, _ := runMain(t, nil, "--version")
	want := "freshdesk-mcp development build (revision unknown, " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH + ")\n"
	if code != 0 || out != want {
		t.Errorf("--version: exit %d, output %q, want %q", code, out, want)
	}
}
