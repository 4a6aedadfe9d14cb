package tui

import (
	"image/color"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// statusLines are the status bar's lines of a screen (above the key bar).
func statusLines(screen string, hints bool) []string {
	lines := strings.Split(screen, "\n")
	n := len(lines)
	if hints {
		n--
	}
	return lines[max(n-2, 0):n]
}

// TestStatusBar_IdleMarker: once nothing is pending the status bar says
// [idle], the same with and without --ascii, and not while the clock runs
// or is paused.
func TestStatusBar_IdleMarker(t *testing.T) {
	for _, ascii := range []bool{false, true} {
		m := newTestModel(t, nil, 100, 30, Options{ASCII: ascii})
		runFor(m, 100*time.Millisecond)
		if s := screenOf(m); strings.Contains(s, IdleMarker) {
			t.Fatalf("ascii %v: starting up, not idle:\n%s", ascii, s)
		}
		runFor(m, 30*time.Second)
		if s := strings.Join(statusLines(screenOf(m), true), "\n"); !strings.HasPrefix(s, IdleMarker+" 30.1s") {
			t.Fatalf("ascii %v: settled, the status bar should start with %s:\n%s", ascii, IdleMarker, s)
		}
		press(m, "space")
		if s := screenOf(m); strings.Contains(s, IdleMarker) || !strings.Contains(s, "paused 30.1s") {
			t.Fatalf("ascii %v: paused is not idle:\n%s", ascii, s)
		}
	}
}

// TestGoldens_IdleMarkerOnlyOnTheStatusBar: in every golden screen the idle
// marker appears at most once, at the start of the status bar, so a demo
// can wait for it; and nothing but the help's legend uses the word.
func TestGoldens_IdleMarkerOnlyOnTheStatusBar(t *testing.T) {
	err := filepath.WalkDir("testdata/TestView_Goldens", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(data), "\n") {
			if strings.Contains(line, IdleMarker) && !strings.HasPrefix(line, IdleMarker+" ") {
				t.Errorf("%s:%d: %s away from the status bar: %q", path, i+1, IdleMarker, line)
			}
			// The help's legend explains the word; nothing else uses it.
			if !strings.HasPrefix(line, IdleMarker+" ") && !strings.HasPrefix(filepath.Base(path), "help-") &&
				strings.Contains(strings.ToLower(line), "idle") {
				t.Errorf("%s:%d: the word idle is the status bar's alone: %q", path, i+1, line)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestStatusBar_NumberedResults: every action gets the next number, so the
// same action twice still changes the screen; a note (a key that did
// nothing) does not count as an action.
func TestStatusBar_NumberedResults(t *testing.T) {
	m := newTestModel(t, nil, 100, 30, Options{})
	runFor(m, 30*time.Second)
	command(m, "scale deployment/example-deployment --replicas=4")
	first := screenOf(m)
	if !strings.Contains(first, "#1 → deployment.apps/example-deployment scaled") {
		t.Fatalf("first action:\n%s", first)
	}
	press(m, "z") // does nothing: a note, not an action
	command(m, "scale deployment/example-deployment --replicas=4")
	second := screenOf(m)
	if !strings.Contains(second, "#2 → deployment.apps/example-deployment scaled") {
		t.Fatalf("the same action again should read #2:\n%s", second)
	}
	// kubectl prints nothing for an image the Deployment already has; the
	// status bar says so rather than leave the result blank.
	command(m, "set image deployment/example-deployment nginx=nginx:latest")
	if s := screenOf(m); !strings.Contains(s, "#3 (kubectl printed nothing)") {
		t.Fatalf("an action with no output:\n%s", s)
	}
}

// TestStatusBar_ErrorShownOnce: an action's error is on the status bar
// until the next key.
func TestStatusBar_ErrorShownOnce(t *testing.T) {
	m := newTestModel(t, nil, 100, 30, Options{})
	runFor(m, 30*time.Second)
	press(m, "u") // nothing to undo to
	if s := strings.Join(statusLines(screenOf(m), true), "\n"); !strings.Contains(s, "#1") || m.last.err == "" {
		t.Fatalf("the failed undo should be #1 with its error:\n%s", s)
	}
	press(m, "down")
	if m.last.err != "" || strings.Contains(screenOf(m), "#1") {
		t.Fatalf("the error should be gone after the next key:\n%s", screenOf(m))
	}
}

// TestStatusBar_WayOut: a stuck rollout suggests u, a paused one p.
func TestStatusBar_WayOut(t *testing.T) {
	m := newTestModel(t, nil, 120, 40, Options{})
	runFor(m, 30*time.Second)
	command(m, "set image deployment/example-deployment nginx=nginx:9.99.9")
	runFor(m, 10*time.Second)
	if s := strings.Join(statusLines(screenOf(m), true), "\n"); !strings.Contains(s, "stuck: u undoes") {
		t.Fatalf("a bad image should suggest undo:\n%s", s)
	}
	press(m, "u")
	runFor(m, 30*time.Second)
	press(m, "p")
	if s := strings.Join(statusLines(screenOf(m), true), "\n"); !strings.Contains(s, "paused: p resumes") || strings.Contains(s, "stuck") {
		t.Fatalf("a paused rollout should suggest p:\n%s", s)
	}
}

// TestKeyBar_EndsWithHelpAndQuit: at every width from 16 to 250 columns
// the key bar ends with "? help • q quit", and every entry on it is whole
// (one of the bar's own entries), dropped rather than cut.
func TestKeyBar_EndsWithHelpAndQuit(t *testing.T) {
	for _, ascii := range []bool{false, true} {
		m := newTestModel(t, nil, 80, 24, Options{ASCII: ascii})
		sep := m.styles.Glyphs.Bullet
		valid := map[string]bool{"? help": true, "q quit": true}
		for _, it := range m.keys.barItems() {
			valid[m.clean(it.keys+" "+it.desc)] = true
		}
		for w := 16; w <= 250; w++ {
			m.Update(tea.WindowSizeMsg{Width: w, Height: 24})
			lines := strings.Split(screenOf(m), "\n")
			bar := lines[len(lines)-1]
			if !strings.HasSuffix(bar, "? help"+sep+"q quit") {
				t.Fatalf("ascii %v width %d: the key bar does not end with help and quit: %q", ascii, w, bar)
			}
			for _, e := range strings.Split(bar, sep) {
				if !valid[e] {
					t.Fatalf("ascii %v width %d: entry %q is cut or unknown in %q", ascii, w, e, bar)
				}
			}
		}
	}
}

// TestView_NoHints: --no-hints hides the key bar; the main pane gets its
// line; ? and q still work.
func TestView_NoHints(t *testing.T) {
	m := newTestModel(t, nil, 100, 30, Options{NoHints: true})
	runFor(m, 30*time.Second)
	s := screenOf(m)
	if strings.Contains(s, "? help") || strings.Contains(s, "q quit") {
		t.Fatalf("--no-hints still shows the key bar:\n%s", s)
	}
	lines := strings.Split(s, "\n")
	if len(lines) != 30 || !strings.HasPrefix(lines[28], IdleMarker) {
		t.Fatalf("the status bar should take the last two lines:\n%s", s)
	}
	press(m, "?")
	if m.pane != paneHelp {
		t.Fatal("? should still open the help")
	}
}

// TestModel_LightBackground: when the terminal reports a light background
// the palette follows (until then the dark one is used, and Init asks
// without waiting).
func TestModel_LightBackground(t *testing.T) {
	m := newTestModel(t, nil, 100, 30, Options{Color: true})
	runFor(m, 30*time.Second)
	const darkLabel, lightLabel = "38;2;166;173;200", "38;2;92;95;119" // palette.Dark.Label, palette.Light.Label
	if s := m.View().Content; !strings.Contains(s, darkLabel) || strings.Contains(s, lightLabel) {
		t.Fatal("before any report the dark palette is used")
	}
	m.Update(tea.BackgroundColorMsg{Color: color.White})
	if s := m.View().Content; !strings.Contains(s, lightLabel) || strings.Contains(s, darkLabel) {
		t.Fatal("after a light background report the light palette is used, in the diagram and the chrome")
	}
}
