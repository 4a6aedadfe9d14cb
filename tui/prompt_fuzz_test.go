package tui

import (
	"strings"
	"testing"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// FuzzPrompt_Paste: whatever is pasted or typed, the prompt holds at most
// maxPromptLen printable characters, never a control character or escape,
// and its lines fit the screen.
func FuzzPrompt_Paste(f *testing.F) {
	for _, s := range []string{"kubectl get pods\n", "\x1b]52;c;cHduZWQ=\x07", "\x1b[31mred", "a\rb\tc", "\u009b2J",
		strings.Repeat("x", 2000), "kubectl kubectl scale", "日本語のテキスト", "\xff\xfe"} {
		f.Add(s, uint8(80))
	}
	f.Fuzz(func(t *testing.T, text string, width uint8) {
		m := newTestModel(t, nil, 80, 24, Options{})
		m.Update(tea.PasteMsg{Content: text})
		if m.prompt == nil {
			if strings.TrimSpace(text) != "" && strings.IndexFunc(text, unicode.IsPrint) >= 0 {
				t.Fatalf("a paste of %q opened no prompt", text)
			}
			return
		}
		typeText(m, text)
		if n := len(m.prompt.value); n > maxPromptLen {
			t.Fatalf("%d characters held", n)
		}
		for _, r := range m.prompt.value {
			if !unicode.IsPrint(r) {
				t.Fatalf("non-printable %U held", r)
			}
		}
		w := int(width)%200 + 10
		for _, l := range m.promptLines(w) {
			if ansi.StringWidth(l) > w {
				t.Fatalf("prompt line %d cells wide at %d: %q", ansi.StringWidth(l), w, l)
			}
			if strings.ContainsAny(ansi.Strip(l), "\x1b\x07\r\n") {
				t.Fatalf("control character on screen: %q", l)
			}
		}
	})
}
