package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"

	"podviz/tui/palette"
)

// Styles is every style of the live view's chrome, grouped by pane, built
// once from a palette (dark, light, or none for --no-color). The diagram
// draws from the same palette roles in package diagram.
type Styles struct {
	Status struct {
		Bar, Clock, Running, Paused, Idle, Selected, Command, Error, Note, Hint lipgloss.Style
	}
	Pane struct {
		Title, Rule, Body, Dim lipgloss.Style
	}
	// Caption is a script's caption: its bar and its text.
	Caption struct {
		Bar, Text lipgloss.Style
	}
	Prompt struct {
		Label, Error, Suggestion, Missing lipgloss.Style
	}
	Help help.Styles
	// Glyphs for the chrome, ASCII or not.
	Glyphs Glyphs
}

// Glyphs are the chrome's few symbols.
type Glyphs struct {
	Running, Paused, Sep, Rule, Ellipsis, Arrow, Bullet string
	// Caption starts each line of a caption; Right and Wrong mark a
	// checkpoint's verdict.
	Caption, Right, Wrong string
}

var (
	unicodeChrome = Glyphs{Running: "▶", Paused: "⏸", Sep: " │ ", Rule: "─", Ellipsis: "…", Arrow: "→", Bullet: " • ",
		Caption: "▌ ", Right: "✓", Wrong: "✗"}
	asciiChrome = Glyphs{Running: ">", Paused: "||", Sep: " | ", Rule: "-", Ellipsis: "~", Arrow: "->", Bullet: " | ",
		Caption: ">> ", Right: "+", Wrong: "x"}
)

// newStyles builds the chrome's styles: without colour, emphasis is bold
// alone; with colour, from the dark or the light palette.
func newStyles(colour, ascii, light bool) Styles {
	var s Styles
	s.Glyphs = unicodeChrome
	if ascii {
		s.Glyphs = asciiChrome
	}
	plain := lipgloss.NewStyle()
	if !colour {
		s.Status.Bar, s.Status.Clock, s.Status.Running, s.Status.Paused = plain, plain.Bold(true), plain, plain.Bold(true)
		s.Status.Idle, s.Status.Hint = plain.Bold(true), plain.Bold(true)
		s.Status.Selected, s.Status.Command, s.Status.Error, s.Status.Note = plain, plain, plain.Bold(true), plain
		s.Pane.Title, s.Pane.Rule, s.Pane.Body, s.Pane.Dim = plain.Bold(true), plain, plain, plain
		s.Caption.Bar, s.Caption.Text = plain.Bold(true), plain.Bold(true)
		s.Prompt.Label, s.Prompt.Error, s.Prompt.Suggestion, s.Prompt.Missing = plain.Bold(true), plain.Bold(true), plain, plain
		s.Help = help.Styles{
			ShortKey: plain.Bold(true), ShortDesc: plain, ShortSeparator: plain,
			FullKey: plain.Bold(true), FullDesc: plain, FullSeparator: plain, Ellipsis: plain,
		}
		return s
	}
	c := palette.Dark
	if light {
		c = palette.Light
	}
	fg := plain.Foreground
	s.Status.Bar = plain
	s.Status.Clock = fg(c.Text).Bold(true)
	s.Status.Running = fg(c.Good)
	s.Status.Paused = fg(c.Busy).Bold(true)
	s.Status.Idle = fg(c.Accent).Bold(true)
	s.Status.Selected = fg(c.Selected)
	s.Status.Command = fg(c.Info)
	s.Status.Error = fg(c.Bad).Bold(true)
	s.Status.Note = fg(c.Busy)
	s.Status.Hint = fg(c.Crash).Bold(true)
	s.Pane.Title = fg(c.Accent).Bold(true)
	s.Pane.Rule = fg(c.Border)
	s.Pane.Body = plain
	s.Pane.Dim = fg(c.Label)
	s.Caption.Bar = fg(c.Accent).Bold(true)
	s.Caption.Text = fg(c.Text).Bold(true)
	s.Prompt.Label = fg(c.Accent).Bold(true)
	s.Prompt.Error = fg(c.Bad)
	s.Prompt.Suggestion = fg(c.Label)
	s.Prompt.Missing = fg(c.Bad)
	s.Help = help.Styles{
		ShortKey: fg(c.Text).Bold(true), ShortDesc: fg(c.Label), ShortSeparator: fg(c.Border),
		FullKey: fg(c.Text).Bold(true), FullDesc: fg(c.Label), FullSeparator: fg(c.Border), Ellipsis: fg(c.Label),
	}
	return s
}
