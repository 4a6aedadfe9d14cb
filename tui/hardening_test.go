package tui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"podviz/model"
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
		if !termsafe.IsSafe(m.last.err, false) || !termsafe.IsSafe(m.last.command, false) || strings.Contains(m.View().Content, "\x1b]52") {
			t.Errorf("%q: error %q, command %q are not escaped", line, m.last.err, m.last.command)
		}
	}
}

// TestAdvance_StopsAtTheTimeLimit: the live clock stops at
// model.MaxVirtualTime, says so, and stops ticking.
func TestAdvance_StopsAtTheTimeLimit(t *testing.T) {
	m := newTestModel(t, nil, 120, 40, Options{})
	m.advance(model.MaxVirtualTime + time.Hour)
	if got := m.Snapshot().Elapsed; got != model.MaxVirtualTime {
		t.Errorf("clock at %v, want %v", got, model.MaxVirtualTime)
	}
	if !strings.Contains(m.note, "the virtual clock stops at 24h0m0s") || m.needsTick() {
		t.Errorf("note %q, needsTick %v", m.note, m.needsTick())
	}
}

type fullDisk struct{ writes int }

func (f *fullDisk) Write(p []byte) (int, error) {
	f.writes++
	return 0, errors.New("no space left on device")
}

// TestModel_TranscriptWriteError: a failed transcript write is said on the
// status bar, once; the transcript is not written again.
func TestModel_TranscriptWriteError(t *testing.T) {
	w := &fullDisk{}
	m := newTestModel(t, nil, 120, 40, Options{Transcript: w})
	press(m, "+")
	if !strings.Contains(m.note, "the transcript could not be written: no space left on device") {
		t.Errorf("note %q", m.note)
	}
	press(m, "+")
	if w.writes != 1 {
		t.Errorf("%d writes, want 1", w.writes)
	}
}

// TestEventsPane_SaysWhenTheLogDroppedEvents: a bounded view of the log
// says it is not whole.
func TestEventsPane_SaysWhenTheLogDroppedEvents(t *testing.T) {
	m := newTestModel(t, nil, 120, 40, Options{})
	snap := *m.Snapshot()
	snap.EventsDropped = 1234
	m.snap = &snap
	lines := m.eventsPane(rect{W: 120, H: 10})
	if len(lines) == 0 || !strings.Contains(lines[0], "1234 older not kept") {
		t.Errorf("events pane title %q does not say 1234 events were dropped", lines)
	}
}
