package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestIdleMarker_Unforgeable: text the user controls cannot show the
// marker a tape waits for. An image named nginx[idle] shows in the
// diagram, the revisions line, the events and kubectl's output; until the
// cluster settles no "[idle]" is on screen, and after, exactly one: the
// status bar's.
func TestIdleMarker_Unforgeable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "web.yaml")
	manifest := `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: "nginx[idle]"}]
`
	if err := os.WriteFile(path, []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		m := newTestModel(t, []string{path}, size[0], size[1], Options{})
		runFor(m, time.Second)
		s := screenOf(m)
		if !strings.Contains(s, "nginx(idle)") {
			t.Fatalf("%v: the image does not show:\n%s", size, s)
		}
		if strings.Contains(s, IdleMarker) {
			t.Fatalf("%v: the image forges the marker while the cluster is busy:\n%s", size, s)
		}
		command(m, "kubectl get pods -o wide")
		runFor(m, time.Second)
		if s := screenOf(m); strings.Contains(s, IdleMarker) {
			t.Fatalf("%v: kubectl's output forges the marker:\n%s", size, s)
		}
		press(m, "esc")
		runFor(m, 10*time.Minute)
		if s := screenOf(m); strings.Count(s, IdleMarker) != 1 || !strings.HasPrefix(strings.Join(statusLines(s, true), "\n"), IdleMarker) {
			t.Fatalf("%v: settled, want the status bar's marker alone:\n%s", size, s)
		}
	}
}

// TestUnforge: the marker is seen as a terminal shows it, across styling.
func TestUnforge(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"no marker", "no marker"},
		{"a [idle] b [idle]", "a (idle) b (idle)"},
		{"\x1b[1m[id\x1b[0mle]", "\x1b[1m(id\x1b[0mle)"},
		{"x\x1b]8;;http://a\x07[idle]\x1b]8;;\x07", "x\x1b]8;;http://a\x07(idle)\x1b]8;;\x07"},
		{"[idle][idle]", "(idle)(idle)"},
	} {
		if got := unforge(tc.in, -1); got != tc.want {
			t.Errorf("unforge(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := unforge("\x1b[32m[idle]\x1b[m 1s [idle]", 0); got != "\x1b[32m[idle]\x1b[m 1s (idle)" {
		t.Errorf("keep 0: %q", got)
	}
}
