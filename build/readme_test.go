package main

import (
	"encoding/json"
	"io"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The README's install instructions name the module, the release assets,
// this command and the image: these tests keep them true.

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var fence = regexp.MustCompile("(?ms)^```([a-z]*)\n(.*?)^```")

// codeBlocks returns the README's fenced blocks of the given languages.
func codeBlocks(readme string, langs ...string) []string {
	var out []string
	for _, m := range fence.FindAllStringSubmatch(readme, -1) {
		if slices.Contains(langs, m[1]) {
			out = append(out, m[2])
		}
	}
	return out
}

// shellCommands splits shell blocks into commands: continuation lines
// joined, comments dropped, words split (single quotes kept together).
func shellCommands(blocks []string) [][]string {
	word := regexp.MustCompile(`'[^']*'|"[^"]*"|\S+`)
	var cmds [][]string
	for _, b := range blocks {
		for _, line := range strings.Split(strings.ReplaceAll(b, "\\\n", " "), "\n") {
			if i := strings.Index(line, " #"); i >= 0 {
				line = line[:i]
			}
			if w := word.FindAllString(line, -1); len(w) > 0 {
				cmds = append(cmds, w)
			}
		}
	}
	return cmds
}

func TestReadmeInstallNames(t *testing.T) {
	readme := readFile(t, "../README.md")
	gomod := readFile(t, "../go.mod")
	if !strings.HasPrefix(gomod, "module "+modulePath+"\n") {
		t.Fatalf("go.mod does not declare module %s", modulePath)
	}
	if path.Base(modulePath) != binaryName {
		t.Errorf("go install names the command %s, the release assets %s", path.Base(modulePath), binaryName)
	}
	if !strings.Contains(readme, "go install "+modulePath+"@latest") {
		t.Errorf("README lacks `go install %s@latest`", modulePath)
	}
	// Release assets and where they are downloaded from.
	var assets []string
	for _, tg := range releaseTargets {
		assets = append(assets, tg.assetName())
	}
	mentioned := map[string]bool{}
	for _, a := range regexp.MustCompile(binaryName+`_[A-Za-z0-9_]+(?:\.exe)?`).FindAllString(readme, -1) {
		if !slices.Contains(assets, a) {
			t.Errorf("README names release asset %s; the release has %v", a, assets)
		}
		mentioned[a] = true
	}
	for _, want := range []string{"freshdesk-mcp_linux_amd64", "freshdesk-mcp_darwin_arm64", "freshdesk-mcp_windows_amd64.exe"} {
		if !mentioned[want] {
			t.Errorf("README does not show %s", want)
		}
	}
	// Release downloads: https://github.com/OWNER/REPO/releases/latest/download/ASSET.
	downloads := 0
	for _, u := range regexp.MustCompile(`https://[^\s"]*releases?[^\s"]*`).FindAllString(readme, -1) {
		downloads++
		if !strings.HasPrefix(u, "https://"+modulePath+"/releases/latest/download") && !strings.HasPrefix(u, "https://"+modulePath+"/releases/download/") {
			t.Errorf("README downloads from %s, not from https://%s/releases/", u, modulePath)
		}
	}
	if downloads < 2 {
		t.Errorf("README has %d release download URLs, want the shell and PowerShell ones", downloads)
	}
	if !strings.Contains(readme, " "+sumsFile) {
		t.Errorf("README does not verify with %s", sumsFile)
	}
}

// Every `go run ./build ...` in the README must parse with this command's
// flags and name one of its verbs.
func TestReadmeBuildCommands(t *testing.T) {
	readme := readFile(t, "../README.md")
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	inline := regexp.MustCompile("`([^`\n]*go run [^`\n]*)`")
	blocks := codeBlocks(readme, "sh")
	for _, m := range inline.FindAllStringSubmatch(readme, -1) {
		blocks = append(blocks, m[1])
	}
	for _, c := range shellCommands(blocks) {
		i := slices.Index(c, "run")
		if i < 1 || c[i-1] != "go" || len(c) < i+2 {
			continue
		}
		if c[i+1] == "." || strings.HasPrefix(c[i+1], "-") {
			continue // the server itself
		}
		if c[i+1] != "./"+path.Base(wd) {
			if fi, err := os.Stat("../" + c[i+1]); err != nil || !fi.IsDir() {
				t.Errorf("README runs %s, which is not a directory of this repository", c[i+1])
			}
			continue
		}
		n++
		var o options
		fs := newFlagSet(&o, io.Discard)
		if err := fs.Parse(c[i+2:]); err != nil || fs.NArg() != 1 || !slices.Contains(verbs, fs.Arg(0)) {
			t.Errorf("README command %q: want flags and one of %v (%v)", strings.Join(c, " "), verbs, err)
		}
	}
	if n < 4 {
		t.Errorf("README shows %d `go run ./build` commands, want the release, verify and image ones", n)
	}
}

// Every docker/podman run in the README (shell lines and client
// configurations) must run the image the build command makes.
func TestReadmeImageName(t *testing.T) {
	readme := readFile(t, "../README.md")
	var runs [][]string
	for _, c := range shellCommands(codeBlocks(readme, "sh")) {
		if len(c) > 2 && (c[0] == "docker" || c[0] == "podman") && c[1] == "run" {
			runs = append(runs, c[2:])
		}
	}
	clients := 0
	for _, b := range codeBlocks(readme, "json") {
		var cfg map[string]map[string]struct {
			Command string   `json:"command"`
			Args    []string `json:"args"`
		}
		// Blocks are client configurations; "inputs" and the like are
		// not servers and do not decode into this shape.
		_ = json.Unmarshal([]byte(b), &cfg)
		for _, servers := range []string{"mcpServers", "servers"} {
			for _, s := range cfg[servers] {
				if (s.Command == "docker" || s.Command == "podman") && len(s.Args) > 1 && s.Args[0] == "run" {
					runs = append(runs, s.Args[1:])
					clients++
				}
			}
		}
	}
	// Variants given inline: `"args": ["run", ...]`.
	for _, m := range regexp.MustCompile("`\"args\": (\\[[^`]*\\])`").FindAllStringSubmatch(readme, -1) {
		var args []string
		if err := json.Unmarshal([]byte(m[1]), &args); err != nil {
			t.Errorf("README: inline args %s: %v", m[1], err)
		}
		if len(args) > 1 && args[0] == "run" {
			runs = append(runs, args[1:])
			clients++
		}
	}
	if clients < 3 || len(runs) < clients+3 {
		t.Fatalf("found %d client configurations and %d docker runs in total; want the client snippets and the shell examples", clients, len(runs))
	}
	noValue := []string{"-i", "-t", "-it", "-d", "--rm", "--init", "--read-only", "--interactive", "--detach"}
	for _, args := range runs {
		image := ""
		for i := 0; i < len(args); i++ {
			a := args[i]
			switch {
			case !strings.HasPrefix(a, "-"):
				image = a
			case slices.Contains(noValue, a) || strings.Contains(a, "="):
			default:
				i++ // the flag's value
			}
			if image != "" {
				break
			}
		}
		if image != defaultImage && !strings.HasPrefix(image, defaultImage+":") {
			t.Errorf("README runs image %q (in %q); the build command makes %s", image, strings.Join(args, " "), defaultImage)
		}
	}
}

// The Dockerfile packages the binary the build command puts in its
// context and runs it as a non-root user.
func TestDockerfile(t *testing.T) {
	df := readFile(t, "../Dockerfile")
	for _, want := range []string{
		"\nFROM scratch\n",
		"\nCOPY " + binaryName + " /" + binaryName + "\n",
		"\nUSER 65532:65532\n",
		"\nENTRYPOINT [\"/" + binaryName + "\"]\n",
	} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q", strings.TrimSpace(want))
		}
	}
	if regexp.MustCompile(`(?m)^(EXPOSE|RUN)\b`).MatchString(df) {
		t.Error("Dockerfile exposes a port or runs a command (stdio by default; nothing can run in scratch)")
	}
}
