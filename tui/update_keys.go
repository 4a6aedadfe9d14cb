package tui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// onKey routes a key: to the open prompt first, then to the bindings.
//
// ctrl+c quits from anywhere, an open prompt included, so a flood of keys
// cannot trap the user. A note, and an action's error, are shown until the
// next key.
func (m *Model) onKey(k tea.KeyPressMsg) tea.Cmd {
	if k.String() == "ctrl+c" {
		m.quitting = true
		return tea.Quit
	}
	m.note = ""
	if m.last.err != "" {
		m.last = actionResult{seq: m.last.seq}
	}
	if m.prompt != nil {
		m.onPromptKey(k)
		return m.ensureTicking()
	}
	if m.tour != nil && m.onTourKey(k.String()) {
		return m.ensureTicking()
	}
	km := m.keys
	switch {
	case key.Matches(k, km.Quit):
		m.quitting = true
		return tea.Quit
	case key.Matches(k, km.Close):
		if m.pane == paneDiagram && !m.moreEvents {
			m.setNote("nothing to close; q quits")
		}
		m.pane = paneDiagram
		m.moreEvents = false
	case key.Matches(k, km.Next):
		m.moveSelection(1)
	case key.Matches(k, km.Prev):
		m.moveSelection(-1)
	case key.Matches(k, km.Up):
		m.moveSpatial(dirUp)
	case key.Matches(k, km.Down):
		m.moveSpatial(dirDown)
	case key.Matches(k, km.Left):
		m.moveSpatial(dirLeft)
	case key.Matches(k, km.Right):
		m.moveSpatial(dirRight)
	case key.Matches(k, km.ScrollUp):
		m.vp.PageUp()
	case key.Matches(k, km.ScrollDown):
		m.vp.PageDown()

	case key.Matches(k, km.ScaleUp):
		m.scaleBy(1)
	case key.Matches(k, km.ScaleDown):
		m.scaleBy(-1)
	case key.Matches(k, km.ScaleTo):
		if d, why := m.targetDeployment(); d == nil {
			m.setNote(why)
		} else {
			m.prompt = &prompt{kind: promptScale, deployment: d.Name, namespace: d.Namespace,
				label: fmt.Sprintf("replicas for deployment/%s: ", d.Name)}
			m.prompt.set(strconv.Itoa(int(d.Replicas)))
			m.prompt.selected = true // a number field: typing replaces the current count
		}
	case key.Matches(k, km.SetImage):
		if d, why := m.targetDeployment(); d == nil {
			m.setNote(why)
		} else {
			m.prompt = &prompt{kind: promptImage, deployment: d.Name, namespace: d.Namespace, targets: templateContainers(d)}
			m.prompt.target(0)
		}
	case key.Matches(k, km.Kill):
		m.kill()
	case key.Matches(k, km.Crash):
		m.crash()
	case key.Matches(k, km.FailProbe):
		m.failProbe()
	case key.Matches(k, km.Undo):
		m.rollout("undo")
	case key.Matches(k, km.PauseRollout):
		m.togglePause()
	case key.Matches(k, km.Restart):
		m.rollout("restart")
	case key.Matches(k, km.Command):
		m.prompt = &prompt{kind: promptCommand, label: ":kubectl ", histPos: len(m.history)}

	case key.Matches(k, km.Clock):
		m.running = !m.running
		if !m.running {
			m.ticking = false // the chain dies at its next tick
			m.tickID++
		}
	case key.Matches(k, km.StepOnce):
		if m.running {
			m.setNote("'.' steps while the clock is paused: press space first")
		} else {
			m.stepOnce()
		}
	case key.Matches(k, km.Faster):
		if m.speed*2 > maxSpeed {
			m.setNote(fmt.Sprintf("already at the fastest speed (×%s)", fmtSpeed(m.speed)))
		} else {
			m.speed *= 2
		}
	case key.Matches(k, km.Slower):
		if m.speed/2 < minSpeed {
			m.setNote(fmt.Sprintf("already at the slowest speed (×%s)", fmtSpeed(m.speed)))
		} else {
			m.speed /= 2
		}

	case key.Matches(k, km.Table):
		m.togglePane(paneTable)
	case key.Matches(k, km.Events):
		m.moreEvents = !m.moreEvents
	case key.Matches(k, km.Differences):
		m.togglePane(paneDifferences)
	case key.Matches(k, km.Help):
		m.togglePane(paneHelp)
	default:
		if s := k.String(); s != "" {
			m.setNote(fmt.Sprintf("%q does nothing here; ? shows the keys", s))
		}
	}
	return m.ensureTicking()
}

func (m *Model) togglePane(p pane) {
	if m.pane == p {
		m.pane = paneDiagram
		return
	}
	m.pane = p
	m.vp.GotoTop()
}

// onPromptKey edits, completes, browses history, submits or cancels. Enter
// always closes the prompt, whatever the outcome: the result (or the
// error) is on the status bar, and the next prompt opens empty (up brings
// the last line back).
func (m *Model) onPromptKey(k tea.KeyPressMsg) {
	p := m.prompt
	switch k.String() {
	case "esc":
		m.prompt = nil
		return
	case "enter":
		m.prompt = nil
		line, err := p.commandLine()
		if err != nil {
			m.setNote(err.Error())
			return
		}
		if p.kind == promptCommand && (len(m.history) == 0 || m.history[len(m.history)-1] != line) {
			m.history = append(m.history, line)
		}
		_ = m.run(line, "prompt")
		return
	case "tab":
		switch p.kind {
		case promptCommand:
			p.complete(m.snap)
		case promptImage:
			if len(p.suggestions) > 0 {
				i := slicesIndex(p.suggestions, p.text())
				p.set(p.suggestions[(i+1)%len(p.suggestions)])
			}
		}
		return
	case "up", "down":
		if (p.kind == promptImage || p.kind == promptPick) && len(p.targets) > 1 {
			step := 1
			if k.String() == "up" {
				step = len(p.targets) - 1
			}
			if p.kind == promptPick {
				p.pick((p.at + step) % len(p.targets))
				m.container = p.container
				return
			}
			p.target((p.at + step) % len(p.targets))
			m.container = p.container
			return
		}
	}
	switch k.String() {
	case "up":
		if p.kind == promptCommand && p.histPos > 0 {
			p.histPos--
			p.set(m.history[p.histPos])
		}
		return
	case "down":
		if p.kind == promptCommand && p.histPos < len(m.history) {
			p.histPos++
			if p.histPos == len(m.history) {
				p.set("")
			} else {
				p.set(m.history[p.histPos])
			}
		}
		return
	}
	p.edit(k)
}

// onPaste takes a bracketed paste: into the open prompt, or into a new ":"
// prompt (a kubectl command copied from a tutorial), never run by itself.
func (m *Model) onPaste(text string) tea.Cmd {
	if m.prompt == nil {
		if strings.TrimSpace(text) == "" {
			return nil
		}
		m.note = ""
		m.prompt = &prompt{kind: promptCommand, label: ":kubectl ", histPos: len(m.history)}
	}
	m.prompt.insert(text)
	m.prompt.err = ""
	return nil
}

func slicesIndex(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}
