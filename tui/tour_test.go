package tui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"podviz/controller"
	"podviz/model"
)

const lesson = `
- say: Three pods of nginx.
- ask: How many pods will the Deployment have after the scale?
  choices: ["3", "5", "6"]
  answer: 2
  why: kubectl scale sets spec.replicas to 5.
- run: kubectl scale deployment/example-deployment --replicas=5
- after: settled
  run: kubectl get deployments
- say: The end.
`

func newTourModel(t *testing.T, w, h int, opts Options) *Model {
	t.Helper()
	newCluster := func() (*controller.Cluster, error) {
		objs, err := model.LoadDefault()
		if err != nil {
			return nil, err
		}
		return controller.New(objs, controller.Options{Seed: 1})
	}
	c, err := newCluster()
	if err != nil {
		t.Fatal(err)
	}
	opts.Script = mustScript(t, lesson)
	opts.Tour = &TourOptions{NewCluster: newCluster}
	m := New(c, opts)
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// waitFor runs the clock until the screen shows text.
func waitFor(t *testing.T, m *Model, text string) string {
	t.Helper()
	for i := 0; i < 600; i++ {
		if s := screenOf(m); strings.Contains(s, text) {
			return s
		}
		runFor(m, 100*time.Millisecond)
	}
	t.Fatalf("never showed %q:\n%s", text, screenOf(m))
	return ""
}

// settle runs the clock until the screen shows the idle marker.
func settle(t *testing.T, m *Model) string {
	t.Helper()
	for i := 0; i < 600; i++ {
		if s := screenOf(m); strings.Contains(s, IdleMarker) {
			return s
		}
		runFor(m, 100*time.Millisecond)
	}
	t.Fatalf("never idle:\n%s", screenOf(m))
	return ""
}

// TestTour_StopsAnswersAndBack: a tour waits at each stop for →; a
// question waits for a digit, plays, then says whether the answer was
// right and why; ← replays to the start of the previous stop, the same
// screen as when it was first reached.
func TestTour_StopsAnswersAndBack(t *testing.T) {
	for _, opts := range []Options{{}, {ASCII: true}, {Color: true}} {
		m := newTourModel(t, 80, 24, opts)
		s := settle(t, m)
		if !strings.Contains(s, "Three pods of nginx.") || !strings.Contains(s, "stop 1/3") {
			t.Fatalf("the first stop:\n%s", s)
		}
		runFor(m, time.Minute) // waiting at a stop plays nothing more
		if strings.Contains(screenOf(m), "How many") {
			t.Fatal("the tour went on without a key")
		}
		press(m, "right")
		runFor(m, 100*time.Millisecond)
		atQuestion := screenOf(m)
		if !strings.Contains(atQuestion, "How many pods") || !strings.Contains(atQuestion, "1) 3   2) 5   3) 6") || !strings.Contains(atQuestion, "1-3 answer") {
			t.Fatalf("the question with its choices and keys:\n%s", atQuestion)
		}
		runFor(m, time.Minute)
		if strings.Contains(screenOf(m), "replicas 5") {
			t.Fatal("the scale ran before the answer")
		}
		press(m, "3") // wrong
		wrong := "Not 6: it is 5. kubectl scale sets spec.replicas to 5."
		s = waitFor(t, m, wrong)
		// The stop ends with kubectl get deployments, shown under the diagram.
		if !regexp.MustCompile(`example-deployment +5/5 `).MatchString(s) {
			t.Fatalf("after the stop played, the verdict:\n%s", s)
		}
		// The clock stops at the verdict: the cluster on screen is the one
		// the answer speaks of until → goes on.
		if status := strings.Join(statusLines(s, true), "\n"); !strings.Contains(status, "paused") {
			t.Fatalf("the clock runs on past the verdict:\n%s", s)
		}
		for range 100 {
			m.Tick(time.Second)
		}
		if got := screenOf(m); got != s {
			t.Fatalf("the screen moved on while the verdict was shown:\n%s", got)
		}
		press(m, "space")
		s = settle(t, m)
		if !strings.Contains(s, "The end.") || !strings.Contains(s, "stop 3/3") {
			t.Fatalf("the last stop:\n%s", s)
		}
		press(m, "right")
		if !strings.Contains(screenOf(m), "the end of the lesson") {
			t.Fatalf("→ at the end says so:\n%s", screenOf(m))
		}

		// ← from stop 3 goes to the start of stop 2: the same screen as
		// when → first reached it (the question not asked yet), then it
		// plays again, and this time the answer is right.
		press(m, "left")
		runFor(m, 100*time.Millisecond)
		if got := screenOf(m); got != atQuestion {
			t.Fatalf("← did not replay to the same screen.\ngot:\n%s\nwant:\n%s", got, atQuestion)
		}
		press(m, "2")
		s = waitFor(t, m, "Right: 5.")
		if strings.Contains(s, "Not 6") {
			t.Fatalf("answered right after going back:\n%s", s)
		}
	}
}

// TestTour_NextFinishesAStopAtOnce: → while a stop is still playing plays
// the rest of it at once instead of skipping it.
func TestTour_NextFinishesAStopAtOnce(t *testing.T) {
	m := newTourModel(t, 100, 30, Options{})
	settle(t, m)
	press(m, "right")
	runFor(m, 100*time.Millisecond)
	press(m, "→") // not a digit: nothing
	press(m, "2")
	runFor(m, 100*time.Millisecond) // the scale ran; its pods are starting
	press(m, "right")
	if s := screenOf(m); !strings.Contains(s, "Right: 5.") || !strings.Contains(s, "get deployments") {
		t.Fatalf("→ should have played the stop to its end:\n%s", s)
	}
}

// TestTour_HelpSaysTheTourKeys: ? in a tour lists the lesson's keys.
func TestTour_HelpSaysTheTourKeys(t *testing.T) {
	m := newTourModel(t, 100, 60, Options{})
	press(m, "?")
	s := screenOf(m)
	if !strings.Contains(s, "the tour") || !strings.Contains(s, "back a stop: the lesson is replayed") {
		t.Fatalf("the help does not explain the tour's keys:\n%s", s)
	}
}
