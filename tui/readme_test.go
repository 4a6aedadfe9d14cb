package tui

import (
	"os"
	"strings"
	"testing"
)

// TestReadme_KeyTable: the README's key table is KeyTable(), built from the
// bindings and rows the help pane shows, so the two cannot disagree.
func TestReadme_KeyTable(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "\n"+KeyTable()+"\n") {
		t.Errorf("README's key table differs from the key map; paste this:\n%s", KeyTable())
	}
}
