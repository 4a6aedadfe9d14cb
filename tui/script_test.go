package tui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"podviz/controller/script"
	"podviz/tui/diagram"
)

func mustScript(t *testing.T, src string) script.Script {
	t.Helper()
	s, err := script.Parse("s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// selfHealing is a short script with captions, a pick and relative steps.
const selfHealing = `
- say: A bare Pod and a Deployment whose ReplicaSet keeps 3 pods running.
- after: settled
  pick: POD
  of: deployment/example-deployment
- say: Delete one of the Deployment's pods. Its ReplicaSet creates a replacement at once, with a new name.
  run: kubectl delete pod $POD
- after: settled
  wait: 2s
  say: Back to three.
  run: kubectl get pods
`

// TestScript_CaptionsOnScreen: a say is shown until the next one, on
// every size and alphabet, between the diagram and the status bar, which
// it never hides; the pick and the command are numbered actions.
func TestScript_CaptionsOnScreen(t *testing.T) {
	for _, tc := range []struct {
		name   string
		w, h   int
		opts   Options
		first  string
		second string
	}{
		{"80x24", 80, 24, Options{}, "▌ A bare Pod and a Deployment", "▌ Delete one of the Deployment's pods."},
		{"80x24 ascii", 80, 24, Options{ASCII: true}, ">> A bare Pod and a Deployment", ">> Delete one of the Deployment's pods."},
		{"80x24 no hints", 80, 24, Options{NoHints: true}, "▌ A bare Pod", "▌ Delete one"},
		{"120x40 colour", 120, 40, Options{Color: true}, "▌ A bare Pod", "▌ Delete one"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Script = mustScript(t, selfHealing)
			m := newTestModel(t, nil, tc.w, tc.h, tc.opts)
			runFor(m, 100*time.Millisecond)
			s := screenOf(m)
			if !strings.Contains(s, tc.first) {
				t.Fatalf("the first caption is not on screen:\n%s", s)
			}
			checkChrome(t, m, s, tc.w, tc.h, !tc.opts.NoHints)
			for i := 0; i < 200 && !strings.Contains(screenOf(m), tc.second); i++ {
				runFor(m, 100*time.Millisecond)
			}
			s = screenOf(m)
			if !strings.Contains(s, tc.second) || strings.Contains(s, tc.first) {
				t.Fatalf("the second caption should replace the first:\n%s", s)
			}
			if !strings.Contains(s, "#2") || !strings.Contains(s, "delete pod example-deployment-") {
				t.Errorf("the pick (#1) and the delete (#2) are numbered actions:\n%s", s)
			}
			checkChrome(t, m, s, tc.w, tc.h, !tc.opts.NoHints)
			if tc.opts.ASCII {
				for _, r := range s {
					if r > 0x7e {
						t.Fatalf("--ascii screen has %q:\n%s", r, s)
					}
				}
			}
		})
	}
}

// checkChrome: the frame has its height, no line is wider than the
// terminal, and the status bar and the key bar are where they belong.
func checkChrome(t *testing.T, m *Model, s string, w, h int, hints bool) {
	t.Helper()
	lines := strings.Split(s, "\n")
	if len(lines) != h {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), h, s)
	}
	for _, l := range lines {
		if len([]rune(l)) > w {
			t.Fatalf("a line is wider than %d: %q", w, l)
		}
	}
	status := statusLines(s, hints)
	if !strings.Contains(status[0], "s ×1") && !strings.Contains(status[0], "s x1") {
		t.Fatalf("the status bar is not above the key bar:\n%s", s)
	}
	if hints && !strings.HasSuffix(strings.TrimRight(lines[len(lines)-1], " "), "q quit") {
		t.Fatalf("the key bar is not the last line:\n%s", s)
	}
}

// TestScript_LongCaptionIsCutVisibly: a caption longer than the area the
// layout gives it (a third of the rows) ends in an ellipsis.
func TestScript_LongCaptionIsCutVisibly(t *testing.T) {
	long := strings.Repeat("word ", 79) + "end."
	m := newTestModel(t, nil, 60, 20, Options{Script: mustScript(t, "- say: "+long+"\n")})
	runFor(m, 100*time.Millisecond)
	s := screenOf(m)
	var caption []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "▌ ") {
			caption = append(caption, l)
		}
	}
	if len(caption) == 0 || len(caption) > 17/3 || !strings.HasSuffix(caption[len(caption)-1], "…") || strings.Contains(s, "end.") {
		t.Fatalf("want the caption cut with an ellipsis within a third of the rows:\n%s", s)
	}
	checkChrome(t, m, s, 60, 20, true)
}

