package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"podviz/controller/kubectl"
	"podviz/tui/diagram"
)

// View draws the frame: main pane, events pane, prompt, status bar, help.
// Every line is cut to the width and the frame has exactly the height.
func (m *Model) View() tea.View {
	l := generateLayout(m.width, m.height, m.showEvents, m.prompt != nil)
	var parts []string
	parts = append(parts, m.mainPane(l.Main)...)
	parts = append(parts, m.eventsPane(l.Events)...)
	if l.Prompt.H > 0 {
		parts = append(parts, m.promptLine(l.Prompt.W))
	}
	if l.Status.H > 0 {
		parts = append(parts, m.statusBar(l.Status.W))
	}
	if l.Help.H > 0 {
		if m.helpLineW != l.Help.W || m.helpLine == "" {
			m.help.SetWidth(l.Help.W)
			m.helpLine, m.helpLineW = fit(m.help.ShortHelpView(m.keys.ShortHelp()), l.Help.W), l.Help.W
		}
		parts = append(parts, m.helpLine)
	}
	v := tea.NewView(strings.Join(parts, "\n"))
	v.AltScreen = true
	v.WindowTitle = "podviz"
	return v
}

// fit cuts a styled line to w cells. A line never takes more cells than
// bytes, so most lines are passed by their length alone.
func fit(s string, w int) string {
	if len(s) <= w || ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "")
}

