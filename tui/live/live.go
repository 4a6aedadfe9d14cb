// Package live is the live view of a real cluster: the diagram the
// simulation's live view draws, from a source that changes by itself
// (source/kube), with a status bar that says which cluster, namespace and
// server it reads, whether the connection holds, and whether the view is
// read-only (the default) or may write (--write). Read-only, the keys
// that would change the cluster say which kubectl command they stand for;
// with --write they act after a confirmation (write.go). The virtual
// clock's keys say why a real cluster has none.
package live

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"podviz/controller"
	"podviz/controller/kubectl"
	"podviz/termsafe"
	"podviz/tui"
	"podviz/tui/diagram"
)

// Source is what the view reads: a picture, a signal when it changed, and
// a probe of the API server.
type Source interface {
	Snapshot() *controller.Snapshot
	Changed() <-chan struct{}
	Probe(ctx context.Context) error
}

// Target names what the status bar shows about the cluster.
type Target struct {
	Context, Namespace, Version string
	All                         bool
	Selector                    string
}

// Options configure the view.
type Options struct {
	ASCII bool
	// Write lets the keys act on the cluster, each after a confirmation
	// naming the context, the namespace and the exact kubectl command;
	// Yes skips the confirmation (scripted demos). Run makes the
	// action's API calls.
	Write, Yes bool
	Run        func(ctx context.Context, a kubectl.Action) (string, error)
	// Now is the wall clock (time.Now when nil); tests fix it.
	Now func() time.Time
}

// Probe back-off: the first retry after a failed probe comes after
// probeMin, each next one twice as late, at most probeMax; while the
// server answers it is asked every probeEvery.
const (
	probeEvery = 5 * time.Second
	probeMin   = time.Second
	probeMax   = 30 * time.Second
	// minFrame spaces the redraws a burst of changes asks for.
	minFrame = 100 * time.Millisecond
)

// Model is the root model of the real-cluster view.
type Model struct {
	src    Source
	target Target
	opts   Options
	keys   tui.KeyMap

	snap          *controller.Snapshot
	width, height int
	scroll        int
	showTable     bool
	showHelp      bool
	note          string
	// prompt is the : line being typed (nil when closed); confirm the
	// action waiting for y or n.
	prompt  *string
	confirm *pending

	// Connection: staleSince is when the probe first failed (zero while
	// the server answers), staleErr its words, backoff the next wait.
	staleSince time.Time
	staleErr   string
	backoff    time.Duration
	lastDraw   time.Time
}

// New returns the view of src.
func New(src Source, target Target, opts Options) *Model {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	m := &Model{src: src, target: target, opts: opts, keys: tui.DefaultKeyMap(), width: 80, height: 24, backoff: probeMin}
	m.snap = src.Snapshot()
	return m
}

type (
	changedMsg struct{}
	redrawMsg  struct{}
	probeMsg   struct{ err error }
	probeDue   struct{}
)

// Init waits for the first change and schedules the first probe.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.waitChange(), m.probeAfter(probeEvery))
}

func (m *Model) waitChange() tea.Cmd {
	ch := m.src.Changed()
	return func() tea.Msg {
		<-ch
		return changedMsg{}
	}
}

func (m *Model) probeAfter(d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return probeDue{} })
}

func (m *Model) probe() tea.Cmd {
	src := m.src
	return func() tea.Msg { return probeMsg{err: src.Probe(context.Background())} }
}

// Update routes one message.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case changedMsg:
		// Redraw at most once a frame: a rollout of many pods changes
		// objects faster than a terminal needs to see.
		if wait := minFrame - m.opts.Now().Sub(m.lastDraw); wait > 0 {
			return m, tea.Tick(wait, func(time.Time) tea.Msg { return redrawMsg{} })
		}
		m.refresh()
		return m, m.waitChange()
	case redrawMsg:
		m.refresh()
		return m, m.waitChange()
	case probeDue:
		return m, m.probe()
	case probeMsg:
		if msg.err == nil {
			m.staleSince, m.staleErr, m.backoff = time.Time{}, "", probeMin
			m.refresh()
			return m, m.probeAfter(probeEvery)
		}
		if m.staleSince.IsZero() {
			m.staleSince = m.opts.Now()
		}
		m.staleErr = termsafe.Line(msg.err.Error())
		wait := m.backoff
		m.backoff = min(2*m.backoff, probeMax)
		return m, m.probeAfter(wait)
	case tea.KeyPressMsg:
		switch {
		case m.confirm != nil:
			return m, m.onConfirmKey(msg)
		case m.prompt != nil:
			return m, m.onPromptKey(msg)
		}
		return m, m.onKey(msg)
	case actionDone:
		m.onActionDone(msg)
	}
	return m, nil
}

func (m *Model) refresh() {
	m.snap = m.src.Snapshot()
	m.lastDraw = m.opts.Now()
}

// onKey handles a key; keys that would change the cluster or the clock
// only explain themselves.
func (m *Model) onKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.keys
	m.note = ""
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Help):
		m.showHelp = !m.showHelp
	case key.Matches(msg, k.Close):
		m.showHelp, m.showTable = false, false
	case key.Matches(msg, k.Table):
		m.showTable = !m.showTable
		m.scroll = 0
	case key.Matches(msg, k.ScrollDown, k.Down):
		m.scroll++
	case key.Matches(msg, k.ScrollUp, k.Up):
		m.scroll = max(m.scroll-1, 0)
	case key.Matches(msg, k.Clock, k.StepOnce, k.Faster, k.Slower):
		m.note = "a real cluster runs in real time: there is no virtual clock to pause, step or speed up"
	case key.Matches(msg, k.Command):
		empty := ""
		m.prompt = &empty
	default:
		if cmd, ok := mutating(k, msg); ok {
			if line, why := m.deploymentAction(msg); line != "" {
				return m.propose(line)
			} else if m.opts.Write {
				m.note = why
			} else {
				m.note = "read-only: " + msg.String() + " would run " + cmd + " (podviz --write acts)"
			}
		} else {
			m.note = msg.String() + " does nothing in the real-cluster view (q quits, ? helps)"
		}
	}
	return nil
}

