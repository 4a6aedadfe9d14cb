package tui

import (
	"strings"
	"testing"

	"podviz/termsafe"
)

// TestRun_ErrorQuotingInputIsEscaped: a kubectl line's error quotes what
// was typed; the status bar shows it escaped, on one line.
func TestRun_ErrorQuotingInputIsEscaped(t *testing.T) {
	for _, line := range []string{
		"get pods -\x1b]52;c;cHduZWQx\a",
		"scale deployment/example-deployment --replicas=2 '--x\ny'",
		"apply -f a.yaml '\x1b[2J'",
	} {
		m := newTestModel(t, nil, 120, 40, Options{})
		if err := m.run(line, "prompt"); err == nil {
			t.Fatalf("%q: no error", line)
		}
		if !termsafe.IsSafe(m.note, false) || strings.Contains(m.View().Content, "\x1b]52") {
			t.Errorf("%q: note %q is not escaped", line, m.note)
		}
	}
}
