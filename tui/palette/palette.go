// Package palette holds the live view's colours by role, for a dark and a
// light terminal background, and the WCAG contrast arithmetic that keeps
// them readable: every text colour has a contrast ratio of at least 4.5:1
// (WCAG AA for text) and every border at least 3:1 (WCAG's non-text
// minimum) against the backgrounds its palette is for. Dim text is dim by
// colour, never by the terminal's faint attribute, whose effect no test
// can measure (on a projector it made old ReplicaSets unreadable).
//
// The colours are Catppuccin's (Mocha for dark, Latte for light), some
// darkened or lightened until they pass.
package palette

import (
	"image/color"
	"math"
)

// Palette names a colour for each role the screen uses.
type Palette struct {
	// Text: names, the clock. Label: labels and secondary text. Old: an
	// old ReplicaSet's text, dimmer than Label.
	Text, Label, Old color.Color
	// Accent: kinds and pane titles. Selected: the selected object.
	Accent, Selected color.Color
	// Good: Ready, a running clock. Busy: a pod running but not ready, the
	// controller's "why" line, notes. Progress: ContainerCreating. Info:
	// commands, the rollout budget. Bad: failures and errors. Crash: a crash
	// loop and the way out of a stuck rollout. Leaving: Terminating.
	Good, Busy, Progress, Info, Bad, Crash, Leaving color.Color
	// Border and BorderOld draw boxes (an old ReplicaSet's is dimmer).
	Border, BorderOld color.Color
}

// Text roles, with their names for tests and error messages.
func (p Palette) TextRoles() map[string]color.Color {
	return map[string]color.Color{"Text": p.Text, "Label": p.Label, "Old": p.Old, "Accent": p.Accent,
		"Selected": p.Selected, "Good": p.Good, "Busy": p.Busy, "Progress": p.Progress, "Info": p.Info,
		"Bad": p.Bad, "Crash": p.Crash, "Leaving": p.Leaving}
}

// BorderRoles are the non-text roles.
func (p Palette) BorderRoles() map[string]color.Color {
	return map[string]color.Color{"Border": p.Border, "BorderOld": p.BorderOld}
}

func hex(s string) color.Color {
	var r, g, b uint8
	for i, v := range []*uint8{&r, &g, &b} {
		*v = fromHex(s[1+2*i])<<4 | fromHex(s[2+2*i])
	}
	return color.RGBA{r, g, b, 0xff}
}

func fromHex(c byte) uint8 {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10
	}
	panic("palette: bad hex digit " + string(c))
}

// Dark is for dark backgrounds (the default: podviz does not wait for the
// terminal to say which it has).
var Dark = Palette{
	Text: hex("#CDD6F4"), Label: hex("#A6ADC8"), Old: hex("#9399B2"),
	Accent: hex("#89B4FA"), Selected: hex("#F5C2E7"),
	Good: hex("#A6E3A1"), Busy: hex("#F9E2AF"), Progress: hex("#89DCEB"), Info: hex("#94E2D5"),
	Bad: hex("#F38BA8"), Crash: hex("#FAB387"), Leaving: hex("#CBA6F7"),
	Border: hex("#7F849C"), BorderOld: hex("#6C7086"),
}

// Light is for light backgrounds, used when the terminal reports one.
var Light = Palette{
	Text: hex("#4C4F69"), Label: hex("#5C5F77"), Old: hex("#686B81"),
	Accent: hex("#1D62ED"), Selected: hex("#9F508A"),
	Good: hex("#317C21"), Busy: hex("#976013"), Progress: hex("#0273A0"), Info: hex("#12777D"),
	Bad: hex("#D20F39"), Crash: hex("#B94808"), Leaving: hex("#8839EF"),
	Border: hex("#7C7F8F"), BorderOld: hex("#848795"),
}

// DarkBackgrounds and LightBackgrounds are what each palette is checked
// against: pure black and white, and Catppuccin's own Mocha and Latte
// bases (a typical themed terminal).
var (
	DarkBackgrounds  = []color.Color{hex("#000000"), hex("#1E1E2E")}
	LightBackgrounds = []color.Color{hex("#FFFFFF"), hex("#EFF1F5")}
)

// Minimum contrast ratios (WCAG 2.1: 1.4.3 for text, 1.4.11 for graphics).
const (
	MinTextContrast   = 4.5
	MinBorderContrast = 3.0
)

// Contrast is the WCAG 2.1 contrast ratio of two colours, from 1 (none) to
// 21 (black on white): (L1 + 0.05) / (L2 + 0.05) of their relative
// luminances, the lighter over the darker.
func Contrast(a, b color.Color) float64 {
	la, lb := Luminance(a), Luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Luminance is WCAG's relative luminance of an sRGB colour: each channel
// linearised, then weighted 0.2126 R + 0.7152 G + 0.0722 B.
func Luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
