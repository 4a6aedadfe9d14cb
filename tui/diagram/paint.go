package diagram

import (
	"image/color"
	"strings"

	"charm.land/lipgloss/v2"
)

// styleID names a role, not a colour: components say what a piece of text
// is, and the palette decides how it looks.
type styleID uint8

const (
	stPlain styleID = iota
	stBorder
	stBorderOld
	stBorderSelected
	stName
	stKind
	stLabel
	stBudget
	stWhy
	stWarn
	stOld
	stStateBase // stStateBase + podState: one style per pod state
	numStyles   = stStateBase + styleID(numStates)
)

// palette holds, per style, the escape sequence that opens it and the one
// that closes it, rendered once from lipgloss styles. Painting a span is then
// a concatenation, not a style.Render call (CHARM.md measured that styling is
// the cost).
type palette struct {
	open  [numStyles]string
	close [numStyles]string
}

// noColor is the palette of `--no-color` and NO_COLOR: every style
// is empty, and states stay apart by symbol and word alone.
var noColor = &palette{}

// colorPalette is built once, at package initialisation, from one set of
// lipgloss styles (a dark-terminal palette; see CHARM.md on not probing the
// background).
var colorPalette = buildPalette(map[styleID]lipgloss.Style{
	stBorder:         fg("#6C7086"),
	stBorderOld:      fg("#45475A").Faint(true),
	stBorderSelected: fg("#F5C2E7").Bold(true),
	stName:           fg("#CDD6F4").Bold(true),
	stKind:           fg("#89B4FA").Bold(true),
	stLabel:          fg("#7F849C"),
	stBudget:         fg("#94E2D5"),
	stWhy:            fg("#F9E2AF"),
	stWarn:           fg("#F38BA8").Bold(true),
	stOld:            fg("#6C7086").Faint(true),

	stStateBase + styleID(statePending):      fg("#9399B2"),
	stStateBase + styleID(stateCreating):     fg("#89DCEB"),
	stStateBase + styleID(stateRunning):      fg("#F9E2AF"),
	stStateBase + styleID(stateReady):        fg("#A6E3A1"),
	stStateBase + styleID(stateTerminating):  fg("#CBA6F7"),
	stStateBase + styleID(stateErrImagePull): fg("#F38BA8"),
	stStateBase + styleID(stateBackOff):      fg("#F38BA8").Bold(true),
	stStateBase + styleID(stateCrashLoop):    fg("#FAB387").Bold(true),
	stStateBase + styleID(stateCompleted):    fg("#89B4FA"),
	stStateBase + styleID(stateError):        fg("#F38BA8"),
	stStateBase + styleID(stateOther):        fg("#9399B2"),
})

func fg(hex string) lipgloss.Style {
	var c color.Color = lipgloss.Color(hex)
	return lipgloss.NewStyle().Foreground(c)
}

func buildPalette(styles map[styleID]lipgloss.Style) *palette {
	p := &palette{}
	for id, st := range styles {
		const marker = "\u2063" // invisible separator: never part of a style's own codes
		out := st.Render(marker)
		if i := strings.Index(out, marker); i >= 0 {
			p.open[id] = out[:i]
			p.close[id] = out[i+len(marker):]
		}
	}
	return p
}

func stateStyle(s podState) styleID { return stStateBase + styleID(s) }

// painter carries what one Render decided once: the glyph set and the
// palette. Everything textual goes through it, so ASCII mode and control
// character removal cannot be forgotten by a component.
type painter struct {
	g     *glyphSet
	pal   *palette
	ascii bool
	plan  plan
}

// text prepares a string for the screen: control characters dropped, and
// transliterated to ASCII in ASCII mode.
func (p *painter) text(s string) string {
	s = clean(s)
	if p.ascii {
		s = asciify(s)
	}
	return s
}

// span is a run of styled text whose width is known.
type span struct {
	s string
	w int
}

// line builds one row of styled text and tracks its width as it grows.
type line struct {
	b strings.Builder
	w int
}

// add appends s (made safe by the painter) in style st.
func (l *line) add(p *painter, st styleID, s string) *line {
	s = p.text(s)
	return l.addRaw(p, st, s, cellWidth(s))
}

// addRaw appends text the renderer made itself (glyphs), with its width.
func (l *line) addRaw(p *painter, st styleID, s string, w int) *line {
	if s == "" {
		return l
	}
	l.b.WriteString(p.pal.open[st])
	l.b.WriteString(s)
	l.b.WriteString(p.pal.close[st])
	l.w += w
	return l
}

func (l *line) span() span { return span{l.b.String(), l.w} }
