package tui

import "strings"

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
