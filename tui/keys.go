package tui

import "charm.land/bubbles/v2/key"

// KeyMap is every binding of the live view, grouped as the full help shows
// them. The help is built from these same bindings (a test checks it).
type KeyMap struct {
	// Select
	Next, Prev, Up, Down, Left, Right key.Binding
	// Act on the cluster (each one is a kubectl command)
	ScaleUp, ScaleDown, ScaleTo, SetImage, Kill, Undo, PauseRollout, Restart, Command key.Binding
	// Clock
	Clock, StepOnce, Faster, Slower key.Binding
	// Views
	Table, Events, Differences, Help, ScrollUp, ScrollDown, Close, Quit key.Binding
}

// DefaultKeyMap is the key map the issue fixes.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		Next:  b([]string{"tab"}, "tab", "next object"),
		Prev:  b([]string{"shift+tab"}, "shift+tab", "previous object"),
		Up:    b([]string{"up", "k"}, "↑/k", "select up"),
		Down:  b([]string{"down", "j"}, "↓/j", "select down"),
		Left:  b([]string{"left", "h"}, "←/h", "select left"),
		Right: b([]string{"right", "l"}, "→/l", "select right"),

		ScaleUp:      b([]string{"+", "="}, "+", "scale up"),
		ScaleDown:    b([]string{"-"}, "-", "scale down"),
		ScaleTo:      b([]string{"s"}, "s", "scale to…"),
		SetImage:     b([]string{"i"}, "i", "set image…"),
		Kill:         b([]string{"x", "ctrl+k"}, "x", "kill pod"),
		Undo:         b([]string{"u"}, "u", "rollout undo"),
		PauseRollout: b([]string{"p"}, "p", "pause/resume rollout"),
		Restart:      b([]string{"r"}, "r", "rollout restart"),
		Command:      b([]string{":"}, ":", "kubectl…"),

		Clock:    b([]string{"space"}, "space", "pause clock"),
		StepOnce: b([]string{"."}, ".", "step (paused)"),
		Faster:   b([]string{"]"}, "]", "faster"),
		Slower:   b([]string{"["}, "[", "slower"),

		Table:       b([]string{"t"}, "t", "get pods"),
		Events:      b([]string{"e"}, "e", "events"),
		Differences: b([]string{"d"}, "d", "pod vs deployment"),
		Help:        b([]string{"?"}, "?", "help"),
		ScrollUp:    b([]string{"pgup"}, "pgup", "scroll up"),
		ScrollDown:  b([]string{"pgdown"}, "pgdn", "scroll down"),
		Close:       b([]string{"esc"}, "esc", "close pane"),
		Quit:        b([]string{"q", "ctrl+c"}, "q", "quit"),
	}
}

// ShortHelp is the one-line help under the status bar.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.ScaleUp, k.ScaleDown, k.SetImage, k.Kill, k.Undo, k.Command, k.Clock, k.Table, k.Differences, k.Help, k.Quit}
}

// FullHelp is the `?` pane, one column per group.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Next, k.Prev, k.Up, k.Down, k.Left, k.Right},
		{k.ScaleUp, k.ScaleDown, k.ScaleTo, k.SetImage, k.Kill, k.Undo, k.PauseRollout, k.Restart, k.Command},
		{k.Clock, k.StepOnce, k.Faster, k.Slower},
		{k.Table, k.Events, k.Differences, k.Help, k.ScrollUp, k.ScrollDown, k.Close, k.Quit},
	}
}

// all lists every binding, for the help-honesty test and for --ascii.
func (k *KeyMap) all() []*key.Binding {
	return []*key.Binding{&k.Next, &k.Prev, &k.Up, &k.Down, &k.Left, &k.Right,
		&k.ScaleUp, &k.ScaleDown, &k.ScaleTo, &k.SetImage, &k.Kill, &k.Undo, &k.PauseRollout, &k.Restart, &k.Command,
		&k.Clock, &k.StepOnce, &k.Faster, &k.Slower,
		&k.Table, &k.Events, &k.Differences, &k.Help, &k.ScrollUp, &k.ScrollDown, &k.Close, &k.Quit}
}

// asciiHelp rewrites the help texts in 7-bit ASCII (arrows, ellipses).
func (k *KeyMap) asciiHelp() {
	for _, b := range k.all() {
		h := b.Help()
		b.SetHelp(toASCII(h.Key), toASCII(h.Desc))
	}
}
