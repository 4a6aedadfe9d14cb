package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// TestView_RolloutDoesNotJump drives a rolling update frame by frame (every
// 100 ms of virtual time, from the command to the end) and checks that the
// boxes hold still: the Deployment's top edge, the history line and the
// event log under the diagram stay on the same screen lines, and at 80×24
// both ReplicaSets are on screen whenever there are two.
func TestView_RolloutDoesNotJump(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {100, 30}, {120, 40}, {140, 40}, {160, 50}, {200, 60}} {
		m := newTestModel(t, nil, size.w, size.h, Options{})
		runFor(m, 30*time.Second)
		find := func(screen, s string) int {
			for i, l := range strings.Split(screen, "\n") {
				if strings.Contains(l, s) {
					return i
				}
			}
			return -1
		}
		settled := ansi.Strip(m.View().Content)
		depLine := find(settled, "Deployment example-deployment")
		eventsLine := find(settled, "── events")
		command(m, "set image deployment/example-deployment nginx=nginx:1.27")
		// Where the two ReplicaSets stand side by side the new one takes
		// room already there; stacked, it opens below the old one and only
		// what is under it moves, once.
		first := ansi.Strip(m.View().Content)
		histLine := find(first, "revisions ")
		if size.w == 80 && histLine != find(settled, "revisions ") {
			t.Fatalf("80x24: the history line moved when the new ReplicaSet opened:\n%s\n%s", settled, first)
		}
		if depLine < 0 || histLine < 0 {
			t.Fatalf("%dx%d: no Deployment or history line:\n%s", size.w, size.h, first)
		}
		for i := 0; i < 300; i++ {
			runFor(m, 100*time.Millisecond)
			screen := ansi.Strip(m.View().Content)
			if got := find(screen, "Deployment example-deployment"); got != depLine {
				t.Fatalf("%dx%d at %v: Deployment moved from line %d to %d:\n%s", size.w, size.h, m.snap.Elapsed, depLine, got, screen)
			}
			if got := find(screen, "── events"); got != eventsLine {
				t.Fatalf("%dx%d at %v: the event log moved from line %d to %d:\n%s", size.w, size.h, m.snap.Elapsed, eventsLine, got, screen)
			}
			if got := find(screen, "revisions "); got != histLine {
				t.Fatalf("%dx%d at %v: history line moved from %d to %d:\n%s", size.w, size.h, m.snap.Elapsed, histLine, got, screen)
			}
			if size.w == 80 && len(m.snap.Deployments[0].ReplicaSets) == 2 &&
				(!strings.Contains(screen, "· old") || !strings.Contains(screen, "· new")) {
				t.Fatalf("80x24 at %v: both ReplicaSets should be on screen:\n%s", m.snap.Elapsed, screen)
			}
		}
	}
}
