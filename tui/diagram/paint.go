package diagram

import (
	"image/color"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	pal "podviz/tui/palette"
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

// colorPalettes are built once, at package initialisation, from the roles
// of package palette: [0] for a dark background (the default: see CHARM.md
// on not waiting for the terminal), [1] for a light one. Dim is done with
// colour, never with the faint attribute, so the contrast test holds.
var colorPalettes = [2]*palette{buildPalette(roleStyles(pal.Dark)), buildPalette(roleStyles(pal.Light))}

func roleStyles(c pal.Palette) map[styleID]lipgloss.Style {
	fg := func(col color.Color) lipgloss.Style { return lipgloss.NewStyle().Foreground(col) }
	return map[styleID]lipgloss.Style{
		stBorder:         fg(c.Border),
		stBorderOld:      fg(c.BorderOld),
		stBorderSelected: fg(c.Selected).Bold(true),
		stName:           fg(c.Text).Bold(true),
		stKind:           fg(c.Accent).Bold(true),
		stLabel:          fg(c.Label),
		stBudget:         fg(c.Info),
		stWhy:            fg(c.Busy),
		stWarn:           fg(c.Bad).Bold(true),
		stOld:            fg(c.Old),

		stStateBase + styleID(statePending):      fg(c.Label),
		stStateBase + styleID(stateCreating):     fg(c.Progress),
		stStateBase + styleID(stateRunning):      fg(c.Busy),
		stStateBase + styleID(stateReady):        fg(c.Good),
		stStateBase + styleID(stateTerminating):  fg(c.Leaving),
		stStateBase + styleID(stateErrImagePull): fg(c.Bad),
		stStateBase + styleID(stateBackOff):      fg(c.Bad).Bold(true),
		stStateBase + styleID(stateCrashLoop):    fg(c.Crash).Bold(true),
		stStateBase + styleID(stateCompleted):    fg(c.Accent),
		stStateBase + styleID(stateError):        fg(c.Bad),
		stStateBase + styleID(stateOther):        fg(c.Label),
	}
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
	// now is the snapshot's virtual time, for countdowns.
	now time.Duration
	// reserve is Options.Reserve.
	reserve Reserve
	// podRows is the most rows of pod boxes a ReplicaSet box was drawn
	// with (see metrics).
	podRows int
	// collapsed: a ReplicaSet drew glyphs in form boxes (see metrics).
	collapsed bool
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
