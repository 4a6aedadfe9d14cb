package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScripts_Invalid runs every testdata/invalid/scripts/NAME.yaml as
// `podviz get deployments --script NAME.yaml` from the repository root:
// stderr must be NAME.txt exactly and the exit 1, whether the script is
// refused when read or a step fails when it runs (see
// testdata/invalid/README.md). -update rewrites the .txt files; read each.
func TestScripts_Invalid(t *testing.T) {
	t.Chdir("../..")
	files, err := filepath.Glob("testdata/invalid/scripts/*.yaml")
	if err != nil || len(files) < 10 {
		t.Fatalf("found %d invalid scripts (%v)", len(files), err)
	}
	update := flag.Lookup("update") != nil && flag.Lookup("update").Value.String() == "true"
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".yaml"), func(t *testing.T) {
			_, stderr, code := validateIO(t, "", "get", "deployments", "--script", f)
			assertTerminalSafe(t, "stderr", stderr)
			if code != exitInvalid {
				t.Errorf("exit %d, want %d", code, exitInvalid)
			}
			want := strings.TrimSuffix(f, ".yaml") + ".txt"
			if update {
				if err := os.WriteFile(want, []byte(stderr), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if data := readFile(t, want); stderr != data {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr, data)
			}
		})
	}
}
