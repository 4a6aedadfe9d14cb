package tui

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"podviz/model"
)

// frame is the tick interval: one tick message per frame at most, at the
// renderer's default 60 fps.
const frame = time.Second / 60

// maxTickGap caps the real time one tick may account for, so a suspended
// terminal does not jump the virtual clock by minutes on resume.
const maxTickGap = 250 * time.Millisecond

// tickMsg advances the virtual clock. id ties it to one tick chain, so a
// restarted chain never runs two ticks per frame.
type tickMsg struct {
	id int
	at time.Time
}

// needsTick: the clock runs and something will change by itself — a pending
// transition in the cluster or a script step still to come (one a tour
// holds back until a key does not count).
func (m *Model) needsTick() bool {
	return m.running && (!m.snap.Idle || !m.scriptDone())
}

// ensureTicking starts a tick chain if one is needed and none is alive.
// Otherwise it returns nil: a settled or paused screen gets no messages at
// all (calm).
func (m *Model) ensureTicking() tea.Cmd {
	if m.ticking || !m.needsTick() {
		return nil
	}
	m.ticking = true
	m.tickID++
	m.lastTick = time.Time{}
	return m.tick()
}

func (m *Model) tick() tea.Cmd {
	id := m.tickID
	return tea.Tick(frame, func(t time.Time) tea.Msg { return tickMsg{id: id, at: t} })
}

// onTick advances the virtual clock by the real time since the last tick ×
// speed, firing script steps on the way, and schedules the next tick only if
// there is still something to do.
func (m *Model) onTick(msg tickMsg) tea.Cmd {
	if msg.id != m.tickID || !m.ticking {
		return nil // a tick from a chain that was stopped
	}
	real := frame
	if !m.lastTick.IsZero() {
		real = min(max(msg.at.Sub(m.lastTick), 0), maxTickGap)
	}
	m.lastTick = msg.at
	if !m.needsTick() {
		m.ticking = false
		return nil
	}
	m.advance(time.Duration(float64(real) * m.speed))
	if !m.needsTick() {
		m.ticking = false
		return nil
	}
	return m.tick()
}

// advance moves the virtual clock by d, carrying out script steps as they
// come due.
func (m *Model) advance(d time.Duration) {
	m.advanceTo(m.c.Elapsed() + d)
	m.refresh()
	if m.snap.AtTimeLimit {
		m.setNote(fmt.Sprintf("the virtual clock stops at %v, podviz's limit", model.MaxVirtualTime))
	}
}

// stepOnce fires the next transition (or script step) while paused.
func (m *Model) stepOnce() {
	next, ok := m.c.NextTransition()
	if m.play != nil {
		if at, due := m.play.player.NextDue(); due && (!ok || at <= next) {
			next, ok = at, true
		} else if !ok && m.play.player.Waiting() {
			// Nothing is pending and a step waits for the cluster to
			// settle: it is due now.
			next, ok = m.c.Elapsed(), true
		}
	}
	if !ok {
		m.setNote("nothing to step to: no change is pending")
		return
	}
	m.advance(max(next-m.c.Elapsed(), 0))
}