// mutating is the kubectl command a mutating key stands for.
func mutating(k *tui.KeyMap, msg tea.KeyPressMsg) (string, bool) {
	for _, c := range []struct {
		b   key.Binding
		cmd string
	}{
		{k.ScaleUp, "kubectl scale deployment/NAME --replicas=N"}, {k.ScaleDown, "kubectl scale deployment/NAME --replicas=N"},
		{k.ScaleTo, "kubectl scale deployment/NAME --replicas=N"}, {k.SetImage, "kubectl set image deployment/NAME C=IMAGE"},
		{k.Kill, "kubectl delete pod NAME"}, {k.Crash, "kubectl exec POD -c C -- kill 1"}, {k.FailProbe, "kubectl exec POD -c C -- rm FILE"},
		{k.Undo, "kubectl rollout undo deployment/NAME"}, {k.PauseRollout, "kubectl rollout pause|resume deployment/NAME"},
		{k.Restart, "kubectl rollout restart deployment/NAME"}, {k.Command, "kubectl ..."},
	} {
		if key.Matches(msg, c.b) {
			return c.cmd, true
		}
	}
	return "", false
}

// View draws the status bar, the picture (or the pods table, or the
// help), and the note or the key hints.
func (m *Model) View() tea.View {
	var v tea.View
	v.AltScreen = true
	v.SetContent(m.Render())
	return v
}

// Render is the screen as text (for tests and View).
func (m *Model) Render() string {
	w, h := max(m.width, 20), max(m.height, 4)
	status := m.statusLine(w)
	foot := m.note
	switch {
	case m.confirm != nil:
		foot = m.confirmLine()
	case m.prompt != nil:
		foot = ":" + *m.prompt
	case foot == "" && m.opts.Write:
		foot = "--write: keys act after y | : kubectl... | t pods | ? help | q quit"
	case foot == "":
		foot = "read-only | t pods table | ? help | pgup/pgdn scroll | q quit"
	}
	var body string
	switch {
	case m.showHelp:
		body = helpText
	case m.showTable:
		out, err := kubectl.PrintPods(m.snap, kubectl.PrintOptions{Namespace: m.target.Namespace})
		if err != nil {
			out += err.Error()
		}
		body = out
	default:
		body = diagram.Render(m.snap, w, diagram.Options{ASCII: m.opts.ASCII, Height: h - 2})
	}
	lines := strings.Split(termsafe.Text(strings.TrimRight(body, "\n")), "\n")
	room := h - 2
	if m.scroll > max(len(lines)-room, 0) {
		m.scroll = max(len(lines)-room, 0)
	}
	lines = lines[m.scroll:]
	if len(lines) > room {
		lines = lines[:room]
	}
	for len(lines) < room {
		lines = append(lines, "")
	}
	out := append([]string{status}, lines...)
	out = append(out, cut(termsafe.Line(foot), w))
	return strings.Join(out, "\n")
}

// statusLine: context, namespace (or all), server version, connection
// state (stale with its age and the error), read-only.
func (m *Model) statusLine(w int) string {
	ns := m.target.Namespace
	if m.target.All {
		ns = "all namespaces"
	}
	parts := []string{"context " + m.target.Context, "namespace " + ns}
	if m.target.Selector != "" {
		parts = append(parts, "-l "+m.target.Selector)
	}
	if m.target.Version != "" {
		parts = append(parts, m.target.Version)
	}
	if m.staleSince.IsZero() {
		parts = append(parts, "connected")
	} else {
		age := m.opts.Now().Sub(m.staleSince).Truncate(time.Second)
		parts = append(parts, fmt.Sprintf("STALE %v, reconnecting: %s", age, m.staleErr))
	}
	if m.opts.Write {
		parts = append(parts, "WRITE")
	} else {
		parts = append(parts, "read-only")
	}
	return cut(termsafe.Line(strings.Join(parts, " | ")), w)
}

func cut(s string, w int) string {
	if r := []rune(s); len(r) > w {
		return string(r[:w-1]) + "~"
	}
	return s
}

const helpText = `podviz on a real cluster

The picture is the cluster as its API server tells it, kept current by
watches. Without --write podviz only reads: the keys that change the
simulation's cluster (+ - s i x c f u p r :) say the kubectl command
they stand for and do nothing. With --write, + - u p r act on the one
Deployment in view and : takes any kubectl command podviz knows; each
asks first, naming the context, the namespace and the exact command
(y runs it, anything else cancels; --yes does not ask). The API calls
are kubectl's own; its errors are shown in its words. There is no
virtual clock: space . ] [ do nothing.

When the API server stops answering, the picture stays as it was last
seen and the status bar says STALE, for how long and why; podviz keeps
trying, waiting longer each time (up to 30s), and the watches resume by
themselves.

  t       the pods as a table (kubectl get pods)
  ?       this help
  esc     close the table or the help
  pgup/pgdn, up/down   scroll
  q       quit`
