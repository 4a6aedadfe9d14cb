package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// promptLines draws the open prompt in one line — label, input with a
// cursor, then the inline error or the suggestions — or two when the
// suggestions do not fit beside the input. Only the part of the input
// around the cursor that fits is drawn, so a frame costs the same however
// long the input is.
func (m *Model) promptLines(w int) []string {
	p := m.prompt
	st := m.styles
	g := st.Glyphs
	label := st.Prompt.Label.Render(m.clean(p.label))
	labelW := ansi.StringWidth(m.clean(p.label))

	var after string // plain text after the input
	switch {
	case p.err != "":
		after = p.err
	case p.cut:
		after = "input cut at " + strconv.Itoa(maxPromptLen) + " characters"
	case p.selected:
		after = "type to replace, enter to keep"
	}
	after = m.clean(after)
	afterW := 0
	if after != "" {
		afterW = 2 + ansi.StringWidth(after)
	}

	// The window of the input that fits, keeping the cursor in view; an
	// ellipsis marks what is scrolled out on either side.
	room := max(w-labelW-afterW-1, 4)
	v := []rune(unmark(string(p.value))) // same runes, so the cursor still fits
	start, end := 0, len(v)
	if len(v)+1 > room {
		start = max(0, p.cursor-(room-2))
		end = min(len(v), start+room-1)
	}
	before, under, rest := string(v[start:p.cursor]), "", string(v[p.cursor:end])
	if rest != "" {
		r := []rune(rest)
		under, rest = string(r[0]), string(r[1:])
	}
	if start > 0 {
		before = g.Ellipsis + string([]rune(before)[min(1, len([]rune(before))):])
	}
	if end < len(v) {
		rest += g.Ellipsis
	}
	before, under, rest = m.clean(before), m.clean(under), m.clean(rest)

	var input string
	switch {
	case p.selected && m.opts.Color:
		input = "\x1b[7m" + before + under + rest + "\x1b[27m"
	case p.selected:
		input = "[" + before + under + rest + "]"
	case m.opts.Color:
		if under == "" {
			under = " "
		}
		input = before + "\x1b[7m" + under + "\x1b[27m" + rest
	default:
		cursor := "█"
		if m.opts.ASCII {
			cursor = "_"
		}
		input = before + cursor + under + rest
	}
	first := label + input
	if after != "" {
		sty := st.Prompt.Suggestion
		if p.err != "" || p.cut {
			sty = st.Prompt.Error
		}
		first += "  " + sty.Render(after)
	}
	if len(p.suggestions) == 0 || p.err != "" {
		return []string{fit(first, w)}
	}

	// Suggestions: beside the input when they fit, else on a line of their
	// own, as many as fit and a count of the rest.
	hint := "tab: "
	if p.kind == promptCommand {
		hint = ""
	}
	plain := func(x string) string {
		if p.kind == promptImage && missingImage(x) {
			return x + " (no such tag)"
		}
		return x
	}
	var items []string
	for _, x := range p.suggestions {
		items = append(items, m.clean(plain(x)))
	}
	render := func(items []string, more int) (string, int) {
		var parts []string
		for i, x := range items {
			sty := st.Prompt.Suggestion
			if p.kind == promptImage && missingImage(p.suggestions[i]) {
				sty = st.Prompt.Missing
			}
			parts = append(parts, sty.Render(x))
		}
		text := st.Prompt.Suggestion.Render(hint) + strings.Join(parts, st.Prompt.Suggestion.Render(", "))
		width := ansi.StringWidth(hint) + ansi.StringWidth(strings.Join(items, ", "))
		if more > 0 {
			tail := " (+" + strconv.Itoa(more) + " more)"
			text += st.Prompt.Suggestion.Render(tail)
			width += len(tail)
		}
		return text, width
	}
	total := len(items) + p.more
	for n := len(items); n > 0; n-- {
		text, width := render(items[:n], total-n)
		if ansi.StringWidth(first)+2+width <= w && n == len(items) {
			return []string{fit(first+"  "+text, w)}
		}
		if width <= w {
			return []string{fit(first, w), text}
		}
	}
	text, _ := render(items[:1], total-1)
	return []string{fit(first, w), fit(text, w)}
}
