package tui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Styles is every style of the live view's chrome, grouped by pane, built
// once in New from a palette (colour or none). The diagram has its own
// palette in package diagram.
type Styles struct {
	Status struct {
		Bar, Clock, Running, Paused, Selected, Command, Error, Note lipgloss.Style
	}
	Pane struct {
		Title, Rule, Body, Dim lipgloss.Style
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
	Running, Paused, Sep, Rule, Ellipsis, Arrow string
}

var (
	unicodeChrome = Glyphs{Running: "▶", Paused: "⏸", Sep: " │ ", Rule: "─", Ellipsis: "…", Arrow: "→"}
	asciiChrome   = Glyphs{Running: ">", Paused: "||", Sep: " | ", Rule: "-", Ellipsis: "~", Arrow: "->"}
)

func newStyles(colour, ascii bool) Styles {
	var s Styles
	s.Glyphs = unicodeChrome
	if ascii {
		s.Glyphs = asciiChrome
	}
	plain := lipgloss.NewStyle()
	if !colour {
		s.Status.Bar, s.Status.Clock, s.Status.Running, s.Status.Paused = plain, plain.Bold(true), plain, plain.Bold(true)
		s.Status.Selected, s.Status.Command, s.Status.Error, s.Status.Note = plain, plain, plain.Bold(true), plain
		s.Pane.Title, s.Pane.Rule, s.Pane.Body, s.Pane.Dim = plain.Bold(true), plain, plain, plain
		s.Prompt.Label, s.Prompt.Error, s.Prompt.Suggestion, s.Prompt.Missing = plain.Bold(true), plain.Bold(true), plain, plain
		s.Help = help.Styles{
			ShortKey: plain.Bold(true), ShortDesc: plain, ShortSeparator: plain,
			FullKey: plain.Bold(true), FullDesc: plain, FullSeparator: plain, Ellipsis: plain,
		}
		return s
	}
	c := func(hex string) color.Color { return lipgloss.Color(hex) }
	fg := func(hex string) lipgloss.Style { return plain.Foreground(c(hex)) }
	s.Status.Bar = plain
	s.Status.Clock = fg("#CDD6F4").Bold(true)
	s.Status.Running = fg("#A6E3A1")
	s.Status.Paused = fg("#F9E2AF").Bold(true)
	s.Status.Selected = fg("#F5C2E7")
	s.Status.Command = fg("#94E2D5")
	s.Status.Error = fg("#F38BA8").Bold(true)
	s.Status.Note = fg("#F9E2AF")
	s.Pane.Title = fg("#89B4FA").Bold(true)
	s.Pane.Rule = fg("#45475A")
	s.Pane.Body = plain
	s.Pane.Dim = fg("#7F849C")
	s.Prompt.Label = fg("#89B4FA").Bold(true)
	s.Prompt.Error = fg("#F38BA8")
	s.Prompt.Suggestion = fg("#7F849C")
	s.Prompt.Missing = fg("#F38BA8").Faint(true)
	s.Help = help.DefaultDarkStyles()
	return s
}
