package tui

import (
	"strings"
	"testing"
	"time"

	"podviz/controller/kubectl"
)

// TestHelp_AcceptedCommandsParse: every command the help says ":" accepts
// parses, in the example given for it.
func TestHelp_AcceptedCommandsParse(t *testing.T) {
	for _, c := range acceptedCommands {
		if _, err := kubectl.Parse(c.example); err != nil {
			t.Errorf("help promises %q, but %q fails: %v", c.usage, c.example, err)
		}
		verb := strings.Fields(c.usage)[0]
		if !strings.HasPrefix(c.example, verb) {
			t.Errorf("example %q does not show %q", c.example, c.usage)
		}
	}
}

// TestHelp_Legend: the help explains every clock state the status bar can
// show and every pod symbol, without using the idle marker itself.
func TestHelp_Legend(t *testing.T) {
	m := newTestModel(t, nil, 120, 40, Options{})
	runFor(m, 30*time.Second)
	help := m.helpPane(120)
	for _, want := range []string{"▶ 12.5s ×1", "⏸ paused", "idle, in brackets", "#3 →", "stuck: u undoes",
		"● Ready", "◔ ContainerCreating", "✗ ErrImagePull/ImagePullBackOff", "↻ CrashLoopBackOff", "✕ Terminating"} {
		if !strings.Contains(help, want) {
			t.Errorf("help lacks %q", want)
		}
	}
	if strings.Contains(help, IdleMarker) {
		t.Errorf("the help shows %s itself: it must appear only on the status bar", IdleMarker)
	}
}
