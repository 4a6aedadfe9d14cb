package tui

import (
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"podviz/controller"
	"podviz/controller/script"
	"podviz/tui/diagram"
)

// IdleMarker is the status bar's mark for "nothing more will happen unless
// someone acts": the cluster has settled (script.Settled — nothing is
// pending, or a rollout is stuck past its progress deadline and the
// kubelet only retries its back-offs) and no script step is still to
// come. It is what a script's `after: settled` waits for, the same with
// and without --ascii, and appears nowhere else on screen (a test checks;
// captions may not contain it, and typed text showing it is altered), so
// a demo or a vhs tape waits for it with one pattern: `Wait+Screen
// /\[idle\]/`. Running shows ▶ and paused ⏸ paused instead; a stuck
// rollout also says `stuck: u undoes` beside it.
const IdleMarker = script.IdleMarker

// statusBar: the clock's state (running, paused or idle), virtual time and
// speed; the last action, numbered, with its kubectl command and result;
// the way out of a stuck or paused rollout; a note on why a key did
// nothing.
func (m *Model) statusBar(w int) string {
	k := statusKey{w, m.clockState(), m.snap.Elapsed, m.speed, m.selected, m.note, m.last, m.hint()}
	if k != m.statusKey || m.statusText == "" {
		m.statusKey, m.statusText = k, m.renderStatusBar(w)
	}
	return m.statusText
}

// statusKey is everything the status bar shows.
type statusKey struct {
	w              int
	clock          clockState
	elapsed        time.Duration
	speed          float64
	selected, note string
	last           actionResult
	hint           string
}

// clockState is what the clock segment says.
type clockState uint8

const (
	clockRunning clockState = iota // something is pending and the clock runs
	clockIdle                      // nothing is pending: the clock waits for an action
	clockPaused                    // the user stopped the clock (space)
)

func (m *Model) clockState() clockState {
	switch {
	case !m.running:
		return clockPaused
	case m.settled && m.scriptDone():
		return clockIdle
	}
	return clockRunning
}

// seg is a piece of the status bar: plain text and its style.
type seg struct {
	text  string
	style lipgloss.Style
}

func (s seg) width() int { return ansi.StringWidth(s.text) }

func (m *Model) renderStatusBar(w int) string {
	st := m.styles
	g := st.Glyphs
	elapsed, speed := fmtElapsed(m.snap.Elapsed), m.clean("×"+fmtSpeed(m.speed))
	var clock []seg
	switch m.clockState() {
	case clockPaused:
		clock = []seg{{g.Paused + " paused", st.Status.Paused}, {" " + elapsed, st.Status.Clock}, {" " + speed, st.Status.Paused}}
	case clockIdle:
		clock = []seg{{IdleMarker, st.Status.Idle}, {" " + elapsed, st.Status.Clock}, {" " + speed, st.Status.Idle}}
	default:
		clock = []seg{{g.Running, st.Status.Running}, {" " + elapsed, st.Status.Clock}, {" " + speed, st.Status.Running}}
	}
	clockW := 0
	for _, s := range clock {
		clockW += s.width()
	}
	sep := m.clean(g.Sep)
	sepW := ansi.StringWidth(sep)

	var sel string
	if s, i := m.selection(); i >= 0 {
		sel = m.clean(s.kind + "/" + s.name)
	}
	hint := m.clean(m.hint())
	note := m.clean(unmark(m.note))
	var number, command, result string
	resultStyle := st.Pane.Dim
	if l := m.last; l.command != "" {
		number = "#" + strconv.Itoa(l.seq)
		command = m.clean(unmark("$ " + l.command))
		switch {
		case l.err != "":
			result, resultStyle = m.clean(unmark(l.err)), st.Status.Error
		case l.result != "":
			result = m.clean(g.Arrow + " " + unmark(l.result))
		default:
			result = "(kubectl printed nothing)"
		}
	}

	render := func(segs []seg) string {
		var b strings.Builder
		for _, s := range segs {
			if s.text != "" {
				b.WriteString(s.style.Render(s.text))
			}
		}
		return b.String()
	}
	sepSeg := seg{sep, st.Pane.Rule}

	if w >= wideStatus {
		// One line: clock │ selection │ #N $ command → result │ hint, or the
		// note in place of the action.
		line := append([]seg(nil), clock...)
		used := clockW
		add := func(s ...seg) {
			line = append(line, sepSeg)
			used += sepW
			for _, x := range s {
				line = append(line, x)
				used += x.width()
			}
		}
		tail := 0
		if hint != "" {
			tail = sepW + ansi.StringWidth(hint)
		}
		// The selection only when everything else fits beside it (the
		// heavy border shows it anyway).
		actionW := 0
		switch {
		case note != "":
			actionW = sepW + ansi.StringWidth(note)
		case command != "":
			actionW = sepW + ansi.StringWidth(number+" "+command)
			if result != "" {
				actionW += 1 + ansi.StringWidth(result)
			}
		}
		if sel != "" && used+sepW+ansi.StringWidth(sel)+actionW+tail <= w {
			add(seg{sel, st.Status.Selected})
		}
		switch {
		case note != "":
			add(seg{cutWords(note, w-used-sepW-tail, g.Ellipsis), st.Status.Note})
		case command != "":
			room := w - used - sepW - tail
			cmd := cutWords(number+" "+command, room, g.Ellipsis)
			add(seg{cmd, st.Status.Command})
			if r := room - ansi.StringWidth(cmd) - 1; result != "" && r > 12 {
				line = append(line, seg{" " + cutWords(result, r, g.Ellipsis), resultStyle})
			}
		}
		if hint != "" {
			add(seg{hint, st.Status.Hint})
		}
		return fit(render(line), w)
	}

	// Two lines. The first: the clock, the last action's number and result
	// (or the selection), and the hint; the second: the command itself, or
	// the note. What does not fit is cut at a word, the result first.
	first := append([]seg(nil), clock...)
	room := w - clockW
	var hintSeg []seg
	if hint != "" && room >= sepW+ansi.StringWidth(hint) {
		hintSeg = []seg{sepSeg, {hint, st.Status.Hint}}
		room -= sepW + ansi.StringWidth(hint)
	}
	switch {
	case number != "" && room > sepW+len(number)+1:
		r := room - sepW - len(number) - 1
		first = append(first, sepSeg, seg{number, st.Status.Command})
		if result != "" && r > 8 {
			first = append(first, seg{" " + cutWords(result, r, g.Ellipsis), resultStyle})
		}
	case sel != "" && room > sepW+4:
		first = append(first, sepSeg, seg{cutWords(sel, room-sepW, g.Ellipsis), st.Status.Selected})
	}
	first = append(first, hintSeg...)
	var second seg
	switch {
	case note != "":
		second = seg{cutWords(note, w, g.Ellipsis), st.Status.Note}
	case command != "":
		second = seg{cutWords(command, w, g.Ellipsis), st.Status.Command}
	}
	return fit(render(first), w) + "\n" + fit(render([]seg{second}), w)
}

