package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

func screenOf(m *Model) string { return ansi.Strip(m.View().Content) }

// TestPrompt_ScaleOpensSelected: s opens with the current count selected,
// as a number field does: typing replaces it (s 6 enter scales to 6, not
// 36); enter alone keeps it; only digits are taken.
func TestPrompt_ScaleOpensSelected(t *testing.T) {
	m := newTestModel(t, nil, 100, 30, Options{})
	runFor(m, 30*time.Second)
	press(m, "s", "6", "enter")
	if m.last.command != "kubectl scale deployment/example-deployment --replicas=6" {
		t.Fatalf("s 6 enter ran %q", m.last.command)
	}
	press(m, "s")
	if !strings.Contains(screenOf(m), "type to replace") {
		t.Errorf("the selected count should say typing replaces it:\n%s", screenOf(m))
	}
	press(m, "x")
	if m.prompt.text() != "6" || m.prompt.err == "" {
		t.Errorf("a letter in the count: value %q, err %q", m.prompt.text(), m.prompt.err)
	}
	press(m, "enter")
	if m.last.command != "kubectl scale deployment/example-deployment --replicas=6" || m.last.seq != 2 {
		t.Fatalf("enter alone keeps the count: #%d %q", m.last.seq, m.last.command)
	}
	press(m, "s", "right", "2", "enter") // an arrow keeps the value and edits it
	if m.last.command != "kubectl scale deployment/example-deployment --replicas=62" {
		t.Fatalf("s → 2 enter ran %q", m.last.command)
	}
}

// TestPrompt_CommandAbsorbsKubectl: the label already says kubectl, so a
// typed or pasted leading "kubectl" is not shown twice.
func TestPrompt_CommandAbsorbsKubectl(t *testing.T) {
	m := newTestModel(t, nil, 100, 30, Options{})
	runFor(m, 30*time.Second)
	press(m, ":")
	typeText(m, "kubectl scale deployment/example-deployment --replicas=4")
	screen := screenOf(m)
	if strings.Contains(screen, "kubectl kubectl") || !strings.Contains(screen, ":kubectl scale deployment/example-deployment --replicas=4") {
		t.Fatalf("prompt shows:\n%s", screen)
	}
	press(m, "enter")
	if d := findDeployment(m.snap, "example-deployment"); d.Replicas != 4 {
		t.Fatalf("replicas %d after the command", d.Replicas)
	}
}

// TestPrompt_ClosesOnEnterWhateverTheOutcome: after a failing command the
// prompt is closed, the error is on the status bar once (the next key
// clears it), and the next ":" opens empty; up brings the line back.
func TestPrompt_ClosesOnEnterWhateverTheOutcome(t *testing.T) {
	m := newTestModel(t, nil, 100, 30, Options{})
	runFor(m, 30*time.Second)
	command(m, "scale deployment/nope --replicas=2")
	if m.prompt != nil {
		t.Fatal("the prompt stayed open after enter")
	}
	screen := screenOf(m)
	if !strings.Contains(screen, `#1 Error from server (NotFound): deployments.apps "nope" not found`) {
		t.Fatalf("the error should be on the status bar, numbered:\n%s", screen)
	}
	press(m, ":")
	if m.prompt == nil || m.prompt.text() != "" {
		t.Fatalf("the next prompt should open empty, got %q", m.prompt.text())
	}
	if strings.Contains(screenOf(m), "not found") {
		t.Fatalf("the old error stays on screen while typing:\n%s", screenOf(m))
	}
	press(m, "up")
	if m.prompt.text() != "scale deployment/nope --replicas=2" {
		t.Fatalf("up should bring back the last line, got %q", m.prompt.text())
	}
	press(m, "esc")
	command(m, "scale deployment/example-deployment --replicas=2")
	if !strings.Contains(screenOf(m), "#2 → deployment.apps/example-deployment scaled") {
		t.Fatalf("the next command is not appended to the failed one:\n%s", screenOf(m))
	}
}

// TestPrompt_Paste: a bracketed paste goes into the open prompt, or opens
// ":" with it; it is never run by itself, line breaks become spaces and
// control characters are dropped.
func TestPrompt_Paste(t *testing.T) {
	m := newTestModel(t, nil, 100, 30, Options{})
	runFor(m, 30*time.Second)
	m.Update(tea.PasteMsg{Content: "kubectl get pods\n"})
	if m.prompt == nil || m.prompt.kind != promptCommand || m.prompt.text() != "get pods " {
		t.Fatalf("paste with no prompt open: prompt %+v", m.prompt)
	}
	press(m, "enter")
	if m.pane != paneOutput || !strings.Contains(screenOf(m), "example-pod") {
		t.Fatalf("the pasted command did not run:\n%s", screenOf(m))
	}
	press(m, "esc", ":")
	typeText(m, "get ")
	m.Update(tea.PasteMsg{Content: "deploy\x1b[31mments\x07"})
	if got := m.prompt.text(); got != "get deploy[31mments" {
		t.Fatalf("paste into the prompt: %q", got)
	}
	press(m, "esc", "i")
	m.Update(tea.PasteMsg{Content: "nginx:1.27"})
	press(m, "enter")
	if m.last.command != "kubectl set image deployment/example-deployment nginx=nginx:1.27" {
		t.Fatalf("paste into the image prompt ran %q", m.last.command)
	}
}

