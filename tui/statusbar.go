package tui

import (
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// statusBar: clock state, virtual time and speed; the selected object; the
// last action's kubectl command and result, or a note on why a key did
// nothing.
func (m *Model) statusBar(w int) string {
	k := statusKey{w, m.running, m.snap.Elapsed, m.speed, m.snap.Idle && m.scriptPos >= len(m.script),
		m.selected, m.note, m.noteIsError, m.lastCommand, m.lastResult}
	if k != m.statusKey || m.statusText == "" {
		m.statusKey, m.statusText = k, m.renderStatusBar(w)
	}
	return m.statusText
}

// statusKey is everything the status bar shows.
type statusKey struct {
	w                       int
	running                 bool
	elapsed                 time.Duration
	speed                   float64
	settled                 bool
	selected, note          string
	noteIsError             bool
	lastCommand, lastResult string
}

func (m *Model) renderStatusBar(w int) string {
	st := m.styles
	g := st.Glyphs
	var clock string
	if m.running {
		clock = st.Status.Running.Render(g.Running) + " " + st.Status.Clock.Render(fmtElapsed(m.snap.Elapsed)) +
			" " + st.Status.Running.Render("×"+fmtSpeed(m.speed))
	} else {
		clock = st.Status.Paused.Render(g.Paused+" paused") + " " + st.Status.Clock.Render(fmtElapsed(m.snap.Elapsed)) +
			" " + st.Status.Paused.Render("×"+fmtSpeed(m.speed))
	}
	if m.snap.Idle && m.scriptPos >= len(m.script) {
		clock += st.Status.Running.Render(" settled")
	}
	clock = m.clean(clock)
	sep := st.Pane.Rule.Render(m.clean(g.Sep))
	sepW := ansi.StringWidth(sep)
	sel := ""
	if s, i := m.selection(); i >= 0 {
		sel = s.kind + "/" + s.name
	}
	// The pieces, plain; each is cut at a word with an ellipsis when it must
	// be, and styled after.
	note, command, result := m.clean(m.note), "", ""
	if note == "" && m.lastCommand != "" {
		command = m.clean("$ " + m.lastCommand)
		if m.lastResult != "" {
			result = m.clean(g.Arrow + " " + m.lastResult)
		}
	}
	noteStyle := st.Status.Note
	if m.noteIsError {
		noteStyle = st.Status.Error
	}
	room := func(used string) int { return w - ansi.StringWidth(used) - sepW }

	if w >= wideStatus {
		// One line: clock, selection (when it fits beside the rest), then
		// the command and its result, or the note.
		action := ""
		switch {
		case note != "":
			action = noteStyle.Render(cutWords(note, room(clock), g.Ellipsis))
		case command != "":
			full := command + " " + result
			if ansi.StringWidth(clock)+sepW+len(full) <= w || result == "" {
				action = st.Status.Command.Render(cutWords(command, room(clock), g.Ellipsis))
				if result != "" {
					action += " " + st.Pane.Dim.Render(result)
				}
			} else {
				action = st.Status.Command.Render(cutWords(command, room(clock), g.Ellipsis))
				if r := w - ansi.StringWidth(clock) - sepW - ansi.StringWidth(action) - 1; r > 12 {
					action += " " + st.Pane.Dim.Render(cutWords(result, r, g.Ellipsis))
				}
			}
		}
		line := clock
		if sel != "" && (action == "" || ansi.StringWidth(clock)+2*sepW+len(sel)+ansi.StringWidth(action) <= w) {
			line += sep + st.Status.Selected.Render(m.clean(sel))
		}
		if action != "" {
			line += sep + action
		}
		return fit(line, w)
	}

	// Two lines. The first: clock, the result of the last action (or the
	// selection); the second: the command itself, or the note.
	first := clock
	if result != "" {
		first += sep + st.Pane.Dim.Render(cutWords(result, room(clock), g.Ellipsis))
	} else if sel != "" {
		first += sep + st.Status.Selected.Render(cutWords(m.clean(sel), room(clock), g.Ellipsis))
	}
	second := ""
	switch {
	case note != "":
		second = noteStyle.Render(cutWords(note, w, g.Ellipsis))
	case command != "":
		second = st.Status.Command.Render(cutWords(command, w, g.Ellipsis))
	}
	return fit(first, w) + "\n" + fit(second, w)
}

// cutWords shortens plain s to at most w cells at a word boundary, ending
// with the ellipsis, so nothing is cut silently and no word is cut in half
// (unless a single word is longer than the room).
func cutWords(s string, w int, ellipsis string) string {
	if w <= 0 {
		return ""
	}
	if len(s) <= w || ansi.StringWidth(s) <= w {
		return s
	}
	ew := ansi.StringWidth(ellipsis)
	if ew >= w {
		return ansi.Truncate(s, w, "")
	}
	head := ansi.Truncate(s, w-ew, "")
	if i := strings.LastIndexByte(head, ' '); i > len(head)/2 {
		head = strings.TrimRight(head[:i], " ")
	}
	return head + ellipsis
}
