package app

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
)

// Set at link time by release builds (go run ./build; see README "Install"):
//
//	-X github.com/freshdesk-mcp/freshdesk-mcp/app.buildVersion=v1.2.3
//	-X github.com/freshdesk-mcp/freshdesk-mcp/app.buildRevision=<commit>
//
// They are variables only because -X can set nothing else; nothing writes
// them at run time.
var (
	buildVersion  string
	buildRevision string
)

// versionInfo says what a binary is: a stamped release build, a module build
// (go install module@version) or a development build from a checkout.
type versionInfo struct {
	Version  string // "v1.2.3"; empty for a development build
	Revision string // VCS commit; empty when unknown
	Modified bool   // built from a checkout with uncommitted changes
	Note     string // where the version came from, when not stamped
}

// version is the short version for the User-Agent, serverInfo and /healthz:
// the release version, or "dev" plus the short revision.
func version() string {
	return currentVersion().short()
}

// versionLine is what --version prints.
func versionLine() string {
	return "freshdesk-mcp " + currentVersion().long(runtime.Version()+" "+runtime.GOOS+"/"+runtime.GOARCH)
}

func currentVersion() versionInfo {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		bi = nil
	}
	return versionFrom(buildVersion, buildRevision, bi)
}

// versionFrom decides the version from the link-time stamp, else the build
// info: Go records the module version for go install module@version, and
// the VCS revision (vcs.* settings) for a go build inside a checkout.
func versionFrom(stampVersion, stampRevision string, bi *debug.BuildInfo) versionInfo {
	var main string
	var rev string
	var modified bool
	if bi != nil {
		main = bi.Main.Version
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if stampVersion != "" {
		if stampRevision == "" {
			stampRevision = rev
		} else {
			modified = false // the stamp describes the source, not this checkout
		}
		return versionInfo{Version: stampVersion, Revision: stampRevision, Modified: modified}
	}
	// Since Go 1.24 a go build in a checkout also sets Main.Version from the
	// VCS ("v0.0.0-<time>-<rev>+dirty"); only a clean tagged commit gives a
	// release version there. The vcs.* settings exist only for such builds.
	if rev != "" {
		if released(main) && !modified {
			return versionInfo{Version: main, Revision: rev}
		}
		return versionInfo{Revision: rev, Modified: modified}
	}
	if main == "" || main == "(devel)" {
		return versionInfo{}
	}
	// go install module@version: no VCS settings; a pseudo-version carries
	// the commit, a tag names it. The module sum pins the source either way.
	v := versionInfo{Version: main}
	if r, err := module.PseudoVersionRev(main); err == nil {
		v.Revision = r
	} else {
		v.Note = "revision: the commit tagged " + main
	}
	if bi.Main.Sum != "" {
		v.Note = strings.TrimPrefix(v.Note+", module sum "+bi.Main.Sum, ", ")
	}
	return v
}

// released reports whether v is a tagged semantic version (not a
// pseudo-version or a +dirty build).
func released(v string) bool {
	return semver.IsValid(v) && !module.IsPseudoVersion(v) && semver.Build(v) == ""
}

func (v versionInfo) short() string {
	if v.Version != "" {
		return v.Version
	}
	if v.Revision == "" {
		return "dev"
	}
	s := "dev+" + shortRev(v.Revision)
	if v.Modified {
		s += "-dirty"
	}
	return s
}

// long is the --version text after the program name; runtimeInfo is the Go
// version and platform.
func (v versionInfo) long(runtimeInfo string) string {
	var parts []string
	switch {
	case v.Revision != "":
		r := "revision " + v.Revision
		if v.Modified {
			r += " with uncommitted changes"
		}
		parts = append(parts, r)
	case v.Note == "":
		parts = append(parts, "revision unknown")
	}
	if v.Note != "" {
		parts = append(parts, v.Note)
	}
	parts = append(parts, runtimeInfo)
	head := v.Version
	if head == "" {
		head = "development build"
	}
	return fmt.Sprintf("%s (%s)", head, strings.Join(parts, ", "))
}

func shortRev(rev string) string {
	if len(rev) > 12 {
		return rev[:12]
	}
	return rev
}
