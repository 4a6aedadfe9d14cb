package tui

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// cutInBox matches text cut inside a box: the renderer's ellipsis right
// before a box's right edge (a body line) or before the rule of a title
// ("…  │", "… ─"). The ellipsis that starts a pod's short name ("…-x7k2p")
// is not a cut and does not match. In ASCII the renderer's ellipsis is "~".
var (
	cutInBox      = regexp.MustCompile(`… *[│┃┆]|… [─━┄]`)
	cutInASCIIBox = regexp.MustCompile(`~ *[|#:]|~ [-=.]`)
)

// TestGoldens_NoCutTextInBoxes walks every golden screen and picture (the
// live view's and the diagram's, all at 80 columns or more, where a box
// has room to grow or wrap) and fails on text cut inside a box: a box
// grows to the width its content needs and wraps at words before it cuts,
// and an ellipsis is only for a terminal that is truly too small.
func TestGoldens_NoCutTextInBoxes(t *testing.T) {
	n := 0
	for _, root := range []string{"testdata", "diagram/testdata"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".golden") {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			n++
			re := cutInBox
			if strings.Contains(filepath.Base(path), "ascii") {
				re = cutInASCIIBox
			}
			for i, line := range strings.Split(string(data), "\n") {
				if statusLine(line) {
					continue // the status bar is not a box (its " │ " separates pieces)
				}
				if loc := re.FindStringIndex(line); loc != nil {
					t.Errorf("%s:%d: text cut inside a box: %q", path, i+1, strings.TrimSpace(line))
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n < 50 {
		t.Fatalf("walked only %d goldens; the test lost its files", n)
	}
}

// statusLine reports whether a screen line is the status bar's first line,
// which starts with the clock's state.
func statusLine(line string) bool {
	for _, p := range []string{unicodeChrome.Running, unicodeChrome.Paused, asciiChrome.Running, asciiChrome.Paused, IdleMarker} {
		if strings.HasPrefix(line, p+" ") {
			return true
		}
	}
	return false
}

// TestCutInBox_Patterns: the patterns catch the cuts the issue reported and
// let names and kubectl's own dots through.
func TestCutInBox_Patterns(t *testing.T) {
	for _, tc := range []struct {
		line  string
		ascii bool
		cut   bool
	}{
		{"┃ max 4 pods (3 + surge 1) · waiting for 1 n… ┃", false, true},
		{"│ │ rev 1 · hash 585c5579f6 · rev …          │ │", false, true},
		{"╭─ ReplicaSet example-deployment-58… ─╮", false, true},
		{"| | * nginx  0 resta~ | |", true, true},
		{"│ │   ● …-rqp8q Ready 10.244.0.3      │ │", false, false},
		{"│ new replicas have been updated...   │", false, false},
		{"| | * ...-rqp8q Ready                | |", true, false},
	} {
		re := cutInBox
		if tc.ascii {
			re = cutInASCIIBox
		}
		if got := re.MatchString(tc.line); got != tc.cut {
			t.Errorf("%q: cut %v, want %v", tc.line, got, tc.cut)
		}
	}
}
