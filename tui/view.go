package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"podviz/controller"
	"podviz/controller/kubectl"
	"podviz/tui/diagram"
)

// View draws the frame: main pane, events pane, prompt, status bar, key
// bar. Every line is cut to the width and the frame has exactly the height.
// The event log takes the rows the diagram leaves free (a newcomer learns
// from watching "Scaled up replica set …" appear), or a third of the
// screen after e.
func (m *Model) View() tea.View {
	if m.skipFrame {
		return m.lastView
	}
	var promptLines []string
	if m.prompt != nil {
		promptLines = m.promptLines(m.width)
	}
	outLines := m.scriptOutput(m.width)
	l := generateLayout(m.width, m.height, m.moreEvents, len(promptLines), m.captionHeight(m.width), len(outLines), !m.opts.NoHints)
	// The diagram is fitted to the main pane as it is without the prompt: a
	// prompt is open for a moment, and the pods should not change form
	// under it (the viewport scrolls instead).
	main := m.mainPane(l.Main, l.Main.H+l.Prompt.H)
	if !m.moreEvents && m.pane == paneDiagram && l.Events.H == 0 {
		if used := len(m.contentLines); used < l.Main.H {
			if spare := l.Main.H - used; spare >= minEventsHeight {
				main = main[:used]
				l.Events = rect{0, used, l.Main.W, spare}
			}
		}
	}
	parts := append([]string(nil), main...)
	status := -1 // the status bar's first line, where IdleMarker may show
	parts = append(parts, m.eventsPane(l.Events)...)
	parts = append(parts, cutOutput(outLines, l.Output.H, m.styles.Glyphs.Ellipsis)...)
	parts = append(parts, m.captionLines(l.Caption)...)
	parts = append(parts, promptLines[:min(len(promptLines), l.Prompt.H)]...)
	if l.Status.H > 0 {
		sb := strings.SplitN(m.statusBar(l.Status.W), "\n", l.Status.H+1)
		for len(sb) < l.Status.H {
			sb = append(sb, "")
		}
		status = len(parts)
		parts = append(parts, sb[:l.Status.H]...)
	}
	if l.Help.H > 0 {
		if m.tour != nil {
			parts = append(parts, m.tourBar(l.Help.W))
		} else {
			if m.keyBarW != l.Help.W || m.keyBarLine == "" {
				m.keyBarLine, m.keyBarW = m.keyBar(l.Help.W), l.Help.W
			}
			parts = append(parts, m.keyBarLine)
		}
	}
	for i := range parts {
		keep := -1
		if i == status && m.clockState() == clockIdle {
			keep = 0
		}
		parts[i] = unforge(parts[i], keep)
	}
	v := tea.NewView(strings.Join(parts, "\n"))
	v.AltScreen = true
	v.WindowTitle = "podviz"
	if m.opts.FrameLimit {
		m.lastFrame, m.lastView = m.wallNow(), v
	}
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
func (m *Model) mainPane(r rect, fitH int) []string {
	if r.H <= 0 {
		return nil
	}
	var content string
	switch m.pane {
	case paneTable:
		content = m.titled("kubectl get pods", kubectl.GetPods(m.snap, false))
	case paneHelp:
		content = m.helpPane(r.W)
	case paneDifferences:
		content = m.differences(r.W)
	case paneOutput:
		content = m.titled(m.output.command, foldTables(m.output.text, r.W))
	default:
		content = m.diagram(r.W, fitH)
	}
	m.vp.SetWidth(r.W)
	m.vp.SetHeight(r.H)
	if content != m.content || r.W != m.contentW { // pointer-equal strings compare in O(1)
		m.content, m.contentW = content, r.W
		if m.pane != paneDiagram {
			// Text panes wrap as a terminal would: nothing is cut off.
			content = ansi.Hardwrap(content, r.W, true)
		}
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

// scriptOutput is the strip under the diagram showing a script's command
// output: its command as a rule, then the output, tables folded to the
// width (foldTables), every line cut to it.
func (m *Model) scriptOutput(w int) []string {
	if m.scriptOut == nil || w <= 0 {
		return nil
	}
	lines := []string{m.rule("$ "+m.clean(m.scriptOut.command), w)}
	for _, l := range strings.Split(foldTables(strings.TrimRight(m.scriptOut.text, "\n"), w), "\n") {
		lines = append(lines, cut(m.clean(l), w, m.styles.Glyphs.Ellipsis))
	}
	return lines
}

// cutOutput keeps the first h lines; when some are left out, the last
// line says how many.
func cutOutput(lines []string, h int, ellipsis string) []string {
	if h <= 0 {
		return nil
	}
	if len(lines) <= h {
		return lines
	}
	out := append([]string(nil), lines[:h]...)
	out[h-1] = ellipsis + " " + strconv.Itoa(len(lines)-h+1) + " more lines"
	return out
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
			ASCII: m.opts.ASCII, Color: m.opts.Color, Light: m.light, Selected: m.selected, Cache: m.cache, Height: h,
			Reserve: m.opts.Reserve})
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
	k := eventsKey{m.snap, r, m.light}
	if k == m.eventsKey {
		return m.eventsLines
	}
	label := "events (kubectl get events --watch)"
	if d := m.snap.EventsDropped; d > 0 {
		// The log is bounded (model.MaxEvents): say that it is not whole.
		label = fmt.Sprintf("events (kubectl get events --watch; %d older not kept)", d)
	}
	title := m.rule(label, r.W)
	// The model's notices take up to a third of the pane (at least a
	// line), above the events.
	lines := noticeLines(m.snap, r.W, max((r.H-1)/3, 1), m.styles.Glyphs.Ellipsis)
	lines = append(lines, eventsTable(m.snap, r.W, r.H-1-len(lines), m.styles.Glyphs.Ellipsis)...)
	for i := range lines {
		lines[i] = cut(m.clean(lines[i]), r.W, m.styles.Glyphs.Ellipsis)
	}
	m.eventsKey, m.eventsLines = k, append([]string{title}, block(strings.Join(lines, "\n"), r.W, r.H-1)...)
	return m.eventsLines
}

// eventsKey is what the events pane shows: a snapshot in an area.
type eventsKey struct {
	snap  *controller.Snapshot
	r     rect
	light bool
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
