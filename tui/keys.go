package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
)

// KeyMap is every binding of the live view. The key bar, the help pane and
// the README's key table are all built from these bindings and the rows
// below (tests check all three), so they cannot disagree.
type KeyMap struct {
	// Select
	Next, Prev, Up, Down, Left, Right key.Binding
	// Act on the cluster (each one is a kubectl command)
	ScaleUp, ScaleDown, ScaleTo, SetImage, Kill, Crash, FailProbe, Undo, PauseRollout, Restart, Command key.Binding
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
		Crash:        b([]string{"c"}, "c", "crash container"),
		FailProbe:    b([]string{"f"}, "f", "fail probe"),
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

// all lists every binding, for the help-honesty tests and for --ascii.
func (k *KeyMap) all() []*key.Binding {
	return []*key.Binding{&k.Next, &k.Prev, &k.Up, &k.Down, &k.Left, &k.Right,
		&k.ScaleUp, &k.ScaleDown, &k.ScaleTo, &k.SetImage, &k.Kill, &k.Crash, &k.FailProbe, &k.Undo, &k.PauseRollout, &k.Restart, &k.Command,
		&k.Clock, &k.StepOnce, &k.Faster, &k.Slower,
		&k.Table, &k.Events, &k.Differences, &k.Help, &k.ScrollUp, &k.ScrollDown, &k.Close, &k.Quit}
}

// helpRow is one line of the help pane and of the README's key table: the
// bindings it covers, what they do, and the kubectl command they stand for
// ("" for keys that only move the view). Every binding is in exactly one
// row.
type helpRow struct {
	keys    []*key.Binding
	does    string
	kubectl string
}

// helpGroup is a titled run of rows.
type helpGroup struct {
	title string
	rows  []helpRow
}

// helpGroups is the key reference, in the order the help pane shows it.
func (k *KeyMap) helpGroups() []helpGroup {
	row := func(does, kubectl string, keys ...*key.Binding) helpRow { return helpRow{keys, does, kubectl} }
	return []helpGroup{
		{"act on the cluster", []helpRow{
			row("scale the Deployment up / down by one", "kubectl scale deployment/NAME --replicas=N", &k.ScaleUp, &k.ScaleDown),
			row("scale to a number you type", "kubectl scale deployment/NAME --replicas=N", &k.ScaleTo),
			row("set the image (suggests tags, and one that does not exist)", "kubectl set image deployment/NAME nginx=nginx:1.27", &k.SetImage),
			row("kill the selected pod", "kubectl delete pod NAME", &k.Kill),
			row("crash the pod's container: it restarts in place, RESTARTS +1", "kubectl exec POD -c C -- kill 1", &k.Crash),
			row("fail its exec probe: remove the file the probe reads", "kubectl exec POD -c C -- rm /tmp/healthy", &k.FailProbe),
			row("roll back to the previous revision", "kubectl rollout undo deployment/NAME", &k.Undo),
			row("pause / resume the rollout", "kubectl rollout pause|resume deployment/NAME", &k.PauseRollout),
			row("restart every pod, one rollout", "kubectl rollout restart deployment/NAME", &k.Restart),
			row("type any supported kubectl command (history, tab completion)", "kubectl …", &k.Command),
		}},
		{"select", []helpRow{
			row("select the next / previous object", "", &k.Next, &k.Prev),
			row("select on screen", "", &k.Up, &k.Down, &k.Left, &k.Right),
		}},
		{"the virtual clock", []helpRow{
			row("pause / run the clock", "", &k.Clock),
			row("step to the next change while paused", "", &k.StepOnce),
			row("faster / slower", "", &k.Faster, &k.Slower),
		}},
		{"views", []helpRow{
			row("the pods as a table", "kubectl get pods", &k.Table),
			row("more room for the event log (it fills any free rows anyway)", "kubectl get events --watch", &k.Events),
			row("the article's table, with what you did", "", &k.Differences),
			row("this help, with what every symbol means", "", &k.Help),
			row("scroll", "", &k.ScrollUp, &k.ScrollDown),
			row("close the pane", "", &k.Close),
			row("quit", "", &k.Quit),
		}},
	}
}

// rowKeys names a row's keys as the help pane and the README print them:
// each binding's keys ("x ctrl+k"), bindings apart ("+ = / -"). Three or
// more bindings with as many keys each are grouped by position instead,
// so the arrows read "↑ ↓ ← → / k j h l".
func rowKeys(r helpRow, ascii bool) string {
	n := len(r.keys[0].Keys())
	transpose := len(r.keys) > 2 && n > 1
	for _, b := range r.keys {
		transpose = transpose && len(b.Keys()) == n
	}
	var groups []string
	if transpose {
		for i := 0; i < n; i++ {
			var ks []string
			for _, b := range r.keys {
				ks = append(ks, keyName(b.Keys()[i], ascii))
			}
			groups = append(groups, strings.Join(ks, " "))
		}
	} else {
		for _, b := range r.keys {
			var ks []string
			for _, k := range b.Keys() {
				ks = append(ks, keyName(k, ascii))
			}
			groups = append(groups, strings.Join(ks, " "))
		}
	}
	return strings.Join(groups, " / ")
}

// keyName is how a key is written for people: arrows as arrows.
func keyName(s string, ascii bool) string {
	if ascii {
		return s
	}
	switch s {
	case "up":
		return "↑"
	case "down":
		return "↓"
	case "left":
		return "←"
	case "right":
		return "→"
	}
	return s
}

// barItem is one entry of the key bar: the keys shown, a short word, the
// bindings it stands for, and its rank — when the bar is narrow the highest
// ranks go first. Help and quit are not items: they always end the bar.
type barItem struct {
	keys, desc string
	bindings   []*key.Binding
	rank       int
}

// barItems are the key bar's entries in screen order (bubbles/help's short
// help, but with a drop order instead of a cut).
func (k *KeyMap) barItems() []barItem {
	return []barItem{
		{"tab", "select", []*key.Binding{&k.Next}, 6},
		{"+/-", "scale", []*key.Binding{&k.ScaleUp, &k.ScaleDown}, 1},
		{"s", "scale to", []*key.Binding{&k.ScaleTo}, 12},
		{"i", "image", []*key.Binding{&k.SetImage}, 3},
		{"x", "kill", []*key.Binding{&k.Kill}, 2},
		{"u", "undo", []*key.Binding{&k.Undo}, 4},
		{"p", "pause rollout", []*key.Binding{&k.PauseRollout}, 13},
		{"r", "restart", []*key.Binding{&k.Restart}, 14},
		{":", "kubectl", []*key.Binding{&k.Command}, 5},
		{"space", "clock", []*key.Binding{&k.Clock}, 7},
		{"t", "get pods", []*key.Binding{&k.Table}, 9},
		{"e", "events", []*key.Binding{&k.Events}, 8},
		{"d", "pod vs deployment", []*key.Binding{&k.Differences}, 10},
		{"]/[", "speed", []*key.Binding{&k.Faster, &k.Slower}, 11},
	}
}

// asciiHelp rewrites the help texts in 7-bit ASCII (arrows, ellipses).
func (k *KeyMap) asciiHelp() {
	for _, b := range k.all() {
		h := b.Help()
		b.SetHelp(toASCII(h.Key), toASCII(h.Desc))
	}
}

// KeyTable is the README's key table in Markdown, built from the same rows
// as the help pane (a test keeps the README equal to it).
func KeyTable() string {
	k := DefaultKeyMap()
	var b strings.Builder
	b.WriteString("| key | does | kubectl it stands for |\n| --- | --- | --- |\n")
	cell := func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
	for _, g := range k.helpGroups() {
		for _, r := range g.rows {
			var groups []string
			for _, grp := range strings.Split(rowKeys(r, false), " / ") {
				var ks []string
				for _, key := range strings.Fields(grp) {
					ks = append(ks, "`"+key+"`")
				}
				groups = append(groups, strings.Join(ks, " "))
			}
			cmd := ""
			if r.kubectl != "" {
				cmd = "`" + cell(r.kubectl) + "`"
			}
			b.WriteString("| " + strings.Join(groups, " / ") + " | " + cell(r.does) + " | " + cmd + " |\n")
		}
	}
	return b.String()
}