// unmark keeps IdleMarker out of text that quotes the user (a typed
// command, its error, a note): "[idle]" there reads "(idle)", so the
// marker a demo waits for appears on the status bar's clock alone. The
// replacement has as many runes, so a cursor position in it stays valid.
func unmark(s string) string {
	if !strings.Contains(s, IdleMarker) {
		return s
	}
	return strings.ReplaceAll(s, IdleMarker, "("+IdleMarker[1:len(IdleMarker)-1]+")")
}

// hint is the way out of the state the target Deployment is stuck in, as
// the key that takes it: "paused: p resumes" for a paused rollout,
// "stuck: u undoes" for a rollout whose new pods cannot start when there is
// a revision to go back to. "" when nothing is stuck.
func (m *Model) hint() string {
	d := m.hintDeployment()
	if d == nil {
		return ""
	}
	switch {
	case d.Paused:
		return "paused: p resumes"
	case rolloutStuck(d) && len(d.ReplicaSets) > 1:
		return "stuck: u undoes"
	}
	return ""
}

// hintDeployment is the Deployment the hint speaks of: the one the
// selection belongs to, or the only one.
func (m *Model) hintDeployment() *controller.DeploymentView {
	if d, _ := m.targetDeployment(); d != nil {
		return d
	}
	if len(m.snap.Deployments) == 1 {
		return &m.snap.Deployments[0]
	}
	return nil
}

// rolloutStuck: the rollout cannot finish by itself — it has exceeded its
// progress deadline, or a pod of its new ReplicaSet is failing to start.
func rolloutStuck(d *controller.DeploymentView) bool {
	if d.RolloutDone {
		return false
	}
	if d.RolloutFailed {
		return true
	}
	for i := range d.ReplicaSets {
		rs := &d.ReplicaSets[i]
		if !rs.New {
			continue
		}
		for j := range rs.Pods {
			if diagram.Failing(&rs.Pods[j]) {
				return true
			}
		}
	}
	return false
}

// cutWords shortens plain s to at most w cells at a word boundary, ending
// with the ellipsis, so nothing is cut silently and no word is cut in half
// (unless a single word is longer than the room).
func cutWords(s string, w int, ellipsis string) string {
	if w <= 0 {
		return ""
	}
	if len(s) <= w || ansi.StringWidth(s) <= w {
		return s
	}
	ew := ansi.StringWidth(ellipsis)
	if ew >= w {
		return ansi.Truncate(s, w, "")
	}
	head := ansi.Truncate(s, w-ew, "")
	if i := strings.LastIndexByte(head, ' '); i > len(head)/2 {
		head = strings.TrimRight(head[:i], " ")
	}
	return head + ellipsis
}
