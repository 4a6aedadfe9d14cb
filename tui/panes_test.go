package tui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDifferences_NoBarePod: with no bare Pod loaded, the Pod vs Deployment
// pane does not ask the user to select one; it says what a bare Pod would do
// and where to find one.
func TestDifferences_NoBarePod(t *testing.T) {
	m := newTestModel(t, []string{filepath.Join("..", "testdata", "examples", "sidecar.yaml")}, 120, 40, Options{})
	runFor(m, 30*time.Second)
	got := m.differences(120)
	if strings.Contains(got, "select the Pod") {
		t.Errorf("the pane asks to select a Pod that is not there:\n%s", got)
	}
	if !strings.Contains(got, "nothing would bring one back") {
		t.Errorf("the pane does not say where a bare Pod is:\n%s", got)
	}
}
