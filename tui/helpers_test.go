package tui

import (
	"io"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"podviz/controller"
	"podviz/model"
)

// newTestModel builds the live view on the article example (or files) with
// seed 1, sized w×h, the clock running.
func newTestModel(tb testing.TB, files []string, w, h int, opts Options) *Model {
	tb.Helper()
	var objs *model.Objects
	var err error
	if len(files) == 0 {
		objs, err = model.LoadDefault()
	} else {
		objs, err = model.Load(files, nil, io.Discard)
	}
	if err != nil {
		tb.Fatal(err)
	}
	c, err := controller.New(objs, controller.Options{Seed: 1})
	if err != nil {
		tb.Fatal(err)
	}
	m := New(c, opts)
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// keyMsg turns a key name as bubbletea prints it ("enter", "shift+tab",
// "ctrl+k", "x") into a key press.
func keyMsg(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "ctrl+k":
		return tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(s)
	return tea.KeyPressMsg{Code: r[0], Text: s}
}

// press sends keys in order.
func press(m *Model, keys ...string) {
	for _, k := range keys {
		m.Update(keyMsg(k))
	}
}

// typeText types a string into the open prompt.
func typeText(m *Model, s string) {
	for _, r := range s {
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// command runs a line through the ":" prompt, as a user would type it.
func command(m *Model, line string) {
	press(m, ":")
	typeText(m, line)
	press(m, "enter")
}

// runFor advances the virtual clock by d as ticks would.
func runFor(m *Model, d time.Duration) { m.advance(d) }

// ioPipe is an input that never sends anything until closed.
func ioPipe() (*io.PipeReader, *io.PipeWriter) { return io.Pipe() }