// TestScript_KeysDoNotBreakTheTimeline: a key that acts on the cluster in
// the middle of a script is waited for by the next `after: settled`, as
// on a real cluster; the script still plays to its end.
func TestScript_KeysDoNotBreakTheTimeline(t *testing.T) {
	src := `
- after: settled
  run: kubectl scale deployment/example-deployment --replicas=4
- after: settled
  say: settled again
  run: kubectl get deployments
`
	firedAt := func(keys bool) (time.Duration, string) {
		m := newTestModel(t, nil, 100, 30, Options{Script: mustScript(t, src)})
		var scaled time.Duration
		for i := 0; i < 400 && !strings.Contains(screenOf(m), "settled again"); i++ {
			runFor(m, 100*time.Millisecond)
			if m.seq == 1 && scaled == 0 {
				scaled = m.c.Elapsed()
			}
			if keys && scaled > 0 && m.c.Elapsed() >= scaled+time.Second {
				press(m, "+") // scale to 5 while the script's fourth pod starts
				keys = false
			}
		}
		return m.c.Elapsed(), screenOf(m)
	}
	plain, _ := firedAt(false)
	pressed, s := firedAt(true)
	if !strings.Contains(s, "settled again") || !regexp.MustCompile(`example-deployment +5/5 `).MatchString(s) {
		t.Fatalf("the script should go on after the key, with the key's 5 replicas:\n%s", s)
	}
	if pressed <= plain {
		t.Fatalf("after the key, the last step ran at %v, not later than without it (%v): it did not wait for the key's pod", pressed, plain)
	}
}

// TestStatusBar_IdleMarkerMeansSettled: the marker shows exactly when
// nothing more will happen unless someone acts — a rollout stuck past its
// progress deadline counts (the kubelet only retries), a rollout still
// within its deadline does not, and neither does a script step still to
// come. On screen it is the status bar's alone.
func TestStatusBar_IdleMarkerMeansSettled(t *testing.T) {
	for _, ascii := range []bool{false, true} {
		m := newTestModel(t, nil, 100, 30, Options{ASCII: ascii, Script: mustScript(t, `
- after: settled
  run: kubectl set image deployment/example-deployment nginx=nginx:9.99.9
- wait: 20m
  say: still stuck
`)})
		runFor(m, 30*time.Second)
		if s := screenOf(m); strings.Contains(s, IdleMarker) {
			t.Fatalf("ascii %v: a bad image is pulling, not settled:\n%s", ascii, s)
		}
		runFor(m, 11*time.Minute)
		if s := screenOf(m); strings.Contains(s, IdleMarker) {
			t.Fatalf("ascii %v: stalled, but the script has a step to come:\n%s", ascii, s)
		}
		runFor(m, 10*time.Minute)
		s := screenOf(m)
		status := strings.Join(statusLines(s, true), "\n")
		if !strings.HasPrefix(status, IdleMarker+" ") || !strings.Contains(status, "stuck: u undoes") {
			t.Fatalf("ascii %v: stuck past the deadline with the script done, want %s and the way out:\n%s", ascii, IdleMarker, s)
		}
		if strings.Count(s, IdleMarker) != 1 {
			t.Fatalf("ascii %v: %s appears %d times:\n%s", ascii, IdleMarker, strings.Count(s, IdleMarker), s)
		}
		// The undo scales the bad ReplicaSet down; the old pods never left
		// (maxUnavailable 0), so nothing else is to come: idle, not stuck.
		press(m, "u")
		runFor(m, time.Minute)
		if s := strings.Join(statusLines(screenOf(m), true), "\n"); !strings.HasPrefix(s, IdleMarker+" ") || strings.Contains(s, "stuck") {
			t.Fatalf("ascii %v: rolled back and settled:\n%s", ascii, s)
		}
	}
}

