package main

import (
	"bufio"
	"bytes"
	"debug/buildinfo"
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// verify checks a release directory: SHA256SUMS lists exactly the release
// targets, every checksum matches, and every binary is an executable of its
// platform's format and architecture, built without cgo and with -trimpath,
// and stamped with version unless that is empty.
func verify(dir, version string, stdout io.Writer) error {
	listed, err := readSums(filepath.Join(dir, sumsFile))
	if err != nil {
		return err
	}
	if len(listed) != len(releaseTargets) {
		return fmt.Errorf("%s lists %d files, want the %d release targets", sumsFile, len(listed), len(releaseTargets))
	}
	for _, t := range releaseTargets {
		name := t.assetName()
		want, ok := listed[name]
		if !ok {
			return fmt.Errorf("%s does not list %s", sumsFile, name)
		}
		path := filepath.Join(dir, name)
		got, err := fileSHA256(path)
		if err != nil {
			return err
		}
		if got != want {
			return fmt.Errorf("%s: SHA-256 %s, %s says %s", name, got, sumsFile, want)
		}
		format, err := checkFormat(path, t)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		goVersion, err := checkBuildInfo(path, t)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		stamped := "version not checked (no -version)"
		if version != "" {
			if err := checkStamp(path, version); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			stamped = version
		}
		fmt.Fprintf(stdout, "ok  %-34s %s, %s, %s\n", name, format, goVersion, stamped)
	}
	return nil
}

// readSums parses sha256sum output: "<64 hex>  <name>" per line.
func readSums(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read checksums: %w", err)
	}
	defer f.Close()
	sums := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok || len(sum) != 64 || strings.ContainsAny(name, "/\\") {
			return nil, fmt.Errorf("%s line %d: want \"<sha256>  <file>\", got %q", path, n, sc.Text())
		}
		if _, dup := sums[name]; dup {
			return nil, fmt.Errorf("%s line %d: %s listed twice", path, n, name)
		}
		sums[name] = sum
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read checksums: %w", err)
	}
	return sums, nil
}

// checkFormat opens path with the object-file reader of t's platform and
// checks the file type and machine; it describes what it found.
func checkFormat(path string, t target) (string, error) {
	switch t.GOOS {
	case "linux":
		return checkELF(path, t.GOARCH)
	case "darwin":
		return checkMachO(path, t.GOARCH)
	case "windows":
		return checkPE(path, t.GOARCH)
	}
	return "", fmt.Errorf("no format check for %s", t.GOOS)
}

func checkELF(path, arch string) (string, error) {
	want := map[string]elf.Machine{"amd64": elf.EM_X86_64, "arm64": elf.EM_AARCH64}[arch]
	f, err := elf.Open(path)
	if err != nil {
		return "", fmt.Errorf("not an ELF file: %w", err)
	}
	defer f.Close()
	if f.Machine != want || f.Class != elf.ELFCLASS64 || f.Type != elf.ET_EXEC {
		return "", fmt.Errorf("ELF %v %v %v, want a 64-bit %v executable", f.Class, f.Type, f.Machine, want)
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			return "", fmt.Errorf("dynamically linked (has an ELF interpreter), want static")
		}
	}
	return "ELF " + want.String() + " static executable", nil
}

func checkMachO(path, arch string) (string, error) {
	want := map[string]macho.Cpu{"amd64": macho.CpuAmd64, "arm64": macho.CpuArm64}[arch]
	f, err := macho.Open(path)
	if err != nil {
		return "", fmt.Errorf("not a Mach-O file: %w", err)
	}
	defer f.Close()
	if f.Cpu != want || f.Type != macho.TypeExec {
		return "", fmt.Errorf("Mach-O %v type %v, want a %v executable", f.Cpu, f.Type, want)
	}
	return "Mach-O " + want.String() + " executable", nil
}

func checkPE(path, arch string) (string, error) {
	want := map[string]uint16{"amd64": pe.IMAGE_FILE_MACHINE_AMD64, "arm64": pe.IMAGE_FILE_MACHINE_ARM64}[arch]
	f, err := pe.Open(path)
	if err != nil {
		return "", fmt.Errorf("not a PE file: %w", err)
	}
	defer f.Close()
	if f.Machine != want || f.Characteristics&pe.IMAGE_FILE_EXECUTABLE_IMAGE == 0 {
		return "", fmt.Errorf("PE machine %#x characteristics %#x, want an executable for machine %#x", f.Machine, f.Characteristics, want)
	}
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok || oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_CUI {
		return "", fmt.Errorf("want a 64-bit console (CUI) executable")
	}
	return fmt.Sprintf("PE32+ %s console executable", arch), nil
}

// checkBuildInfo reads the build settings Go embeds in every binary: the
// platform, no cgo and -trimpath (which leaves -ldflags out of them). It
// returns the Go version.
func checkBuildInfo(path string, t target) (string, error) {
	bi, err := buildinfo.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("no Go build info: %w", err)
	}
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	want := map[string]string{"GOOS": t.GOOS, "GOARCH": t.GOARCH, "CGO_ENABLED": "0", "-trimpath": "true"}
	for k, v := range want {
		if settings[k] != v {
			return "", fmt.Errorf("build setting %s=%q, want %q", k, settings[k], v)
		}
	}
	return bi.GoVersion, nil
}

// checkStamp reports whether the -X version string is in the binary: with
// -trimpath the build info does not record -ldflags.
func checkStamp(path, version string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read: %w", err)
	}
	if !bytes.Contains(b, []byte(version)) {
		return fmt.Errorf("not stamped with version %s", version)
	}
	return nil
}
