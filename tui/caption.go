package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// The caption area sits between the event log and the status bar: a
// script's `say`, or a checkpoint's question and answer, shown until the
// next one. Its height is the most any caption of the script needs at this
// width, so the screen does not move when the caption changes, and the
// layout caps it (generateLayout) so it never hides the status bar or the
// keys; a caption longer than the area ends in an ellipsis.

// captionHeight is the number of rows the script's captions want at width
// w (0 without captions), computed once per width.
func (m *Model) captionHeight(w int) int {
	if m.play == nil || !m.play.hasCaptions() {
		return 0
	}
	if m.play.heightW == w && m.play.height > 0 {
		return m.play.height
	}
	h := 1
	for _, t := range m.captionTexts() {
		h = max(h, len(m.wrapCaption(t, w)))
	}
	m.play.height, m.play.heightW = h, w
	return h
}

// wrapCaption wraps a caption's text to the room beside its bar, in the
// chosen alphabet, with words kept whole where they fit.
func (m *Model) wrapCaption(text string, w int) []string {
	room := max(w-ansi.StringWidth(m.styles.Glyphs.Caption), 1)
	var out []string
	for _, para := range strings.Split(m.clean(text), "\n") {
		wrapped := ansi.Wrap(para, room, "")
		out = append(out, strings.Split(wrapped, "\n")...)
	}
	return out
}

// captionLines draws the caption area r.
func (m *Model) captionLines(r rect) []string {
	if r.H <= 0 {
		return nil
	}
	st, g := m.styles, m.styles.Glyphs
	lines := m.wrapCaption(m.captionText(), r.W)
	if len(lines) > r.H {
		// Cut, and say so: the last line that fits ends in an ellipsis.
		room := max(r.W-ansi.StringWidth(g.Caption)-ansi.StringWidth(g.Ellipsis), 1)
		lines[r.H-1] = cutWords(lines[r.H-1], room, "") + g.Ellipsis
		lines = lines[:r.H]
	}
	out := make([]string, r.H)
	if m.captionText() == "" {
		return out
	}
	for i, text := range lines {
		out[i] = fit(st.Caption.Bar.Render(g.Caption)+st.Caption.Text.Render(text), r.W)
	}
	return out
}

// tourBar replaces the key bar in a tour: where the lesson is and its
// keys, the answer keys while a question waits; "? help" and "q quit"
// always end it, and the entries before them are dropped when narrow.
func (m *Model) tourBar(w int) string {
	st := m.styles
	type item struct{ key, desc string }
	items := []item{{"", m.tourPosition()}, {m.clean("→/space"), "next"}, {m.clean("←"), "back"}}
	if c := m.play.caption; c.ask != nil && c.stop == m.tour.stop && !m.tour.answered {
		items = append(items, item{"1-" + strconv.Itoa(len(c.ask.Choices)), "answer"})
	}
	tail := []item{{"?", "help"}, {"q", "quit"}}
	render := func(its []item) string {
		parts := make([]string, len(its))
		for i, it := range its {
			if it.key == "" {
				parts[i] = st.Help.ShortDesc.Render(it.desc)
				continue
			}
			parts[i] = st.Help.ShortKey.Render(it.key) + " " + st.Help.ShortDesc.Render(it.desc)
		}
		return strings.Join(parts, st.Help.ShortSeparator.Render(st.Glyphs.Bullet))
	}
	for n := len(items); n >= 0; n-- {
		line := render(append(append([]item(nil), items[:n]...), tail...))
		if ansi.StringWidth(line) <= w || n == 0 {
			return fit(line, w)
		}
	}
	return ""
}
