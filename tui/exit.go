package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// ExitWhen is what the live view waits for before it quits by itself.
type ExitWhen uint8

const (
	// ExitNever: only q quits.
	ExitNever ExitWhen = iota
	// ExitWhenSettled: quit once the status bar shows IdleMarker (the
	// cluster settled, no script step to come).
	ExitWhenSettled
	// ExitAfterScript: quit once the script's last step has run.
	ExitAfterScript
)

// ExitRule quits the live view by itself, Delay (real time: how long the
// last screen stays) after When holds, for a recorded demo: the program
// ends, the terminal is restored, and a vhs tape ends on a plain Wait for
// the shell's prompt. If the condition stops holding meanwhile (a key acts
// on the cluster), the quit is called off until it holds again.
type ExitRule struct {
	When  ExitWhen
	Delay time.Duration
}

// exitMsg is the end of an exit delay.
type exitMsg struct{ id int }

// exitDue reports whether the exit rule's condition holds now.
func (m *Model) exitDue() bool {
	switch m.opts.Exit.When {
	case ExitWhenSettled:
		return m.clockState() == clockIdle
	case ExitAfterScript:
		return m.play == nil || m.play.player.Done()
	}
	return false
}

// checkExit schedules the quit when the exit rule's condition starts to
// hold, and calls it off when it stops.
func (m *Model) checkExit() tea.Cmd {
	if m.opts.Exit.When == ExitNever || m.quitting {
		return nil
	}
	if !m.exitDue() {
		if m.exitPending {
			m.exitPending = false
			m.exitID++
		}
		return nil
	}
	if m.exitPending {
		return nil
	}
	m.exitPending = true
	m.exitID++
	id := m.exitID
	return tea.Tick(m.opts.Exit.Delay, func(time.Time) tea.Msg { return exitMsg{id} })
}

// onExit quits if the delay that ended is the current one and the
// condition still holds.
func (m *Model) onExit(msg exitMsg) tea.Cmd {
	if msg.id != m.exitID || !m.exitPending || !m.exitDue() {
		return nil
	}
	m.quitting = true
	return tea.Quit
}
