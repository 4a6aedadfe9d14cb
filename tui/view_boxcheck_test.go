package tui_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"podviz/tui/internal/boxcheck"
)

// TestGoldens_BoxesAreWellFormed checks the boxes in every golden screen
// under testdata. A screen shows the diagram in a pane that may cut boxes
// off at its bottom (or, scrolled, its top), so a box may lack that edge,
// as long as every box cut there is cut at the same line.
func TestGoldens_BoxesAreWellFormed(t *testing.T) {
	n := 0
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".golden") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n++
		if probs := boxcheck.Check(string(data), boxcheck.Options{Viewport: true}); len(probs) > 0 {
			var b strings.Builder
			for _, p := range probs {
				fmt.Fprintf(&b, "%s\n", p)
			}
			t.Errorf("%s: boxes are malformed:\n%s\n%s", path, b.String(), data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no golden files under testdata")
	}
}
