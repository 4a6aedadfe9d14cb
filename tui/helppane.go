package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"podviz/tui/diagram"
)

// acceptedCommands is what the ":" prompt understands, as the help lists
// it; each example is checked against the kubectl parser by a test, so the
// list cannot promise a command that fails.
var acceptedCommands = []struct{ usage, example string }{
	{"scale deployment/NAME --replicas=N", "scale deployment/example-deployment --replicas=5"},
	{"set image deployment/NAME CONTAINER=IMAGE", "set image deployment/example-deployment nginx=nginx:1.27"},
	{"delete pod NAME | -l SELECTOR [--grace-period=N] [--force]", "delete pod -l app=nginx --grace-period=5"},
	{"delete deployment NAME", "delete deployment example-deployment"},
	{"rollout undo [--to-revision=N] | pause | resume | restart deployment/NAME", "rollout undo deployment/example-deployment --to-revision=1"},
	{"rollout status | history deployment/NAME", "rollout history deployment/example-deployment"},
	{"apply -f FILE", "apply -f testdata/crashloop.yaml"},
	{"get pods | deployments | replicasets | events [-o wide]", "get replicasets -o wide"},
}

// helpPane is the ? pane: every key with what it does and the kubectl
// command it stands for (the same rows as the README's table), what each
// symbol on screen means, how to read the status bar, and what ":"
// accepts.
func (m *Model) helpPane(w int) string {
	st := m.styles
	var b strings.Builder
	heading := func(s string) { b.WriteString("\n" + st.Pane.Title.Render(m.clean(s)) + "\n") }
	b.WriteString(st.Pane.Title.Render(m.clean("help — pgdn: more, esc: close")) + "\n")
	b.WriteString(wrapIndent(m.clean("Each key that acts runs the kubectl command beside it; the status bar shows the one that ran."), w, 0) + "\n")
	if m.tour != nil {
		heading("the tour")
		for _, r := range [][2]string{
			{"→ / space", "the next stop; while a stop still plays, the rest of it at once"},
			{"←", "back a stop: the lesson is replayed from the start to where that stop began"},
			{"1-9", "answer the question on screen; the stop plays, then says if you were right"},
		} {
			b.WriteString("  " + m.clean(r[0]) + strings.Repeat(" ", max(11-ansi.StringWidth(m.clean(r[0])), 1)) + wrapIndent(m.clean(r[1]), w-15, 13) + "\n")
		}
	}

	// Keys: three columns (keys, what they do wrapped in its column, the
	// kubectl command) when the middle one keeps a useful width; else the
	// command goes under what the key does.
	groups := m.keys.helpGroups()
	kw, cw, doesW := 0, 0, 0
	for _, g := range groups {
		for _, r := range g.rows {
			kw = max(kw, ansi.StringWidth(m.clean(rowKeys(r, m.opts.ASCII))))
			cw = max(cw, ansi.StringWidth(m.clean(r.kubectl)))
			doesW = max(doesW, ansi.StringWidth(m.clean(r.does)))
		}
	}
	dw := min(w-kw-cw-6, doesW)
	three := dw >= 24
	if !three {
		dw = w - kw - 4
	}
	for _, g := range groups {
		heading(g.title)
		for _, r := range g.rows {
			keys := m.clean(rowKeys(r, m.opts.ASCII))
			does := wrap(m.clean(r.does), max(dw, 10))
			cmd := m.clean(r.kubectl)
			indent := strings.Repeat(" ", kw+4)
			b.WriteString("  " + st.Help.FullKey.Render(keys) + strings.Repeat(" ", kw-ansi.StringWidth(keys)+2))
			for i, l := range does {
				if i > 0 {
					b.WriteString("\n" + indent)
				}
				b.WriteString(l)
				if i == 0 && three && cmd != "" {
					b.WriteString(strings.Repeat(" ", dw-ansi.StringWidth(l)+2) + st.Status.Command.Render(cmd))
				}
			}
			if !three && cmd != "" {
				b.WriteString("\n" + indent + st.Status.Command.Render(cmd))
			}
			b.WriteString("\n")
		}
	}

	heading("what the diagram shows")
	legend := diagram.Legend(m.opts.ASCII)
	sw := 0
	for _, e := range legend {
		sw = max(sw, ansi.StringWidth(e.Symbol)+1+ansi.StringWidth(e.Word))
	}
	for _, e := range legend {
		left := e.Symbol + " " + e.Word
		b.WriteString("  " + m.clean(left) + strings.Repeat(" ", sw-ansi.StringWidth(left)+2) +
			wrapIndent(m.clean(e.Meaning), w-sw-4, sw+4) + "\n")
	}

	heading("the status bar")
	g := st.Glyphs
	bar := [][2]string{
		{g.Running + " 12.5s ×1", "the virtual clock runs: 12.5 s since start, 1 virtual second per real one (] faster, [ slower)"},
		{g.Paused + " paused", "you stopped the clock (space); . steps to the next change"},
		{"idle, in brackets", "nothing more will happen unless you act: nothing is pending, or a stuck rollout only retries, and no script step is to come"},
		{"#3 " + g.Arrow + " …", "your 3rd action's result; the line under it is the kubectl command it ran"},
		{"stuck: u undoes", "the way out of a stuck rollout (paused: p resumes)"},
	}
	bw := 0
	for _, r := range bar {
		bw = max(bw, ansi.StringWidth(m.clean(r[0])))
	}
	for _, r := range bar {
		left := m.clean(r[0])
		b.WriteString("  " + left + strings.Repeat(" ", bw-ansi.StringWidth(left)+2) + wrapIndent(m.clean(r[1]), w-bw-4, bw+4) + "\n")
	}

	heading(": accepts (with or without the leading kubectl; tab completes, ↑ ↓ history)")
	for _, c := range acceptedCommands {
		b.WriteString("  " + st.Status.Command.Render(m.clean(c.usage)) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// wrapIndent wraps plain text to w cells, continuing lines indented by
// indent spaces.
func wrapIndent(s string, w, indent int) string {
	lines := wrap(s, max(w, 10))
	return strings.Join(lines, "\n"+strings.Repeat(" ", indent))
}