// TestPrompt_BoundedAndLinear: 100 KB typed key by key (each followed by a
// frame, as Bubble Tea draws one per message) or pasted at once keeps at
// most maxPromptLen characters, says so, and takes well under the time
// that quadratic editing took (minutes).
func TestPrompt_BoundedAndLinear(t *testing.T) {
	m := newTestModel(t, nil, 120, 40, Options{Color: true})
	runFor(m, 30*time.Second)
	done := make(chan struct{})
	go func() {
		defer close(done)
		press(m, ":")
		chunk := strings.Repeat("get pods ", 100_000/9+1)
		for _, r := range chunk[:100_000] {
			m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
			_ = m.View()
		}
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("typing 100 KB into the prompt did not finish in a minute")
	}
	if n := len(m.prompt.value); n != maxPromptLen {
		t.Fatalf("the prompt holds %d characters, want the bound %d", n, maxPromptLen)
	}
	if !strings.Contains(screenOf(m), "input cut at 1024 characters") {
		t.Fatalf("the cut is not said:\n%s", screenOf(m))
	}
	press(m, "esc")
	m.Update(tea.PasteMsg{Content: strings.Repeat("x", 100_000)})
	if n := len(m.prompt.value); n != maxPromptLen || !m.prompt.cut {
		t.Fatalf("a 100 KB paste: %d characters, cut %v", n, m.prompt.cut)
	}
	for _, line := range strings.Split(screenOf(m), "\n") {
		if ansi.StringWidth(line) > 120 {
			t.Fatalf("a line wider than the screen: %d cells", ansi.StringWidth(line))
		}
	}
	press(m, "backspace")
	if m.prompt.cut {
		t.Error("below the bound again, the cut note should go")
	}
}

// TestProgram_QuitsUnderKeyStorm: the real program, 20,000 keys typed into
// the prompt and then ctrl+c: it quits within seconds (ctrl+c quits from
// an open prompt too).
func TestProgram_QuitsUnderKeyStorm(t *testing.T) {
	m := newTestModel(t, nil, 120, 40, Options{})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	tm.Send(keyMsg(":"))
	for i := 0; i < 20_000; i++ {
		r := rune('a' + i%26)
		tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	start := time.Now()
	tm.Send(keyMsg("ctrl+c"))
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(30*time.Second)).(*Model)
	if !fm.quitting {
		t.Fatal("ctrl+c did not quit")
	}
	t.Logf("quit %v after the last key", time.Since(start))
}

// TestProgram_QuitsAfterNavigationStorm: the real program with frame
// limiting, 20,000 arrow keys (each moves the selection, which redraws the
// diagram) and then q: q is reached within seconds, because frames are
// skipped while keys come faster than a frame.
func TestProgram_QuitsAfterNavigationStorm(t *testing.T) {
	m := newTestModel(t, nil, 160, 50, Options{FrameLimit: true})
	runFor(m, 30*time.Second)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(160, 50),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	start := time.Now()
	for i := 0; i < 20_000; i++ {
		tm.Send(keyMsg([]string{"j", "k", "l", "h"}[i%4]))
	}
	tm.Send(keyMsg("q"))
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(60*time.Second)).(*Model)
	if !fm.quitting {
		t.Fatal("q did not quit")
	}
	if d := time.Since(start); d > 4*time.Second { // 8 s without frame limiting on this machine; 0.2 s with it
		t.Fatalf("20,000 keys and q took %v", d)
	}
	t.Logf("20,000 keys and q: %v", time.Since(start))
}

// TestView_FrameLimit: with frame limiting, a key that comes sooner than a
// frame after the last frame is handled but not drawn; one repaint is
// scheduled, and it draws the latest state.
func TestView_FrameLimit(t *testing.T) {
	m := newTestModel(t, nil, 120, 40, Options{FrameLimit: true})
	// The keys below come "right after a frame" by the model's wall clock,
	// however long this machine takes between the calls.
	stopped := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	m.wallNow = func() time.Time { return stopped }
	runFor(m, 30*time.Second)
	first := screenOf(m)
	_, cmd := m.Update(keyMsg("+"))
	if cmd == nil || !m.skipFrame {
		t.Fatal("a key right after a frame should skip the frame and schedule a repaint")
	}
	if got := screenOf(m); got != first {
		t.Fatalf("the skipped frame should be the last one drawn:\n%s", got)
	}
	if d := findDeployment(m.snap, "example-deployment"); d.Replicas != 4 {
		t.Fatal("the key itself must be handled")
	}
	_, cmd2 := m.Update(keyMsg("+"))
	if m.repaintPending != true || cmd2 != nil && m.skipFrame == false {
		t.Fatal("one repaint at a time")
	}
	m.Update(repaintMsg{})
	if got := screenOf(m); !strings.Contains(got, "#2 → deployment.apps/example-deployment scaled") {
		t.Fatalf("the repaint should draw the latest state:\n%s", got)
	}
}

// TestImageSuggestions_NoDuplicates: the image prompt never offers the
// image the container runs (an untagged one is :latest), nor one twice,
// and a digest does not leave a tag in the repository's name.
func TestImageSuggestions_NoDuplicates(t *testing.T) {
	for current, want := range map[string]string{
		"nginx:latest":           "nginx:1.27 nginx:1.26 nginx:alpine nginx:9.99.9",
		"nginx":                  "nginx:1.27 nginx:1.26 nginx:alpine nginx:9.99.9",
		"nginx:9.99.9":           "nginx:1.27 nginx:1.26 nginx:latest nginx:alpine",
		"nginx:1.27@sha256:abcd": "nginx:1.27 nginx:1.26 nginx:latest nginx:alpine nginx:9.99.9",
		"registry:5000/web":      "registry:5000/web:9.99.9",
		"busybox:latest":         "busybox:9.99.9",
		"":                       "nginx:1.27 nginx:1.26 nginx:latest nginx:alpine nginx:9.99.9",
	} {
		if got := strings.Join(imageSuggestions(current), " "); got != want {
			t.Errorf("imageSuggestions(%q) = %s, want %s", current, got, want)
		}
	}
}
