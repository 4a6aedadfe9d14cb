package tui

import "time"

// The live view without a terminal: `podviz record` drives the model on
// the virtual clock alone and films its frames, so a recording is the
// same, byte for byte, every time.

// Tick moves the virtual clock by d as the running clock would in a frame
// (script steps included), if anything is pending; a paused or settled
// screen does not change.
func (m *Model) Tick(d time.Duration) {
	if m.needsTick() {
		m.advance(d)
	}
}

// Frame is the screen as the terminal would show it now: exactly the
// height, no line wider than the width.
func (m *Model) Frame() string {
	return m.View().Content
}

// Settled reports whether the status bar shows IdleMarker: nothing more
// will happen unless someone acts.
func (m *Model) Settled() bool { return m.clockState() == clockIdle }

// ScriptDone reports whether the script has no step left to come by
// itself (true without a script).
func (m *Model) ScriptDone() bool { return m.scriptDone() }

// AtTimeLimit reports whether the virtual clock has reached its limit.
func (m *Model) AtTimeLimit() bool { return m.snap.AtTimeLimit }
