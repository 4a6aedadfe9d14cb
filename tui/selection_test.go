package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// selectedName is the name of the selected object.
func selectedName(m *Model) string {
	s, _ := m.selection()
	return s.name
}

// podsOf lists the pod names of the Deployment's ReplicaSets, oldest first.
func podsOf(m *Model) [][]string {
	var out [][]string
	for _, rs := range m.snap.Deployments[0].ReplicaSets {
		var names []string
		for _, p := range rs.Pods {
			names = append(names, p.Name)
		}
		out = append(out, names)
	}
	return out
}

// TestSelection_ArrowsMoveOnScreen: at 80×24 mid-rollout the two
// ReplicaSets stand side by side with one pod per line: down moves within
// a ReplicaSet, right crosses to the new one, left comes back.
func TestSelection_ArrowsMoveOnScreen(t *testing.T) {
	m := newTestModel(t, nil, 80, 24, Options{})
	runFor(m, 30*time.Second)
	press(m, "i")
	typeText(m, "nginx:1.27")
	press(m, "enter")
	runFor(m, 1500*time.Millisecond)
	_ = m.View()
	rss := podsOf(m)
	if len(rss) != 2 {
		t.Fatalf("want two ReplicaSets mid-rollout, got %v", rss)
	}
	press(m, "down") // from the Deployment into its first pod
	_ = m.View()
	if got := selectedName(m); got != rss[0][0] {
		t.Fatalf("down from the Deployment: got %s, want %s", got, rss[0][0])
	}
	press(m, "j")
	_ = m.View()
	if got := selectedName(m); got != rss[0][1] {
		t.Fatalf("j: got %s, want the old ReplicaSet's second pod %s", got, rss[0][1])
	}
	press(m, "k", "l")
	_ = m.View()
	if got := selectedName(m); got != rss[1][0] {
		t.Fatalf("l: got %s, want the new ReplicaSet's pod %s", got, rss[1][0])
	}
	press(m, "h")
	_ = m.View()
	if got := selectedName(m); got != rss[0][0] {
		t.Fatalf("h: got %s, want %s back", got, rss[0][0])
	}
	press(m, "up", "up")
	if got := selectedName(m); got != "example-pod" {
		t.Fatalf("up twice: got %s, want the bare Pod above", got)
	}
}

// TestSelection_BoxesRow: at 140×40 a ReplicaSet's pod boxes stand in a
// row; right goes along it.
func TestSelection_BoxesRow(t *testing.T) {
	m := newTestModel(t, nil, 140, 40, Options{})
	runFor(m, 30*time.Second)
	_ = m.View()
	rss := podsOf(m)
	press(m, "down")
	_ = m.View()
	press(m, "right")
	_ = m.View()
	if got := selectedName(m); got != rss[0][1] {
		t.Fatalf("right: got %s, want %s", got, rss[0][1])
	}
}

// TestSelection_GridShowsSelectionWithoutColour: a pod inside a glyph grid
// is bracketed, and arrows step through the glyphs.
func TestSelection_GridShowsSelectionWithoutColour(t *testing.T) {
	m := newTestModel(t, nil, 80, 24, Options{})
	runFor(m, 30*time.Second)
	command(m, "scale deployment/example-deployment --replicas=200")
	runFor(m, time.Second)
	_ = m.View()
	press(m, "down")
	screen := ansi.Strip(m.View().Content)
	first := selectedName(m)
	if !strings.Contains(screen, "[●]") {
		t.Fatalf("selected glyph not bracketed (%s):\n%s", first, screen)
	}
	press(m, "right")
	_ = m.View()
	if got := selectedName(m); got == first {
		t.Fatalf("right did not move within the grid")
	}
}