// TestStatusBar_TypedMarkerIsAltered: text the user types or a command's
// error quoting it never shows the marker.
func TestStatusBar_TypedMarkerIsAltered(t *testing.T) {
	m := newTestModel(t, nil, 100, 30, Options{})
	runFor(m, 30*time.Second)
	press(m, ":")
	typeText(m, "get pods [idle]")
	if s := screenOf(m); strings.Count(s, IdleMarker) != 1 || !strings.Contains(s, "get pods (idle)") {
		t.Fatalf("the prompt shows the marker:\n%s", s)
	}
	press(m, "enter")
	if s := screenOf(m); strings.Count(s, IdleMarker) != 1 {
		t.Fatalf("the result shows the marker:\n%s", s)
	}
}

// TestExit_Rules: --exit-when-settled quits once the marker shows, after
// its delay; --exit-after-script once the last step has run; a key that
// makes the cluster busy again calls the quit off.
func TestExit_Rules(t *testing.T) {
	m := newTestModel(t, nil, 100, 30, Options{Exit: ExitRule{When: ExitWhenSettled, Delay: time.Second}})
	if cmd := m.checkExit(); cmd != nil || m.exitPending {
		t.Fatal("starting up: no exit")
	}
	runFor(m, 30*time.Second)
	if m.checkExit() == nil || !m.exitPending {
		t.Fatal("settled: the exit should be scheduled")
	}
	id := m.exitID
	press(m, "+") // busy again: called off
	if m.exitPending {
		t.Fatal("a key made the cluster busy: the exit should be called off")
	}
	if cmd := m.onExit(exitMsg{id}); cmd != nil {
		t.Fatal("a called-off exit quit")
	}
	runFor(m, 30*time.Second)
	m.checkExit()
	if _, cmd := m.Update(exitMsg{m.exitID}); cmd == nil || !isQuit(cmd) {
		t.Fatal("the exit delay ended with the screen settled: want tea.Quit")
	}

	s := mustScript(t, "- wait: 5s\n  run: kubectl get pods\n")
	m = newTestModel(t, nil, 100, 30, Options{Script: s, Exit: ExitRule{When: ExitAfterScript}})
	runFor(m, 4*time.Second)
	if m.checkExit() != nil {
		t.Fatal("the script has a step left")
	}
	runFor(m, 2*time.Second)
	if m.checkExit() == nil {
		t.Fatal("the script is done: the exit should be scheduled (the cluster is still busy, which does not matter)")
	}
}

func isQuit(cmd tea.Cmd) bool {
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		for _, c := range b {
			if c != nil && isQuit(c) {
				return true
			}
		}
		return false
	}
	_, ok := msg.(tea.QuitMsg)
	return ok
}

// TestScript_ReserveKeepsTheScreenStill: with room reserved for the most
// replicas a script reaches, the Deployment's box ends on the same line
// from start to end while it scales 3 → 10 → 2; without, it moves.
func TestScript_ReserveKeepsTheScreenStill(t *testing.T) {
	src := `
- after: settled
  run: kubectl scale deployment/example-deployment --replicas=10
- after: settled
  run: kubectl scale deployment/example-deployment --replicas=2
- after: settled
  say: done
`
	bottoms := func(reserve diagram.Reserve) map[int]bool {
		m := newTestModel(t, nil, 120, 40, Options{Script: mustScript(t, src), Reserve: reserve, Color: true})
		seen := map[int]bool{}
		for i := 0; i < 600 && !strings.Contains(screenOf(m), "[idle]"); i++ {
			runFor(m, 100*time.Millisecond)
			for j, l := range strings.Split(screenOf(m), "\n") {
				if strings.HasPrefix(l, "┗") { // the selected Deployment
					seen[j] = true
				}
			}
		}
		return seen
	}
	if moved := bottoms(diagram.Reserve{}); len(moved) < 2 {
		t.Fatalf("without a reserve the box should move; it ended on lines %v", moved)
	}
	if still := bottoms(diagram.Reserve{Deployments: map[string]int{"default/example-deployment": 10}}); len(still) != 1 {
		t.Fatalf("with room for 10 the box ends on lines %v", still)
	}
}