// block makes exactly h lines of at most w cells from text.
func block(text string, w, h int) []string {
	if h <= 0 {
		return nil
	}
	lines := strings.Split(text, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i := range lines {
		lines[i] = fit(lines[i], w)
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return lines
}

// mainPane shows the diagram or the pane chosen with t, ?, d or a command's
// output, scrolled by the viewport.
func (m *Model) mainPane(r rect) []string {
	if r.H <= 0 {
		return nil
	}
	var content string
	switch m.pane {
	case paneTable:
		content = m.titled("kubectl get pods", kubectl.GetPods(m.snap, false))
	case paneHelp:
		content = m.titled("keys — each action is a kubectl command; the status bar shows it", m.fullHelp(r.W))
	case paneDifferences:
		content = m.differences(r.W)
	case paneOutput:
		content = m.titled(m.output.command, m.output.text)
	default:
		content = m.diagram(r.W, r.H)
	}
	m.vp.SetWidth(r.W)
	m.vp.SetHeight(r.H)
	if content != m.content { // pointer-equal strings compare in O(1)
		m.content = content
		m.contentLines = strings.Split(content, "\n")
		m.vp.SetContentLines(m.contentLines)
	}
	if m.pane == paneDiagram {
		m.followSelection()
	}
	// The viewport keeps the scroll offset; the visible lines are sliced
	// here rather than through viewport.View, which re-wraps and re-aligns
	// every line with lipgloss on each frame (a third of a frame's cost).
	top := min(m.vp.YOffset(), max(len(m.contentLines)-1, 0))
	end := min(top+r.H, len(m.contentLines))
	lines := make([]string, r.H)
	copy(lines, m.contentLines[top:end])
	if m.pane != paneDiagram { // the diagram is drawn to the width already
		for i := range lines {
			lines[i] = fit(lines[i], r.W)
		}
	}
	return lines
}

// fullHelp lays the key groups out as columns, wrapping to a new row of
// columns when the next group does not fit: every binding stays visible at
// 80 columns (bubbles/help would drop the groups that do not fit).
func (m *Model) fullHelp(w int) string {
	m.help.SetWidth(0)
	var rows []string
	var row []string
	rowW := 0
	for _, g := range m.keys.FullHelp() {
		col := m.help.FullHelpView([][]key.Binding{g})
		cw := lipgloss.Width(col) + 4
		if len(row) > 0 && rowW+cw > w {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, rowW = nil, 0
		}
		row = append(row, lipgloss.NewStyle().PaddingRight(4).Render(col))
		rowW += cw
	}
	if len(row) > 0 {
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	}
	return strings.Join(rows, "\n\n")
}

// titled puts a pane title over text ("$ kubectl get pods").
func (m *Model) titled(title, text string) string {
	return m.styles.Pane.Title.Render("$ "+m.clean(title)) + "\n" + m.clean(strings.TrimRight(text, "\n"))
}

// clean keeps a pane's text within the chosen alphabet.
func (m *Model) clean(s string) string {
	if !m.opts.ASCII {
		return s
	}
	return toASCII(s)
}

// diagram renders the snapshot to fit w×h, reusing the last text while
// neither the snapshot, the size nor the selection changed.
func (m *Model) diagram(w, h int) string {
	k := diagramKey{m.snap, w, h, m.selected}
	if k != m.diagramKey {
		m.diagramText, m.places = diagram.Layout(m.snap, w, diagram.Options{
			ASCII: m.opts.ASCII, Color: m.opts.Color, Selected: m.selected, Cache: m.cache, Height: h})
		m.diagramKey = k
	}
	return m.diagramText
}

// followSelection scrolls so the selected object is visible: its top line,
// and a line of context above it when there is room.
func (m *Model) followSelection() {
	for _, pl := range m.places {
		if pl.UID != m.selected {
			continue
		}
		top, h := m.vp.YOffset(), m.vp.Height()
		if pl.Y < top || pl.Y >= top+h {
			m.vp.SetYOffset(max(pl.Y-1, 0))
		}
		return
	}
}

// eventsPane is the tail of `kubectl get events --watch`: newest last.
func (m *Model) eventsPane(r rect) []string {
	if r.H <= 0 {
		return nil
	}
	title := m.rule("events (kubectl get events --watch)", r.W)
	n := r.H - 2 // title and the table header
	snap := *m.snap
	if n < len(snap.Events) {
		snap.Events = snap.Events[len(snap.Events)-max(n, 0):]
	}
	text := m.clean(strings.TrimRight(kubectl.GetEvents(&snap), "\n"))
	return append([]string{title}, block(text, r.W, r.H-1)...)
}

// rule is a titled horizontal rule: "── title ─────".
func (m *Model) rule(title string, w int) string {
	g := m.styles.Glyphs.Rule
	s := g + g + " " + title + " "
	if n := w - ansi.StringWidth(s); n > 0 {
		s += strings.Repeat(g, n)
	}
	return fit(m.styles.Pane.Title.Render(s), w)
}

// promptLine is the open prompt: label, input with a cursor, then the
// inline error or the suggestions.
func (m *Model) promptLine(w int) string {
	p := m.prompt
	st := m.styles
	before, after := string(p.value[:p.cursor]), string(p.value[p.cursor:])
	cursor := "█"
	if m.opts.ASCII {
		cursor = "_"
	}
	if m.opts.Color {
		cursor = "\x1b[7m \x1b[27m"
		if after != "" {
			r := []rune(after)
			cursor, after = "\x1b[7m"+string(r[0])+"\x1b[27m", string(r[1:])
		}
	}
	s := st.Prompt.Label.Render(p.label) + m.clean(before) + cursor + m.clean(after)
	switch {
	case p.err != "":
		s += "  " + st.Prompt.Error.Render(m.clean(p.err))
	case len(p.suggestions) > 0:
		var sug []string
		for _, x := range p.suggestions {
			if p.kind == promptImage && missingImage(x) {
				sug = append(sug, st.Prompt.Missing.Render(x+" (no such tag)"))
			} else {
				sug = append(sug, st.Prompt.Suggestion.Render(m.clean(x)))
			}
		}
		hint := "  tab: "
		if p.kind == promptCommand {
			hint = "  "
		}
		s += st.Prompt.Suggestion.Render(hint) + strings.Join(sug, st.Prompt.Suggestion.Render(", "))
	}
	return fit(s, w)
}

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
	sep := st.Pane.Rule.Render(g.Sep)
	var action string
	switch {
	case m.note != "":
		s := st.Status.Note
		if m.noteIsError {
			s = st.Status.Error
		}
		action = s.Render(m.note)
	case m.lastCommand != "":
		action = st.Status.Command.Render("$ " + m.lastCommand)
		if m.lastResult != "" {
			action += " " + st.Pane.Dim.Render(g.Arrow+" "+m.lastResult)
		}
	}
	// The selected object only when it fits beside the command and its
	// result: they are what the bar teaches, and the selection is visible
	// in the diagram anyway.
	line := clock
	if sel, i := m.selection(); i >= 0 {
		withSel := clock + sep + st.Status.Selected.Render(sel.kind+"/"+sel.name)
		cmdW := 0
		if action != "" {
			cmdW = ansi.StringWidth(sep) + ansi.StringWidth(action)
		}
		if ansi.StringWidth(withSel)+cmdW <= w || action == "" {
			line = withSel
		}
	}
	if action != "" {
		line += sep + action
	}
	return fit(m.clean(line), w)
}

// fmtElapsed prints virtual time as 12.5s or 2m05.0s.
func fmtElapsed(d time.Duration) string {
	s := d.Seconds()
	if s < 60 {
		return strconv.FormatFloat(s, 'f', 1, 64) + "s"
	}
	mins := int(s) / 60
	return fmt.Sprintf("%dm%04.1fs", mins, s-float64(mins*60))
}

func fmtSpeed(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// toASCII transliterates the few non-ASCII characters of podviz's own text
// and replaces the rest, for --ascii.
func toASCII(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	s = asciiReplacer.Replace(s)
	var b strings.Builder
	for _, r := range s {
		if r > 0x7e {
			b.WriteByte('?')
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var asciiReplacer = strings.NewReplacer("·", "-", "—", "-", "–", "-", "−", "-", "…", "...", "→", "->",
	"←", "<-", "↑", "up", "↓", "down", "×", "x", "≥", ">=", "│", "|", "─", "-", "█", "#")
