// Command demogen writes the seeded demo helpdesk of the Freshdesk emulator
// (fdapi/fdtest/demodata/*.json). The output is deterministic.
//
//	go run ./fdapi/fdtest/internal/demogen [-out fdapi/fdtest/demodata]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	out := flag.String("out", filepath.Join("fdapi", "fdtest", "demodata"), "directory to write the JSON files to")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "demogen:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	files, err := Generate()
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.name), f.data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", f.name, err)
		}
	}
	return os.WriteFile(filepath.Join(dir, "anchor.txt"), []byte(anchor.Format("2006-01-02T15:04:05Z")), 0o644)
}
